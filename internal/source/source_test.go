package source

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plandiff/plandiff/pkg/plan"
)

const mini = `plandiff: 1
version:
  id: mini
  title: Mini
  surfaced: 2025-01-01
  sources: [{id: s, outlet: O}]
clauses:
  - id: a
    text: One.
    sources: [s]
`

func newResolver(t *testing.T) (*Resolver, string) {
	t.Helper()
	dir := t.TempDir()
	corpus := fstest.MapFS{"mini.yaml": {Data: []byte(mini)}}
	return &Resolver{Corpus: Corpus{FS: corpus, Dir: ".", Prefix: "plans"}, WorkDir: dir}, dir
}

func TestClassify(t *testing.T) {
	r, dir := newResolver(t)
	if err := os.WriteFile(filepath.Join(dir, "mini"), []byte(mini), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a:b.yaml"), []byte(mini), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ arg, want string }{
		{"us-28-draft", KindID},
		{"mini", KindFile}, // a file of that name wins over an id
		{"plans/x.yaml", KindFile},
		{"HEAD:plans/x.yaml", KindGit},
		{"a:b.yaml", KindFile}, // an existing file with a colon is a file
		{":x.yaml", KindFile},
		{"Upper", KindFile},
	}
	for _, tc := range tests {
		if got := r.Classify(tc.arg); got != tc.want {
			t.Errorf("Classify(%q) = %s, want %s", tc.arg, got, tc.want)
		}
	}
}

// TestInputSize: only a regular file named on the command line has a size
// to plan for; ids, git objects, directories and missing files have none.
func TestInputSize(t *testing.T) {
	r, dir := newResolver(t)
	if err := os.WriteFile(filepath.Join(dir, "mini"), []byte(mini), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "big.yaml"), make([]byte, 3000), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		arg  string
		want int64
	}{
		{"big.yaml", 3000},
		{filepath.Join(dir, "big.yaml"), 3000},
		{"mini", int64(len(mini))}, // the file, not the corpus id
		{"us-28-draft", 0},
		{"HEAD:big.yaml", 0},
		{"sub", 0},
		{"missing.yaml", 0},
		{"", 0},
	}
	for _, tc := range tests {
		if got := r.InputSize(tc.arg); got != tc.want {
			t.Errorf("InputSize(%q) = %d, want %d", tc.arg, got, tc.want)
		}
	}
}

func TestPlanFromCorpusAndFile(t *testing.T) {
	r, dir := newResolver(t)
	p, err := r.Plan(context.Background(), "mini")
	if err != nil || p.Version.ID != "mini" || p.Name != "plans/mini.yaml" {
		t.Fatalf("corpus id: %v %v", p, err)
	}
	_, err = r.Plan(context.Background(), "nope")
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), `no version "nope" in plans (known: mini)`) {
		t.Errorf("unknown id: %v", err)
	}
	// A file's topics come from topics.yaml beside it.
	if err := os.WriteFile(filepath.Join(dir, "topics.yaml"), []byte("topics: [cyber]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	withTopic := strings.Replace(mini, "  - id: a\n", "  - id: a\n    topic: cyber\n", 1)
	if err := os.WriteFile(filepath.Join(dir, "t.yaml"), []byte(withTopic), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Plan(context.Background(), "t.yaml"); err != nil {
		t.Errorf("file with a topic from topics.yaml: %v", err)
	}
	_, err = r.Plan(context.Background(), "missing.yaml")
	if !errors.As(err, &ie) || err.Error() != "missing.yaml: no such file, and not a version id" {
		t.Errorf("missing file: %v", err)
	}
	_, err = r.Plan(context.Background(), ".")
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
}

func TestFileOverLimitIsReportedFromItsSize(t *testing.T) {
	r, dir := newResolver(t)
	r.Corpus.Opts = plan.Options{MaxBytes: 100}
	if err := os.WriteFile(filepath.Join(dir, "big.yaml"), []byte(strings.Repeat("#\n", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := r.Plan(context.Background(), "big.yaml")
	var list plan.ErrorList
	if !errors.As(err, &list) || list[0].Error() != "big.yaml:1:1: file is 200 bytes, over the limit of 100 bytes" {
		t.Errorf("err = %v", err)
	}
}

func TestGitRefusesOptionsAndNeedsGit(t *testing.T) {
	r, _ := newResolver(t)
	ctx := context.Background()
	for _, arg := range []string{"-c:x.yaml", "--output=/tmp/pwned:x.yaml", "--upload-pack=touch /tmp/x:y"} {
		_, err := r.Plan(ctx, arg)
		if err == nil || !strings.Contains(err.Error(), "cannot start with '-'") {
			t.Errorf("%q: err = %v", arg, err)
		}
	}
	if _, err := r.Plan(ctx, "HEAD:a\nb"); err == nil || !strings.Contains(err.Error(), "control characters") {
		t.Errorf("newline in a ref: %v", err)
	}
	r.Git = "definitely-not-git-here"
	_, err := r.Plan(ctx, "HEAD:x.yaml")
	if err == nil || !strings.Contains(err.Error(), "needs git, which was not found") {
		t.Errorf("missing git: %v", err)
	}
}

func TestGitShowReadsABlob(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r, dir := newResolver(t)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@e", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@e")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	if err := os.MkdirAll(filepath.Join(dir, "p"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "p", "m.yaml"), []byte(mini), 0o644)
	os.WriteFile(filepath.Join(dir, "p", "topics.yaml"), []byte("topics: [cyber]\n"), 0o644)
	git("add", ".")
	git("commit", "-q", "-m", "x")
	os.Remove(filepath.Join(dir, "p", "m.yaml"))
	p, err := r.Plan(context.Background(), "HEAD:p/m.yaml")
	if err != nil || p.Version.ID != "mini" || p.Name != "HEAD:p/m.yaml" {
		t.Fatalf("git plan: %v %v", p, err)
	}
	_, err = r.Plan(context.Background(), "HEAD:p/none.yaml")
	if err == nil || !strings.HasPrefix(err.Error(), "HEAD:p/none.yaml: git could not read it: ") {
		t.Errorf("missing path: %v", err)
	}
}

// TestReadFileRoot: with Root set, a link out of it is a problem of the
// file, and nothing outside it is read.
func TestReadFileRoot(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.yaml")
	if err := os.WriteFile(outside, []byte("secret: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link.yaml")); err != nil {
		t.Skip(err)
	}
	r := &Resolver{WorkDir: dir, Root: dir}
	_, err := r.ReadFile("link.yaml")
	var l plan.ErrorList
	if !errors.As(err, &l) || !strings.Contains(l.Error(), "leads out of the directory") {
		t.Errorf("link out: %v", err)
	}
	if _, err := r.ReadFile(outside); err == nil || !strings.Contains(err.Error(), "is outside") {
		t.Errorf("a path outside: %v", err)
	}
	if data, err := (&Resolver{WorkDir: dir}).ReadFile("link.yaml"); err != nil || string(data) != "secret: x\n" {
		t.Errorf("without Root, a link named on the command line is followed: %q, %v", data, err)
	}
}
