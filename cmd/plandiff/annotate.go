package main

import (
	"io"

	"github.com/spf13/cobra"

	evolution "github.com/plandiff/plandiff/pkg/report"
)

type annotateOptions struct {
	format string
	output string
}

func newAnnotateCmd(e *env, g *globals) *cobra.Command {
	o := &annotateOptions{}
	cmd := &cobra.Command{
		Use:   "annotate <version>",
		Short: "Show where each clause of a version first appeared and how it changed since",
		Long: `Like git blame, for clauses. For every clause of VERSION (and every entry it
marks removed), print the version where the clause first appeared and each
later version it went through: the change kind at that step, the rule that
paired it (equal ids, derives_from and removed entries are reported by the
data; content pairings are inferred), the similarity, changed figures, and
the sources that attest it at each step.

The trail follows the supersedes graph. Where a version revises two (a
rejoin), the trail goes through the parent that pairs the clause by the
strongest rule, ties going to the parent listed first. A step through a
partial version that did not report the clause says so: it was carried over,
not removed. A clause dropped and later brought back is "resurrected".

VERSION is a corpus id, or a plan file, which then joins the corpus.`,
		Example: `  plandiff annotate framework-20
  plandiff annotate --format markdown eu-counterproposal -o eu.md
  plandiff annotate --format json framework-20 | jq '.clauses[] | {id, first_seen}'`,
		Args: exactArgs(1, "one version"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.format == "" {
				o.format = formatFromExt(o.output, "text", "markdown", "json")
			}
			if o.format == "" {
				o.format = "text"
			}
			if err := checkEnum("format", o.format, "text", "markdown", "json"); err != nil {
				return err
			}
			return runAnnotate(cmd, e, g, o, args[0])
		},
		ValidArgsFunction: completeVersions(e, g),
	}
	cmd.Flags().StringVar(&o.format, "format", "", "output format: text, markdown or json (default: from -o's extension, else text)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to `FILE` (replaced atomically) instead of standard output")
	registerEnumCompletion(cmd, "format", "text", "markdown", "json")
	return cmd
}

func runAnnotate(cmd *cobra.Command, e *env, g *globals, o *annotateOptions, arg string) error {
	l, ids, err := lineageFor(cmd.Context(), e, g, []string{arg}, false)
	if err != nil {
		return err
	}
	a, err := evolution.Annotate(l, ids[0])
	if err != nil {
		return err
	}
	return writeTo(cmd.Context(), e, o.output, false, func(w io.Writer) error {
		switch o.format {
		case "json":
			return evolution.JSON(w, a)
		case "markdown":
			return evolution.AnnotateMarkdown(w, a)
		}
		return evolution.AnnotateText(w, a, textOptions(e, g, o.output))
	})
}

// textOptions decides colour and width for a text view (see textLayout).
func textOptions(e *env, g *globals, output string) evolution.TextOptions {
	color, width := textLayout(e, g, output != "")
	return evolution.TextOptions{Color: color, Width: width}
}
