package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plandiff/plandiff/internal/source"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/render"
)

type changedOptions struct {
	base          string
	format        string
	match         string
	showUnchanged bool
	exitCode      bool
	quiet         bool
	output        string
	maxBytes      int
}

func newChangedCmd(e *env, g *globals) *cobra.Command {
	o := &changedOptions{}
	cmd := &cobra.Command{
		Use:   "changed",
		Short: "Validate and diff every plan file changed since a git revision",
		Long: `For every plan file that differs between a git revision (the base) and the
working tree, check the file as validate does, including its links to the
other versions in its directory, and show how its clauses changed since the
base: a modified or renamed file is diffed against its version at the base,
an added file is shown whole (every clause added), a deleted file is said to
be deleted. This is the check to run on a pull request.

The base is --base REV; "REV..." means the merge base of HEAD and REV, as in
git diff. Without --base it is the merge base of HEAD and the default branch:
origin/HEAD, else the first of origin/main, origin/master, main and master
that exists.

The files compared are those git diff BASE lists: committed, staged and
unstaged changes of tracked files (untracked files are left out until they are
added), with renames detected. With --plans DIR, the plan files are the
*.yaml and *.yml files directly in DIR, and DIR is the corpus their links are
checked against. Without it, a plan file is any *.yaml or *.yml file (other
than topics.yaml) with a top-level plandiff: key at either revision, and the
other plan files in its directory are its corpus; other YAML is ignored.

Formats: text; markdown, to post as a pull-request comment (one section per
file, long diffs folded, within --max-bytes: every file and change heading
stays, details are cut past the limit); json, a
plandiff/changed/v1 envelope around each file's plandiff/diff/v1 result.

The exit status is 1 when a changed file fails validation (a clause citing no
source, a dangling link, a YAML error...), and with --exit-code also when a
plan file changed; 2 when the repository or the base cannot be read.`,
		Example: `  plandiff changed
  plandiff changed --base origin/main --format markdown > comment.md
  plandiff --plans plans changed --base HEAD~3 --format json | jq '.files[].path'
  plandiff changed --base main... --exit-code`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := outputFormat(cmd, o.format, o.output, "text", "text", "markdown", "json")
			if err != nil {
				return err
			}
			o.format = f
			if err := checkMaxBytes(cmd, o.maxBytes, f); err != nil {
				return err
			}
			return runChanged(cmd.Context(), e, g, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.base, "base", "", "compare with `REV` (REV... for its merge base with HEAD; default: the merge base with the default branch)")
	f.StringVar(&o.format, "format", "text", "output format: text, markdown or json")
	f.StringVar(&o.match, "match", "auto", "how to pair clauses: auto, id or content")
	f.BoolVar(&o.showUnchanged, "all", false, "list unchanged clauses too")
	f.BoolVar(&o.exitCode, "exit-code", false, "exit with status 1 when a plan file changed")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print nothing; implies --exit-code")
	f.StringVarP(&o.output, "output", "o", "", "write to `FILE` (atomically) instead of standard output")
	addMaxBytesFlag(cmd, &o.maxBytes)
	registerEnumCompletion(cmd, "format", "text", "markdown", "json")
	registerEnumCompletion(cmd, "match", "auto", "id", "content")
	return cmd
}

func runChanged(ctx context.Context, e *env, g *globals, o *changedOptions) error {
	match, err := diff.ParseMatch(o.match)
	if err != nil {
		return usageErrorf("--match %q: want one of auto, id, content", o.match)
	}
	git := source.Git{Dir: e.workDir}
	top, err := git.Toplevel(ctx)
	if err != nil {
		return err
	}
	plansDir, err := repoPlansDir(e, g, top)
	if err != nil {
		return err
	}
	rep, err := source.LoadChanged(ctx, git, o.base, plansDir, g.planOptions(e))
	if err != nil {
		return err
	}
	if err := rep.Compare(ctx, diff.Options{Match: match}); err != nil {
		return err
	}

	if !o.quiet {
		var out interface{ WriteReport(io.Writer) error }
		switch o.format {
		case "json":
			out = render.ChangedJSON{Report: rep}
		case "markdown":
			out = render.ChangedMarkdown{Report: rep, ShowUnchanged: o.showUnchanged, MaxBytes: o.maxBytes}
		default:
			out = render.ChangedText{Report: rep, Diff: diffTextOptions(e, g, o.showUnchanged, o.output != "")}
		}
		if err := writeOutput(ctx, e, o.output, out.WriteReport); err != nil {
			return err
		}
	}
	if n := rep.Invalid(); n > 0 {
		if !o.quiet {
			fmt.Fprintf(e.stderr, "plandiff: %d of %d changed plan %s %s validation\n",
				n, len(rep.Files), plural(len(rep.Files), "file", "files"), plural(n, "fails", "fail"))
		}
		return &exitError{code: exitFindings}
	}
	if (o.exitCode || o.quiet) && rep.Differs() {
		return &exitError{code: exitFindings}
	}
	return nil
}

// repoPlansDir returns --plans as a '/'-separated path relative to the top of
// the working tree ("" without --plans).
func repoPlansDir(e *env, g *globals, top string) (string, error) {
	if g.plansDir == "" {
		return "", nil
	}
	dir, err := filepath.Abs(e.path(g.plansDir))
	if err != nil {
		return "", &source.InputError{Err: err}
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	rel, err := filepath.Rel(top, dir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", usageErrorf("--plans %s is outside the git working tree %s", g.plansDir, top)
	}
	return filepath.ToSlash(rel), nil
}
