package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/plandiff/plandiff/internal/source"
	evolution "github.com/plandiff/plandiff/pkg/report"
)

type annotateOptions struct {
	clause string
	topic  string
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

--clause ID annotates only that clause (with its sub-points), --topic T only
the clauses of a topic.

VERSION is a corpus id, or a plan file, which then joins the corpus.`,
		Example: `  plandiff annotate framework-20
  plandiff annotate --clause armed-forces-size framework-20
  plandiff annotate --topic territory --format markdown eu-counterproposal -o eu.md
  plandiff annotate --format json framework-20 | jq '.clauses[] | {id, first_seen}'`,
		Args: exactArgs(1, "one version"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := outputFormat(cmd, o.format, o.output, "text", "text", "markdown", "json")
			if err != nil {
				return err
			}
			o.format = f
			return runAnnotate(cmd, e, g, o, args[0])
		},
		ValidArgsFunction: completeVersions(e, g),
	}
	cmd.Flags().StringVar(&o.clause, "clause", "", "annotate only the clause `ID` (and its sub-points)")
	cmd.Flags().StringVar(&o.topic, "topic", "", "annotate only the clauses of `TOPIC`")
	cmd.Flags().StringVar(&o.format, "format", "", "output format: text, markdown or json (default: from -o's extension, else text)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to `FILE` (replaced atomically) instead of standard output")
	registerEnumCompletion(cmd, "format", "text", "markdown", "json")
	_ = cmd.RegisterFlagCompletionFunc("clause", completeClauses(e, g, false))
	_ = cmd.RegisterFlagCompletionFunc("topic", func(c *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
		return corpusTopics(e, g)(c), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func runAnnotate(cmd *cobra.Command, e *env, g *globals, o *annotateOptions, arg string) error {
	l, ids, err := lineageFor(cmd.Context(), e, g, []string{arg}, false)
	if err != nil {
		return err
	}
	if o.topic != "" {
		if err := checkTopic(cmd.Context(), e, g, o.topic); err != nil {
			return err
		}
	}
	a, err := evolution.Annotate(l, ids[0])
	if err != nil {
		return err
	}
	all := make([]string, len(a.Clauses))
	for i, c := range a.Clauses {
		all[i] = c.ID
	}
	if !a.Only(o.clause, o.topic) {
		return &source.InputError{Err: fmt.Errorf("no clause %q in %s%s", o.clause, ids[0], suggestOne(o.clause, all))}
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
