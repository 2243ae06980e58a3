package lineage

import (
	"sort"
	"strings"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
)

// Cell states: what a thread is in one version.
const (
	StateStated     = "stated"     // the version states a clause of the thread
	StateUnreported = "unreported" // a partial version that does not report it
	StateRemoved    = "removed"    // dropped: a removed entry, or missing from a full version
	StateAbsent     = "absent"     // not there (not yet, or never on this branch)
)

// TrailEntry is one version in a clause's trail.
type TrailEntry struct {
	Node *Node `json:"clause"`
	// Link says how Node came from the previous entry's node; nil for the
	// version where the clause first appeared.
	Link *Link `json:"link,omitempty"`
}

// Thread is a connected set of nodes: one clause through every version,
// with whatever it merged with or split into.
type Thread struct {
	ID     string   `json:"id"`     // id of its first node
	Topics []string `json:"topics"` // topics of its nodes, first seen first
	Nodes  []*Node  `json:"-"`
	Cells  []*Cell  `json:"versions"`
}

// Cell is a thread in one version.
type Cell struct {
	Version string  `json:"version"`
	State   string  `json:"state"`
	Nodes   []*Node `json:"clauses"` // stated or inherited clauses of the thread
	Marks   []*Node `json:"removed_entries,omitempty"`
	Links   []*Link `json:"steps"` // changes of the steps into the version that involve the thread
}

// HasTopic reports whether any clause of the thread has the topic.
func (t *Thread) HasTopic(topic string) bool {
	for _, x := range t.Topics {
		if x == topic {
			return true
		}
	}
	return false
}

// Cell returns the thread's cell for a version, or nil.
func (t *Thread) Cell(version string) *Cell {
	for _, c := range t.Cells {
		if c.Version == version {
			return c
		}
	}
	return nil
}

// Trail follows n back to the version where it first appeared and returns
// the versions in order, oldest first, ending with n.
func (l *Lineage) Trail(n *Node) []TrailEntry {
	var rev []TrailEntry
	seen := map[*Node]bool{}
	for n != nil && !seen[n] {
		seen[n] = true
		prev, link := l.prev(n)
		rev = append(rev, TrailEntry{Node: n, Link: link})
		n = prev
	}
	out := make([]TrailEntry, len(rev))
	for i, e := range rev {
		out[len(rev)-1-i] = e
	}
	return out
}

// prev returns the node n came from and how, or nil where n first appeared.
func (l *Lineage) prev(n *Node) (*Node, *Link) {
	v := l.byID[n.Version]
	if v == nil {
		return nil, nil
	}
	if !n.Stated && !n.Removed {
		if len(v.StepsIn) == 0 {
			return nil, nil
		}
		s := v.StepsIn[0]
		i := s.OldChange(n.ID)
		if i < 0 {
			return nil, nil
		}
		return s.Parent.nodes[n.ID], linkOf(s, i)
	}
	bestRule, bestStep, bestChange := 99, -1, -1
	for si, s := range v.StepsIn {
		i := s.NewChange(n.ID)
		if n.Removed {
			i = -1
			if j, ok := s.byMark[n.ID]; ok {
				i = j
			}
		}
		if i < 0 {
			continue
		}
		ch := s.Change(i)
		if len(ch.Old) == 0 || ch.Kind == diff.KindAdded {
			continue
		}
		if p := rulePriority(ch.Rule); p < bestRule {
			bestRule, bestStep, bestChange = p, si, i
		}
	}
	if bestStep >= 0 {
		s := v.StepsIn[bestStep]
		ch := s.Change(bestChange)
		old := ch.Old[0]
		for _, o := range ch.Old {
			if o == n.ID {
				old = o
			}
		}
		return s.oldNode(ch, old), linkOf(s, bestChange)
	}
	if n.Removed {
		return nil, nil
	}
	if p, link := l.resurrected(v, n); link != nil {
		return p, link
	}
	return l.derived(v, n)
}

// derived follows n's derives_from to a stated clause of a version earlier in
// lineage order that is not an ancestor of v: steps never compare the two, so
// only the data links them. Earlier versions only, so that trails end.
func (l *Lineage) derived(v *Version, n *Node) (*Node, *Link) {
	here := indexOf(l.Versions, v)
	for _, d := range n.derives {
		ver, id, ok := plan.SplitRef(d)
		a := l.byID[ver]
		if !ok || a == nil || a == v || indexOf(l.Versions, a) > here || l.isAncestor(v, a) {
			continue
		}
		m := a.nodes[id]
		if m == nil || !m.Stated {
			continue
		}
		link := &Link{
			From: a.ID, To: v.ID, Kind: KindDerived, Change: -1,
			Old: []string{m.ID}, New: []string{n.ID},
			OldNumbers: []string{m.Number}, NewNumbers: []string{n.Number},
			Rule: diff.RuleDerivesFrom, Reported: true, Renumbered: m.Number != n.Number,
		}
		link.Edits, link.Figures, link.Similarity = wordDiff(m.Text, n.Text)
		return m, link
	}
	return nil, nil
}

// isAncestor reports whether a is reached from v through supersedes.
func (l *Lineage) isAncestor(v, a *Version) bool {
	seen := map[*Version]bool{}
	queue := append([]*Version(nil), v.Parents...)
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		if x == a {
			return true
		}
		if !seen[x] {
			seen[x] = true
			queue = append(queue, x.Parents...)
		}
	}
	return false
}

// offStep reports a link that no step change carries: a resurrection or a
// derived link.
func offStep(link *Link) bool {
	return link != nil && (link.Kind == KindResurrected || link.Kind == KindDerived)
}

// resurrected looks for n in the ancestors of v, nearest first: a stated
// clause with n's id, or one that n's derives_from names.
func (l *Lineage) resurrected(v *Version, n *Node) (*Node, *Link) {
	seen := map[*Version]bool{v: true}
	queue := append([]*Version(nil), v.Parents...)
	for len(queue) > 0 {
		a := queue[0]
		queue = queue[1:]
		if seen[a] {
			continue
		}
		seen[a] = true
		// Only a version whose children did not carry the clause counts:
		// the parents themselves were compared and found nothing.
		if !isParent(v, a) {
			rule := ""
			var found *Node
			if m := a.nodes[n.ID]; m != nil && m.Stated {
				found, rule = m, diff.RuleID
			} else {
				for _, d := range n.derives {
					if ver, id, ok := plan.SplitRef(d); ok && ver == a.ID {
						if m := a.nodes[id]; m != nil && m.Stated {
							found, rule = m, diff.RuleDerivesFrom
							break
						}
					}
				}
			}
			if found != nil {
				link := &Link{
					From: a.ID, To: v.ID, Kind: KindResurrected, Change: -1,
					Old: []string{found.ID}, New: []string{n.ID},
					OldNumbers: []string{found.Number}, NewNumbers: []string{n.Number},
					Rule: rule, Reported: true, Renumbered: found.Number != n.Number,
				}
				link.Edits, link.Figures, link.Similarity = wordDiff(found.Text, n.Text)
				return found, link
			}
		}
		queue = append(queue, a.Parents...)
	}
	return nil, nil
}

func isParent(v, a *Version) bool {
	for _, p := range v.Parents {
		if p == a {
			return true
		}
	}
	return false
}

func linkOf(s *Step, i int) *Link {
	ch := s.Change(i)
	return &Link{
		Step: s.ID, Change: i, From: s.Parent.ID, To: s.Child.ID,
		Kind: ch.Kind, Old: nonNil(ch.Old), New: nonNil(ch.New),
		OldNumbers: nonNil(ch.OldNumbers), NewNumbers: nonNil(ch.NewNumbers),
		Rule: ch.Rule, Reported: Reported(ch.Rule), Similarity: ch.Similarity,
		Moved: ch.Moved, Renumbered: ch.Renumbered,
		Edits: nonNil(ch.Edits), Figures: nonNil(ch.Figures),
		Reading: ch.Reading, ReadingOnly: ch.ReadingOnly, Evidence: ch.Evidence, Types: ch.Types,
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// buildThreads joins nodes linked by any step change, inheritance or
// resurrection, and lays each thread out over the versions of its branch
// of the graph.
func (l *Lineage) buildThreads() {
	parent := map[*Node]*Node{}
	var find func(n *Node) *Node
	find = func(n *Node) *Node {
		for parent[n] != nil && parent[n] != n {
			if gp := parent[parent[n]]; gp != nil {
				parent[n] = gp
			}
			n = parent[n]
		}
		return n
	}
	union := func(a, b *Node) {
		if a == nil || b == nil {
			return
		}
		ra, rb := find(a), find(b)
		if ra != rb {
			parent[rb] = ra
		}
	}
	var all []*Node
	vIndex := map[string]int{}
	for i, v := range l.Versions {
		vIndex[v.ID] = i
		all = append(all, v.Nodes...)
		all = append(all, v.Marks...)
	}
	for _, n := range all {
		parent[n] = n
	}
	for _, s := range l.Steps {
		for _, ch := range s.Result.Changes {
			var group []*Node
			for _, o := range ch.Old {
				group = append(group, s.oldNode(&ch, o))
			}
			for _, id := range ch.New {
				group = append(group, s.Child.nodes[id])
			}
			if ch.RemovedEntry != "" {
				group = append(group, s.Child.marks[ch.RemovedEntry])
			}
			if ch.Kind == diff.KindUnreported && s == s.Child.StepsIn[0] {
				for _, o := range ch.Old {
					if n := s.Child.nodes[o]; n != nil && !n.Stated {
						group = append(group, n)
					}
				}
			}
			for _, g := range group[min(1, len(group)):] {
				union(group[0], g)
			}
		}
	}
	for _, n := range all {
		if n.Stated && !n.Removed {
			if prev, link := l.prev(n); offStep(link) {
				union(prev, n)
			}
		}
	}
	// Order nodes: version order, then document order.
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if vIndex[a.Version] != vIndex[b.Version] {
			return vIndex[a.Version] < vIndex[b.Version]
		}
		return a.index < b.index
	})
	byRoot := map[*Node]*Thread{}
	l.threads = map[*Node]*Thread{}
	for _, n := range all {
		r := find(n)
		t := byRoot[r]
		if t == nil {
			t = &Thread{ID: n.ID, Topics: []string{}}
			byRoot[r] = t
			l.Threads = append(l.Threads, t)
		}
		t.Nodes = append(t.Nodes, n)
		if n.Topic != "" && !t.HasTopic(n.Topic) {
			t.Topics = append(t.Topics, n.Topic)
		}
		l.threads[n] = t
	}
	// The changes of each step that involve each thread, in change order.
	touch := map[*Thread]map[*Step][]int{}
	for _, s := range l.Steps {
		for i, ch := range s.Result.Changes {
			var ts []*Thread
			add := func(n *Node) {
				if t := l.threads[n]; n != nil && t != nil {
					for _, x := range ts {
						if x == t {
							return
						}
					}
					ts = append(ts, t)
				}
			}
			for _, o := range ch.Old {
				add(s.oldNode(&ch, o))
			}
			for _, id := range ch.New {
				add(s.Child.nodes[id])
			}
			if ch.RemovedEntry != "" {
				add(s.Child.marks[ch.RemovedEntry])
			}
			for _, t := range ts {
				if touch[t] == nil {
					touch[t] = map[*Step][]int{}
				}
				touch[t][s] = append(touch[t][s], i)
			}
		}
	}
	comp := l.versionComponents()
	for _, t := range l.Threads {
		l.layout(t, comp, touch)
	}
}

// versionComponents numbers the weakly connected parts of the version graph.
func (l *Lineage) versionComponents() map[*Version]int {
	comp := map[*Version]int{}
	next := 0
	for _, v := range l.Versions {
		if _, ok := comp[v]; ok {
			continue
		}
		stack := []*Version{v}
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if _, ok := comp[x]; ok {
				continue
			}
			comp[x] = next
			stack = append(stack, x.Parents...)
			stack = append(stack, x.Children...)
		}
		next++
	}
	return comp
}

// layout makes t's cells; touch lists, per step, the changes that involve
// each thread.
func (l *Lineage) layout(t *Thread, comp map[*Version]int, touch map[*Thread]map[*Step][]int) {
	in := map[int]bool{}
	for _, n := range t.Nodes {
		in[comp[l.byID[n.Version]]] = true
	}
	for _, v := range l.Versions {
		if !in[comp[v]] {
			continue
		}
		c := &Cell{Version: v.ID, Nodes: []*Node{}, Links: []*Link{}}
		for _, n := range t.Nodes {
			if n.Version != v.ID {
				continue
			}
			if n.Removed {
				c.Marks = append(c.Marks, n)
			} else {
				c.Nodes = append(c.Nodes, n)
			}
		}
		for _, s := range v.StepsIn {
			for _, i := range touch[t][s] {
				c.Links = append(c.Links, linkOf(s, i))
			}
		}
		for _, n := range c.Nodes {
			if n.Stated {
				if _, link := l.prev(n); offStep(link) {
					c.Links = append(c.Links, link)
				}
			}
		}
		c.State = cellState(c)
		t.Cells = append(t.Cells, c)
	}
}

func cellState(c *Cell) string {
	for _, n := range c.Nodes {
		if n.Stated {
			return StateStated
		}
	}
	if len(c.Nodes) > 0 {
		return StateUnreported
	}
	if len(c.Marks) > 0 {
		return StateRemoved
	}
	state := StateAbsent
	for _, k := range c.Links {
		switch k.Kind {
		case diff.KindRemoved:
			return StateRemoved
		case diff.KindUnreported:
			state = StateUnreported
		}
	}
	return state
}

// ThreadOf returns the thread a node belongs to.
func (l *Lineage) ThreadOf(n *Node) *Thread { return l.threads[n] }

// ThreadsOf returns the threads holding a clause: ref is a clause id (every
// version's clause of that id) or "VERSION#id".
func (l *Lineage) ThreadsOf(ref string) []*Thread {
	version, id, qualified := plan.SplitRef(ref)
	if !qualified {
		id = ref
	}
	seen := map[*Thread]bool{}
	var out []*Thread
	for _, t := range l.Threads {
		for _, n := range t.Nodes {
			if n.ID == id && (!qualified || n.Version == version) && !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// TopicThreads returns the threads that have a clause of the topic.
func (l *Lineage) TopicThreads(topic string) []*Thread {
	var out []*Thread
	for _, t := range l.Threads {
		if t.HasTopic(topic) {
			out = append(out, t)
		}
	}
	return out
}

// ClauseIDs lists every clause id in the lineage, sorted, for suggestions.
func (l *Lineage) ClauseIDs() []string {
	set := map[string]bool{}
	for _, v := range l.Versions {
		for _, n := range v.Nodes {
			set[n.ID] = true
		}
		for _, n := range v.Marks {
			set[n.ID] = true
		}
	}
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// Label is a short name for a version: its short title, else its id.
func Label(p *plan.Plan) string {
	if s := strings.TrimSpace(p.Version.Short); s != "" {
		return s
	}
	return p.Version.ID
}
