package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/pkg/render"
)

type showOptions struct {
	format string
	clause string
}

func newShowCmd(e *env, g *globals) *cobra.Command {
	o := &showOptions{}
	cmd := &cobra.Command{
		Use:   "show <version>",
		Short: "Print one version, or one clause of it",
		Long: `Print one version: its metadata, its clauses (sub-points indented) with their
sources, and the list of sources. --format json prints the plan with the same
keys and nesting as its YAML, defaults filled in, for scripts; --format yaml
prints it back as a plan file.`,
		Example: `  plandiff show us-28-draft
  plandiff show framework-20 --clause armed-forces-size
  plandiff show --format json geneva-19 | jq '.clauses[].id'`,
		Args: exactArgs(1, "one version"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkEnum("format", o.format, "text", "yaml", "json"); err != nil {
				return err
			}
			return runShow(cmd, e, g, o, args[0])
		},
		ValidArgsFunction: completeVersions(e, g),
	}
	cmd.Flags().StringVar(&o.clause, "clause", "", "print only the clause with this `ID` (and its sub-points)")
	_ = cmd.RegisterFlagCompletionFunc("clause", completeClauses(e, g, false))
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text, yaml or json")
	registerEnumCompletion(cmd, "format", "text", "yaml", "json")
	return cmd
}

func runShow(cmd *cobra.Command, e *env, g *globals, o *showOptions, arg string) error {
	p, err := g.resolver(e).Plan(cmd.Context(), arg)
	if err != nil {
		return err
	}
	var clause *plan.Clause
	if o.clause != "" {
		if clause = p.Find(o.clause); clause == nil {
			return usageErrorf("%s has no clause %q", p.Version.ID, o.clause)
		}
	}
	w := bufio.NewWriter(e.stdout)
	switch {
	case o.format == "json" && clause != nil:
		err = writeJSON(w, clause)
	case o.format == "json":
		err = writeJSON(w, p)
	case o.format == "yaml" && clause != nil:
		err = plan.EncodeClause(w, clause)
	case o.format == "yaml":
		err = plan.Encode(w, p)
	default:
		err = showText(w, p, clause)
	}
	if err != nil {
		return err
	}
	return w.Flush()
}

// showText prints a version for reading in a terminal. Every string from the
// file is sanitised: plan files are untrusted input.
func showText(w io.Writer, p *plan.Plan, only *plan.Clause) error {
	clean := sanitize
	v := p.Version
	ew := &errWriter{w: w}
	if only == nil {
		ew.printf("%s  %s\n", clean(v.ID), clean(v.Title))
		meta := []string{"surfaced " + v.Surfaced}
		if v.Status != "" {
			meta = append(meta, v.Status)
		}
		meta = append(meta, v.Completeness)
		if len(v.ProposedBy) > 0 {
			meta = append(meta, "proposed by "+clean(strings.Join(v.ProposedBy, ", ")))
		}
		if len(v.Supersedes) > 0 {
			meta = append(meta, "supersedes "+clean(strings.Join(v.Supersedes, ", ")))
		}
		ew.printf("%s\n", strings.Join(meta, " · "))
		if v.Note != "" {
			ew.printf("note: %s\n", clean(v.Note))
		}
		ew.printf("%d clauses, %d sources\n\n", p.Count(), len(v.Sources))
	}
	var walk func(cs []*plan.Clause, depth int)
	walk = func(cs []*plan.Clause, depth int) {
		for _, c := range cs {
			showClause(ew, &v, c, depth)
			walk(c.Clauses, depth+1)
		}
	}
	if only != nil {
		walk([]*plan.Clause{only}, 0)
	} else {
		walk(p.Clauses, 0)
	}
	ew.printf("Sources\n")
	cited := map[string]bool{}
	if only != nil {
		var mark func(c *plan.Clause)
		mark = func(c *plan.Clause) {
			for _, s := range c.Sources {
				cited[s] = true
			}
			for _, s := range c.Clauses {
				mark(s)
			}
		}
		mark(only)
	}
	for _, s := range v.Sources {
		if only != nil && !cited[s.ID] {
			continue
		}
		line := fmt.Sprintf("  [%s] %s", clean(s.ID), clean(s.Outlet))
		if s.Date != "" {
			line += ", " + s.Date
		}
		if s.Covers != "" {
			line += " (" + s.Covers + ")"
		}
		ew.printf("%s\n", line)
		if s.URL != "" {
			ew.printf("      %s\n", clean(s.URL))
		}
	}
	return ew.err
}

func showClause(ew *errWriter, v *plan.Version, c *plan.Clause, depth int) {
	clean := sanitize
	indent := strings.Repeat("    ", depth)
	num := c.Number
	if num == "" {
		num = "-"
	}
	var tags []string
	if c.Topic != "" {
		tags = append(tags, c.Topic)
	}
	if c.Removed {
		tags = append(tags, "REMOVED")
	}
	if c.Status != "" {
		tags = append(tags, c.Status)
	}
	if c.Confidence != plan.ConfidenceReported {
		tags = append(tags, c.Confidence)
	}
	ew.printf("%s%s  %s  [%s]\n", indent, clean(num), clean(c.ID), clean(strings.Join(tags, ", ")))
	if c.Text != "" {
		ew.printf("%s    %s\n", indent, clean(c.Text))
	}
	if len(c.ProposedBy) > 0 {
		ew.printf("%s    proposed by: %s\n", indent, clean(strings.Join(c.ProposedBy, ", ")))
	}
	if len(c.DerivesFrom) > 0 {
		ew.printf("%s    derives from: %s\n", indent, clean(strings.Join(c.DerivesFrom, ", ")))
	}
	if len(c.Variants) > 0 {
		// Source ids, as the sources line below and the list at the end.
		ew.printf("%s    %s\n", indent, render.Disagreement(diff.ClauseVariants(c), func(ids []string) string {
			return clean(strings.Join(ids, ", "))
		}, clean))
	}
	if c.Note != "" {
		ew.printf("%s    note: %s\n", indent, clean(c.Note))
	}
	ew.printf("%s    sources: %s\n\n", indent, clean(strings.Join(c.Sources, ", ")))
}

// errWriter remembers the first write error so a long print sequence can be
// checked once at the end.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// completeVersions offers the corpus's version ids for shell completion.
func completeVersions(e *env, g *globals) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
		c, err := g.resolver(e).LoadCorpus(cmd.Context())
		if err != nil {
			return nil, cobra.ShellCompDirectiveDefault
		}
		return c.IDs(), cobra.ShellCompDirectiveDefault
	}
}
