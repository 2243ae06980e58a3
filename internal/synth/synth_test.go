package synth

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
)

func gen(t *testing.T, n int, seed uint64) *Pair {
	t.Helper()
	p, err := Generate(Config{Clauses: n, Seed: seed, Rates: DefaultRates()})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func yamlOf(t *testing.T, p *plan.Plan) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteYAML(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGenerateIsDeterministic(t *testing.T) {
	t.Parallel()
	a, b := gen(t, 500, 42), gen(t, 500, 42)
	if !bytes.Equal(yamlOf(t, a.Old), yamlOf(t, b.Old)) || !bytes.Equal(yamlOf(t, a.New), yamlOf(t, b.New)) {
		t.Error("the same seed gives different plans")
	}
	if !reflect.DeepEqual(a.Truth, b.Truth) {
		t.Error("the same seed gives different truths")
	}
	if c := gen(t, 500, 43); bytes.Equal(yamlOf(t, a.New), yamlOf(t, c.New)) {
		t.Error("different seeds give the same plan")
	}
}

// TestTruth checks that the truth accounts for every clause once, with kinds
// that fit their sides.
func TestTruth(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 7, 1000} {
		p := gen(t, n, 1)
		if got := p.Old.Count(); got != n {
			t.Errorf("%d clauses asked, %d generated", n, got)
		}
		seen := map[string]int{}
		for _, g := range p.Truth.Groups {
			no, nn := len(g.Old), len(g.New)
			ok := false
			switch g.Kind {
			case "unchanged", "modified":
				ok = no == 1 && nn == 1
			case "merged":
				ok = no >= 2 && nn == 1 && !g.Moved
			case "split":
				ok = no == 1 && nn >= 2 && !g.Moved
			case "added":
				ok = no == 0 && nn == 1 && !g.Moved
			case "removed":
				ok = no == 1 && nn == 0 && !g.Moved
			}
			if !ok {
				t.Errorf("%d clauses: group %+v does not fit its kind", n, g)
			}
			for _, id := range g.Old {
				seen["old "+id]++
			}
			for _, id := range g.New {
				seen["new "+id]++
			}
		}
		for side, pl := range map[string]*plan.Plan{"old ": p.Old, "new ": p.New} {
			count := 0
			pl.Walk(func(c, _ *plan.Clause, _ int) {
				count++
				if seen[side+c.ID] != 1 {
					t.Errorf("%d clauses: %s%s is in %d groups", n, side, c.ID, seen[side+c.ID])
				}
			})
			for k, v := range seen {
				if k[:4] == side {
					count -= v
				}
			}
			if count != 0 {
				t.Errorf("%d clauses: the truth names %sclauses the plan does not have", n, side)
			}
		}
	}
}

// TestRates checks that the default mutation mix is what it says, within a
// few points, on a large pair.
func TestRates(t *testing.T) {
	t.Parallel()
	p := gen(t, 5000, 3)
	parts := map[string]int{}
	groups := map[string]int{}
	moved := 0
	for _, g := range p.Truth.Groups {
		parts[g.Kind] += len(g.Old)
		groups[g.Kind]++
		if g.Moved {
			moved++
		}
	}
	n := 5000.0
	kept := float64(parts["unchanged"] + parts["modified"])
	for _, tc := range []struct {
		what       string
		have, want float64
	}{
		{"removed", float64(parts["removed"]) / n, 0.10},
		{"split", float64(parts["split"]) / n, 0.05},
		{"merged", float64(parts["merged"]) / n, 0.08},
		{"added", float64(groups["added"]) / n, 0.08},
		{"reworded", float64(parts["modified"]) / kept, 0.35},
		{"moved", float64(moved) / kept, 0.06},
	} {
		if math.Abs(tc.have-tc.want) > 0.02 {
			t.Errorf("%s: %.3f, want about %.2f", tc.what, tc.have, tc.want)
		}
	}
}

func TestWriteYAMLRoundTrip(t *testing.T) {
	t.Parallel()
	p := gen(t, 200, 5)
	odd := []string{
		`He said "no" \ twice`, "line one\nline two", "tab\there", "  leading and trailing  ",
		"yes", "1.0", "#not a comment", "- not a list", "key: value", "€ and Київ", "sep\u2028arator", "null", "~",
	}
	for i, s := range odd {
		p.New.Clauses = append(p.New.Clauses, &plan.Clause{ID: "odd-" + string(rune('a'+i)), Text: s, Sources: []string{"synth"}, Note: s, Confidence: plan.ConfidenceReported})
	}
	for _, pl := range []*plan.Plan{p.Old, p.New} {
		data := yamlOf(t, pl)
		back, err := plan.Parse(context.Background(), pl.Name, data, plan.Options{})
		if err != nil {
			t.Fatalf("written YAML does not load: %v", err)
		}
		want, have := canonical(t, pl), canonical(t, back)
		if !bytes.Equal(want, have) {
			t.Errorf("%s does not read back equal:\nwant %.400s\nhave %.400s", pl.Name, want, have)
		}
	}
}

// canonical is the plan's JSON with texts trimmed as the loader trims them.
func canonical(t *testing.T, p *plan.Plan) []byte {
	t.Helper()
	p.Walk(func(c, _ *plan.Clause, _ int) { c.Text = trim(c.Text) })
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func trim(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\n' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\n' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// TestEvaluate scores a result made from the truth itself, then one with a
// merge broken up and a move missed.
func TestEvaluate(t *testing.T) {
	t.Parallel()
	p := gen(t, 300, 2)
	perfect := &diff.Result{}
	for _, g := range p.Truth.Groups {
		perfect.Changes = append(perfect.Changes, diff.Change{Kind: diff.Kind(g.Kind), Old: g.Old, New: g.New, Moved: g.Moved})
	}
	s := Evaluate(perfect, p.Truth)
	if s.Pairs.F1() != 1 || s.Moved.F1() != 1 {
		t.Errorf("perfect result: pairs %+v, moved %+v", s.Pairs, s.Moved)
	}
	for k, a := range s.Kinds {
		if a.Rate() != 1 {
			t.Errorf("perfect result: %s %+v", k, a)
		}
	}

	broken := &diff.Result{}
	brokeMerge, missedMove := false, false
	for _, c := range perfect.Changes {
		switch {
		case c.Kind == diff.KindMerged && !brokeMerge:
			brokeMerge = true
			broken.Changes = append(broken.Changes,
				diff.Change{Kind: diff.KindModified, Old: c.Old[:1], New: c.New},
				diff.Change{Kind: diff.KindRemoved, Old: c.Old[1:2]})
			for _, o := range c.Old[2:] {
				broken.Changes = append(broken.Changes, diff.Change{Kind: diff.KindRemoved, Old: []string{o}})
			}
		case c.Moved && !missedMove:
			missedMove = true
			c.Moved = false
			broken.Changes = append(broken.Changes, c)
		default:
			broken.Changes = append(broken.Changes, c)
		}
	}
	s = Evaluate(broken, p.Truth)
	if s.Pairs.FP != 0 || s.Pairs.FN == 0 {
		t.Errorf("broken merge: pairs %+v, want missed pairs and no false ones", s.Pairs)
	}
	if a := s.Kinds["merged"]; a.Right != a.Total-1 {
		t.Errorf("broken merge: merged %+v, want one wrong", a)
	}
	if s.Moved.FN == 0 || s.Moved.FP != 0 {
		t.Errorf("missed move: moved %+v", s.Moved)
	}
}
