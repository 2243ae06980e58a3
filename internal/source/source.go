// Package source turns a command-line VERSION argument into a loaded plan: an
// id of the corpus in use, a path to a YAML file, or a git object REV:path.
// It runs git, so it stays out of pkg/plan, which only parses bytes.
package source

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"

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
	// Path, when set, is a directory of the file system that holds the plan
	// files (FS and Dir are then unused). It is read through an os.Root: a
	// symbolic link is followed only to a file inside the directory.
	Path string
}

// Load reads and checks the whole corpus.
func (c Corpus) Load(ctx context.Context) (*plan.Corpus, error) {
	if c.Path == "" {
		return plan.LoadDir(ctx, c.FS, c.Dir, c.Prefix, c.Opts)
	}
	root, err := os.OpenRoot(c.Path)
	if err != nil {
		return nil, inputErrorf("read plans directory %s: %v", c.Prefix, errors.Unwrap(err))
	}
	defer root.Close()
	return plan.LoadDir(ctx, root.FS(), ".", c.Prefix, c.Opts)
}

// Resolver loads the plans that arguments name.
type Resolver struct {
	Corpus Corpus
	// Git is the git program; empty means "git" from PATH.
	Git string
	// WorkDir is where relative paths and git run; empty means the current one.
	WorkDir string
	// Root, when set, is the only directory files are read from: a file
	// outside it, or a symbolic link that leads out of it, is refused, and
	// only regular files are read (for files a pull request names).
	Root string

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

// InputSize is the size in bytes of the file arg names, or 0 when arg is a
// corpus id, a git object or not a regular file (a pipe's size is not known
// before it is read): what a command can expect to read for arg.
func (r *Resolver) InputSize(arg string) int64 {
	if arg == "" || r.Classify(arg) != KindFile {
		return 0
	}
	st, err := os.Stat(r.abs(arg))
	if err != nil || !st.Mode().IsRegular() {
		return 0
	}
	return st.Size()
}

// ReadFile reads a plan file given on the command line, as ReadInput does,
// at most the corpus options' size limit. With Root set, only a regular file
// inside Root is read.
func (r *Resolver) ReadFile(arg string) ([]byte, error) {
	if r.Root == "" {
		data, err := ReadInput(r.abs(arg), arg, r.Corpus.Opts.MaxBytes)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, inputErrorf("%s: no such file, and not a version id", arg)
		}
		return data, err
	}
	data, err := r.readInRoot(r.abs(arg), arg, r.Corpus.Opts.MaxBytes)
	var list plan.ErrorList
	if err != nil && !errors.As(err, &list) {
		return nil, &InputError{Err: err}
	}
	return data, err
}

// ReadInput reads a file named on the command line (name, shown as arg),
// at most limit bytes (see plan.ReadFile): a regular file, or a named pipe
// as a shell's process substitution makes (<(git show REV:FILE)); devices,
// sockets and directories are refused. A file over the limit is a
// plan.ErrorList; other failures are InputErrors.
func ReadInput(name, arg string, limit int) ([]byte, error) {
	data, err := readInput(name, arg, limit)
	var list plan.ErrorList
	if err != nil && !errors.As(err, &list) {
		return nil, &InputError{Err: err}
	}
	return data, err
}

func readInput(name, arg string, limit int) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a directory, not a plan file", arg)
	}
	if st.Mode()&fs.ModeNamedPipe != 0 {
		// Without O_NONBLOCK, opening a FIFO nobody writes to would wait
		// for a writer for ever; with it, such a FIFO reads as empty. The
		// pipe of a process substitution has its writer already.
		f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return plan.ReadLimited(f, arg, limit, 0)
	}
	return plan.ReadFile(os.DirFS(filepath.Dir(name)), filepath.Base(name), arg, limit)
}

// readInRoot reads the file at name, which must be inside r.Root.
func (r *Resolver) readInRoot(name, arg string, limit int) ([]byte, error) {
	rel, err := filepath.Rel(r.Root, name)
	if err != nil || !filepath.IsLocal(rel) {
		return nil, fmt.Errorf("%s is outside %s", arg, r.Root)
	}
	root, err := os.OpenRoot(r.Root)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return plan.ReadFile(root.FS(), filepath.ToSlash(rel), arg, limit)
}

// topics returns the topics of the topics.yaml in dir, if there is one (see
// plan.LoadTopics). A topics.yaml that is a link out of dir is an error.
func (r *Resolver) topics(dir string) ([]string, error) {
	root, err := os.OpenRoot(r.abs(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return append([]string(nil), plan.DefaultTopics...), nil
	}
	if err != nil {
		return nil, &InputError{Err: err}
	}
	defer root.Close()
	topics, err := plan.LoadTopics(root.FS(), ".", dir)
	var list plan.ErrorList
	if err != nil && !errors.As(err, &list) {
		return nil, &InputError{Err: err}
	}
	return topics, err
}

// Timeline loads the events file arg (a path), checked on its own; which
// versions its events name is checked against a corpus by the caller.
func (r *Resolver) Timeline(ctx context.Context, arg string) (*plan.Timeline, error) {
	data, err := r.ReadFile(arg)
	if err != nil {
		return nil, err
	}
	return plan.ParseTimeline(ctx, arg, data, r.Corpus.Opts)
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
	topics, err := r.topics(topicsDir)
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
	// A topics.yaml beside the file at the same revision extends the topics;
	// one that git cannot read is an error, not the default topics.
	topics := append([]string(nil), plan.DefaultTopics...)
	tpath := path.Join(path.Dir(p), plan.TopicsFile)
	tdata, err := r.GitShow(ctx, rev, tpath)
	switch {
	case err == nil:
		if topics, err = plan.ParseTopics(rev+":"+tpath, tdata); err != nil {
			return nil, err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	opts.Topics = topics
	return plan.Parse(ctx, arg, data, opts)
}

// GitShow returns the blob at rev:path (see Git.Show).
func (r *Resolver) GitShow(ctx context.Context, rev, p string) ([]byte, error) {
	return Git{Bin: r.Git, Dir: r.WorkDir, MaxBytes: r.Corpus.Opts.MaxBytes}.Show(ctx, rev, p)
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
