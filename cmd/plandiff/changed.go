package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plandiff/plandiff/internal/source"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/pkg/render"
)

// changedSchema names the JSON envelope of `plandiff changed --format json`.
const changedSchema = "plandiff/changed/v1"

type changedOptions struct {
	base          string
	format        string
	match         string
	showUnchanged bool
	exitCode      bool
	quiet         bool
	output        string
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
file, long diffs folded, kept under GitHub's comment size limit); json, a
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
	registerEnumCompletion(cmd, "format", "text", "markdown", "json")
	registerEnumCompletion(cmd, "match", "auto", "id", "content")
	return cmd
}

// changedFile is one plan file that changed since the base.
type changedFile struct {
	source.FileChange
	problems plan.ErrorList // of the file as it is now
	old      *plan.Plan     // at the base; nil when added, or when it does not load there
	new      *plan.Plan     // now; nil when deleted or invalid
	note     string
	result   *diff.Result // nil when deleted or invalid
}

func (f *changedFile) valid() bool { return len(f.problems) == 0 }

// differs reports a change that --exit-code counts: a file added, deleted or
// renamed, one that fails validation, or clauses that changed.
func (f *changedFile) differs() bool {
	if f.Status != source.StatusModified || f.result == nil {
		return true
	}
	return f.result.HasChanges()
}

// changedReport is everything the output formats print.
type changedReport struct {
	base  source.Base
	files []*changedFile
}

func (r *changedReport) invalid() int {
	n := 0
	for _, f := range r.files {
		if !f.valid() {
			n++
		}
	}
	return n
}

func runChanged(ctx context.Context, e *env, g *globals, o *changedOptions) error {
	if err := checkEnum("format", o.format, "text", "markdown", "json"); err != nil {
		return err
	}
	match, err := diff.ParseMatch(o.match)
	if err != nil {
		return usageErrorf("--match %q: want one of auto, id, content", o.match)
	}
	top, err := source.Git{Dir: e.workDir}.Toplevel(ctx)
	if err != nil {
		return err
	}
	git := source.Git{Dir: top}
	base, err := git.ResolveBase(ctx, o.base)
	if err != nil {
		return err
	}
	changes, err := git.ChangedFiles(ctx, base.Commit)
	if err != nil {
		return err
	}
	plansDir, err := repoPlansDir(e, g, top)
	if err != nil {
		return err
	}
	r := &source.Resolver{WorkDir: top}
	rep := &changedReport{base: base}
	for _, c := range changes {
		f, err := loadChanged(ctx, git, r, base, c, plansDir)
		if err != nil {
			return err
		}
		if f != nil {
			rep.files = append(rep.files, f)
		}
	}
	sort.SliceStable(rep.files, func(i, j int) bool { return rep.files[i].Path < rep.files[j].Path })
	if err := checkLinks(ctx, r, plansDir, rep.files); err != nil {
		return err
	}
	anyDiff := false
	for _, f := range rep.files {
		if f.new != nil && f.valid() {
			old := f.old
			if old == nil {
				old = absentPlan(base)
			}
			if f.result, err = diff.Compare(ctx, old, f.new, diff.Options{Match: match}); err != nil {
				return err
			}
		}
		anyDiff = anyDiff || f.differs()
	}

	if !o.quiet {
		err := writeOutput(ctx, e, o.output, func(w io.Writer) error {
			bw := bufio.NewWriter(w)
			var err error
			switch o.format {
			case "json":
				err = changedJSON(bw, rep)
			case "markdown":
				err = changedMarkdown(bw, rep, o)
			default:
				err = changedText(bw, rep, o, e, g)
			}
			if err != nil {
				return err
			}
			return bw.Flush()
		})
		if err != nil {
			return err
		}
	}
	if n := rep.invalid(); n > 0 {
		if !o.quiet {
			fmt.Fprintf(e.stderr, "plandiff: %d of %d changed plan %s %s validation\n",
				n, len(rep.files), plural(len(rep.files), "file", "files"), plural(n, "fails", "fail"))
		}
		return &exitError{code: exitFindings}
	}
	if (o.exitCode || o.quiet) && anyDiff {
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

// loadChanged reads both sides of a change and validates the new one. It
// returns nil for a file that is not a plan file.
func loadChanged(ctx context.Context, git source.Git, r *source.Resolver, base source.Base, c source.FileChange, plansDir string) (*changedFile, error) {
	inScope := func(p string) bool {
		return p != "" && plan.IsPlanFileName(p) && (plansDir == "" || path.Dir(p) == plansDir)
	}
	switch {
	case c.Status == source.StatusRenamed && !inScope(c.Path) && inScope(c.OldPath):
		// Moved out of the corpus (or to a name that is not a plan's): gone.
		c = source.FileChange{Status: source.StatusDeleted, Path: c.OldPath, OldPath: c.OldPath}
	case !inScope(c.Path):
		return nil, nil
	}
	var newData, oldData []byte
	tooBig := false
	if c.Status != source.StatusDeleted {
		data, err := r.ReadFile(c.Path)
		var list plan.ErrorList
		switch {
		case errors.As(err, &list):
			tooBig = true // over the size limit: validation says so
		case err != nil:
			return nil, err
		}
		newData = data
	}
	if c.Status != source.StatusAdded {
		data, err := git.Show(ctx, base.Commit, c.OldPath)
		if err != nil {
			return nil, err
		}
		oldData = data
	}
	if plansDir == "" && !tooBig && !plan.LooksLikePlan(newData) && !plan.LooksLikePlan(oldData) {
		return nil, nil
	}

	f := &changedFile{FileChange: c}
	if c.Status != source.StatusDeleted {
		p, err := r.PlanFile(ctx, c.Path, c.Path, path.Dir(c.Path))
		var list plan.ErrorList
		switch {
		case errors.As(err, &list):
			f.problems = list
		case err != nil:
			return nil, err
		default:
			f.new = p
		}
	}
	if c.Status != source.StatusAdded {
		p, err := r.Plan(ctx, base.Commit+":"+c.OldPath)
		var list plan.ErrorList
		switch {
		case errors.As(err, &list):
			if c.Status != source.StatusDeleted {
				f.note = fmt.Sprintf("the version at %s does not load (%d %s), so every clause is shown as added",
					base.Label(), len(list), plural(len(list), "problem", "problems"))
			}
		case err != nil:
			return nil, err
		default:
			p.Name = base.Label() + ":" + c.OldPath
			f.old = p
		}
	}
	return f, nil
}

// checkLinks checks the links of each changed file against the other plan
// files of its corpus as they are now: --plans DIR, or the file's directory.
// Every version a changed file links to must be there, unless some file of
// the corpus does not load (its version id is then unknown).
func checkLinks(ctx context.Context, r *source.Resolver, plansDir string, files []*changedFile) error {
	groups := make(map[string][]*changedFile)
	for _, f := range files {
		if f.Status == source.StatusDeleted {
			continue
		}
		dir := plansDir
		if dir == "" {
			dir = path.Dir(f.Path)
		}
		groups[dir] = append(groups[dir], f)
	}
	dirs := make([]string, 0, len(groups))
	for d := range groups {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		group := groups[dir]
		byName := make(map[string]*changedFile, len(group))
		for _, f := range group {
			byName[f.Path] = f
		}
		entries, err := os.ReadDir(filepath.Join(r.WorkDir, filepath.FromSlash(dir)))
		if err != nil {
			return &source.InputError{Err: err}
		}
		complete := true
		var set []*plan.Plan
		for _, ent := range entries {
			name := path.Join(dir, ent.Name())
			if ent.IsDir() || !plan.IsPlanFileName(name) || byName[name] != nil {
				continue
			}
			if plansDir == "" {
				data, err := r.ReadFile(name)
				if err == nil && !plan.LooksLikePlan(data) {
					continue
				}
			}
			p, err := r.PlanFile(ctx, name, name, dir)
			if err != nil {
				complete = false
				continue
			}
			set = append(set, p)
		}
		// The changed files go last, so that a version id they share with an
		// unchanged file is reported on them.
		for _, f := range group {
			if f.new == nil {
				complete = false
			} else {
				set = append(set, f.new)
			}
		}
		for _, pe := range plan.CheckRefs(set, complete) {
			if f := byName[pe.Pos.File]; f != nil {
				f.problems = append(f.problems, pe)
			}
		}
		for _, f := range group {
			f.problems.Sort()
		}
	}
	return nil
}

// absentPlan stands for the version of an added file at the base: no clauses.
func absentPlan(base source.Base) *plan.Plan {
	return &plan.Plan{
		Format:  plan.FormatVersion,
		Version: plan.Version{Title: "(no version at " + base.Label() + ")", Completeness: plan.CompletenessFull},
	}
}

// since describes the base for headings.
func since(b source.Base) string {
	if b.MergeBase {
		return fmt.Sprintf("the merge base of HEAD and %s (%s)", b.Rev, b.Label())
	}
	short := b.Commit
	if len(short) > 12 {
		short = short[:12]
	}
	return fmt.Sprintf("%s (%s)", b.Rev, short)
}

// statusText says what happened to the file: "modified", "renamed from X"...
func statusText(f *changedFile) string {
	if f.Status == source.StatusRenamed {
		return "renamed from " + f.OldPath
	}
	return f.Status
}

// clauseCounts summarises a diff in a phrase: "1 modified, 2 added".
func clauseCounts(res *diff.Result) string {
	var parts []string
	for _, c := range res.Summary.Counts() {
		if c.Kind != diff.KindUnchanged && c.Count > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.Count, c.Kind))
		}
	}
	if len(parts) == 0 {
		return "no clause changes"
	}
	return strings.Join(parts, ", ")
}

// deletedText describes a deleted file's last version.
func deletedText(f *changedFile) string {
	if f.old == nil {
		return "deleted"
	}
	n := f.old.Count()
	return fmt.Sprintf("deleted; it held version %s (%d %s)", f.old.Version.ID, n, plural(n, "clause", "clauses"))
}

func changedText(w io.Writer, rep *changedReport, o *changedOptions, e *env, g *globals) error {
	p := &errWriter{w: w}
	if len(rep.files) == 0 {
		p.printf("no plan files changed since %s\n", render.SanitizeTerminalLine(since(rep.base)))
		return p.err
	}
	p.printf("%d plan %s changed since %s\n", len(rep.files), plural(len(rep.files), "file", "files"), render.SanitizeTerminalLine(since(rep.base)))
	for _, f := range rep.files {
		head := f.Path + ": " + statusText(f)
		if f.Status == source.StatusDeleted {
			head = f.Path + ": " + deletedText(f)
		}
		if !f.valid() {
			head += fmt.Sprintf(", fails validation (%d %s)", len(f.problems), plural(len(f.problems), "problem", "problems"))
		}
		p.printf("\n=== %s\n", render.SanitizeTerminalLine(head))
		if p.err != nil {
			return p.err
		}
		if !f.valid() {
			if err := printProblems(w, f.problems, "text"); err != nil {
				return err
			}
		}
		if f.note != "" {
			p.printf("note: %s\n", render.SanitizeTerminalLine(f.note))
		}
		if f.result != nil {
			p.printf("\n")
			if p.err != nil {
				return p.err
			}
			if err := renderDiff(w, f.result, "text", o.showUnchanged, e, g, o.output != ""); err != nil {
				return err
			}
		}
	}
	return p.err
}

// markdownBudget bounds the Markdown report: GitHub refuses comments over
// 65,536 characters, so diffs that would not fit are left out.
const markdownBudget = 60000

// markdownFoldLines is the length from which a file's diff is folded.
const markdownFoldLines = 40

// changedMarker opens the Markdown report, so that a workflow can find its
// earlier comment and update it. Data never produces it: < is escaped.
const changedMarker = "<!-- plandiff changed -->"

func changedMarkdown(w io.Writer, rep *changedReport, o *changedOptions) error {
	md := render.MarkdownText
	var b strings.Builder
	b.WriteString(changedMarker + "\n")
	if len(rep.files) == 0 {
		b.WriteString("## plandiff: no plan files changed\n\nCompared with " + md(since(rep.base)) + ".\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	n := len(rep.files)
	fmt.Fprintf(&b, "## plandiff: %d plan %s changed", n, plural(n, "file", "files"))
	if bad := rep.invalid(); bad > 0 {
		fmt.Fprintf(&b, ", %d %s validation", bad, plural(bad, "fails", "fail"))
	}
	b.WriteString("\n\nCompared with " + md(since(rep.base)) + ".\n\n")
	b.WriteString("| file | change | validation | clauses |\n|---|---|---|---|\n")
	for _, f := range rep.files {
		valid, clauses := "ok", "—"
		switch {
		case !f.valid():
			valid = fmt.Sprintf("**%d %s**", len(f.problems), plural(len(f.problems), "problem", "problems"))
		case f.Status == source.StatusDeleted:
			valid = "—"
		}
		if f.result != nil {
			clauses = md(clauseCounts(f.result))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", md(f.Path), md(statusText(f)), valid, clauses)
	}

	omitted := 0
	for _, f := range rep.files {
		var sec strings.Builder
		sec.WriteString("\n### " + md(f.Path) + "\n")
		switch f.Status {
		case source.StatusDeleted:
			sec.WriteString("\n" + capitalizeFirst(md(deletedText(f))) + ".\n")
		case source.StatusRenamed:
			sec.WriteString("\nRenamed from " + md(f.OldPath) + ".\n")
		case source.StatusAdded:
			sec.WriteString("\nA new plan file.\n")
		}
		if !f.valid() {
			fmt.Fprintf(&sec, "\n**Fails validation** (%d %s):\n\n", len(f.problems), plural(len(f.problems), "problem", "problems"))
			for _, p := range f.problems {
				sec.WriteString("- " + md(p.Error()) + "\n")
			}
		}
		if f.note != "" {
			sec.WriteString("\n> " + capitalizeFirst(md(f.note)) + ".\n")
		}
		if f.result != nil {
			var d bytes.Buffer
			if err := render.Markdown(&d, f.result, render.MarkdownOptions{ShowUnchanged: o.showUnchanged}); err != nil {
				return err
			}
			open := ""
			if bytes.Count(d.Bytes(), []byte("\n")) <= markdownFoldLines {
				open = " open"
			}
			fmt.Fprintf(&sec, "\n<details%s><summary>Clauses: %s</summary>\n\n", open, md(clauseCounts(f.result)))
			sec.WriteString(demoteHeadings(d.String(), 2))
			sec.WriteString("\n</details>\n")
		}
		if b.Len()+sec.Len() > markdownBudget {
			omitted++
			continue
		}
		b.WriteString(sec.String())
	}
	if omitted > 0 {
		fmt.Fprintf(&b, "\n%d %s left out to keep this comment within GitHub's size limit: run `plandiff changed` locally to see %s.\n",
			omitted, plural(omitted, "file is", "files are"), plural(omitted, "it", "them"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// demoteHeadings moves the ATX headings of a Markdown report n levels down
// (to at most 6), so that a report nests under a file's heading. Only
// headings start with '#': data never does, since Markdown escapes it.
func demoteHeadings(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		level := len(l) - len(strings.TrimLeft(l, "#"))
		if level == 0 || level > 6 || len(l) > level && l[level] != ' ' {
			continue
		}
		lines[i] = strings.Repeat("#", min(level+n, 6)) + l[level:]
	}
	return strings.Join(lines, "")
}

func capitalizeFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// The JSON envelope (docs/formats.md §6).
type changedJSONReport struct {
	Schema  string            `json:"schema"`
	Base    changedJSONBase   `json:"base"`
	Summary changedJSONCounts `json:"summary"`
	Files   []changedJSONFile `json:"files"`
}

type changedJSONBase struct {
	Rev       string `json:"rev"`
	Commit    string `json:"commit"`
	MergeBase bool   `json:"merge_base"`
}

type changedJSONCounts struct {
	Files   int `json:"files"`
	Invalid int `json:"invalid"`
	Differ  int `json:"differ"`
}

type changedJSONFile struct {
	Path     string               `json:"path"`
	OldPath  string               `json:"old_path,omitempty"`
	Status   string               `json:"status"`
	Valid    bool                 `json:"valid"`
	Problems []changedJSONProblem `json:"problems"`
	Note     string               `json:"note,omitempty"`
	Diff     json.RawMessage      `json:"diff"`
}

type changedJSONProblem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

func changedJSON(w io.Writer, rep *changedReport) error {
	out := changedJSONReport{
		Schema: changedSchema,
		Base:   changedJSONBase{Rev: rep.base.Rev, Commit: rep.base.Commit, MergeBase: rep.base.MergeBase},
		Files:  []changedJSONFile{},
	}
	for _, f := range rep.files {
		jf := changedJSONFile{Path: f.Path, Status: f.Status, Valid: f.valid(), Problems: []changedJSONProblem{}, Note: f.note, Diff: json.RawMessage("null")}
		if f.Status == source.StatusRenamed {
			jf.OldPath = f.OldPath
		}
		for _, p := range f.problems {
			jf.Problems = append(jf.Problems, changedJSONProblem{File: p.Pos.File, Line: p.Pos.Line, Col: p.Pos.Col, Message: p.Msg})
		}
		if f.result != nil {
			// The diff is render.JSON's own encoding of the contract.
			var d bytes.Buffer
			if err := render.JSON(&d, f.result); err != nil {
				return err
			}
			jf.Diff = d.Bytes()
		}
		out.Summary.Files++
		if !f.valid() {
			out.Summary.Invalid++
		}
		if f.differs() {
			out.Summary.Differ++
		}
		out.Files = append(out.Files, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
