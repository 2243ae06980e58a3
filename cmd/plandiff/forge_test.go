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

// controls are the characters issue 12.6 found raw in JSON: C1 controls
// (the 8-bit CSI U+009B, ST, OSC), NEL, DEL, a bidirectional override and
// isolate, and the separators.
const controls = "C1:\u009b\u009c\u009d NEL:\u0085 DEL:\u007f RLO:\u202e LRI:\u2066 LS:\u2028 PS:\u2029"

// TestNoRawControls: JSON and YAML output escapes the separators, the only
// ones of them a plan string may hold (written escaped), as \uXXXX, still the
// same decoded value, wherever data reaches it; every other of them is
// refused by every command that reads the plan, with its position (issue 12:
// a terminal or Markdown viewer hides or acts on them). render's tests check
// that JSON escapes them all.
func TestNoRawControls(t *testing.T) {
	quoted := strings.NewReplacer("\u009b", `\u009b`, "\u009c", `\u009c`, "\u009d", `\u009d`, "\u0085", `\u0085`,
		"\u007f", `\u007f`, "\u202e", `\u202e`, "\u2066", `\u2066`, "\u2028", `\u2028`, "\u2029", `\u2029`)
	write := func(dir, data string) {
		for _, v := range []struct{ id, extra, text string }{{"ca", "", "One."}, {"cb", "  supersedes: [ca]\n", "Two."}} {
			plan := "plandiff: 1\nversion:\n  id: " + v.id + "\n  title: \"T " + data + "\"\n  surfaced: 2025-01-01\n" +
				"  sources: [{id: s, outlet: \"O " + data + "\"}]\n" + v.extra + "clauses:\n  - id: x\n" +
				"    text: \"" + v.text + " " + data + "\"\n    note: \"n " + data + "\"\n    sources: [s]\n"
			if err := os.WriteFile(filepath.Join(dir, v.id+".yaml"), []byte(plan), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	commands := [][]string{
		{"show", "--format", "json", "ca.yaml"},
		{"show", "--format", "yaml", "ca.yaml"},
		{"diff", "--format", "json", "ca.yaml", "cb.yaml"},
		{"--plans", ".", "report", "--format", "json"},
		{"--plans", ".", "list", "--format", "json"},
		{"--plans", ".", "validate", "--format", "json"},
	}
	seps, hostile := t.TempDir(), t.TempDir()
	write(seps, quoted.Replace("LS:\u2028 PS:\u2029"))
	write(hostile, quoted.Replace(controls))
	for _, args := range commands {
		code, stdout, stderr := runIn(seps, args...)
		if code != 0 {
			t.Fatalf("%q: exit %d\n%s", args, code, stderr)
		}
		if i := strings.IndexFunc(stdout, isHidden); i >= 0 {
			t.Errorf("%q: raw %U in the output", args, []rune(stdout[i:])[0])
		}
		// The data is there, escaped (validate prints none).
		if !strings.Contains(strings.Join(args, " "), "validate") && !strings.Contains(stdout, `\u2028`) && !strings.Contains(stdout, `\L`) {
			t.Errorf("%q: the escaped data is not in the output", args)
		}
		code, stdout, stderr = runIn(hostile, args...)
		if code == 0 {
			t.Errorf("%q: exit 0 on plans with control characters", args)
		}
		out := stdout + stderr
		if !strings.Contains(out, "text holds the control character U+009B") || !strings.Contains(out, "ca.yaml") {
			t.Errorf("%q: no error at the clause text's control character:\n%s", args, out)
		}
		if i := strings.IndexFunc(out, isHidden); i >= 0 {
			t.Errorf("%q: raw %U in the output", args, []rune(out[i:])[0])
		}
	}
}

func isHidden(r rune) bool {
	return r >= 0x7f && r < 0xa0 || r == 0x2028 || r == 0x2029 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}
