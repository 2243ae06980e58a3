package synth

import (
	"errors"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/plan"
)

func TestWriteText(t *testing.T) {
	t.Parallel()
	cl := func(num, text string, sub ...*plan.Clause) *plan.Clause {
		return &plan.Clause{ID: "c" + num, Number: num, Text: text, Clauses: sub}
	}
	for _, tc := range []struct {
		name    string
		clauses []*plan.Clause
		want    string
	}{
		{"empty plan", nil, ""},
		{"one clause", []*plan.Clause{cl("1", "Ukraine is sovereign.")}, "1 Ukraine is sovereign.\n"},
		{"two clauses, blank line between", []*plan.Clause{cl("1", "A."), cl("2", "B.")}, "1 A.\n\n2 B.\n"},
		{"sub-points after their point, in order",
			[]*plan.Clause{cl("1", "A.", cl("1a", "A one."), cl("1b", "A two.")), cl("2", "B.")},
			"1 A.\n\n1a A one.\n\n1b A two.\n\n2 B.\n"},
		{"no number: text alone", []*plan.Clause{cl("", "Preamble.")}, "Preamble.\n"},
		{"line breaks and runs of spaces become one space",
			[]*plan.Clause{cl("3", "  First line\nsecond\n\nthird\t end  ")}, "3 First line second third end\n"},
		{"removed entries left out",
			[]*plan.Clause{cl("1", "A."), {ID: "gone", Removed: true}, cl("2", "B.")}, "1 A.\n\n2 B.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := WriteText(&b, &plan.Plan{Clauses: tc.clauses}); err != nil {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Errorf("got\n%q\nwant\n%q", b.String(), tc.want)
			}
		})
	}
}

// TestWriteTextGenerated checks that a generated pair gives one paragraph per
// clause on each side, each starting with the clause's number.
func TestWriteTextGenerated(t *testing.T) {
	t.Parallel()
	p := gen(t, 400, 7)
	for _, pl := range []*plan.Plan{p.Old, p.New} {
		var b strings.Builder
		if err := WriteText(&b, pl); err != nil {
			t.Fatal(err)
		}
		paras := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n\n")
		flat := pl.Flatten()
		if len(paras) != len(flat) {
			t.Fatalf("%s: %d paragraphs for %d clauses", pl.Name, len(paras), len(flat))
		}
		for i, f := range flat {
			if want := f.Clause.Number + " " + f.Clause.Text; paras[i] != want {
				t.Errorf("%s paragraph %d: %q, want %q", pl.Name, i, paras[i], want)
			}
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteTextError(t *testing.T) {
	t.Parallel()
	p := gen(t, 2000, 1) // more than the 64 KiB buffer
	if err := WriteText(failWriter{}, p.Old); err == nil {
		t.Error("a failing writer gives no error")
	}
}
