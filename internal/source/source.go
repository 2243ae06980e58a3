// Package source turns a command-line VERSION argument into a loaded plan: an
// id of the corpus in use, a path to a YAML file, or a git object REV:path.
// It runs git, so it stays out of pkg/plan, which only parses bytes.
package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing/fstest"

	"github.com/plandiff/plandiff/pkg/plan"
)

// InputError is a problem with what the user asked to read: a missing file, an
// unknown version, a bad git reference. The command layer exits 2 on it.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func inputErrorf(format string, args ...any) error {
	return &InputError{Err: fmt.Errorf(format, args...)}
}

// Corpus is where version ids are looked up: the embedded plans or a
// directory given with --plans.
type Corpus struct {
	FS     fs.FS  // holds the plan files at Dir
	Dir    string // directory inside FS
	Prefix string // how messages name the directory ("plans", or the --plans path)
	Opts   plan.Options
}

// Load reads and checks the whole corpus.
func (c Corpus) Load(ctx context.Context) (*plan.Corpus, error) {
	return plan.LoadDir(ctx, c.FS, c.Dir, c.Prefix, c.Opts)
}

// Resolver loads the plans that arguments name.
type Resolver struct {
	Corpus Corpus
	// Git is the git program; empty means "git" from PATH.
	Git string
	// WorkDir is where relative paths and git run; empty means the current one.
	WorkDir string

	once   sync.Once
	loaded *plan.Corpus
	err    error
}

// LoadCorpus loads the corpus once and remembers it; it is safe to call from
// several goroutines. The first call's ctx governs the loading.
func (r *Resolver) LoadCorpus(ctx context.Context) (*plan.Corpus, error) {
	r.once.Do(func() { r.loaded, r.err = r.Corpus.Load(ctx) })
	return r.loaded, r.err
}

// Kind of argument.
const (
	KindID   = "id"
	KindFile = "file"
	KindGit  = "git"
)

// Classify says how arg will be read: a corpus id (a bare slug), a git object
// (REV:path, when no file of that name exists) or a file path.
func (r *Resolver) Classify(arg string) string {
	if isSlug(arg) && !r.fileExists(arg) {
		return KindID
	}
	if i := strings.Index(arg, ":"); i > 0 && !r.fileExists(arg) {
		return KindGit
	}
	return KindFile
}

// Plan loads the version arg names.
func (r *Resolver) Plan(ctx context.Context, arg string) (*plan.Plan, error) {
	if arg == "" {
		return nil, inputErrorf("empty version argument")
	}
	switch r.Classify(arg) {
	case KindID:
		c, err := r.LoadCorpus(ctx)
		if err != nil {
			return nil, err
		}
		if p := c.Get(arg); p != nil {
			return p, nil
		}
		return nil, inputErrorf("no version %q in %s (known: %s); to read a file, give its path", arg, r.Corpus.Prefix, strings.Join(sortedIDs(c), ", "))
	case KindGit:
		return r.gitPlan(ctx, arg)
	}
	return r.filePlan(ctx, arg)
}

// ReadFile reads a plan file given on the command line.
func (r *Resolver) ReadFile(arg string) ([]byte, error) {
	limit := r.Corpus.Opts.MaxBytes
	if limit <= 0 {
		limit = plan.DefaultMaxBytes
	}
	f, err := os.Open(r.abs(arg))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, inputErrorf("%s: no such file, and not a version id", arg)
		}
		return nil, &InputError{Err: err}
	}
	defer f.Close()
	var buf bytes.Buffer
	if st, err := f.Stat(); err == nil {
		if st.IsDir() {
			return nil, inputErrorf("%s is a directory, not a plan file", arg)
		}
		if st.Mode().IsRegular() && st.Size() > int64(limit) {
			var l plan.ErrorList
			l.Add(plan.Pos{File: arg, Line: 1, Col: 1}, "file is %d bytes, over the limit of %d bytes", st.Size(), limit)
			return nil, l
		}
		if st.Mode().IsRegular() {
			// One allocation of the right size: growing the buffer by
			// doubling costs a tenth of a second on a 9 MB file.
			buf.Grow(int(st.Size()) + bytes.MinRead)
		}
	}
	// Read one byte past the limit, so that input from a pipe that is too
	// long is reported by Parse without reading all of it into memory.
	if _, err := buf.ReadFrom(io.LimitReader(f, int64(limit)+1)); err != nil {
		return nil, &InputError{Err: fmt.Errorf("read %s: %w", arg, err)}
	}
	return buf.Bytes(), nil
}

func (r *Resolver) filePlan(ctx context.Context, arg string) (*plan.Plan, error) {
	return r.PlanFile(ctx, arg, arg, filepath.Dir(arg))
}

// PlanFile loads the plan in file, naming it name in messages, with the
// topics of the topics.yaml in topicsDir if there is one. (git's diff driver
// hands over a temporary copy of a file whose topics are beside the real one.)
func (r *Resolver) PlanFile(ctx context.Context, file, name, topicsDir string) (*plan.Plan, error) {
	data, err := r.ReadFile(file)
	if err != nil {
		return nil, err
	}
	opts := r.Corpus.Opts
	topics, err := plan.LoadTopics(os.DirFS(r.abs(topicsDir)), ".", topicsDir)
	if err != nil {
		return nil, err
	}
	opts.Topics = topics
	return plan.Parse(ctx, name, data, opts)
}

func (r *Resolver) gitPlan(ctx context.Context, arg string) (*plan.Plan, error) {
	rev, p, _ := strings.Cut(arg, ":")
	data, err := r.GitShow(ctx, rev, p)
	if err != nil {
		return nil, err
	}
	opts := r.Corpus.Opts
	// A topics.yaml beside the file at the same revision extends the topics.
	topics := append([]string(nil), plan.DefaultTopics...)
	if tdata, err := r.GitShow(ctx, rev, path.Join(path.Dir(p), plan.TopicsFile)); err == nil {
		tfs := fstest.MapFS{plan.TopicsFile: {Data: tdata}}
		if t, err := plan.LoadTopics(tfs, ".", rev+":"+path.Dir(p)); err == nil {
			topics = t
		} else {
			return nil, err
		}
	}
	opts.Topics = topics
	return plan.Parse(ctx, arg, data, opts)
}

// GitShow returns the blob at rev:path (see Git.Show).
func (r *Resolver) GitShow(ctx context.Context, rev, p string) ([]byte, error) {
	return Git{Bin: r.Git, Dir: r.WorkDir}.Show(ctx, rev, p)
}

func (r *Resolver) abs(p string) string {
	if r.WorkDir == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(r.WorkDir, p)
}

func (r *Resolver) fileExists(p string) bool {
	_, err := os.Stat(r.abs(p))
	return err == nil
}

func isSlug(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= '0' && s[0] <= '9') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func sortedIDs(c *plan.Corpus) []string {
	ids := c.IDs()
	sort.Strings(ids)
	return ids
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
