package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// hostilePlan is a plan whose title, outlet, clause text and note try to
// start lines of their own: a table row, and workflow commands of GitHub
// Actions (which trims a line's leading spaces before looking for "::").
func hostilePlan(id, text, extra string) string {
	return `plandiff: 1
version:
  id: ` + id + `
  title: "Title\n| x | forged | row |\n::warning::title"
  surfaced: 2025-01-01
  sources: [{id: s, outlet: "Outlet\n::error::outlet"}]
` + extra + `clauses:
  - id: x
    text: "` + text + `\n::add-mask::secret\n  ::set-output name=x::y"
    note: "note\n\t::error file=x::note"
    sources: [s]
`
}

// githubCommand is the one line shape of output that is a workflow command
// on purpose: validate --format github, its data escaped.
var githubCommand = regexp.MustCompile(`^::error file=[^\n]*,line=\d+,col=\d+,title=plandiff::[^\n]*$`)

// TestNoForgedLines runs the commands that print data on plans built to
// forge lines, and a file whose name does (issue 12.5): no line of standard
// output or standard error may begin with "::" after its leading blanks,
// but the commands validate --format github means, and list's table has a
// row per version.
func TestNoForgedLines(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.yaml", hostilePlan("a", "One.", ""))
	write("b.yaml", hostilePlan("b", "Two.", "  supersedes: [a]\n"))
	evil := "evil\n::error::name.yaml"
	write(evil, hostilePlan("c", "Three.", "  supersedes: [b]\n  status: [not-a-status]\n"))
	for _, args := range [][]string{
		{"diff", "a.yaml", "b.yaml"},
		{"diff", "--all", "--sources", "full", "a.yaml", "b.yaml"},
		{"diff", "--format", "markdown", "a.yaml", "b.yaml"},
		{"diff", "--format", "json", "a.yaml", "b.yaml"},
		{"diff", "--stat", "a.yaml", "b.yaml"},
		{"show", "a.yaml"},
		{"show", "--format", "yaml", "a.yaml"},
		{"validate", evil},
		{"validate", "--format", "github", evil},
		{"--plans", ".", "validate"},
		{"--plans", ".", "list"},
		{"git-diff-driver", evil, "a.yaml", "0", "100644", "b.yaml", "0", "100644"},
	} {
		code, stdout, stderr := runIn(dir, args...)
		if code > 2 {
			t.Errorf("%q: exit %d\n%s", args, code, stderr)
		}
		for _, out := range []string{stdout, stderr} {
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(strings.TrimLeft(line, " \t"), "::") && !(args[0] == "validate" && githubCommand.MatchString(line)) {
					t.Errorf("%q: a line that is a workflow command: %q", args, line)
				}
			}
		}
	}
	// One row per version, and the header.
	os.Remove(filepath.Join(dir, evil))
	_, stdout, _ := runIn(dir, "--plans", ".", "list")
	if rows := strings.Count(stdout, "\n"); rows != 3 {
		t.Errorf("list prints %d lines for 2 versions:\n%s", rows, stdout)
	}
}
