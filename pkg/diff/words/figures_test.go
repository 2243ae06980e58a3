package words

import (
	"reflect"
	"slices"
	"testing"

	"github.com/plandiff/plandiff/pkg/figures"
)

func TestExtractFigures(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Ukraine's armed forces are capped at 600,000 personnel.", []string{"600,000"}},
		{"600,000 troops", []string{"600,000"}},
		{"Ukraine holds elections within 100 days.", []string{"100 days"}},
		{"A 60-day ceasefire", []string{"60-day"}},
		{"$100bn of frozen funds; $800 billion; €5m; 100 billion dollars", []string{"$100bn", "$800 billion", "€5m", "100 billion dollars"}},
		{"50% of profits, 50 per cent, 90 Percent", []string{"50%", "50 per cent", "90 Percent"}},
		{"output split 50:50, one-third each (33/33/33)", []string{"50:50", "33/33/33"}},
		{"EU membership by 2027 or 2028", []string{"2027", "2028"}},
		{"guarantees mirroring Article 5; Art. 5; point 14.3", []string{"Article 5", "Art. 5", "point 14.3"}},
		{"pull-backs of 5 km, 10 kilometres", []string{"5 km", "10 kilometres"}},
		{"the 21st century, 1st stage, 3rd and 4th, 22nd", nil},
		{"G8, F-16, START I", nil},
		{"twenty days; six hundred thousand troops; half the profits", []string{"twenty days", "six hundred thousand", "half"}},
		{"within 100\ndays", []string{"100 days"}},
		{"within 100\n\ndays", []string{"100"}},
		{"Збройні сили — 800\u00a0000 у мирний час", []string{"800\u00a0000"}},
		{"Article\n5", []string{"Article 5"}},
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
			[]Figure{{Old: "600,000", New: "800,000", Kind: "count", Direction: "up", Change: "+33%"}}},
		{"deadline dropped", "Ukraine holds elections within 100 days.",
			"Ukraine holds elections as soon as possible after signing.",
			[]Figure{{Old: "100 days", Kind: "duration", Note: NoteDeadlineDropped, Instead: "as soon as possible"}}},
		{"deadline dropped, clause rewritten", "Ukraine will hold presidential elections within 100 days.",
			"Presidential elections take place in Ukraine as soon as possible.",
			[]Figure{{Old: "100 days", Kind: "duration", Note: NoteDeadlineDropped, Instead: "as soon as possible"}}},
		{"deadline dropped, no open deadline", "Ukraine holds elections within 100 days.",
			"Ukraine holds elections after the new constitution is adopted.",
			[]Figure{{Old: "100 days", Kind: "duration", Note: NoteDeadlineDropped, Instead: "after the new constitution is adopted"}}},
		{"deadline added", "Ukraine joins the EU.", "Ukraine joins the EU by 2027.",
			[]Figure{{New: "2027", Kind: "date", Note: NoteDeadlineAdded}}},
		{"figure dropped", "Europe adds $100bn for rebuilding.", "Europe adds funds for rebuilding.",
			[]Figure{{Old: "$100bn", Kind: "money", Note: NoteDropped}}},
		{"number changed, unit kept", "within 100 days", "within 60 days",
			[]Figure{{Old: "100 days", New: "60 days", Kind: "duration", Direction: "down", Change: "−40%"}}},
		{"unit changed", "within 3 months", "within 90 days",
			[]Figure{{Old: "3 months", New: "90 days", Kind: "duration", Direction: "down", Change: "−1%"}}},
		{"reworded figure", "Elections are held within 100 days.", "A 60-day election period follows.",
			[]Figure{{Old: "100 days", New: "60-day", Kind: "duration", Direction: "down", Change: "−40%"}}},
		{"currency forms", "Europe adds another $100bn.", "Funds aim to raise $800 billion.",
			[]Figure{{Old: "$100bn", New: "$800 billion", Kind: "money", Direction: "up", Change: "+700%"}}},
		{"two figures in order", "600,000 troops within 100 days", "800,000 troops within 60 days",
			[]Figure{{Old: "600,000", New: "800,000", Kind: "count", Direction: "up", Change: "+33%"},
				{Old: "100 days", New: "60 days", Kind: "duration", Direction: "down", Change: "−40%"}}},
		{"same kind pairs first", "within 100 days, 50% share", "60% share",
			[]Figure{{Old: "100 days", Kind: "duration", Note: NoteDeadlineDropped}, {Old: "50%", New: "60%", Kind: "percent", Direction: "up", Change: "+10 pp"}}},
		{"equal values are no change", "capped at 600,000 troops", "capped at 600 000 troops", nil},
		{"equal sums are no change", "$100bn of frozen funds", "US$100 billion of frozen funds", nil},
		{"equal shares are no change", "50% of the profits", "half the profits", nil},
		{"unchanged figure, words around it changed", "Guarantees mirror Article 5.",
			"The US gives guarantees mirroring Article 5.", nil},
		{"moved figure", "Within 100 days, elections are held.", "Elections are held within 100 days.", nil},
		{"white space inside a figure", "within 100 days", "within 100\ndays", nil},
		{"no-break space grouping", "Сили: 600\u00a0000.", "Сили: 800\u00a0000.",
			[]Figure{{Old: "600\u00a0000", New: "800\u00a0000", Kind: "count", Direction: "up", Change: "+33%"}}},
		{"ratio", "output split 50:50", "output split 33/33/33", []Figure{{Old: "50:50", New: "33/33/33", Kind: "count"}}},
		{"reference", "mirroring Article 5", "mirroring Article 4", []Figure{{Old: "Article 5", New: "Article 4", Kind: "reference"}}},
		{"date", "by 1 March 2026", "by 15 March 2026", []Figure{{Old: "1 March 2026", New: "15 March 2026", Kind: "date", Direction: "up", Change: "later"}}},
		{"range", "within 60-100 days", "within 30 to 60 days", []Figure{{Old: "60-100 days", New: "30 to 60 days", Kind: "duration", Direction: "down", Change: "−44%"}}},
		{"no figures", "Ukraine's sovereignty is reaffirmed.", "Ukraine's sovereignty is confirmed.", nil},
		{"identical", "capped at 600,000", "capped at 600,000", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Figures(Diff(tc.a, tc.b))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Figures(Diff(%q, %q))\n got %+v\nwant %+v", tc.a, tc.b, got, tc.want)
			}
			checkFigures(t, tc.a, tc.b, got)
		})
	}
}

// TestFigureToken checks that a figure changes as one token in the edits:
// "US$100bn" against "$100bn" never shows {+US+}. Every changed run either
// holds a figure of its side whole or does not touch it.
func TestFigureToken(t *testing.T) {
	for _, p := range [][2]string{
		{"Europe adds $100bn.", "Europe adds US$100bn."},
		{"capped at 600 000 troops", "capped at 800 000 troops"},
		{"within 100 days", "within 60 days"},
		{"split 50:50 between them", "split 33/33/33 between them"},
	} {
		checkWholeFigures(t, p[0], p[1], Diff(p[0], p[1]))
	}
}

func checkWholeFigures(t *testing.T, a, b string, edits []Edit) {
	t.Helper()
	fa, fb := figures.Read(a), figures.Read(b)
	ia, ib := 0, 0
	cuts := func(start, end int, fs []figures.Figure) bool {
		for _, f := range fs {
			if start < f.End && f.Start < end && !(start <= f.Start && f.End <= end) {
				return true
			}
		}
		return false
	}
	for _, e := range edits {
		switch e.Op {
		case OpEqual:
			ia += len(e.Text)
			ib += len(e.Text)
		case OpDelete:
			if cuts(ia, ia+len(e.Text), fa) {
				t.Errorf("%q → %q: deleting %q cuts a figure", a, b, e.Text)
			}
			ia += len(e.Text)
		case OpInsert:
			if cuts(ib, ib+len(e.Text), fb) {
				t.Errorf("%q → %q: inserting %q cuts a figure", a, b, e.Text)
			}
			ib += len(e.Text)
		}
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
			t.Errorf("figure pair %+v reads the same on both sides", f)
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
		checkWholeFigures(t, a, b, Diff(a, b))
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
		checkDiffRead(t, &d, a, b)
	})
}

// checkDiffRead checks that DiffRead, given the figures a Reader reads,
// gives Diff's edits and, after it, Figures gives what it gives after Diff.
func checkDiffRead(t *testing.T, d *Differ, a, b string) {
	t.Helper()
	var rd figures.Reader
	fa, fb := rd.Append(nil, a), rd.Append(nil, b)
	want := Diff(a, b)
	got := d.DiffRead(a, b, fa, fb)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("DiffRead(%q, %q) = %q, want %q", a, b, got, want)
	}
	if got, want := d.Figures(a, b, got), Figures(want); !reflect.DeepEqual(got, want) {
		t.Fatalf("Figures after DiffRead(%q, %q) = %q, want %q", a, b, got, want)
	}
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
	for _, p := range clausePairs {
		checkDiffRead(t, &d, p[0], p[1])
		checkDiffRead(t, &d, p[1], p[0])
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

// TestInsteadOf: the open deadline a text states, as written, found in any
// case and whatever bytes stand before it; else the text's first words.
func TestInsteadOf(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Presidential elections take place in Ukraine as soon as possible.", "as soon as possible"},
		{"\x81 As soon As possiBle after signing", "As soon As possiBle"},    // invalid UTF-8 before it
		{"İİİ immediately", "immediately"},                                   // a letter whose lower case is shorter
		{"unpromptly, the parties meet", "unpromptly, the parties meet"},     // whole words only
		{"éimmediately, the parties meet", "éimmediately, the parties meet"}, // a word's non-ASCII letter counts
		{"immediatelyé, the parties meet", "immediatelyé, the parties meet"},
		{"— immediately —", "immediately"}, // punctuation is not a word
		{"after the new constitution is adopted", "after the new constitution is adopted"},
	} {
		if got := insteadOf(tc.in); got != tc.want {
			t.Errorf("insteadOf(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
