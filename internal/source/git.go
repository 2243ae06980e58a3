package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/plandiff/plandiff/pkg/changed"
	"github.com/plandiff/plandiff/pkg/plan"
)

// Git runs git for the commands that work on a repository: reading a blob at
// a revision, finding the top of the working tree, the base revision of a
// change and the files changed since it.
//
// Nothing a user types reaches git as an option: revisions that start with
// '-' are refused before git runs, and --end-of-options ends option parsing
// before every revision in any case. Paths are never passed to git as
// pathspecs (filtering happens here), so pathspec magic cannot apply either.
type Git struct {
	// Bin is the git program; empty means "git" from PATH.
	Bin string
	// Dir is where git runs; empty means the current directory.
	Dir string
	// MaxBytes caps the size of a blob Show reads (default
	// plan.DefaultMaxBytes).
	MaxBytes int
}

// ErrNoGit is wrapped by the errors of a Git whose program cannot be found.
var ErrNoGit = errors.New("git was not found on PATH")

// command makes the command that runs git with args.
func (g Git) command(ctx context.Context, args ...string) (*exec.Cmd, error) {
	name := g.Bin
	if name == "" {
		name = "git"
	}
	bin, err := exec.LookPath(name)
	if err != nil {
		return nil, &InputError{Err: ErrNoGit}
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = g.Dir
	// No credential prompts, and no index refresh written behind the user's
	// back (git diff would otherwise take the index lock to update stat data).
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0")
	return cmd, nil
}

// run runs git with args and returns its standard output. A failure is an
// InputError holding the first line of what git printed, without "fatal: ".
func (g Git) run(ctx context.Context, args ...string) ([]byte, error) {
	cmd, err := g.command(ctx, args...)
	if err != nil {
		return nil, err
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		msg := strings.TrimSpace(stderr.String())
		msg = strings.TrimPrefix(msg, "fatal: ")
		if msg == "" {
			msg = err.Error()
		}
		return nil, &InputError{Err: errors.New(firstLine(msg))}
	}
	return stdout.Bytes(), nil
}

// checkRev refuses what cannot be a revision typed by a user: empty, starting
// with '-' (an option), or holding control characters.
func checkRev(what, rev string) error {
	switch {
	case rev == "":
		return inputErrorf("%s: empty git revision", what)
	case strings.HasPrefix(rev, "-"):
		return inputErrorf("%s: a git revision cannot start with '-'", what)
	case strings.ContainsAny(rev, "\x00\n\r"):
		return inputErrorf("%q: control characters in a git revision", what)
	}
	return nil
}

// Show returns the blob at rev:path. It reads at most MaxBytes of it: a
// larger blob is a problem of the file (a plan.ErrorList, as plan.Parse
// reports a file over the limit), found from git's size without reading the
// blob. A path that does not exist at rev is an InputError that wraps
// fs.ErrNotExist.
func (g Git) Show(ctx context.Context, rev, p string) ([]byte, error) {
	spec := rev + ":" + p
	if rev == "" || p == "" {
		return nil, inputErrorf("%s: want REV:path, e.g. HEAD:plans/us-28-draft.yaml", spec)
	}
	if err := checkRev(spec, rev); err != nil {
		return nil, err
	}
	if strings.ContainsAny(p, "\x00\n\r") {
		return nil, inputErrorf("%q: control characters in a git reference", spec)
	}
	const noGit = "%s: reading a git revision needs git, which was not found on PATH"
	data, err := g.blob(ctx, spec)
	if errors.Is(err, fs.ErrNotExist) {
		// git's own words for why: no such path, or no such revision.
		if _, err = g.run(ctx, "cat-file", "-e", "--end-of-options", spec); err == nil {
			err = &InputError{Err: errors.New("no such object")}
		}
		err = wrapGit(err, noGit, "%s: git could not read it: %s", spec)
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, &InputError{Err: notExist{err.Error()}}
	}
	if err != nil {
		return nil, wrapGit(err, noGit, "%s: git could not read it: %s", spec)
	}
	return data, nil
}

// notExist is git's message for an object that does not exist; it is
// fs.ErrNotExist.
type notExist struct{ msg string }

func (e notExist) Error() string        { return e.msg }
func (e notExist) Is(target error) bool { return target == fs.ErrNotExist }

// blob reads the object spec names with `git cat-file --batch`, which
// gives its type and size before its content (and takes the name on
// standard input, where it cannot be an option). It returns an error
// wrapping fs.ErrNotExist when there is no such object.
func (g Git) blob(ctx context.Context, spec string) ([]byte, error) {
	limit := g.MaxBytes
	if limit <= 0 {
		limit = plan.DefaultMaxBytes
	}
	run, stop := context.WithCancel(ctx)
	defer stop() // stops git when the blob is not read to its end
	cmd, err := g.command(run, "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	cmd.Stdin = strings.NewReader(spec + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, &InputError{Err: err}
	}
	waited := false
	defer func() {
		if !waited {
			stop()
			cmd.Wait()
		}
	}()
	br := bufio.NewReader(out)
	header, err := br.ReadString('\n')
	if err != nil {
		waited = true
		cmd.Wait() // for all of stderr
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		msg := strings.TrimPrefix(strings.TrimSpace(stderr.String()), "fatal: ")
		if msg == "" {
			msg = "git cat-file ended without output"
		}
		return nil, &InputError{Err: errors.New(firstLine(msg))}
	}
	header = strings.TrimSuffix(header, "\n")
	switch {
	case strings.HasSuffix(header, " missing"):
		return nil, fmt.Errorf("%s: %w", spec, fs.ErrNotExist)
	case strings.HasSuffix(header, " ambiguous"):
		return nil, &InputError{Err: errors.New("ambiguous object name")}
	}
	f := strings.Fields(header) // object id, type, size
	if len(f) != 3 {
		return nil, &InputError{Err: fmt.Errorf("git cat-file: %s", strings.TrimSpace(header))}
	}
	if f[1] != "blob" {
		return nil, &InputError{Err: fmt.Errorf("a %s, not a file", f[1])}
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil {
		return nil, &InputError{Err: fmt.Errorf("git cat-file: %s", strings.TrimSpace(header))}
	}
	if size > int64(limit) {
		return nil, plan.SizeError(spec, size, limit)
	}
	data := make([]byte, size)
	if _, err := io.ReadFull(br, data); err != nil {
		return nil, &InputError{Err: fmt.Errorf("git cat-file: %w", err)}
	}
	return data, nil
}

// wrapGit rewords an error of run: noGit when git is missing (with what as
// its only argument), failed otherwise (with what and git's message).
func wrapGit(err error, noGit, failed, what string) error {
	if errors.Is(err, ErrNoGit) {
		return inputErrorf(noGit, what)
	}
	var ie *InputError
	if errors.As(err, &ie) {
		return inputErrorf(failed, what, ie.Err)
	}
	return err
}

// Toplevel returns the absolute path of the top of the working tree that Dir
// is in.
func (g Git) Toplevel(ctx context.Context) (string, error) {
	out, err := g.run(ctx, "rev-parse", "--show-toplevel")
	if err != nil {
		dir := g.Dir
		if dir == "" {
			dir = "the current directory"
		}
		return "", wrapGit(err, "%s: comparing with a git revision needs git, which was not found on PATH",
			"%s is not in a git working tree (git: %s)", dir)
	}
	top := strings.TrimSpace(string(out))
	if top == "" {
		return "", inputErrorf("%s is not in a git working tree", g.Dir)
	}
	return top, nil
}

// Commit returns the full hash of the commit rev names.
func (g Git) Commit(ctx context.Context, rev string) (string, error) {
	if err := checkRev(rev, rev); err != nil {
		return "", err
	}
	out, err := g.run(ctx, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		if errors.Is(err, ErrNoGit) {
			return "", err
		}
		return "", inputErrorf("%s: not a commit in this repository", rev)
	}
	return strings.TrimSpace(string(out)), nil
}

// DefaultBranches are the branches DefaultBranch tries, in order, after
// origin/HEAD.
var DefaultBranches = []string{"origin/main", "origin/master", "main", "master"}

// DefaultBranch names the repository's default branch: what origin/HEAD
// points at, else the first of DefaultBranches that exists.
func (g Git) DefaultBranch(ctx context.Context) (string, error) {
	if out, err := g.run(ctx, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"); err == nil {
		if b := strings.TrimSpace(string(out)); b != "" {
			return b, nil
		}
	} else if errors.Is(err, ErrNoGit) {
		return "", err
	}
	for _, b := range DefaultBranches {
		ref := "refs/heads/" + b
		if strings.HasPrefix(b, "origin/") {
			ref = "refs/remotes/" + b
		}
		if _, err := g.run(ctx, "rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}"); err == nil {
			return b, nil
		}
	}
	return "", inputErrorf("cannot find the default branch (no origin/HEAD, %s); name the base with --base REV", strings.Join(DefaultBranches, ", "))
}

// MergeBase returns the best common ancestor of the commits a and b name.
func (g Git) MergeBase(ctx context.Context, a, b string) (string, error) {
	ca, err := g.Commit(ctx, a)
	if err != nil {
		return "", err
	}
	cb, err := g.Commit(ctx, b)
	if err != nil {
		return "", err
	}
	out, err := g.run(ctx, "merge-base", "--end-of-options", ca, cb)
	if err != nil {
		return "", inputErrorf("%s and %s have no common ancestor", a, b)
	}
	return strings.TrimSpace(string(out)), nil
}

// ResolveBase finds the commit to compare with. With rev empty, it is the
// merge base of HEAD and the default branch; "REV..." (as in git diff) is
// the merge base of HEAD and REV; any other rev is that commit itself.
func (g Git) ResolveBase(ctx context.Context, rev string) (changed.Base, error) {
	b, err := g.resolveBase(ctx, rev)
	var ie *InputError
	if err != nil && errors.As(err, &ie) && !errors.Is(err, ErrNoGit) {
		// CI checkouts are often shallow, which hides the base.
		if out, serr := g.run(ctx, "rev-parse", "--is-shallow-repository"); serr == nil && strings.TrimSpace(string(out)) == "true" {
			return changed.Base{}, inputErrorf("%v (this clone is shallow: fetch the history, e.g. actions/checkout with fetch-depth: 0)", ie.Err)
		}
	}
	return b, err
}

func (g Git) resolveBase(ctx context.Context, rev string) (changed.Base, error) {
	if rev == "" {
		b, err := g.DefaultBranch(ctx)
		if err != nil {
			return changed.Base{}, err
		}
		return g.mergeBaseWithHead(ctx, b)
	}
	if r, ok := strings.CutSuffix(rev, "..."); ok {
		if r == "" {
			return changed.Base{}, inputErrorf("%q: want REV... (the merge base of HEAD and REV)", rev)
		}
		return g.mergeBaseWithHead(ctx, r)
	}
	c, err := g.Commit(ctx, rev)
	if err != nil {
		return changed.Base{}, err
	}
	return changed.Base{Rev: rev, Commit: c}, nil
}

func (g Git) mergeBaseWithHead(ctx context.Context, rev string) (changed.Base, error) {
	if _, err := g.Commit(ctx, "HEAD"); err != nil {
		if errors.Is(err, ErrNoGit) {
			return changed.Base{}, err
		}
		return changed.Base{}, inputErrorf("HEAD is not a commit (no commits yet?); name the base with --base REV")
	}
	mb, err := g.MergeBase(ctx, "HEAD", rev)
	if err != nil {
		return changed.Base{}, err
	}
	return changed.Base{Rev: rev, Commit: mb, MergeBase: true}, nil
}

// ChangedFiles lists the files of the working tree that differ from commit,
// as `git diff COMMIT` sees them: committed, staged and unstaged changes of
// tracked files (untracked files are not included), with renames detected.
// Git must run at the top of the working tree (see Toplevel).
func (g Git) ChangedFiles(ctx context.Context, commit string) ([]changed.FileChange, error) {
	if err := checkRev(commit, commit); err != nil {
		return nil, err
	}
	// Porcelain git diff, so the index's stat data is refreshed in memory;
	// every option that user configuration could change output by is fixed.
	out, err := g.run(ctx, "diff", "--no-ext-diff", "--no-textconv", "--no-relative", "--no-color",
		"--name-status", "-z", "-M", "--end-of-options", commit, "--")
	if err != nil {
		return nil, wrapGit(err, "%s: comparing with a git revision needs git, which was not found on PATH",
			"git diff %s failed: %s", commit)
	}
	return parseNameStatus(out)
}

// parseNameStatus reads `git diff --name-status -z`: a status field, then one
// path, or two (old, new) for renames and copies, each ended by NUL.
func parseNameStatus(out []byte) ([]changed.FileChange, error) {
	fields := strings.Split(string(out), "\x00")
	if n := len(fields); n > 0 && fields[n-1] == "" {
		fields = fields[:n-1]
	}
	var changes []changed.FileChange
	for i := 0; i < len(fields); {
		st := fields[i]
		i++
		if st == "" {
			return nil, fmt.Errorf("git diff --name-status: empty status field")
		}
		paths := 1
		if st[0] == 'R' || st[0] == 'C' {
			paths = 2
		}
		if i+paths > len(fields) {
			return nil, fmt.Errorf("git diff --name-status: status %q without its path", st)
		}
		c := changed.FileChange{Path: fields[i], OldPath: fields[i]}
		if paths == 2 {
			c.OldPath, c.Path = fields[i], fields[i+1]
		}
		i += paths
		switch st[0] {
		case 'A', 'C': // a copy is a new file as far as the old path goes
			c.Status, c.OldPath = changed.StatusAdded, ""
		case 'D':
			c.Status = changed.StatusDeleted
		case 'R':
			c.Status = changed.StatusRenamed
		case 'M', 'T', 'U':
			c.Status = changed.StatusModified
		default: // X (unknown) and anything newer: nothing to compare
			continue
		}
		changes = append(changes, c)
	}
	return changes, nil
}
