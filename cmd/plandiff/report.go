package main

import (
	"io"

	"github.com/spf13/cobra"

	evolution "github.com/plandiff/plandiff/pkg/report"
)

type reportOptions struct {
	format string
	output string
	title  string
}

func newReportCmd(e *env, g *globals) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report [<version>...]",
		Short: "Write the evolution report of the corpus, or of some versions",
		Long: `Write the evolution report: a table of the versions; a timeline of the
versions and the events between them (when the corpus has an events.yaml);
counts per change kind for each step of the version graph; a topic by version
matrix (what each version says on territory, NATO, army size...); a table that
follows each figure along its clause's lineage, with version and sources for
each value; the redline of every step; the text of every version with links
between each clause and the clauses it came from and became; and the sources
with outlet, date and link.

With VERSIONs, only those versions are reported, and steps skip the versions
left out (a partial version then inherits unreported clauses from its nearest
selected ancestor). A VERSION may be a plan file, which then joins the corpus.

--format html writes one self-contained page: inline CSS, no script, nothing
loaded from anywhere (a Content-Security-Policy says so), readable on a phone
and printable, with inline and side-by-side redlines. The output depends only
on the plans: the same corpus gives the same bytes.`,
		Example: `  plandiff report -o report.html
  plandiff report us-28-draft eu-counterproposal framework-20 --format markdown
  plandiff report --format json | jq '.figures[] | select(.clause == "armed-forces-size")'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := outputFormat(cmd, o.format, o.output, "markdown", "markdown", "html", "json")
			if err != nil {
				return err
			}
			o.format = f
			return runReport(cmd, e, g, o, args)
		},
		ValidArgsFunction: completeVersions(e, g),
	}
	cmd.Flags().StringVar(&o.format, "format", "", "output format: markdown, html or json (default: from -o's extension, else markdown)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to `FILE` (replaced atomically) instead of standard output")
	cmd.Flags().StringVar(&o.title, "title", "", "the report's `TITLE` (default: names the versions)")
	registerEnumCompletion(cmd, "format", "markdown", "html", "json")
	return cmd
}

func runReport(cmd *cobra.Command, e *env, g *globals, o *reportOptions, args []string) error {
	l, _, timeline, err := lineageWithTimeline(cmd.Context(), e, g, args, len(args) > 0)
	if err != nil {
		return err
	}
	r := evolution.Build(l, evolution.Options{Title: o.title, Timeline: timeline})
	return writeTo(cmd.Context(), e, o.output, false, func(w io.Writer) error {
		switch o.format {
		case "json":
			return evolution.JSON(w, r)
		case "html":
			return evolution.HTML(w, r)
		}
		return evolution.Markdown(w, r)
	})
}
