package words

import (
	"reflect"
	"testing"
)

func TestCoalesce(t *testing.T) {
	eq := func(s string) Edit { return Edit{OpEqual, s} }
	del := func(s string) Edit { return Edit{OpDelete, s} }
	ins := func(s string) Edit { return Edit{OpInsert, s} }
	tests := []struct {
		name string
		in   []Edit
		want []Edit
	}{
		{"nil", nil, nil},
		{"only empty edits", []Edit{eq(""), del("")}, nil},
		{"replacements across a space join",
			[]Edit{eq("are "), del("capped"), ins("limited"), eq(" "), del("at"), ins("to"), eq(" 600,000")},
			[]Edit{eq("are "), del("capped at"), ins("limited to"), eq(" 600,000")}},
		{"chains of replacements join",
			[]Edit{del("a"), ins("x"), eq(" "), del("b"), ins("y"), eq("\n"), del("c"), ins("z")},
			[]Edit{del("a b\nc"), ins("x y\nz")}},
		// In a lightly edited text, words and punctuation keep changes apart
		// and pure inserts and deletes stand alone.
		{"a word between keeps them apart",
			[]Edit{eq("The army is "), del("capped"), ins("limited"), eq(" at "), del("600,000"), ins("800,000"), eq(" troops in the field")},
			[]Edit{eq("The army is "), del("capped"), ins("limited"), eq(" at "), del("600,000"), ins("800,000"), eq(" troops in the field")}},
		{"punctuation between keeps them apart",
			[]Edit{eq("one two three four "), del("a"), ins("x"), eq(", "), del("b"), ins("y"), eq(" five six seven")},
			[]Edit{eq("one two three four "), del("a"), ins("x"), eq(", "), del("b"), ins("y"), eq(" five six seven")}},
		{"a pure insert does not join",
			[]Edit{eq("The army is "), del("capped"), ins("limited"), eq(" "), ins("strictly"), eq(" at 600,000 troops")},
			[]Edit{eq("The army is "), del("capped"), ins("limited"), eq(" "), ins("strictly"), eq(" at 600,000 troops")}},
		{"a pure delete does not join",
			[]Edit{eq("The army is "), del("only"), eq(" "), del("capped"), ins("limited"), eq(" at 600,000 troops")},
			[]Edit{eq("The army is "), del("only"), eq(" "), del("capped"), ins("limited"), eq(" at 600,000 troops")}},
		// In a heavily rewritten text, short equal runs between changes are
		// absorbed: phrases are replaced whole.
		{"heavy rewrite: a lone word between changes is absorbed",
			[]Edit{del("capped"), ins("limited"), eq(" at "), del("600,000"), ins("800,000")},
			[]Edit{del("capped at 600,000"), ins("limited at 800,000")}},
		{"heavy rewrite: punctuation between changes is absorbed",
			[]Edit{del("a"), ins("x"), eq(", "), del("b"), ins("y")},
			[]Edit{del("a, b"), ins("x, y")}},
		{"heavy rewrite: a pure insert joins",
			[]Edit{del("capped"), ins("limited"), eq(" the "), ins("strictly")},
			[]Edit{del("capped the "), ins("limited the strictly")}},
		{"heavy rewrite: a long equal run stays",
			[]Edit{del("Ukraine"), ins("Kyiv"), eq(" will hold elections "), del("within 100 days"), ins("soon")},
			[]Edit{del("Ukraine"), ins("Kyiv"), eq(" will hold elections "), del("within 100 days"), ins("soon")}},
		{"normalises order, empties and neighbours",
			[]Edit{eq("a"), eq(""), ins("x"), del("b"), ins("y"), eq("c"), eq("d")},
			[]Edit{eq("a"), del("b"), ins("xy"), eq("cd")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Coalesce(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Coalesce(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}
