package lineage

import (
	"sort"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
)

// nodes lists v's effective clauses and removed entries as nodes.
func (l *Lineage) nodes(v *Version, inherited map[string]bool) {
	v.nodes = map[string]*Node{}
	v.marks = map[string]*Node{}
	var primary *Version
	if len(v.Parents) > 0 {
		primary = v.Parents[0]
	}
	v.Effective.Walk(func(c, parent *plan.Clause, depth int) {
		if c.Removed || v.nodes[c.ID] != nil {
			return
		}
		n := newNode(v.ID, c, parent, depth)
		if inherited[c.ID] && primary != nil {
			pn := primary.nodes[c.ID]
			n.Stated = false
			n.From = primary.ID
			if pn != nil {
				if !pn.Stated {
					n.From = pn.From
				}
				n.Sources = pn.Sources
				n.Confidence = pn.Confidence
				n.Variants = pn.Variants
			}
		} else {
			n.Stated = true
			n.Sources = resolve(&v.Plan.Version, c.Sources)
			for _, x := range c.Variants {
				n.Variants = append(n.Variants, Variant{Reading: x.Reading, Sources: resolve(&v.Plan.Version, x.Sources), Followed: x.Followed})
			}
		}
		n.index = len(v.Nodes)
		v.Nodes = append(v.Nodes, n)
		v.nodes[n.ID] = n
	})
	v.Plan.Walk(func(c, parent *plan.Clause, depth int) {
		if !c.Removed || v.marks[c.ID] != nil {
			return
		}
		n := newNode(v.ID, c, parent, depth)
		n.Stated = true
		n.Removed = true
		n.Sources = resolve(&v.Plan.Version, c.Sources)
		n.index = len(v.Nodes) + len(v.Marks)
		v.Marks = append(v.Marks, n)
		v.marks[n.ID] = n
	})
}

func newNode(version string, c, parent *plan.Clause, depth int) *Node {
	n := &Node{
		Version: version, ID: c.ID, Number: c.Number, Topic: c.Topic, Text: c.Text,
		Depth: depth, Confidence: c.Confidence, Status: c.Status, ProposedBy: c.ProposedBy,
		Note: c.Note, derives: c.DerivesFrom,
	}
	if parent != nil {
		n.Parent = parent.ID
	}
	return n
}

// resolve turns a clause's source ids into the version's source entries;
// an id the version does not list is kept with its id as outlet.
func resolve(v *plan.Version, ids []string) []diff.SourceRef {
	out := make([]diff.SourceRef, 0, len(ids))
	for _, id := range ids {
		if s := v.Source(id); s != nil {
			out = append(out, diff.SourceRef{ID: s.ID, Outlet: s.Outlet, Date: s.Date, URL: s.URL, Covers: s.Covers})
		} else {
			out = append(out, diff.SourceRef{ID: id, Outlet: id})
		}
	}
	return out
}

// ancestry records, for each effective clause of v, the refs it descends
// from through reported links.
func (l *Lineage) ancestry(v *Version) {
	v.ancestors = map[string][]string{}
	for _, n := range v.Nodes {
		set := map[string]bool{n.Ref(): true}
		if !n.Stated && len(v.Parents) > 0 {
			for _, r := range v.Parents[0].ancestors[n.ID] {
				set[r] = true
			}
		} else {
			for _, s := range v.StepsIn {
				i := s.NewChange(n.ID)
				if i < 0 {
					continue
				}
				ch := s.Change(i)
				if ch.Kind == diff.KindAdded || !Reported(ch.Rule) {
					continue
				}
				for _, o := range ch.Old {
					for _, r := range s.Parent.ancestors[o] {
						set[r] = true
					}
				}
			}
		}
		refs := make([]string, 0, len(set))
		for r := range set {
			refs = append(refs, r)
		}
		sort.Strings(refs)
		v.ancestors[n.ID] = refs
	}
}
