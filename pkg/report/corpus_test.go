package report

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/internal/golden"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/lineage"
	"github.com/plandiff/plandiff/pkg/plan"
)

// The live corpus changes with every data edit, so its report is not kept as
// a golden file (testdata/fixture is): these tests check what must hold of
// any corpus instead.

// TestCorpusReportDeterministic builds and writes the report twice: the same
// corpus gives the same bytes in every format.
func TestCorpusReportDeterministic(t *testing.T) {
	opts := Options{Timeline: corpusTimeline(t)}
	r1, r2 := Build(corpusLineage(t), opts), Build(corpusLineage(t), opts)
	for _, f := range reportWriters {
		var a, b bytes.Buffer
		if err := f.write(&a, r1); err != nil {
			t.Fatal(err)
		}
		if err := f.write(&b, r2); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two runs differ:\n%s", f.name, golden.Diff("first", a.Bytes(), "second", b.Bytes()))
		}
	}
}

// TestCorpusLinksResolve checks that every anchor the report model points to
// is defined once, and that every clause reference that names a clause of a
// version in the report has an anchor.
func TestCorpusLinksResolve(t *testing.T) {
	for _, problem := range linkProblems(Build(corpusLineage(t), Options{Timeline: corpusTimeline(t)})) {
		t.Error(problem)
	}
}

// linkProblems lists the anchors r refers to but does not define, the
// anchors it defines twice, and the clause references without an anchor.
func linkProblems(r *Report) []string {
	var problems []string
	defined := map[string]bool{}
	define := func(a string) {
		if a == "" || defined[a] {
			problems = append(problems, fmt.Sprintf("anchor %q defined twice or empty", a))
		}
		defined[a] = true
	}
	for _, v := range r.Versions {
		define(v.Anchor)
		for _, c := range rows(v) {
			define(c.Anchor)
		}
	}
	for _, s := range r.Steps {
		define(s.Anchor)
		for _, c := range s.Changes {
			define(c.Anchor)
		}
	}
	for _, t := range r.Topics {
		define(t.Anchor)
	}
	for _, f := range r.Figures {
		define(f.Anchor)
	}
	for _, s := range r.Sources {
		define(s.Anchor)
	}
	for _, e := range r.Events {
		define(e.Anchor)
	}

	var refs []string // "where: anchor"
	ref := func(where, a string, required bool) {
		if a == "" && required {
			problems = append(problems, where+": no anchor")
		}
		if a != "" {
			refs = append(refs, where+"\x00"+a)
		}
	}
	clauseRefs := func(where string, list []ClauseRef) {
		for _, c := range list {
			ref(where+" → "+c.Version+"#"+c.ID, c.Anchor, true)
		}
	}
	sourceLinks := func(where string, list []SourceLink) {
		for _, s := range list {
			ref(where+" → source "+s.ID, s.Anchor, false)
		}
	}
	for _, v := range r.Versions {
		for _, c := range rows(v) {
			where := v.ID + "#" + c.ID
			sourceLinks(where, c.Sources)
			for _, l := range append(append([]LineageLink{}, c.Prev...), c.Next...) {
				ref(where+" → "+l.Version+"#"+l.Clause, l.Anchor, false)
				// Resurrections and derived links join clauses no step compares.
				ref(where+" → change", l.ChangeAnchor, !l.Resurrection && l.Kind != lineage.KindDerived)
			}
		}
	}
	for _, s := range r.Steps {
		for _, c := range s.Changes {
			where := s.ID + " change " + strconv.Itoa(c.N)
			clauseRefs(where, c.Old)
			clauseRefs(where, c.New)
			if c.RemovedEntry != nil {
				clauseRefs(where, []ClauseRef{*c.RemovedEntry})
			}
			sourceLinks(where, c.OldSources)
			sourceLinks(where, c.NewSources)
		}
	}
	for _, t := range r.Topics {
		for _, cell := range t.Versions {
			clauseRefs("topic "+t.Topic, cell.Clauses)
			clauseRefs("topic "+t.Topic, cell.Removed)
		}
	}
	for _, f := range r.Figures {
		for _, e := range f.Versions {
			clauseRefs("figures "+f.Clause, e.Clauses)
			sourceLinks("figures "+f.Clause, e.Sources)
		}
	}
	for _, e := range r.Events {
		for _, v := range append([]string{e.After, e.Before}, e.Versions...) {
			if v != "" {
				ref("event "+e.ID, versionAnchor(v), true)
			}
		}
	}
	for _, x := range refs {
		where, a, _ := strings.Cut(x, "\x00")
		if !defined[a] {
			problems = append(problems, fmt.Sprintf("%s: anchor %q is not defined", where, a))
		}
	}
	return problems
}

// TestCorpusEventsPlaced: every event of plans/events.yaml is in the full
// report, in date order, after the versions surfaced on or before its date
// and before the others; the timeline lists every version and event once,
// in date order.
func TestCorpusEventsPlaced(t *testing.T) {
	tl := corpusTimeline(t)
	r := Build(corpusLineage(t), Options{Timeline: tl})
	if len(r.Events) != len(tl.Events) {
		t.Fatalf("report has %d events, the timeline %d", len(r.Events), len(tl.Events))
	}
	surfaced := map[string]string{}
	for _, v := range r.Versions {
		surfaced[v.ID] = v.Surfaced
	}
	for i, e := range r.Events {
		if i > 0 && e.Date < r.Events[i-1].Date {
			t.Errorf("event %s out of date order", e.ID)
		}
		for _, v := range r.Versions {
			if v.Surfaced <= e.Date && (e.After == "" || surfaced[e.After] < v.Surfaced) {
				t.Errorf("event %s (%s) placed after %s, but %s surfaced later and still before it", e.ID, e.Date, e.After, v.ID)
			}
			if v.Surfaced > e.Date && (e.Before == "" || surfaced[e.Before] > v.Surfaced) {
				t.Errorf("event %s (%s) placed before %s, but %s surfaced earlier and still after it", e.ID, e.Date, e.Before, v.ID)
			}
		}
		if len(e.Sources) == 0 {
			t.Errorf("event %s has no sources", e.ID)
		}
	}
	items := r.Timeline()
	if len(items) != len(r.Versions)+len(r.Events) {
		t.Errorf("timeline has %d items, want %d", len(items), len(r.Versions)+len(r.Events))
	}
	for i := 1; i < len(items); i++ {
		if items[i].Date < items[i-1].Date {
			t.Errorf("timeline out of order at %d: %s after %s", i, items[i].Date, items[i-1].Date)
		}
	}
	// A report on some versions keeps the events of its span and of its
	// versions only.
	var sub []*plan.Plan
	for _, v := range corpusLineage(t).Versions {
		if v.ID == "us-28-draft" || v.ID == "geneva-19" {
			sub = append(sub, v.Plan)
		}
	}
	l, err := lineage.Build(context.Background(), sub, lineage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range Build(l, Options{Timeline: tl}).Events {
		if len(e.Versions) == 0 && (e.Date < "2025-11-20" || e.Date > "2025-11-23") {
			t.Errorf("report on us-28-draft and geneva-19 keeps event %s (%s)", e.ID, e.Date)
		}
	}
}

// rows lists a version's clause rows: stated, unreported, removed entries.
func rows(v *VersionRow) []*ClauseRow {
	return append(append(append([]*ClauseRow{}, v.Clauses...), v.Unreported...), v.RemovedList...)
}

// TestCorpusCountsAgree checks that each count the report prints is the
// count of what it lists: per version, per step (in the model, the lineage,
// the Markdown table and the HTML table) and per topic.
func TestCorpusCountsAgree(t *testing.T) {
	l := corpusLineage(t)
	r := Build(l, Options{})
	sourcesOf := map[string]int{}
	for _, s := range r.Sources {
		sourcesOf[s.Version]++
	}
	for _, v := range r.Versions {
		if v.Stated != len(v.Clauses) || v.UnreportedCount != len(v.Unreported) || v.RemovedEntries != len(v.RemovedList) ||
			v.SourceCount != sourcesOf[v.ID] {
			t.Errorf("%s: counts %d stated, %d unreported, %d removed entries, %d sources; lists %d, %d, %d, %d",
				v.ID, v.Stated, v.UnreportedCount, v.RemovedEntries, v.SourceCount,
				len(v.Clauses), len(v.Unreported), len(v.RemovedList), sourcesOf[v.ID])
		}
		lv := l.Version(v.ID)
		if got := len(lv.Stated()) + len(lv.Marks); v.Stated+v.RemovedEntries != got {
			t.Errorf("%s: %d clauses and removed entries in the report, %d in the lineage", v.ID, v.Stated+v.RemovedEntries, got)
		}
	}
	var md, html bytes.Buffer
	if err := Markdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if err := HTML(&html, r); err != nil {
		t.Fatal(err)
	}
	for i, s := range r.Steps {
		var changes []diff.Change
		for _, c := range s.Changes {
			changes = append(changes, diff.Change{Kind: c.Kind, Moved: c.Moved, Evidence: c.Evidence, Types: c.Types})
		}
		if got := diff.Summarize(changes); got != s.Summary {
			t.Errorf("step %s: summary %+v, but its changes count %+v", s.ID, s.Summary, got)
		}
		if s.Summary != l.Steps[i].Result.Summary {
			t.Errorf("step %s: summary %+v, the lineage's %+v", s.ID, s.Summary, l.Steps[i].Result.Summary)
		}
		var nums []string
		for _, k := range s.Summary.Counts() {
			nums = append(nums, strconv.Itoa(k.Count))
		}
		mdRow := "| `" + s.Parent + "` → `" + s.Child + "` | " + strings.Join(nums, " | ") + " |\n"
		if !strings.Contains(md.String(), mdRow) {
			t.Errorf("step %s: the Markdown counts table has no row %q", s.ID, mdRow)
		}
		htmlRow := regexp.MustCompile(`<tr><th scope="row"><a href="#` + regexp.QuoteMeta(s.Anchor) + `">.*?</a></th>((?:<td class="num[^"]*">\d+</td>)+)</tr>`)
		m := htmlRow.FindStringSubmatch(html.String())
		if m == nil {
			t.Errorf("step %s: no row in the HTML counts table", s.ID)
			continue
		}
		cells := regexp.MustCompile(`>(\d+)<`).FindAllStringSubmatch(m[1], -1)
		var got []string
		for _, c := range cells {
			got = append(got, c[1])
		}
		if strings.Join(got, " ") != strings.Join(nums, " ") {
			t.Errorf("step %s: the HTML counts table says %v, the summary %v", s.ID, got, nums)
		}
	}
	// Every stated clause with a topic is in its topic's row, once.
	for i, v := range r.Versions {
		want := map[string]int{}
		for _, c := range v.Clauses {
			if c.Topic != "" {
				want[c.Topic]++
			}
		}
		for _, row := range r.Topics {
			cell := row.Versions[i]
			if cell.Version != v.ID || len(cell.Clauses) != len(cell.Texts) || len(cell.Clauses) != want[row.Topic] {
				t.Errorf("%s, topic %s: %d clauses (%d texts) in the matrix, %d in the version",
					v.ID, row.Topic, len(cell.Clauses), len(cell.Texts), want[row.Topic])
			}
		}
	}
}

// TestCorpusEveryClauseAppears checks that every clause and removed entry of
// every plan has its row in its version's section, with its text, and its
// anchor in the HTML page.
func TestCorpusEveryClauseAppears(t *testing.T) {
	l := corpusLineage(t)
	r := Build(l, Options{})
	var html bytes.Buffer
	if err := HTML(&html, r); err != nil {
		t.Fatal(err)
	}
	page := html.String()
	for _, v := range l.Versions {
		row := versionRow(r, v.ID)
		if row == nil {
			t.Errorf("no section for version %s", v.ID)
			continue
		}
		byID := map[string]*ClauseRow{}
		for _, c := range row.Clauses {
			byID[c.ID] = c
		}
		for _, c := range row.RemovedList {
			byID[c.ID+"#removed"] = c
		}
		n := 0
		v.Plan.Walk(func(c, _ *plan.Clause, _ int) {
			n++
			key := c.ID
			if c.Removed {
				key += "#removed"
			}
			cr := byID[key]
			switch {
			case cr == nil:
				t.Errorf("%s: clause %s is not in the report", v.ID, c.ID)
			case cr.Text != c.Text:
				t.Errorf("%s: clause %s reads %q in the report, %q in the plan", v.ID, c.ID, cr.Text, c.Text)
			case !strings.Contains(page, ` id="`+cr.Anchor+`"`):
				t.Errorf("%s: clause %s has no element with id %q in the HTML", v.ID, c.ID, cr.Anchor)
			}
		})
		if n != len(row.Clauses)+len(row.RemovedList) {
			t.Errorf("%s: %d clauses in the plan, %d rows in the report", v.ID, n, len(row.Clauses)+len(row.RemovedList))
		}
	}
}

func versionRow(r *Report, id string) *VersionRow {
	for _, v := range r.Versions {
		if v.ID == id {
			return v
		}
	}
	return nil
}

// TestLinkProblemsFindsBrokenLinks makes sure the link check can fail.
func TestLinkProblemsFindsBrokenLinks(t *testing.T) {
	r := Build(fixtureLineage(t), Options{})
	if p := linkProblems(r); len(p) > 0 {
		t.Fatalf("the fixture has link problems: %v", p)
	}
	r.Steps[0].Changes[0].Old = append(r.Steps[0].Changes[0].Old, ClauseRef{Version: "x", ID: "y", Anchor: "c-nowhere"})
	r.Versions[0].Clauses[0].Next = append(r.Versions[0].Clauses[0].Next, LineageLink{Version: "x", ChangeAnchor: ""})
	r.Sources = append(r.Sources, &SourceRow{Anchor: r.Sources[0].Anchor})
	if p := linkProblems(r); len(p) != 3 {
		t.Errorf("found %d problems, want 3: %q", len(p), p)
	}
}
