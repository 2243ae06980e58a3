package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plandiff/plandiff/internal/source"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/pkg/render"
)

type validateOptions struct {
	format string
}

func newValidateCmd(e *env, g *globals) *cobra.Command {
	o := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate [file...]",
		Short: "Check plan files against the format and report every problem",
		Long: `Check plan files: the YAML, the keys and types of the format, unique ids,
source references, dates, topics, and the lineage links between versions
(derives_from and supersedes targets, no cycles). Every problem is reported
with file:line:col, sorted; the exit status is 1 when there are problems.

With no arguments the whole corpus in use is checked (the embedded plans, or
--plans DIR), its events file (events.yaml) included. A file named events.yaml is
checked as a timeline: the same strictness, and every version its events name
must be in the corpus. Files given are checked on their own and against the corpus for
links to other versions. --format github prints GitHub Actions workflow
commands, so problems show up as annotations on the pull request; --format
json the plandiff/validate/v1 object (docs/formats.md); --format sarif a
SARIF 2.1.0 log for GitHub code scanning, with a rule per kind of problem.`,
		Example: `  plandiff validate
  plandiff validate my-plans/*.yaml
  plandiff validate --format github plans/*.yaml
  plandiff validate --format sarif > plandiff.sarif`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkEnum("format", o.format, "text", "github", "json", "sarif"); err != nil {
				return err
			}
			return runValidate(cmd, e, g, o, args)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text, github (workflow-command annotations), json or sarif (SARIF 2.1.0)")
	registerEnumCompletion(cmd, "format", "text", "github", "json", "sarif")
	return cmd
}

func runValidate(cmd *cobra.Command, e *env, g *globals, o *validateOptions, args []string) error {
	r := g.resolver(e)
	var problems plan.ErrorList
	var plans []*plan.Plan
	var timelines []*plan.Timeline
	files := len(args)
	if len(args) == 0 {
		c, err := r.LoadCorpus(cmd.Context())
		var list plan.ErrorList
		switch {
		case errors.As(err, &list):
			problems = list
		case err != nil:
			return err
		default:
			plans = c.Plans
			if c.Timeline != nil {
				timelines = append(timelines, c.Timeline)
			}
		}
		files = len(plans) + len(timelines)
	} else {
		inCorpus, err := corpusFiles(cmd.Context(), e, g, r, args)
		if err != nil {
			return err
		}
		// linked: the plans whose links are checked, those of files with
		// other problems too (as far as they could be read).
		var linked []*plan.Plan
		for _, arg := range args {
			var err error
			if plan.IsEventsFileName(arg) && r.Classify(arg) == source.KindFile {
				var t *plan.Timeline
				if t, err = r.Timeline(cmd.Context(), arg); err == nil {
					timelines = append(timelines, t)
				}
			} else if cp, ok := inCorpus[arg]; ok {
				// Checked as part of its corpus (below); when the corpus
				// does not load, the file alone gives the count of clauses.
				if cp == nil {
					cp, _ = r.Plan(cmd.Context(), arg)
				}
				if cp != nil {
					plans = append(plans, cp)
				}
			} else {
				var p *plan.Plan
				p, err = r.Plan(cmd.Context(), arg)
				if p != nil {
					linked = append(linked, p)
				}
				if err == nil {
					plans = append(plans, p)
				}
			}
			var list plan.ErrorList
			switch {
			case errors.As(err, &list):
				problems = append(problems, list...)
			case err != nil:
				return err
			}
		}
		problems = append(problems, crossCheck(cmd.Context(), r, linked)...)
		problems = append(problems, timelineCheck(cmd.Context(), r, plans, timelines)...)
		if len(inCorpus) > 0 {
			problems = append(problems, corpusProblems(cmd.Context(), r, inCorpus)...)
		}
	}
	problems.Sort()
	clauses := 0
	for _, p := range plans {
		clauses += p.Count()
	}
	out := e.stdout
	if o.format == "github" {
		out = e.commands // workflow commands, their data escaped (ghData)
	}
	w := bufio.NewWriter(out)
	rep := render.ValidateReport{Files: files, Clauses: clauses, Problems: problems}
	var err error
	switch o.format {
	case "json":
		err = render.ValidateJSON(w, rep)
	case "sarif":
		err = render.ValidateSARIF(w, rep, strings.Fields(buildVersion())[0])
	default:
		err = printProblems(w, problems, o.format)
	}
	if err != nil {
		return err
	}
	if len(problems) == 0 && o.format == "text" {
		events := 0
		for _, t := range timelines {
			events += len(t.Events)
		}
		if len(timelines) > 0 {
			fmt.Fprintf(w, "ok: %d %s, %d clauses, %d %s\n", files, plural(files, "file", "files"), clauses, events, plural(events, "event", "events"))
		} else {
			fmt.Fprintf(w, "ok: %d %s, %d clauses\n", files, plural(files, "file", "files"), clauses)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if len(problems) > 0 {
		fmt.Fprintf(e.stderr, "plandiff: %d %s\n", len(problems), plural(len(problems), "problem", "problems"))
		return &exitError{code: exitFindings}
	}
	return nil
}

// corpusFiles finds the arguments that are plan files of the corpus
// directory in use (--plans), however they are spelled (./plans/a.yaml, an
// absolute path, a link to it): such a file is checked as part of its corpus,
// with the corpus's links (every version it names must be there) and
// topics. It maps each to its version in the corpus, or to nil when the
// corpus does not load (corpusProblems then reports its problems).
func corpusFiles(ctx context.Context, e *env, g *globals, r *source.Resolver, args []string) (map[string]*plan.Plan, error) {
	if g.plansDir == "" {
		return nil, nil
	}
	dir, err := os.Stat(e.path(g.plansDir))
	if err != nil {
		return nil, nil // checkPlansDir has said what is wrong
	}
	out := make(map[string]*plan.Plan)
	for _, arg := range args {
		if r.Classify(arg) != source.KindFile || !plan.IsPlanFileName(arg) || plan.IsEventsFileName(arg) {
			continue
		}
		if d, err := os.Stat(filepath.Dir(e.path(arg))); err != nil || !os.SameFile(d, dir) {
			continue
		}
		out[arg] = nil
	}
	if len(out) == 0 {
		return nil, nil
	}
	c, err := r.LoadCorpus(ctx)
	var list plan.ErrorList
	switch {
	case errors.As(err, &list):
		return out, nil
	case err != nil:
		return nil, err
	}
	for arg := range out {
		for _, p := range c.Plans {
			if path.Base(p.Name) == filepath.Base(arg) {
				out[arg] = p
			}
		}
	}
	return out, nil
}

// corpusProblems returns the problems that loading the corpus found in the
// given files of it (corpusFiles), named as the arguments name them.
func corpusProblems(ctx context.Context, r *source.Resolver, inCorpus map[string]*plan.Plan) plan.ErrorList {
	_, err := r.LoadCorpus(ctx)
	var list plan.ErrorList
	if !errors.As(err, &list) {
		return nil
	}
	byName := make(map[string]string, len(inCorpus))
	for arg := range inCorpus {
		byName[path.Join(r.Corpus.Prefix, filepath.Base(arg))] = arg
	}
	var out plan.ErrorList
	for _, pe := range list {
		if arg, ok := byName[filepath.ToSlash(pe.Pos.File)]; ok {
			q := *pe
			q.Pos.File = arg
			out = append(out, &q)
		}
	}
	return out
}

// crossCheck checks the links of the given plans against each other and the
// corpus; a given file replaces the corpus version with its id. Links to
// versions that are not loaded are not errors (spec section 1).
func crossCheck(ctx context.Context, r *source.Resolver, given []*plan.Plan) plan.ErrorList {
	if len(given) == 0 {
		return nil
	}
	set := append([]*plan.Plan(nil), given...)
	mine := make(map[string]bool, len(given))
	for _, p := range given {
		mine[p.Version.ID] = true
	}
	if c, err := r.LoadCorpus(ctx); err == nil {
		for _, p := range c.Plans {
			if !mine[p.Version.ID] {
				set = append(set, p)
			}
		}
	}
	var out plan.ErrorList
	names := make(map[string]bool, len(given))
	for _, p := range given {
		names[p.Name] = true
	}
	for _, e := range plan.CheckRefs(set, false) {
		if names[e.Pos.File] {
			out = append(out, e)
		}
	}
	return out
}

// timelineCheck checks that the versions the given events files name exist
// among the given plans and the corpus. When the corpus does not load, only
// the given plans count and absent versions are not errors (section 6).
func timelineCheck(ctx context.Context, r *source.Resolver, given []*plan.Plan, timelines []*plan.Timeline) plan.ErrorList {
	if len(timelines) == 0 {
		return nil
	}
	set := append([]*plan.Plan(nil), given...)
	complete := false
	if c, err := r.LoadCorpus(ctx); err == nil {
		set = append(set, c.Plans...)
		complete = true
	}
	var out plan.ErrorList
	for _, t := range timelines {
		out = append(out, plan.CheckTimeline(t, set, complete)...)
	}
	return out
}

func printProblems(w io.Writer, problems plan.ErrorList, format string) error {
	for _, p := range problems {
		var err error
		if format == "github" {
			_, err = fmt.Fprintf(w, "::error file=%s,line=%d,col=%d,title=plandiff::%s\n",
				ghProperty(p.Pos.File), p.Pos.Line, p.Pos.Col, ghData(p.Msg))
		} else {
			_, err = fmt.Fprintln(w, sanitize(p.Error()))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// ghData escapes a workflow-command message the way the Actions runner
// unescapes it, so data cannot end the command or start another one.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
