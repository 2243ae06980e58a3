package words_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/diff/words"
	"github.com/plandiff/plandiff/pkg/plan"
)

// textPair is the old and new text of one true change of a generated pair,
// joined as diff.Compare joins the clauses of a merge or split.
type textPair struct{ old, new string }

var synthPairs = map[int][]textPair{}

// synthTextPairs returns, for the generated pair of n clauses (seed 1,
// default rates), the texts of every true group with clauses on both sides
// (unchanged, modified, merged, split), read from the truth: the word edits
// Compare computes once the alignment is right, without the alignment.
func synthTextPairs(b *testing.B, n int) []textPair {
	b.Helper()
	if ps, ok := synthPairs[n]; ok {
		return ps
	}
	p, err := synth.Generate(synth.Config{Clauses: n, Seed: 1, Rates: synth.DefaultRates()})
	if err != nil {
		b.Fatal(err)
	}
	texts := func(pl *plan.Plan) map[string]string {
		m := map[string]string{}
		pl.Walk(func(c, _ *plan.Clause, _ int) { m[c.ID] = c.Text })
		return m
	}
	old, nu := texts(p.Old), texts(p.New)
	join := func(m map[string]string, ids []string) string {
		parts := make([]string, len(ids))
		for i, id := range ids {
			parts[i] = m[id]
		}
		return strings.Join(parts, "\n\n")
	}
	var ps []textPair
	for _, g := range p.Truth.Groups {
		if len(g.Old) > 0 && len(g.New) > 0 {
			ps = append(ps, textPair{join(old, g.Old), join(nu, g.New)})
		}
	}
	synthPairs[n] = ps
	return ps
}

// BenchmarkDiffSynth times the word edits and figures of every aligned
// group of a generated pair with one Differ, as Compare does per worker:
// the cost of the word-edit phase at each size, apart from alignment.
// BenchmarkDiff and BenchmarkFigures time single clauses.
func BenchmarkDiffSynth(b *testing.B) {
	for _, n := range []int{300, 3000, 30000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ps := synthTextPairs(b, n)
			var size int64
			for _, p := range ps {
				size += int64(len(p.old) + len(p.new))
			}
			b.SetBytes(size)
			b.ReportAllocs()
			var d words.Differ
			for b.Loop() {
				for _, p := range ps {
					words.Figures(d.Diff(p.old, p.new))
				}
			}
		})
	}
}
