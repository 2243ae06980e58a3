package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path"
	"strings"
	"syscall"

	linediff "github.com/rogpeppe/go-internal/diff"
	"github.com/spf13/cobra"

	"github.com/plandiff/plandiff/internal/source"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/pkg/render"
)

// devNull is what git passes for the missing side of an added or deleted file.
const devNull = "/dev/null"

func newGitDiffDriverCmd(e *env, g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "git-diff-driver <path> <old-file> <old-hex> <old-mode> <new-file> <new-hex> <new-mode>",
		Short: "Show plan files clause by clause in git diff (git's external diff protocol)",
		Long: `Git runs this command to show a change to a file whose diff attribute names
a driver with this command:

  git config diff.plandiff.command "plandiff git-diff-driver"
  echo 'plans/*.yaml diff=plandiff' >> .gitattributes

git diff then shows plan files clause by clause, as plandiff diff does (git
log -p and git show do with --ext-diff; --no-ext-diff gives the line diff).

git passes seven arguments: the path, then the old file, its blob id and
mode, then the new file, its blob id and mode; for a rename, also the new path
and git's rename message. An added file's old file, and a deleted file's new
file, is /dev/null. An added file is shown whole, every clause added; a
deleted one is said to be deleted.

A side that is not a valid plan is reported with its problems, followed by a
plain line diff, and the exit status is still 0: git stops at the first driver
that fails. Only files that cannot be read end in status 2.

Colour follows --color. With auto (the default), output is coloured when
standard output is a terminal or git's pager (git sets GIT_PAGER_IN_USE),
unless NO_COLOR is set or TERM is dumb; text is wrapped at git's COLUMNS.
docs/git.md has the whole recipe.`,
		Example: `  git config diff.plandiff.command "plandiff git-diff-driver"
  git config diff.plandiff.command "plandiff --color never git-diff-driver"
  GIT_EXTERNAL_DIFF="plandiff git-diff-driver" git diff HEAD~1 -- plans/`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch len(args) {
			case 1, 7, 9:
				return nil
			}
			return usageErrorf("%s is run by git with 7 arguments (9 for a rename, 1 for an unmerged path), got %d; see docs/git.md",
				cmd.Name(), len(args))
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGitDiffDriver(cmd.Context(), e, g, args)
		},
	}
	return cmd
}

// driverSide is one side of the change git hands over.
type driverSide struct {
	path string // the path in the repository
	file string // where git put the content, or /dev/null
	mode string
	name string // how output names it: a/path or b/path
	data []byte
	plan *plan.Plan
	errs plan.ErrorList
}

func runGitDiffDriver(ctx context.Context, e *env, g *globals, args []string) error {
	// `git diff | head` closes the pipe: a Go program writing to a closed
	// standard output dies of SIGPIPE, which git reports as "fatal:
	// external diff died". Catching the signal turns it into an EPIPE
	// write error, which ends the run quietly with status 0 (report), and
	// git then stops on its own next write.
	pipe := make(chan os.Signal, 1)
	signal.Notify(pipe, syscall.SIGPIPE)
	defer signal.Stop(pipe)
	w := bufio.NewWriter(ctxWriter{ctx, e.stdout})
	p := &errWriter{w: w}
	if len(args) == 1 {
		// git's own words for a path with merge conflicts.
		p.printf("* Unmerged path %s\n", render.SanitizeTerminalLine(args[0]))
		if p.err != nil {
			return p.err
		}
		return w.Flush()
	}
	old := &driverSide{path: args[0], file: args[1], mode: args[3]}
	new := &driverSide{path: args[0], file: args[4], mode: args[6]}
	xfrm := ""
	if len(args) == 9 {
		new.path, xfrm = args[7], args[8]
	}
	old.name, new.name = "a/"+old.path, "b/"+new.path

	r := &source.Resolver{WorkDir: e.workDir, Corpus: source.Corpus{Opts: g.planOptions(e)}}
	for _, s := range []*driverSide{old, new} {
		if s.file == devNull {
			continue
		}
		if err := s.load(ctx, r); err != nil {
			return err
		}
	}

	// A header in the shape of git's own, bold like git's when coloured.
	de := driverEnv(e)
	var head strings.Builder
	// Names quoted as git quotes them: a newline in a name must not make a
	// line of its own (issue 12.5).
	fmt.Fprintf(&head, "plandiff %s %s\n", plan.QuotePath(old.name), plan.QuotePath(new.name))
	switch {
	case old.file == devNull:
		fmt.Fprintf(&head, "new file mode %s\n", new.mode)
	case new.file == devNull:
		fmt.Fprintf(&head, "deleted file mode %s\n", old.mode)
	case old.mode != new.mode:
		fmt.Fprintf(&head, "old mode %s\nnew mode %s\n", old.mode, new.mode)
	}
	head.WriteString(ensureNewline(xfrm))
	for _, l := range strings.SplitAfter(strings.TrimSuffix(head.String(), "\n"), "\n") {
		l = render.SanitizeTerminalLine(strings.TrimSuffix(l, "\n"))
		if de.colorEnabled(g.color) {
			l = "\x1b[1m" + l + "\x1b[m"
		}
		p.printf("%s\n", l)
	}
	if p.err != nil {
		return p.err
	}

	// An events file is no plan: it is checked and shown as a line diff.
	if len(old.errs) > 0 || len(new.errs) > 0 || plan.IsEventsFileName(new.path) || plan.IsEventsFileName(old.path) {
		if err := driverFallback(p, old, new); err != nil {
			return err
		}
		return w.Flush()
	}
	if old.file == devNull && new.file == devNull {
		return w.Flush() // nothing on either side: nothing to show
	}
	if new.file == devNull {
		n := old.plan.Count()
		p.printf("deleted plan file: it held %s, %d %s\n", render.SanitizeTerminalLine(old.plan.Version.ID), n, plural(n, "clause", "clauses"))
		if p.err != nil {
			return p.err
		}
		return w.Flush()
	}
	from := old.plan
	if from == nil {
		from = &plan.Plan{Format: plan.FormatVersion, Name: devNull,
			Version: plan.Version{Title: "(new file)", Completeness: plan.CompletenessFull}}
	}
	res, err := diff.Compare(ctx, from, new.plan, diff.Options{})
	if err != nil {
		return err
	}
	if err := renderDiff(w, res, "text", false, de, g, false); err != nil {
		return err
	}
	return w.Flush()
}

// load reads and parses one side, with the topics of a topics.yaml beside
// the file in the working tree. Problems are kept for the report; only a file
// that cannot be read is an error.
func (s *driverSide) load(ctx context.Context, r *source.Resolver) error {
	data, err := r.ReadFile(s.file)
	var list plan.ErrorList
	switch {
	case errors.As(err, &list): // over the size limit
		s.errs = list
		return nil
	case err != nil:
		return err
	}
	s.data = data
	if plan.IsEventsFileName(s.path) {
		if _, err := plan.ParseTimeline(ctx, s.name, data, r.Corpus.Opts); errors.As(err, &list) {
			s.errs = list
		} else if err != nil {
			return err
		}
		return nil
	}
	p, err := r.PlanFile(ctx, s.file, s.name, path.Dir(s.path))
	switch {
	case errors.As(err, &list):
		s.errs = list
	case err != nil:
		return err
	default:
		s.plan = p
	}
	return nil
}

// driverFallback reports the problems of the sides that are not valid plans
// and shows the change as a line diff.
func driverFallback(p *errWriter, old, new *driverSide) error {
	for _, s := range []*driverSide{old, new} {
		if len(s.errs) == 0 {
			continue
		}
		what := "plan"
		if plan.IsEventsFileName(s.path) {
			what = "events"
		}
		p.printf("%s is not a valid %s file (%d %s):\n", plan.QuotePath(s.name), what, len(s.errs), plural(len(s.errs), "problem", "problems"))
		for _, e := range s.errs {
			p.printf("  %s\n", render.SanitizeTerminalLine(e.Error()))
		}
	}
	oldName, newName := plan.QuotePath(old.name), plan.QuotePath(new.name)
	if old.file == devNull {
		oldName = devNull
	}
	if new.file == devNull {
		newName = devNull
	}
	if d := linediff.Diff(oldName, old.data, newName, new.data); d != nil {
		p.printf("%s", render.SanitizeTerminal(string(d)))
	}
	return p.err
}

// driverEnv is e as seen under git: git's pager counts as a terminal (git
// sets GIT_PAGER_IN_USE for the programs it runs while paging, and COLUMNS
// to the terminal's width).
func driverEnv(e *env) *env {
	de := *e
	de.stdoutTerminal = func() (bool, int) {
		if tty, w := e.stdoutTerminal(); tty {
			return tty, w
		}
		switch e.getenv("GIT_PAGER_IN_USE") {
		case "true", "1", "yes", "on":
			return true, 0
		}
		return false, 0
	}
	return &de
}

func ensureNewline(s string) string {
	if s != "" && s[len(s)-1] != '\n' {
		return s + "\n"
	}
	return s
}
