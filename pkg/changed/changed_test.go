package changed

import (
	"context"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
)

func TestScope(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		c        FileChange
		plansDir string
		want     FileChange
		ok       bool
	}{
		{"plan file anywhere", FileChange{StatusModified, "a/x.yaml", "a/x.yaml"}, "", FileChange{StatusModified, "a/x.yaml", "a/x.yaml"}, true},
		{"not YAML", FileChange{StatusModified, "README.md", "README.md"}, "", FileChange{StatusModified, "README.md", "README.md"}, false},
		{"topics.yaml is no plan", FileChange{StatusModified, "plans/topics.yaml", "plans/topics.yaml"}, "plans", FileChange{StatusModified, "plans/topics.yaml", "plans/topics.yaml"}, false},
		{"outside the corpus", FileChange{StatusAdded, "other/x.yaml", ""}, "plans", FileChange{StatusAdded, "other/x.yaml", ""}, false},
		{"inside the corpus", FileChange{StatusAdded, "plans/x.yml", ""}, "plans", FileChange{StatusAdded, "plans/x.yml", ""}, true},
		{"renamed out of the corpus", FileChange{StatusRenamed, "old/x.yaml", "plans/x.yaml"}, "plans", FileChange{StatusDeleted, "plans/x.yaml", "plans/x.yaml"}, true},
		{"renamed to a non-plan name", FileChange{StatusRenamed, "plans/x.txt", "plans/x.yaml"}, "plans", FileChange{StatusDeleted, "plans/x.yaml", "plans/x.yaml"}, true},
		{"renamed into the corpus", FileChange{StatusRenamed, "plans/x.yaml", "old/x.yaml"}, "plans", FileChange{StatusRenamed, "plans/x.yaml", "old/x.yaml"}, true},
	}
	for _, tc := range tests {
		got, ok := Scope(tc.c, tc.plansDir)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("%s: Scope(%+v, %q) = %+v, %v; want %+v, %v", tc.name, tc.c, tc.plansDir, got, ok, tc.want, tc.ok)
		}
	}
}

func TestBase(t *testing.T) {
	t.Parallel()
	h := strings.Repeat("ab", 20)
	if b := (Base{Rev: "main", Commit: h, MergeBase: true}); b.Label() != h[:12] || b.Since() != "the merge base of HEAD and main ("+h[:12]+")" {
		t.Errorf("merge base: %q, %q", b.Label(), b.Since())
	}
	if b := (Base{Rev: "HEAD~1", Commit: h}); b.Label() != "HEAD~1" || b.Since() != "HEAD~1 ("+h[:12]+")" {
		t.Errorf("revision: %q, %q", b.Label(), b.Since())
	}
}

func parse(t *testing.T, src string) *plan.Plan {
	t.Helper()
	p, err := plan.Parse(context.Background(), "p.yaml", []byte("plandiff: 1\nversion: {id: v, title: T, surfaced: 2025-01-01, sources: [{id: s, outlet: O}]}\nclauses:\n"+src), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCompareAndCounts(t *testing.T) {
	t.Parallel()
	old := parse(t, "  - {id: a, text: The army is capped at 600000 troops., sources: [s]}\n")
	new := parse(t, "  - {id: a, text: The army is capped at 800000 troops., sources: [s]}\n  - {id: b, text: Elections follow., sources: [s]}\n")
	same := parse(t, "  - {id: a, text: The army is capped at 600000 troops., sources: [s]}\n")
	bad := &File{FileChange: FileChange{StatusModified, "bad.yaml", "bad.yaml"}}
	bad.Problems.Add(plan.Pos{File: "bad.yaml", Line: 1, Col: 1}, "broken")
	r := &Report{Base: Base{Rev: "main", Commit: "c"}, Files: []*File{
		{FileChange: FileChange{StatusModified, "m.yaml", "m.yaml"}, Old: old, New: new},
		{FileChange: FileChange{StatusAdded, "a.yaml", ""}, New: same},
		{FileChange: FileChange{StatusModified, "s.yaml", "s.yaml"}, Old: same, New: same},
		{FileChange: FileChange{StatusDeleted, "d.yaml", "d.yaml"}, Old: old},
		bad,
	}}
	if err := r.Compare(context.Background(), diff.Options{}); err != nil {
		t.Fatal(err)
	}
	m, a, s, d := r.Files[0], r.Files[1], r.Files[2], r.Files[3]
	if got := ClauseCounts(m.Result); got != "1 modified, 1 added" {
		t.Errorf("modified file: %q", got)
	}
	if got := ClauseCounts(a.Result); got != "1 added" || !strings.Contains(a.Result.Old.Title, "main") {
		t.Errorf("added file: %q, old side %q", got, a.Result.Old.Title)
	}
	if got := ClauseCounts(s.Result); got != "no clause changes" || s.Differs() {
		t.Errorf("unchanged file: %q, differs %v", got, s.Differs())
	}
	if d.Result != nil || bad.Result != nil {
		t.Error("a deleted or invalid file was compared")
	}
	if !m.Differs() || !a.Differs() || !d.Differs() || !bad.Differs() || !r.Differs() {
		t.Error("a changed file does not differ")
	}
	if r.Invalid() != 1 || bad.Valid() || !m.Valid() {
		t.Errorf("Invalid() = %d", r.Invalid())
	}
	if got := d.DeletedText(); got != "deleted; it held version v (1 clause)" {
		t.Errorf("DeletedText = %q", got)
	}
	if got := (&File{FileChange: FileChange{StatusRenamed, "n.yaml", "o.yaml"}}).StatusText(); got != "renamed from o.yaml" {
		t.Errorf("StatusText = %q", got)
	}
	if (&Report{Files: []*File{s}}).Differs() {
		t.Error("a report of unchanged files differs")
	}
}
