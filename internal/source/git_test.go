package source

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/changed"
	"github.com/plandiff/plandiff/pkg/plan"
)

func TestParseNameStatus(t *testing.T) {
	for _, tc := range []struct {
		name string
		out  string
		want []changed.FileChange
		err  string
	}{
		{name: "empty", out: "", want: nil},
		{name: "every status", out: "M\x00a.yaml\x00A\x00b.yaml\x00D\x00c.yaml\x00R087\x00old.yaml\x00new.yaml\x00T\x00d.yaml\x00U\x00e.yaml\x00",
			want: []changed.FileChange{
				{Status: changed.StatusModified, Path: "a.yaml", OldPath: "a.yaml"},
				{Status: changed.StatusAdded, Path: "b.yaml"},
				{Status: changed.StatusDeleted, Path: "c.yaml", OldPath: "c.yaml"},
				{Status: changed.StatusRenamed, Path: "new.yaml", OldPath: "old.yaml"},
				{Status: changed.StatusModified, Path: "d.yaml", OldPath: "d.yaml"},
				{Status: changed.StatusModified, Path: "e.yaml", OldPath: "e.yaml"},
			}},
		{name: "a copy is an added file", out: "C100\x00a.yaml\x00b.yaml\x00",
			want: []changed.FileChange{{Status: changed.StatusAdded, Path: "b.yaml"}}},
		{name: "unknown status skipped", out: "X\x00a.yaml\x00M\x00b.yaml\x00",
			want: []changed.FileChange{{Status: changed.StatusModified, Path: "b.yaml", OldPath: "b.yaml"}}},
		{name: "names with newlines and tabs", out: "M\x00a\nb\tc.yaml\x00",
			want: []changed.FileChange{{Status: changed.StatusModified, Path: "a\nb\tc.yaml", OldPath: "a\nb\tc.yaml"}}},
		{name: "rename without its new path", out: "R100\x00old.yaml\x00", err: "without its path"},
		{name: "empty status", out: "\x00a.yaml\x00", err: "empty status"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseNameStatus([]byte(tc.out))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// repo makes a scratch repository with one commit on main and returns its
// directory.
func repo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	gitIn(t, dir, "config", "user.email", "t@example.org")
	gitIn(t, dir, "config", "user.name", "t")
	write(t, dir, "a.yaml", "a\n")
	write(t, dir, "gone.yaml", "gone\n")
	write(t, dir, "old.yaml", "one\ntwo\nthree\nfour\nfive\n")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-q", "-m", "base")
	return dir
}

func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func write(t *testing.T, dir, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestGitToplevel(t *testing.T) {
	dir := repo(t)
	write(t, dir, "sub/x.txt", "x")
	ctx := context.Background()
	top, err := Git{Dir: filepath.Join(dir, "sub")}.Toplevel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.EvalSymlinks(dir)
	if got, _ := filepath.EvalSymlinks(top); got != want {
		t.Errorf("Toplevel = %q, want %q", top, dir)
	}

	outside := t.TempDir()
	_, err = Git{Dir: outside}.Toplevel(ctx)
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "is not in a git working tree") {
		t.Errorf("outside a repository: error %v, want an InputError saying so", err)
	}

	_, err = Git{Bin: "no-such-git-program", Dir: dir}.Toplevel(ctx)
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "needs git, which was not found on PATH") {
		t.Errorf("without git: error %v", err)
	}
}

func TestGitCommit(t *testing.T) {
	dir := repo(t)
	g := Git{Dir: dir}
	ctx := context.Background()
	head := gitIn(t, dir, "rev-parse", "HEAD")
	for _, rev := range []string{"HEAD", "main", head[:7]} {
		if got, err := g.Commit(ctx, rev); err != nil || got != head {
			t.Errorf("Commit(%q) = %q, %v; want %s", rev, got, err, head)
		}
	}
	for rev, msg := range map[string]string{
		"nope":            "nope: not a commit in this repository",
		"HEAD:a.yaml":     "not a commit", // a blob, not a commit
		"--output=/tmp/x": "cannot start with '-'",
		"-c":              "cannot start with '-'",
		"":                "empty git revision",
		"a\nb":            "control characters",
	} {
		_, err := g.Commit(ctx, rev)
		var ie *InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), msg) {
			t.Errorf("Commit(%q): error %v, want an InputError containing %q", rev, err, msg)
		}
	}
}

func TestGitResolveBase(t *testing.T) {
	dir := repo(t)
	g := Git{Dir: dir}
	ctx := context.Background()
	base := gitIn(t, dir, "rev-parse", "HEAD")
	gitIn(t, dir, "checkout", "-q", "-b", "topic")
	write(t, dir, "a.yaml", "a2\n")
	gitIn(t, dir, "commit", "-q", "-am", "topic")
	topic := gitIn(t, dir, "rev-parse", "HEAD")
	gitIn(t, dir, "checkout", "-q", "main")
	write(t, dir, "b.yaml", "b\n")
	gitIn(t, dir, "add", "b.yaml")
	gitIn(t, dir, "commit", "-q", "-m", "main moves on")
	mainTip := gitIn(t, dir, "rev-parse", "HEAD")
	gitIn(t, dir, "checkout", "-q", "topic")

	// No remote: the local main is the default branch; the base is where
	// topic left it, not main's tip.
	got, err := g.ResolveBase(ctx, "")
	if want := (changed.Base{Rev: "main", Commit: base, MergeBase: true}); err != nil || got != want {
		t.Errorf("default base = %+v, %v; want %+v", got, err, want)
	}
	if got.Label() != base[:12] {
		t.Errorf("Label() = %q, want the short merge base", got.Label())
	}
	// A revision given is used as it is...
	got, err = g.ResolveBase(ctx, "main")
	if want := (changed.Base{Rev: "main", Commit: mainTip}); err != nil || got != want || got.Label() != "main" {
		t.Errorf("ResolveBase(main) = %+v, %v; want %+v", got, err, want)
	}
	// ... unless it ends in "...", as in git diff.
	got, err = g.ResolveBase(ctx, "main...")
	if want := (changed.Base{Rev: "main", Commit: base, MergeBase: true}); err != nil || got != want {
		t.Errorf("ResolveBase(main...) = %+v, %v; want %+v", got, err, want)
	}
	if _, err := g.ResolveBase(ctx, "..."); err == nil {
		t.Error(`ResolveBase("...") succeeded`)
	}
	if _, err := g.ResolveBase(ctx, "nope..."); err == nil || !strings.Contains(err.Error(), "nope: not a commit") {
		t.Errorf("ResolveBase(nope...): %v", err)
	}

	// origin/HEAD wins over local branches.
	gitIn(t, dir, "update-ref", "refs/remotes/origin/trunk", topic)
	gitIn(t, dir, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk")
	if b, err := g.DefaultBranch(ctx); err != nil || b != "origin/trunk" {
		t.Errorf("DefaultBranch with origin/HEAD = %q, %v", b, err)
	}
	gitIn(t, dir, "symbolic-ref", "--delete", "refs/remotes/origin/HEAD")
	gitIn(t, dir, "update-ref", "refs/remotes/origin/master", base)
	if b, err := g.DefaultBranch(ctx); err != nil || b != "origin/master" {
		t.Errorf("DefaultBranch with origin/master = %q, %v", b, err)
	}
}

func TestGitDefaultBranchMissing(t *testing.T) {
	dir := repo(t)
	gitIn(t, dir, "branch", "-m", "main", "work")
	_, err := Git{Dir: dir}.ResolveBase(context.Background(), "")
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "cannot find the default branch") || !strings.Contains(err.Error(), "--base") {
		t.Errorf("error %v, want one naming --base", err)
	}
}

func TestGitNoCommits(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	_, err := Git{Dir: dir}.ResolveBase(context.Background(), "main...")
	if err == nil || !strings.Contains(err.Error(), "HEAD is not a commit") {
		t.Errorf("error %v", err)
	}
}

func TestGitChangedFiles(t *testing.T) {
	dir := repo(t)
	g := Git{Dir: dir}
	ctx := context.Background()
	base := gitIn(t, dir, "rev-parse", "HEAD")
	write(t, dir, "a.yaml", "a changed\n") // unstaged
	gitIn(t, dir, "rm", "-q", "gone.yaml")
	gitIn(t, dir, "mv", "old.yaml", "renamed.yaml")
	write(t, dir, "renamed.yaml", "one\ntwo\nthree\nfour\nfive!\n")
	write(t, dir, "new.yaml", "new\n")
	gitIn(t, dir, "add", "new.yaml")
	write(t, dir, "untracked.yaml", "u\n")

	got, err := g.ChangedFiles(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	want := []changed.FileChange{
		{Status: changed.StatusModified, Path: "a.yaml", OldPath: "a.yaml"},
		{Status: changed.StatusDeleted, Path: "gone.yaml", OldPath: "gone.yaml"},
		{Status: changed.StatusAdded, Path: "new.yaml"},
		{Status: changed.StatusRenamed, Path: "renamed.yaml", OldPath: "old.yaml"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}

	// Configuration cannot change what is listed or how.
	gitIn(t, dir, "config", "diff.external", "false")
	gitIn(t, dir, "config", "diff.renames", "false")
	gitIn(t, dir, "config", "diff.relative", "true")
	if again, err := (Git{Dir: filepath.Join(dir)}).ChangedFiles(ctx, base); err != nil || !reflect.DeepEqual(again, want) {
		t.Errorf("with diff.* configuration: %+v, %v", again, err)
	}

	if _, err := g.ChangedFiles(ctx, "--cached"); err == nil || !strings.Contains(err.Error(), "cannot start with '-'") {
		t.Errorf("ChangedFiles(--cached): %v", err)
	}
}

func TestGitShowRefusesOptions(t *testing.T) {
	dir := repo(t)
	g := Git{Dir: dir}
	if data, err := g.Show(context.Background(), "HEAD", "a.yaml"); err != nil || string(data) != "a\n" {
		t.Errorf("Show(HEAD, a.yaml) = %q, %v", data, err)
	}
	for _, tc := range [][2]string{{"--output=x", "a.yaml"}, {"", "a.yaml"}, {"HEAD", ""}, {"HEAD", "a\x00b"}} {
		if _, err := g.Show(context.Background(), tc[0], tc[1]); err == nil {
			t.Errorf("Show(%q, %q) succeeded", tc[0], tc[1])
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); err == nil {
		t.Error("an option reached git")
	}
}

func TestGitResolveBaseInAShallowClone(t *testing.T) {
	dir := repo(t)
	write(t, dir, "a.yaml", "a2\n")
	gitIn(t, dir, "commit", "-q", "-am", "second")
	clone := filepath.Join(t.TempDir(), "clone")
	gitIn(t, dir, "clone", "-q", "--depth", "1", "file://"+dir, clone)
	_, err := Git{Dir: clone}.ResolveBase(context.Background(), "HEAD~1")
	if err == nil || !strings.Contains(err.Error(), "HEAD~1: not a commit in this repository (this clone is shallow") {
		t.Errorf("error %v, want a hint about the shallow clone", err)
	}
	// A full clone needs no hint.
	_, err = Git{Dir: dir}.ResolveBase(context.Background(), "nope")
	if err == nil || strings.Contains(err.Error(), "shallow") {
		t.Errorf("error %v", err)
	}
}

// TestGitShowBounded: a blob over MaxBytes is a problem of the file found
// from git's size; a path that is not there wraps fs.ErrNotExist with git's
// own words; a tree is not a file.
func TestGitShowBounded(t *testing.T) {
	dir := repo(t)
	ctx := context.Background()
	g := Git{Dir: dir, MaxBytes: 3}
	_, err := g.Show(ctx, "HEAD", "old.yaml")
	var l plan.ErrorList
	if !errors.As(err, &l) || l.Error() != "HEAD:old.yaml:1:1: file is 24 bytes, over the limit of 3 bytes" {
		t.Errorf("over the limit: %v", err)
	}
	if data, err := g.Show(ctx, "HEAD", "a.yaml"); err != nil || string(data) != "a\n" {
		t.Errorf("at the limit: %q, %v", data, err)
	}
	_, err = g.Show(ctx, "HEAD", "nope.yaml")
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "path 'nope.yaml' does not exist in 'HEAD'") {
		t.Errorf("missing path: %v", err)
	}
	_, err = g.Show(ctx, "nosuchrev", "a.yaml")
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "nosuchrev") {
		t.Errorf("missing revision: %v", err)
	}
	write(t, dir, "d/x", "x")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-q", "-m", "d")
	if _, err := g.Show(ctx, "HEAD", "d"); err == nil || errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "a tree, not a file") {
		t.Errorf("a tree: %v", err)
	}
}
