package words

import (
	"reflect"
	"slices"
	"testing"
)

func TestExtractFigures(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Ukraine's armed forces are capped at 600,000 personnel.", []string{"600,000"}},
		{"600,000 troops", []string{"600,000"}},
		{"Ukraine holds elections within 100 days.", []string{"100 days"}},
		{"A 60-day ceasefire; 20-point plan", []string{"60-day", "20-point"}},
		{"$100bn of frozen funds; $800 billion; €5m; 100 billion dollars", []string{"$100bn", "$800 billion", "€5m", "100 billion dollars"}},
		{"50% of profits, 50 per cent, 90 Percent", []string{"50%", "50 per cent", "90 Percent"}},
		{"output split 50:50, one-third each (33/33/33)", []string{"50:50", "33/33/33"}},
		{"EU membership by 2027 or 2028", []string{"2027", "2028"}},
		{"guarantees mirroring Article 5; Art. 5; point 14.3; Articles 5 and 6", []string{"Article 5", "Art. 5", "point 14.3", "Articles 5", "6"}},
		{"pull-backs of 5 km, 10 kilometres or 5/10/40 km", []string{"5 km", "10 kilometres", "5/10/40 km"}},
		{"the 21st century, 1st stage, 3rd and 4th, 22nd", nil},
		{"G8, F-16, START I, twenty days", nil},
		{"within 100\ndays", []string{"100 days"}},
		{"within 100\n\ndays", []string{"100"}},
		{"Збройні сили — 800\u00a0000 у мирний час", []string{"800\u00a0000"}},
		{"Article\n5", []string{"Article 5"}},
		{"5 5 days", []string{"5", "5 days"}},
		{"", nil},
	}
	for _, tc := range tests {
		if got := ExtractFigures(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ExtractFigures(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestFigures(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want []Figure
	}{
		{"army cap", "Ukraine's armed forces are capped at 600,000 personnel.",
			"Ukraine's armed forces are limited to 800,000 personnel in peacetime.",
			[]Figure{{"600,000", "800,000"}}},
		{"figure dropped", "Ukraine holds elections within 100 days.",
			"Ukraine holds elections as soon as possible after signing.",
			[]Figure{{"100 days", ""}}},
		{"figure added", "Ukraine joins the EU.", "Ukraine joins the EU by 2027.",
			[]Figure{{"", "2027"}}},
		{"number changed, unit kept", "within 100 days", "within 60 days",
			[]Figure{{"100 days", "60 days"}}},
		{"unit changed, number kept", "within 100 days", "within 100 weeks",
			[]Figure{{"100 days", "100 weeks"}}},
		{"reworded figure", "Elections are held within 100 days.", "A 60-day election period follows.",
			[]Figure{{"100 days", "60-day"}}},
		{"currency forms", "Europe adds another $100bn.", "Funds aim to raise $800 billion.",
			[]Figure{{"$100bn", "$800 billion"}}},
		{"two figures in order", "600,000 troops within 100 days", "800,000 troops within 60 days",
			[]Figure{{"600,000", "800,000"}, {"100 days", "60 days"}}},
		{"same kind pairs first", "within 100 days, 50% share", "60% share",
			[]Figure{{"100 days", ""}, {"50%", "60%"}}},
		{"unchanged figure, words around it changed", "Guarantees mirror Article 5.",
			"The US gives guarantees mirroring Article 5.", nil},
		{"moved figure", "Within 100 days, elections are held.", "Elections are held within 100 days.", nil},
		{"white space inside a figure", "within 100 days", "within 100\ndays", nil},
		{"no-break space grouping", "Сили: 600\u00a0000.", "Сили: 800\u00a0000.",
			[]Figure{{"600\u00a0000", "800\u00a0000"}}},
		{"ratio", "output split 50:50", "output split 33/33/33", []Figure{{"50:50", "33/33/33"}}},
		{"reference", "mirroring Article 5", "mirroring Article 4", []Figure{{"Article 5", "Article 4"}}},
		{"no figures", "Ukraine's sovereignty is reaffirmed.", "Ukraine's sovereignty is confirmed.", nil},
		{"identical", "capped at 600,000", "capped at 600,000", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Figures(Diff(tc.a, tc.b))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Figures(Diff(%q, %q))\n got %q\nwant %q", tc.a, tc.b, got, tc.want)
			}
			checkFigures(t, tc.a, tc.b, got)
		})
	}
}

// checkFigures checks what Figures promises for every input: each side of
// a pair is a figure of its text, the old sides appear in order of the old
// text and the new sides in order of the new, and no pair reads the same on
// both sides.
func checkFigures(t *testing.T, a, b string, figs []Figure) {
	t.Helper()
	oldFigs, newFigs := ExtractFigures(a), ExtractFigures(b)
	oi, ni := 0, 0
	for _, f := range figs {
		if f.Old == f.New {
			t.Errorf("figure pair %q reads the same on both sides", f)
		}
		if f.Old != "" {
			k := slices.Index(oldFigs[oi:], f.Old)
			if k < 0 {
				t.Errorf("old figure %q is not, in order, among %q", f.Old, oldFigs)
				continue
			}
			oi += k + 1
		}
		if f.New != "" {
			k := slices.Index(newFigs[ni:], f.New)
			if k < 0 {
				t.Errorf("new figure %q is not, in order, among %q", f.New, newFigs)
				continue
			}
			ni += k + 1
		}
	}
}

func FuzzFigures(f *testing.F) {
	for _, p := range clausePairs {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		figs := Figures(Diff(a, b))
		checkFigures(t, a, b, figs)
		if again := Figures(Diff(a, b)); !reflect.DeepEqual(again, figs) {
			t.Fatalf("two runs differ:\n%q\n%q", figs, again)
		}
		// A Differ reused across calls gives what Figures gives.
		var d Differ
		for _, p := range [][2]string{{b, a}, {a, b}} {
			want := Figures(Diff(p[0], p[1]))
			if got := d.Figures(p[0], p[1], d.Diff(p[0], p[1])); !reflect.DeepEqual(got, want) {
				t.Fatalf("Differ.Figures(%q, %q) = %q, want %q", p[0], p[1], got, want)
			}
		}
	})
}

// TestDifferFigures checks that a Differ's Figures, with its buffers reused
// from pair to pair, agrees with Figures on every pair of the table, and
// refuses edits that do not turn a into b.
func TestDifferFigures(t *testing.T) {
	var d Differ
	for _, p := range clausePairs {
		for _, q := range [][2]string{{p[0], p[1]}, {p[1], p[0]}} {
			want := Figures(Diff(q[0], q[1]))
			if got := d.Figures(q[0], q[1], d.Diff(q[0], q[1])); !reflect.DeepEqual(got, want) {
				t.Errorf("Differ.Figures(%q, %q) = %q, want %q", q[0], q[1], got, want)
			}
		}
	}
	if got := d.Figures("100 days", "60 days", Diff("100 days", "60 days and more")); got != nil {
		t.Errorf("edits of other texts gave %q", got)
	}
}

func BenchmarkFigures(b *testing.B) {
	b.Run("changed", func(b *testing.B) {
		edits := Diff(benchOld, benchNew)
		b.ReportAllocs()
		for b.Loop() {
			Figures(edits)
		}
	})
	b.Run("unchanged", func(b *testing.B) {
		edits := Diff(benchOld, benchOld)
		b.ReportAllocs()
		for b.Loop() {
			Figures(edits)
		}
	})
	b.Run("ExtractFigures", func(b *testing.B) {
		s := clausePairs[5][1]
		b.ReportAllocs()
		for b.Loop() {
			ExtractFigures(s)
		}
	})
}
