package lineage

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
)

// ver builds a plan file: meta is "id [partial] [supersedes=a,b]", each
// clause "id: text" (indented two spaces per level for sub-points), a
// "id: -" clause is a removed entry.
func ver(t *testing.T, meta string, clauses ...string) *plan.Plan {
	t.Helper()
	f := strings.Fields(meta)
	var b strings.Builder
	fmt.Fprintf(&b, "plandiff: 1\nversion:\n  id: %s\n  title: Version %s\n  surfaced: 2025-01-01\n", f[0], f[0])
	for _, x := range f[1:] {
		switch {
		case x == "partial":
			b.WriteString("  completeness: partial\n")
		case strings.HasPrefix(x, "supersedes="):
			fmt.Fprintf(&b, "  supersedes: [%s]\n", strings.TrimPrefix(x, "supersedes="))
		}
	}
	fmt.Fprintf(&b, "  sources:\n    - id: s\n      outlet: Outlet of %s\nclauses:\n", f[0])
	depth := 0
	for _, c := range clauses {
		d := (len(c) - len(strings.TrimLeft(c, " "))) / 2
		c = strings.TrimSpace(c)
		id, text, _ := strings.Cut(c, ": ")
		ind := strings.Repeat("    ", d)
		if d > depth {
			fmt.Fprintf(&b, "%sclauses:\n", strings.Repeat("    ", d))
		}
		depth = d
		fmt.Fprintf(&b, "%s  - id: %s\n", ind, id)
		extra := ""
		if strings.HasPrefix(text, "<") { // "<v#x> text": derives_from
			ref, rest, _ := strings.Cut(text[1:], "> ")
			extra = fmt.Sprintf("%s    derives_from: [%s]\n", ind, ref)
			text = rest
		}
		if text == "-" {
			fmt.Fprintf(&b, "%s    removed: true\n", ind)
		} else {
			fmt.Fprintf(&b, "%s    text: %q\n", ind, text)
		}
		b.WriteString(extra)
		fmt.Fprintf(&b, "%s    sources: [s]\n", ind)
	}
	p, err := plan.Parse(context.Background(), f[0]+".yaml", []byte(b.String()), plan.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	return p
}

func build(t *testing.T, plans ...*plan.Plan) *Lineage {
	t.Helper()
	c, errs := plan.NewCorpus(plans, true)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	l, err := Build(context.Background(), c.Plans, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// trail renders a clause's trail as "v1 added, v2 modified/id, ...".
func trail(l *Lineage, version, id string) string {
	n := l.Version(version).Node(id)
	if n == nil {
		n = l.Version(version).Mark(id)
	}
	if n == nil {
		return "no such node"
	}
	var parts []string
	for _, e := range l.Trail(n) {
		s := e.Node.Version + "#" + e.Node.ID
		if e.Link == nil {
			s += " first"
		} else {
			s += " " + string(e.Link.Kind) + "/" + e.Link.Rule
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// states renders a thread's cells as "v1=stated v2=removed ...".
func states(l *Lineage, id string) string {
	ts := l.ThreadsOf(id)
	if len(ts) != 1 {
		return fmt.Sprintf("%d threads", len(ts))
	}
	var parts []string
	for _, c := range ts[0].Cells {
		parts = append(parts, c.Version+"="+c.State)
	}
	return strings.Join(parts, " ")
}

const (
	textA = "Ukraine's armed forces are capped at 600,000 personnel."
	textB = "Ukraine's armed forces are capped at 800,000 personnel in peacetime."
	textC = "Elections are held in Ukraine within 100 days of the signing."
	textD = "A full amnesty is granted to all parties for their actions in the war."
	textE = "Frozen Russian assets of 100 billion dollars are invested in rebuilding Ukraine."
)

func TestChains(t *testing.T) {
	t.Parallel()
	type want struct{ version, id, trail string }
	type wantState struct{ id, states string }
	tests := []struct {
		name   string
		plans  func(t *testing.T) []*plan.Plan
		trails []want
		states []wantState
		check  func(t *testing.T, l *Lineage)
	}{
		{
			name: "straight chain with a modification",
			plans: func(t *testing.T) []*plan.Plan {
				return []*plan.Plan{
					ver(t, "v1", "army: "+textA, "elections: "+textC),
					ver(t, "v2 supersedes=v1", "army: "+textB, "elections: "+textC),
				}
			},
			trails: []want{
				{"v2", "army", "v1#army first, v2#army modified/id"},
				{"v2", "elections", "v1#elections first, v2#elections unchanged/id"},
			},
			states: []wantState{{"army", "v1=stated v2=stated"}},
		},
		{
			name: "branch: two children of one parent",
			plans: func(t *testing.T) []*plan.Plan {
				return []*plan.Plan{
					ver(t, "v1", "army: "+textA, "elections: "+textC),
					ver(t, "eu supersedes=v1", "army: "+textB, "elections: "+textC),
					ver(t, "us supersedes=v1", "army: "+textA),
				}
			},
			trails: []want{
				{"eu", "army", "v1#army first, eu#army modified/id"},
				{"us", "army", "v1#army first, us#army unchanged/id"},
			},
			states: []wantState{
				{"army", "v1=stated eu=stated us=stated"},
				{"elections", "v1=stated eu=stated us=removed"},
			},
		},
		{
			name: "partial parent: unreported clauses are inherited, not removed",
			plans: func(t *testing.T) []*plan.Plan {
				return []*plan.Plan{
					ver(t, "v1", "army: "+textA, "elections: "+textC, "amnesty: "+textD),
					ver(t, "v2 partial supersedes=v1", "army: "+textB, "amnesty: -"),
					ver(t, "v3 supersedes=v2", "army: "+textB, "elections: "+textC),
				}
			},
			trails: []want{
				// elections passes through v2 unreported and is unchanged in v3.
				{"v3", "elections", "v1#elections first, v2#elections unreported/none, v3#elections unchanged/id"},
				{"v3", "army", "v1#army first, v2#army modified/id, v3#army unchanged/id"},
				{"v2", "amnesty", "v1#amnesty first, v2#amnesty removed/removed_mark"},
			},
			states: []wantState{
				{"elections", "v1=stated v2=unreported v3=stated"},
				{"amnesty", "v1=stated v2=removed v3=absent"},
			},
			check: func(t *testing.T, l *Lineage) {
				s := l.Version("v3").StepsIn[0]
				if got := s.Result.Summary.Added; got != 0 {
					t.Errorf("v2→v3 added = %d, want 0 (inherited clauses must not look added)", got)
				}
				n := l.Version("v2").Node("elections")
				if n == nil || n.Stated || n.From != "v1" {
					t.Fatalf("v2 elections = %+v, want inherited from v1", n)
				}
				if len(n.Sources) != 1 || n.Sources[0].Outlet != "Outlet of v1" {
					t.Errorf("inherited sources = %+v, want v1's", n.Sources)
				}
				if l.Version("v2").Node("amnesty") != nil {
					t.Error("a removed clause was inherited")
				}
			},
		},
		{
			name: "partial parent: nested inherited sub-points go under their parent",
			plans: func(t *testing.T) []*plan.Plan {
				return []*plan.Plan{
					ver(t, "v1", "terr: Territorial questions are settled as follows.", "  crimea: Crimea is recognised de facto.", "  freeze: The line is frozen in Kherson.", "army: "+textA),
					ver(t, "v2 partial supersedes=v1", "terr: Territorial questions are left in brackets for the presidents.", "  freeze: -"),
				}
			},
			check: func(t *testing.T, l *Lineage) {
				v := l.Version("v2")
				var got []string
				v.Effective.Walk(func(c, p *plan.Clause, d int) {
					par := ""
					if p != nil {
						par = p.ID
					}
					if c.Removed {
						par += " removed"
					}
					got = append(got, fmt.Sprintf("%s<%s", c.ID, par))
				})
				// v2's own removed entry stays, where v2 puts it.
				if want := "terr< crimea<terr freeze<terr removed army<"; strings.Join(got, " ") != want {
					t.Errorf("effective tree = %q, want %q", strings.Join(got, " "), want)
				}
				if n := v.Node("terr"); n == nil || !n.Stated {
					t.Errorf("terr should be stated in v2")
				}
			},
			states: []wantState{{"freeze", "v1=stated v2=removed"}, {"crimea", "v1=stated v2=unreported"}},
		},
		{
			name: "rejoin: a clause dropped on one branch comes through the other",
			plans: func(t *testing.T) []*plan.Plan {
				return []*plan.Plan{
					ver(t, "v1", "army: "+textA, "elections: "+textC),
					ver(t, "geneva supersedes=v1", "army: -", "elections: "+textC),
					ver(t, "eu supersedes=v1", "army: "+textB, "elections: "+textC),
					ver(t, "fw supersedes=geneva,eu", "army: "+textB, "elections: "+textC),
				}
			},
			trails: []want{
				// Through eu (id), not through geneva, where it was dropped.
				{"fw", "army", "v1#army first, eu#army modified/id, fw#army unchanged/id"},
				// Both parents carry elections unchanged: the first parent wins.
				{"fw", "elections", "v1#elections first, geneva#elections unchanged/id, fw#elections unchanged/id"},
			},
			states: []wantState{{"army", "v1=stated eu=stated geneva=removed fw=stated"}},
			check: func(t *testing.T, l *Lineage) {
				c := l.ThreadsOf("army")[0].Cell("fw")
				var kinds []string
				for _, k := range c.Links {
					kinds = append(kinds, k.From+":"+string(k.Kind))
				}
				if got := strings.Join(kinds, " "); got != "geneva:added eu:unchanged" {
					t.Errorf("fw links = %q", got)
				}
			},
		},
		{
			name: "resurrection: dropped in a full version, back later",
			plans: func(t *testing.T) []*plan.Plan {
				return []*plan.Plan{
					ver(t, "v1", "amnesty: "+textD, "elections: "+textC),
					ver(t, "v2 supersedes=v1", "elections: "+textC),
					ver(t, "v3 supersedes=v2", "amnesty: "+textD, "elections: "+textC),
				}
			},
			trails: []want{{"v3", "amnesty", "v1#amnesty first, v3#amnesty resurrected/id"}},
			states: []wantState{{"amnesty", "v1=stated v2=removed v3=stated"}},
		},
		{
			name: "resurrection through a derives_from link to a grandparent",
			plans: func(t *testing.T) []*plan.Plan {
				return []*plan.Plan{
					ver(t, "v1", "amnesty: "+textD, "elections: "+textC),
					ver(t, "v2 supersedes=v1", "elections: "+textC),
					ver(t, "v3 supersedes=v2", "pardon: <v1#amnesty> An amnesty is granted to all parties for acts in the war.", "elections: "+textC),
				}
			},
			trails: []want{{"v3", "pardon", "v1#amnesty first, v3#pardon resurrected/derives_from"}},
		},
		{
			name: "derived: a root takes up a clause of a version on another track",
			plans: func(t *testing.T) []*plan.Plan {
				return []*plan.Plan{
					ver(t, "a0", "army: Ukraine's armed forces are capped at 85,000 personnel.", "crimea: Crimea is left out of the treaty."),
					ver(t, "b1", "army: <a0#army> "+textA, "elections: "+textC),
					ver(t, "c2 supersedes=b1", "army: "+textB, "elections: "+textC),
				}
			},
			trails: []want{
				{"c2", "army", "a0#army first, b1#army derived/derives_from, c2#army modified/id"},
				{"b1", "elections", "b1#elections first"},
			},
			states: []wantState{{"army", "a0=stated b1=stated c2=stated"}, {"crimea", "a0=stated"}},
			check: func(t *testing.T, l *Lineage) {
				c := l.ThreadsOf("army")[0].Cell("b1")
				if len(c.Links) != 1 || c.Links[0].Kind != KindDerived || c.Links[0].From != "a0" || len(c.Links[0].Figures) == 0 {
					t.Errorf("b1 links = %+v", c.Links)
				}
			},
		},
		{
			name: "derived: a link to a later version is not followed, so trails end",
			plans: func(t *testing.T) []*plan.Plan {
				return []*plan.Plan{
					ver(t, "a0", "army: <b1#army> "+textA),
					ver(t, "b1", "army: "+textB),
				}
			},
			trails: []want{{"a0", "army", "a0#army first"}, {"b1", "army", "b1#army first"}},
		},
		{
			name: "derives_from to a grandparent is translated through a partial parent",
			plans: func(t *testing.T) []*plan.Plan {
				return []*plan.Plan{
					ver(t, "v1", "funds: "+textE, "elections: "+textC),
					ver(t, "v2 partial supersedes=v1", "elections: "+textC),
					ver(t, "v3 supersedes=v2", "recovery: <v1#funds> Several funds pay for Ukraine's recovery.", "elections: "+textC),
				}
			},
			trails: []want{{"v3", "recovery", "v1#funds first, v2#funds unreported/none, v3#recovery modified/derives_from"}},
		},
		{
			name: "merge and split through steps",
			plans: func(t *testing.T) []*plan.Plan {
				return []*plan.Plan{
					ver(t, "v1", "army: "+textA, "amnesty: "+textD, "elections: "+textC),
					ver(t, "v2 supersedes=v1", "deal: <v1#army> "+textB+" "+textD, "elections: "+textC),
					ver(t, "v3 supersedes=v2", "cap: <v2#deal> "+textB, "pardon: <v2#deal> "+textD, "elections: "+textC),
				}
			},
			check: func(t *testing.T, l *Lineage) {
				// The merge in v2 (army via derives_from, amnesty by content or
				// containment) joins army and amnesty into one thread, which
				// the split in v3 carries on.
				ts := l.ThreadsOf("army")
				if len(ts) != 1 {
					t.Fatalf("%d threads", len(ts))
				}
				ids := map[string]bool{}
				for _, n := range ts[0].Nodes {
					ids[n.Version+"#"+n.ID] = true
				}
				for _, want := range []string{"v1#army", "v2#deal", "v3#cap", "v3#pardon"} {
					if !ids[want] {
						t.Errorf("thread lacks %s; has %v", want, ids)
					}
				}
				if ids["v1#elections"] {
					t.Error("elections joined the thread")
				}
				var kinds []string
				for _, e := range l.Trail(l.Version("v3").Node("cap")) {
					k := "first"
					if e.Link != nil {
						k = string(e.Link.Kind)
					}
					kinds = append(kinds, e.Node.Ref()+" "+k)
				}
				if got, want := strings.Join(kinds, ", "), "v1#army first, v2#deal merged, v3#cap split"; got != want {
					t.Errorf("trail v3#cap = %s, want %s", got, want)
				}
				split := l.Version("v3").StepsIn[0]
				if k := split.Change(split.NewChange("cap")).Kind; k != diff.KindSplit {
					t.Errorf("v2→v3 cap kind = %s, want split", k)
				}
			},
		},
		{
			name: "a removal both versions carry is kept, through a partial version",
			plans: func(t *testing.T) []*plan.Plan {
				return []*plan.Plan{
					ver(t, "v1", "army: "+textA, "amnesty: "+textD),
					ver(t, "v2 partial supersedes=v1", "amnesty: -"),
					ver(t, "v3 supersedes=v2", "army: "+textB, "amnesty: -"),
				}
			},
			trails: []want{
				{"v2", "amnesty", "v1#amnesty first, v2#amnesty removed/removed_mark"},
				{"v3", "amnesty", "v1#amnesty first, v2#amnesty removed/removed_mark, v3#amnesty unchanged/removal_kept"},
			},
			states: []wantState{{"amnesty", "v1=stated v2=removed v3=removed"}},
			check: func(t *testing.T, l *Lineage) {
				sum := l.Version("v3").StepsIn[0].Result.Summary
				if sum.Removed != 0 || sum.Unchanged != 1 || sum.Modified != 1 {
					t.Errorf("v2→v3 summary %+v, want the kept removal unchanged and army modified", sum)
				}
			},
		},
		{
			name: "roots on other tracks stand alone",
			plans: func(t *testing.T) []*plan.Plan {
				return []*plan.Plan{
					ver(t, "v1", "army: "+textA),
					ver(t, "other", "army: "+textB),
				}
			},
			trails: []want{{"other", "army", "other#army first"}},
			check: func(t *testing.T, l *Lineage) {
				if len(l.Steps) != 0 {
					t.Errorf("%d steps, want 0", len(l.Steps))
				}
				if got := len(l.ThreadsOf("army")); got != 2 {
					t.Errorf("%d threads for army, want 2 (one per track)", got)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			l := build(t, tc.plans(t)...)
			for _, w := range tc.trails {
				if got := trail(l, w.version, w.id); got != w.trail {
					t.Errorf("trail %s#%s:\n got %s\nwant %s", w.version, w.id, got, w.trail)
				}
			}
			for _, w := range tc.states {
				if got := states(l, w.id); got != w.states {
					t.Errorf("states %s:\n got %s\nwant %s", w.id, got, w.states)
				}
			}
			if tc.check != nil {
				tc.check(t, l)
			}
		})
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	t.Parallel()
	mk := func() string {
		l := build(t,
			ver(t, "v1", "army: "+textA, "elections: "+textC, "amnesty: "+textD),
			ver(t, "v2 partial supersedes=v1", "army: "+textB, "amnesty: -"),
			ver(t, "v3 supersedes=v2", "army: "+textB, "elections: "+textC),
		)
		var b strings.Builder
		for _, th := range l.Threads {
			fmt.Fprintf(&b, "%s:", th.ID)
			for _, c := range th.Cells {
				fmt.Fprintf(&b, " %s=%s/%d", c.Version, c.State, len(c.Links))
			}
			b.WriteByte('\n')
		}
		return b.String()
	}
	first := mk()
	for i := 0; i < 5; i++ {
		if got := mk(); got != first {
			t.Fatalf("run %d differs:\n%s\nvs\n%s", i, got, first)
		}
	}
}

func TestBuildRejectsOutOfOrder(t *testing.T) {
	t.Parallel()
	v1 := ver(t, "v1", "a: "+textA)
	v2 := ver(t, "v2 supersedes=v1", "a: "+textA)
	if _, err := Build(context.Background(), []*plan.Plan{v2, v1}, Options{}); err == nil {
		t.Fatal("no error for versions out of lineage order")
	}
	if _, err := Build(context.Background(), []*plan.Plan{v1, v1}, Options{}); err == nil {
		t.Fatal("no error for a version given twice")
	}
}

func TestSubsetSkipsVersionsLeftOut(t *testing.T) {
	t.Parallel()
	v1 := ver(t, "v1", "a: "+textA)
	v2 := ver(t, "v2 supersedes=v1", "a: "+textB)
	l, err := Build(context.Background(), []*plan.Plan{v1, v2}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Steps) != 1 || l.Steps[0].ID != "v1_v2" {
		t.Fatalf("steps = %v", l.Steps)
	}
	l, err = Build(context.Background(), []*plan.Plan{v2}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Steps) != 0 || len(l.Version("v2").Parents) != 0 {
		t.Fatal("a parent left out should make v2 a root")
	}
}

func TestSubsetThroughVersionsLeftOut(t *testing.T) {
	t.Parallel()
	v1 := ver(t, "v1", "a: "+textA, "b: "+textC)
	v2 := ver(t, "v2 partial supersedes=v1", "a: "+textB)
	v3 := ver(t, "v3 supersedes=v2", "a: "+textB, "b: "+textC)
	l, err := Build(context.Background(), []*plan.Plan{v1, v3}, Options{All: []*plan.Plan{v1, v2, v3}})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Steps) != 1 || l.Steps[0].ID != "v1_v3" {
		t.Fatalf("steps = %d, want v1_v3", len(l.Steps))
	}
	if got := trail(l, "v3", "a"); got != "v1#a first, v3#a modified/id" {
		t.Errorf("trail = %s", got)
	}
}
