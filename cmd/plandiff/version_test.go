package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestVersionNamesTheRevision builds plandiff as `make build` does, in this
// git checkout and with GOFLAGS=-buildvcs=false as on machines that set it
// globally, and requires --version to name the module version and the commit
// checked out: a bug report must say exactly what was run.
func TestVersionNamesTheRevision(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	headNow := func() string {
		out, err := exec.Command("git", "-C", "../..", "rev-parse", "--verify", "--quiet", "HEAD").Output()
		if err != nil {
			t.Skip("not a git checkout with a commit")
		}
		return strings.TrimSpace(string(out))[:12]
	}
	// Go stamps the revision only where .git is a directory: a linked
	// worktree (.git is a file) builds without it, whatever plandiff does.
	if fi, err := os.Stat("../../.git"); err == nil && !fi.IsDir() {
		t.Skip("a git worktree: go build does not stamp the revision there")
	}
	// Others may commit while the binary builds: either commit will do.
	before := headNow()
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	bin := filepath.Join(t.TempDir(), "plandiff")
	build := exec.Command(goBin, "build", "-buildvcs=auto", "-o", bin, ".")
	build.Env = append(os.Environ(), "GOFLAGS=-buildvcs=false")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	heads := regexp.QuoteMeta(before) + "|" + regexp.QuoteMeta(headNow())
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatalf("plandiff --version: %v", err)
	}
	got := strings.TrimSpace(string(out))
	// plandiff v0.0.0-20260101000000-0123456789ab+dirty (revision 0123456789ab, modified, 2026-01-01T00:00:00Z) go1.26.8
	want := regexp.MustCompile(`^plandiff v\S+ \(revision (` + heads + `)(, modified)?, \d{4}-\d\d-\d\dT[\d:]+Z\) go\S+$`)
	if !want.MatchString(got) {
		t.Errorf("plandiff --version = %q, want the module version and revision %s", got, before)
	}
}
