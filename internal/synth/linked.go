package synth

import "github.com/plandiff/plandiff/pkg/plan"

// AddLinks turns a pair into a corpus whose links stress the checks that
// span files: the new version supersedes the old, and every new clause that
// descends from an old one says so with a derives_from link
// ("synth-old#ID"). It returns how many links it added (about nine in ten
// of the new clauses).
func AddLinks(p *Pair) int {
	p.New.Version.Supersedes = []string{p.Old.Version.ID}
	from := make(map[string]string)
	for _, g := range p.Truth.Groups {
		if len(g.Old) == 0 {
			continue
		}
		for _, n := range g.New {
			from[n] = p.Old.Version.ID + "#" + g.Old[0]
		}
	}
	links := 0
	p.New.Walk(func(c, _ *plan.Clause, _ int) {
		if ref, ok := from[c.ID]; ok {
			c.DerivesFrom = []string{ref}
			links++
		}
	})
	return links
}
