package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestPreCommitRefusesDanglingLink runs the pre-commit recipe of docs/ci.md end to end:
// pre-commit, with the hook this repository ships (.pre-commit-hooks.yaml)
// made local (the same entry, files and exclude, language system so that
// the plandiff under test runs) and the arguments docs/ci.md gives, refuses
// a commit whose plan file has a dangling link and takes it once the link
// is fixed (issue 13.7: validate FILE did not check a corpus file's links).
func TestPreCommitRefusesDanglingLink(t *testing.T) {
	if testing.Short() {
		t.Skip("runs git and pre-commit")
	}
	for _, tool := range []string{"git", "pre-commit"} {
		if _, err := exec.LookPath(tool); err != nil {
			// .ci/run installs both (Debian packages git and pre-commit) when it can.
			t.Skipf("%s is not installed (Debian package %s)", tool, tool)
		}
	}
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []map[string]any
	if err := yaml.Unmarshal(data, &hooks); err != nil || len(hooks) == 0 {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	hook := hooks[0]
	if hook["id"] != "plandiff-validate" {
		t.Fatalf("the first hook is %v, want plandiff-validate", hook["id"])
	}
	hook["language"] = "system"
	// docs/ci.md: args: [--plans, plans]
	hook["args"] = []string{"--plans", "plans"}
	config, err := yaml.Marshal(map[string]any{"repos": []any{map[string]any{"repo": "local", "hooks": []any{hook}}}})
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	run := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "HOME="+dir, "GIT_CONFIG_NOSYSTEM=1",
			"PRE_COMMIT_HOME="+filepath.Join(dir, ".cache"), "NO_COLOR=1")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(name string, args ...string) {
		t.Helper()
		if out, err := run(name, args...); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must("git", "init", "-q", "-b", "main")
	must("git", "config", "user.email", "t@example.org")
	must("git", "config", "user.name", "t")
	write(".pre-commit-config.yaml", string(config))
	write("plans/a.yaml", hookPlan("a", "", "x"))
	must("git", "add", ".")
	must("git", "commit", "-q", "-m", "base")
	must("pre-commit", "install")

	write("plans/b.yaml", hookPlan("b", "gone#x", "y"))
	must("git", "add", "plans/b.yaml")
	out, err := run("git", "commit", "-q", "-m", "dangling")
	if err == nil {
		t.Fatalf("the commit with a dangling link was taken:\n%s", out)
	}
	if !strings.Contains(out, `plans/b.yaml:12:20: derives_from "gone#x": version "gone" is not in the corpus`) {
		t.Errorf("the hook did not say why:\n%s", out)
	}

	write("plans/b.yaml", hookPlan("b", "a#x", "y"))
	must("git", "add", "plans/b.yaml")
	if out, err := run("git", "commit", "-q", "-m", "linked"); err != nil {
		t.Fatalf("the fixed commit was refused: %v\n%s", err, out)
	}
}

// hookPlan is a plan of one clause, linked to from when it is not empty.
func hookPlan(id, from, clause string) string {
	s := "plandiff: 1\nversion:\n  id: " + id + "\n  title: T\n  surfaced: 2025-01-01\n"
	if from != "" {
		s += "  supersedes: [a]\n"
	}
	s += "  sources: [{id: s, outlet: O}]\nclauses:\n  - id: " + clause + "\n    text: One.\n    sources: [s]\n"
	if from != "" {
		s += "    derives_from: [" + from + "]\n"
	}
	return s
}
