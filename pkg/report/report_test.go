package report

import (
	"bytes"
	"context"
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/internal/golden"
	"github.com/plandiff/plandiff/pkg/lineage"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/plans"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// corpusLineage is the lineage of the embedded corpus, plans/.
func corpusLineage(t testing.TB) *lineage.Lineage { return loadLineage(t, plans.FS, ".", "plans") }

// fixtureLineage is the lineage of testdata/fixture: three made-up versions
// of about ten clauses that use every feature once, so that the golden files
// stay small enough to review and change only when the output does.
func fixtureLineage(t testing.TB) *lineage.Lineage {
	dir := filepath.Join("testdata", "fixture")
	return loadLineage(t, os.DirFS(dir), ".", dir)
}

// corpusTimeline and fixtureTimeline are the events files of the corpus
// and of the fixture.
func corpusTimeline(t testing.TB) *plan.Timeline { return loadTimeline(t, plans.FS, ".", "plans") }

func fixtureTimeline(t testing.TB) *plan.Timeline {
	dir := filepath.Join("testdata", "fixture")
	return loadTimeline(t, os.DirFS(dir), ".", dir)
}

func loadTimeline(t testing.TB, fsys fs.FS, dir, prefix string) *plan.Timeline {
	t.Helper()
	c, err := plan.LoadDir(context.Background(), fsys, dir, prefix, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Timeline == nil {
		t.Fatalf("%s has no %s", prefix, plan.EventsFile)
	}
	return c.Timeline
}

func loadLineage(t testing.TB, fsys fs.FS, dir, prefix string) *lineage.Lineage {
	t.Helper()
	c, err := plan.LoadDir(context.Background(), fsys, dir, prefix, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l, err := lineage.Build(context.Background(), c.Plans, lineage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// checkGolden compares got with testdata/golden/name, or rewrites it with
// -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "golden", name), got, *update)
}

// reportWriters are the formats of the evolution report.
var reportWriters = []struct {
	name  string
	write func(io.Writer, *Report) error
}{
	{"report.md", Markdown},
	{"report.json", func(w io.Writer, r *Report) error { return JSON(w, r) }},
	{"report.html", HTML},
}

func TestReportGolden(t *testing.T) {
	r := Build(fixtureLineage(t), Options{Timeline: fixtureTimeline(t)})
	for _, f := range reportWriters {
		t.Run(f.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := f.write(&b, r); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, f.name, b.Bytes())
		})
	}
}

// TestFixtureUsesEveryFeature keeps the fixture honest: each kind of change,
// flag and rule the report can show is there once at least, so the golden
// files cover them.
func TestFixtureUsesEveryFeature(t *testing.T) {
	l := fixtureLineage(t)
	r := Build(l, Options{Timeline: fixtureTimeline(t)})
	seen := map[string]bool{}
	for _, e := range r.Events {
		switch {
		case e.After == "":
			seen["event before the first version"] = true
		case e.Before == "":
			seen["event after the last version"] = true
		default:
			seen["event between versions"] = true
		}
		for _, v := range r.Versions {
			if v.Surfaced == e.Date {
				seen["event on a version's date"] = true
			}
		}
	}
	for _, s := range r.Steps {
		for _, c := range s.Changes {
			seen["kind "+string(c.Kind)] = true
			seen["rule "+c.Rule] = true
			if c.Moved {
				seen["moved"] = true
			}
			if c.Renumbered {
				seen["renumbered"] = true
			}
			if c.RemovedEntry != nil {
				seen["removed entry"] = true
			}
			if c.Evidence != "" {
				seen["evidence "+c.Evidence] = true
			}
			if c.ReadingOnly {
				seen["reading only"] = true
			}
			if c.Carried {
				seen["carried"] = true
			}
		}
		if s.ChildPartial {
			seen["partial child"] = true
		}
	}
	for _, v := range r.Versions {
		for _, c := range append(append(append([]*ClauseRow{}, v.Clauses...), v.Unreported...), v.RemovedList...) {
			for _, p := range c.Prev {
				if p.Resurrection {
					seen["resurrection"] = true
				}
			}
			if c.Depth > 0 {
				seen["sub-point"] = true
			}
		}
	}
	for _, v := range l.Versions {
		v.Plan.Walk(func(c, _ *plan.Clause, _ int) {
			if len(c.Variants) > 0 {
				seen["variants"] = true
			}
			if c.Subclauses == plan.CompletenessPartial {
				seen["subclauses partial"] = true
			}
			if c.Status != "" {
				seen["status"] = true
			}
			if c.Note != "" {
				seen["clause note"] = true
			}
		})
	}
	if len(r.Figures) > 0 {
		seen["figures"] = true
	}
	for _, want := range []string{
		"kind unchanged", "kind modified", "kind merged", "kind split", "kind added", "kind removed", "kind unreported",
		"rule id", "rule derives_from", "rule content", "rule containment", "rule removed_mark", "rule removal_kept",
		"evidence reported", "evidence absent",
		"reading only", "carried",
		"moved", "renumbered", "removed entry", "partial child", "resurrection", "sub-point",
		"variants", "subclauses partial", "status", "clause note", "figures",
		"event before the first version", "event between versions", "event after the last version",
		"event on a version's date",
	} {
		if !seen[want] {
			t.Errorf("the fixture has no %s", want)
		}
	}
}

func TestAnnotateHistoryGolden(t *testing.T) {
	l := fixtureLineage(t)
	a, err := Annotate(l, "final")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Annotate(l, "nope"); err == nil {
		t.Error("no error for an unknown version")
	}
	clause := NewHistory(l, l.ThreadsOf("army-cap"), "army-cap", "")
	topic := NewHistory(l, l.TopicThreads("monitoring"), "", "monitoring")
	outputs := []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"annotate.txt", func(b *bytes.Buffer) error { return AnnotateText(b, a, TextOptions{}) }},
		{"annotate-color.txt", func(b *bytes.Buffer) error { return AnnotateText(b, a, TextOptions{Color: true}) }},
		{"annotate.md", func(b *bytes.Buffer) error { return AnnotateMarkdown(b, a) }},
		{"annotate.json", func(b *bytes.Buffer) error { return JSON(b, a) }},
		{"history.txt", func(b *bytes.Buffer) error { return HistoryText(b, clause, TextOptions{}) }},
		{"history.md", func(b *bytes.Buffer) error { return HistoryMarkdown(b, clause) }},
		{"history.json", func(b *bytes.Buffer) error { return JSON(b, clause) }},
		{"history-topic.txt", func(b *bytes.Buffer) error { return HistoryText(b, topic, TextOptions{}) }},
		{"history-topic.md", func(b *bytes.Buffer) error { return HistoryMarkdown(b, topic) }},
		{"history-topic.json", func(b *bytes.Buffer) error { return JSON(b, topic) }},
	}
	for _, o := range outputs {
		t.Run(o.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := o.write(&b); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, o.name, b.Bytes())
		})
	}
}

// The history of armed-forces-size is the example: Russia's 85,000
// and Ukraine's 250,000 in the Istanbul draft of 2022 (another track, joined
// by a derives_from link), no figure in Russia's 2025 memorandum, 600,000 in
// the US draft, 800,000 in the E3 text, at Geneva (reported by the FT,
// disputed), in the Berlin leaders' statement and in the 20-point framework.
func TestArmedForcesFigures(t *testing.T) {
	r := Build(corpusLineage(t), Options{})
	var row *FigureRow
	for _, f := range r.Figures {
		if f.Clause == "armed-forces-size" {
			row = f
		}
	}
	if row == nil {
		t.Fatal("no figures row for armed-forces-size")
	}
	var got []string
	for _, e := range row.Versions {
		got = append(got, e.Version+"="+e.State+":"+strings.Join(e.Figures, ","))
	}
	want := "istanbul-2022=stated:85,000,250,000 russia-memo-2025-06=stated: us-28-draft=stated:600,000 eu-counterproposal=stated:800,000 geneva-19=stated:800,000 berlin-statement-2025-12=stated:800,000 framework-20=stated:800,000"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
	for _, e := range row.Versions {
		if len(e.Sources) == 0 {
			t.Errorf("%s: no sources", e.Version)
		}
	}
}

// Geneva-19 reports 7 entries of 19 points; the step from it to the
// framework must not call the rest of the US draft added.
func TestPartialGenevaDoesNotBreakChains(t *testing.T) {
	l := corpusLineage(t)
	v := l.Version("geneva-19")
	if len(v.Stated()) >= 10 || len(v.Nodes) < 40 {
		t.Fatalf("geneva-19: %d stated, %d effective", len(v.Stated()), len(v.Nodes))
	}
	for _, s := range l.Version("framework-20").StepsIn {
		if s.Parent.ID != "geneva-19" {
			continue
		}
		for _, ch := range s.Result.Changes {
			if ch.Kind == "added" && len(ch.New) == 1 && ch.New[0] == "sovereignty" {
				t.Error("sovereignty looks added in framework-20")
			}
		}
	}
}
