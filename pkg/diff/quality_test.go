package diff_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/diff"
)

// compared300 is the generated pair of 300 clauses for seed (1 to 5) and
// its content comparison, made once for the quality tests that share them.
func compared300(t *testing.T, seed uint64) (*synth.Pair, *diff.Result) {
	t.Helper()
	c := &quality300[seed-1]
	c.once.Do(func() {
		c.pair = generate(t, 300, seed)
		c.result, c.err = diff.Compare(context.Background(), c.pair.Old, c.pair.New, diff.Options{Match: diff.MatchContent})
	})
	if c.err != nil || c.result == nil {
		t.Fatalf("seed %d: no comparison (%v)", seed, c.err)
	}
	return c.pair, c.result
}

var quality300 [5]struct {
	once   sync.Once
	pair   *synth.Pair
	result *diff.Result
	err    error
}

// TestContentQuality holds content matching to the benchmark's targets on
// generated pairs of 300 clauses with the default mutation mix, pooled over
// five seeds: pair F1 at least 0.98, merges and splits found (exactly) at
// least 90% of the time, moved recall at least 0.95. It is a quality check,
// not a timing one; `synth score` runs the same at 3,000 and 30,000 clauses.
func TestContentQuality(t *testing.T) {
	t.Parallel()
	var total synth.Score
	for seed := uint64(1); seed <= 5; seed++ {
		p, r := compared300(t, seed)
		s := synth.Evaluate(r, p.Truth)
		if seed == 1 {
			total = s
		} else {
			total = total.Add(s)
		}
	}
	var b strings.Builder
	if err := total.Fprint(&b); err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", b.String())
	if f := total.Pairs.F1(); f < 0.98 {
		t.Errorf("pair F1 %.4f, want at least 0.98", f)
	}
	for _, k := range []string{"merged", "split"} {
		if a := total.Kinds[k]; a.Rate() < 0.90 {
			t.Errorf("%s found %.4f of the time (%d of %d), want at least 0.90", k, a.Rate(), a.Right, a.Total)
		}
	}
	if rc := total.Moved.Recall(); rc < 0.95 {
		t.Errorf("moved recall %.4f, want at least 0.95", rc)
	}
}

// TestSplitPartsNotMoved checks, on generated pairs of 300 clauses, that no
// part of a true split is paired with an old clause outside the split: a
// short part of boilerplate wording resembles many clauses, and once its
// whole is paired with the other part, a far clause that resembles the part
// must not take it as a move, nor may a gap pair it with a clause that
// shares little with it (seed 5 had one, at 0.196, below the noise margin
// of that comparison).
func TestSplitPartsNotMoved(t *testing.T) {
	t.Parallel()
	var wrong []string
	for seed := uint64(1); seed <= 5; seed++ {
		p, r := compared300(t, seed)
		whole := map[string]string{} // new part -> old whole
		for _, g := range p.Truth.Groups {
			if g.Kind == "split" {
				for _, n := range g.New {
					whole[n] = g.Old[0]
				}
			}
		}
		for _, c := range r.Changes {
			for _, n := range c.New {
				w, ok := whole[n]
				if !ok {
					continue
				}
				for _, o := range c.Old {
					if o != w {
						wrong = append(wrong, fmt.Sprintf("seed %d: split part %s of %s paired with %s (%s)", seed, n, w, o, c.Kind))
					}
				}
			}
		}
	}
	if len(wrong) > 0 {
		t.Errorf("%d split parts paired outside their split, want none:\n%s", len(wrong), strings.Join(wrong, "\n"))
	}
}

// TestNoPairsInTheNoise checks, on generated pairs of 300 clauses, that no
// one-to-one pair below the threshold is false where a templated text makes
// unrelated clauses alike: a removed and an added clause of one template
// are each other's best leftover, and clear once the clauses paired
// elsewhere stop competing, but their similarity is no higher than what
// unrelated clauses of these texts reach (the median runner-up); nor is a
// removed and an added clause that share a gap, below the noise margin.
// Without the first rule there are seven, without the second one (seed 5,
// the split part of TestSplitPartsNotMoved).
func TestNoPairsInTheNoise(t *testing.T) {
	t.Parallel()
	var wrong []string
	for seed := uint64(1); seed <= 5; seed++ {
		p, r := compared300(t, seed)
		partner := map[string]map[string]bool{}
		for _, g := range p.Truth.Groups {
			for _, o := range g.Old {
				partner[o] = map[string]bool{}
				for _, n := range g.New {
					partner[o][n] = true
				}
			}
		}
		for _, c := range r.Changes {
			if len(c.Old) == 1 && len(c.New) == 1 && c.Similarity < diff.DefaultThreshold && !partner[c.Old[0]][c.New[0]] {
				wrong = append(wrong, fmt.Sprintf("seed %d: %s>%s at %.3f", seed, c.Old[0], c.New[0], c.Similarity))
			}
		}
	}
	if len(wrong) > 0 {
		t.Errorf("%d false pairs below the threshold, want none:\n%s", len(wrong), strings.Join(wrong, "\n"))
	}
}
