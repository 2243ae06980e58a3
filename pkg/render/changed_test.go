package render

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/changed"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
)

// testPlan parses a plan of n clauses whose text carries word.
func testPlan(t *testing.T, name, id string, n int, word string) *plan.Plan {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "plandiff: 1\nversion: {id: %s, title: T, surfaced: 2025-01-01, sources: [{id: s, outlet: O}]}\nclauses:\n", id)
	for i := range n {
		fmt.Fprintf(&b, "  - {id: c%d, text: Clause %d of the plan says %s about point %d., sources: [s]}\n", i, i, word, i)
	}
	p, err := plan.Parse(context.Background(), name, []byte(b.String()), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func testChanged(t *testing.T, path string, n int) *changed.File {
	t.Helper()
	old := testPlan(t, "base:"+path, "v", n, "yes")
	new := testPlan(t, path, "v", n, "no")
	res, err := diff.Compare(context.Background(), old, new, diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return &changed.File{FileChange: changed.FileChange{Status: changed.StatusModified, Path: path, OldPath: path},
		Old: old, New: new, Result: res}
}

func TestChangedMarkdownStaysUnderGitHubsLimit(t *testing.T) {
	t.Parallel()
	rep := &changed.Report{Base: changed.Base{Rev: "main", Commit: strings.Repeat("a", 40)}}
	for i := range 6 {
		rep.Files = append(rep.Files, testChanged(t, fmt.Sprintf("plans/p%d.yaml", i), 60))
	}
	var whole bytes.Buffer
	if err := (ChangedMarkdown{Report: rep}).WriteReport(&whole); err != nil {
		t.Fatal(err)
	}
	if whole.Len() <= GitHubCommentLimit {
		t.Fatalf("the test report is only %d bytes: it must need shortening", whole.Len())
	}
	for _, limit := range []int{GitHubCommentLimit, 22000} {
		var out bytes.Buffer
		if err := (ChangedMarkdown{Report: rep, MaxBytes: limit}).WriteReport(&out); err != nil {
			t.Fatal(err)
		}
		md := out.String()
		if out.Len() > limit {
			t.Errorf("report is %d bytes, over %d", out.Len(), limit)
		}
		if !strings.Contains(md, "changes are shortened to their heading") || !strings.Contains(md, changedWhole) {
			t.Errorf("%d: no note that changes were shortened, naming %s", limit, changedWhole)
		}
		for i := range 6 {
			if !strings.Contains(md, fmt.Sprintf("| plans/p%d.yaml | modified | ok | 60 modified |", i)) {
				t.Errorf("the table lacks plans/p%d.yaml", i)
			}
			if !strings.Contains(md, fmt.Sprintf("### plans/p%d.yaml", i)) {
				t.Errorf("%d: no section for plans/p%d.yaml", limit, i)
			}
		}
		// Every change of every file keeps its heading.
		if n := strings.Count(md, "\n##### Modified: "); n != 6*60 {
			t.Errorf("%d: %d change headings, want %d", limit, n, 6*60)
		}
		if !strings.Contains(md, "<details><summary>Clauses: 60 modified</summary>") {
			t.Error("a long diff is not folded")
		}
	}
	var short bytes.Buffer
	rep.Files = []*changed.File{testChanged(t, "plans/short.yaml", 1)}
	if err := (ChangedMarkdown{Report: rep, MaxBytes: GitHubCommentLimit}).WriteReport(&short); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(short.String(), "<details open><summary>Clauses: 1 modified</summary>") {
		t.Errorf("a short diff is folded:\n%s", short.String())
	}
	// Too many files for even their headings: whole sections go, and a
	// note says how many.
	var tiny bytes.Buffer
	rep.Files = rep.Files[:0]
	for i := range 6 {
		rep.Files = append(rep.Files, testChanged(t, fmt.Sprintf("plans/p%d.yaml", i), 60))
	}
	if err := (ChangedMarkdown{Report: rep, MaxBytes: 8000}).WriteReport(&tiny); err != nil {
		t.Fatal(err)
	}
	if tiny.Len() > 8000 || !strings.Contains(tiny.String(), "left out to keep this comment within GitHub's size limit") {
		t.Errorf("%d bytes, or no note on files left out", tiny.Len())
	}
}

// rawHTML finds tags and comments in Markdown source.
var rawHTML = regexp.MustCompile(`<[^>]*>`)

// changedTags are the only tags and comments ChangedMarkdown writes itself.
var changedTags = map[string]bool{ChangedMarker: true, "<details>": true, "<details open>": true, "</details>": true,
	"<summary>": true, "</summary>": true, "<del>": true, "</del>": true, "<strong>": true, "</strong>": true}

func TestChangedMarkdownEscapesData(t *testing.T) {
	hostile := "plans/<img src=x onerror=alert(1)>[x](javascript:alert(1))@everyone#1.yaml"
	f := testChanged(t, hostile, 1)
	f.Status, f.OldPath = changed.StatusRenamed, "plans/<!-- x -->.yaml"
	bad := &changed.File{FileChange: changed.FileChange{Status: changed.StatusAdded, Path: "plans/|bad|.yaml"}}
	bad.Problems.Add(plan.Pos{File: "plans/|bad|.yaml", Line: 1, Col: 1}, "unknown key %q\n# heading <script>", "`x`")
	rep := &changed.Report{
		Base:  changed.Base{Rev: "<b>main</b>", Commit: strings.Repeat("b", 40)},
		Files: []*changed.File{f, bad},
	}
	var out bytes.Buffer
	if err := (ChangedMarkdown{Report: rep}).WriteReport(&out); err != nil {
		t.Fatal(err)
	}
	md := out.String()
	for _, tag := range rawHTML.FindAllString(md, -1) {
		if !changedTags[tag] {
			t.Errorf("raw HTML from data: %q", tag)
		}
	}
	if strings.Count(md, ChangedMarker) != 1 {
		t.Error("the marker is not there exactly once")
	}
	for _, bad := range []string{"[x](javascript", "@everyone", "#1", "\n# heading", "|bad|"} {
		if strings.Contains(md, bad) {
			t.Errorf("unescaped %q in:\n%s", bad, md)
		}
	}
}

func TestDemoteHeadings(t *testing.T) {
	for in, want := range map[string]string{
		"## a\ntext\n### b\n":   "#### a\ntext\n##### b\n",
		"##### deep\n":          "###### deep\n",
		"#hashtag\n":            "#hashtag\n",
		"text # not\n":          "text # not\n",
		"\\# escaped\n":         "\\# escaped\n",
		"####### seven\n":       "####### seven\n",
		"## no final newline":   "#### no final newline",
		"> ## in a quote\n## x": "> ## in a quote\n#### x",
	} {
		if got := demoteHeadings(in, 2); got != want {
			t.Errorf("demoteHeadings(%q) = %q, want %q", in, got, want)
		}
	}
}
