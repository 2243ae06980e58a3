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
		{"a word between keeps them apart",
			[]Edit{del("capped"), ins("limited"), eq(" at "), del("600,000"), ins("800,000")},
			[]Edit{del("capped"), ins("limited"), eq(" at "), del("600,000"), ins("800,000")}},
		{"punctuation between keeps them apart",
			[]Edit{del("a"), ins("x"), eq(", "), del("b"), ins("y")},
			[]Edit{del("a"), ins("x"), eq(", "), del("b"), ins("y")}},
		{"a pure insert does not join",
			[]Edit{del("capped"), ins("limited"), eq(" "), ins("strictly")},
			[]Edit{del("capped"), ins("limited"), eq(" "), ins("strictly")}},
		{"a pure delete does not join",
			[]Edit{del("only"), eq(" "), del("capped"), ins("limited")},
			[]Edit{del("only"), eq(" "), del("capped"), ins("limited")}},
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
