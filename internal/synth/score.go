package synth

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/plandiff/plandiff/pkg/diff"
)

// Score measures a comparison against the truth.
//
// Pairs: every (old id, new id) that a change ties together (merged, split,
// modified, unchanged, and a removed change's old clause with its removed
// entry) is a predicted pair; the truth's groups give the true pairs. Kind
// accuracy is per true group: the share reported by a change of the same kind
// over exactly the same clauses. Merges and splits are "found" the same way.
// Moves are scored over new clause ids: a clause is predicted moved when its
// change is flagged moved.
type Score struct {
	Pairs     PRF            `json:"pairs"`
	Kinds     map[string]Acc `json:"kinds"`
	Moved     PRF            `json:"moved"`
	Truth     int            `json:"truth_groups"`
	Predicted int            `json:"changes"`
}

// PRF holds counts and the precision, recall and F1 computed from them.
type PRF struct {
	TP, FP, FN int
}

func (p PRF) Precision() float64 { return ratio(p.TP, p.TP+p.FP) }
func (p PRF) Recall() float64    { return ratio(p.TP, p.TP+p.FN) }
func (p PRF) F1() float64 {
	pr, rc := p.Precision(), p.Recall()
	if pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

// Acc counts the true groups of a kind and those reported exactly.
type Acc struct {
	Right, Total int
}

func (a Acc) Rate() float64 { return ratio(a.Right, a.Total) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// ScoreKinds lists the kinds Score reports accuracy for, in print order.
var ScoreKinds = []string{"unchanged", "modified", "merged", "split", "added", "removed"}

// Evaluate scores r against t.
func Evaluate(r *diff.Result, t Truth) Score {
	type link struct{ o, n string }
	truePairs := map[link]bool{}
	trueMoved := map[string]bool{}
	for _, g := range t.Groups {
		for _, o := range g.Old {
			for _, n := range g.New {
				truePairs[link{o, n}] = true
			}
		}
		if g.Moved {
			for _, n := range g.New {
				trueMoved[n] = true
			}
		}
	}
	s := Score{Kinds: map[string]Acc{}, Truth: len(t.Groups), Predicted: len(r.Changes)}
	predicted := map[string]bool{} // exact changes, by key
	predMoved := map[string]bool{}
	for _, c := range r.Changes {
		news := c.New
		if c.RemovedEntry != "" {
			news = []string{c.RemovedEntry}
		}
		for _, o := range c.Old {
			for _, n := range news {
				if truePairs[link{o, n}] {
					s.Pairs.TP++
				} else {
					s.Pairs.FP++
				}
			}
		}
		predicted[key(string(c.Kind), c.Old, c.New)] = true
		if c.Moved {
			for _, n := range c.New {
				predMoved[n] = true
			}
		}
	}
	s.Pairs.FN = len(truePairs) - s.Pairs.TP
	for _, g := range t.Groups {
		a := s.Kinds[g.Kind]
		a.Total++
		if predicted[key(g.Kind, g.Old, g.New)] {
			a.Right++
		}
		s.Kinds[g.Kind] = a
	}
	for n := range predMoved {
		if trueMoved[n] {
			s.Moved.TP++
		} else {
			s.Moved.FP++
		}
	}
	s.Moved.FN = len(trueMoved) - s.Moved.TP
	return s
}

func key(kind string, old, new []string) string {
	o, n := slices.Clone(old), slices.Clone(new)
	slices.Sort(o)
	slices.Sort(n)
	return kind + "|" + strings.Join(o, ",") + "|" + strings.Join(n, ",")
}

// Add sums the counts of two scores (to average over runs by pooling).
func (s Score) Add(t Score) Score {
	out := Score{Kinds: map[string]Acc{}, Truth: s.Truth + t.Truth, Predicted: s.Predicted + t.Predicted}
	out.Pairs = PRF{s.Pairs.TP + t.Pairs.TP, s.Pairs.FP + t.Pairs.FP, s.Pairs.FN + t.Pairs.FN}
	out.Moved = PRF{s.Moved.TP + t.Moved.TP, s.Moved.FP + t.Moved.FP, s.Moved.FN + t.Moved.FN}
	for _, k := range ScoreKinds {
		a, b := s.Kinds[k], t.Kinds[k]
		if a.Total+b.Total > 0 {
			out.Kinds[k] = Acc{a.Right + b.Right, a.Total + b.Total}
		}
	}
	return out
}

// Fprint writes the score as a table.
func (s Score) Fprint(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-22s %9s %9s %9s\n", "metric", "precision", "recall", "f1")
	fmt.Fprintf(&b, "%-22s %9.4f %9.4f %9.4f   (tp %d, fp %d, fn %d)\n", "pairs", s.Pairs.Precision(), s.Pairs.Recall(), s.Pairs.F1(), s.Pairs.TP, s.Pairs.FP, s.Pairs.FN)
	fmt.Fprintf(&b, "%-22s %9.4f %9.4f %9.4f   (tp %d, fp %d, fn %d)\n", "moved", s.Moved.Precision(), s.Moved.Recall(), s.Moved.F1(), s.Moved.TP, s.Moved.FP, s.Moved.FN)
	fmt.Fprintf(&b, "\n%-22s %9s %9s\n", "kind", "accuracy", "groups")
	for _, k := range ScoreKinds {
		a := s.Kinds[k]
		fmt.Fprintf(&b, "%-22s %9.4f %9d\n", k, a.Rate(), a.Total)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
