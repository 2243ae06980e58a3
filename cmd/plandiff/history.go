package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plandiff/plandiff/internal/source"
	"github.com/plandiff/plandiff/pkg/lineage"
	"github.com/plandiff/plandiff/pkg/plan"
	evolution "github.com/plandiff/plandiff/pkg/report"
)

type historyOptions struct {
	topic  string
	format string
	output string
}

func newHistoryCmd(e *env, g *globals) *cobra.Command {
	o := &historyOptions{}
	cmd := &cobra.Command{
		Use:   "history {<clause> | --topic <topic>}",
		Short: "Follow one clause, or every clause of a topic, through every version",
		Long: `Follow a clause through every version of its branch of the version graph:
its number and text in each, the word redline of each step, and what became
of it where it is missing. "unreported" (a partial version that does not
mention it: carried over, not removed) is shown apart from "removed" (a
removed entry citing its sources, or absence from a complete version).

CLAUSE is a clause id, which follows the clause of that id in every version
(and whatever it merged with or split into), or VERSION#id for one version's
clause. --topic follows every clause of a topic instead.`,
		Example: `  plandiff history armed-forces-size
  plandiff history framework-20#recovery-funds
  plandiff history --topic territory --format markdown -o territory.md`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) > 1:
				return usageErrorf("%s wants one clause, got %d arguments", cmd.Name(), len(args))
			case len(args) == 1 && o.topic != "":
				return usageErrorf("give a clause or --topic, not both")
			case len(args) == 0 && o.topic == "":
				return usageErrorf("%s wants a clause id or --topic", cmd.Name())
			}
			return nil
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completeClauses(e, g, true)(cmd, nil, toComplete)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := outputFormat(cmd, o.format, o.output, "text", "text", "markdown", "json")
			if err != nil {
				return err
			}
			o.format = f
			clause := ""
			if len(args) == 1 {
				clause = args[0]
			}
			return runHistory(cmd, e, g, o, clause)
		},
	}
	cmd.Flags().StringVar(&o.topic, "topic", "", "follow every clause of `TOPIC`")
	cmd.Flags().StringVar(&o.format, "format", "", "output format: text, markdown or json (default: from -o's extension, else text)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to `FILE` (replaced atomically) instead of standard output")
	registerEnumCompletion(cmd, "format", "text", "markdown", "json")
	_ = cmd.RegisterFlagCompletionFunc("topic", func(c *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
		return corpusTopics(e, g)(c), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// checkTopic fails unless topic is a topic of the corpus in use.
func checkTopic(ctx context.Context, e *env, g *globals, topic string) error {
	c, err := g.resolver(e).LoadCorpus(ctx)
	if err != nil {
		return err
	}
	if !slices.Contains(c.Topics, topic) {
		return &source.InputError{Err: fmt.Errorf("unknown topic %q%s; topics: %s", topic, suggestOne(topic, c.Topics), strings.Join(c.Topics, ", "))}
	}
	return nil
}

func runHistory(cmd *cobra.Command, e *env, g *globals, o *historyOptions, clause string) error {
	l, _, err := lineageFor(cmd.Context(), e, g, nil, false)
	if err != nil {
		return err
	}
	var threads []*lineage.Thread
	if o.topic != "" {
		if err := checkTopic(cmd.Context(), e, g, o.topic); err != nil {
			return err
		}
		threads = l.TopicThreads(o.topic)
	} else {
		if ver, _, ok := plan.SplitRef(clause); ok && l.Version(ver) == nil {
			return &source.InputError{Err: fmt.Errorf("no version %q in the corpus (in %q)", ver, clause)}
		}
		threads = l.ThreadsOf(clause)
		if len(threads) == 0 {
			id := clause
			if _, c, ok := plan.SplitRef(clause); ok {
				id = c
			}
			return &source.InputError{Err: fmt.Errorf("no clause %q in any version%s", clause, suggestOne(id, l.ClauseIDs()))}
		}
	}
	h := evolution.NewHistory(l, threads, clause, o.topic)
	return writeTo(cmd.Context(), e, o.output, false, func(w io.Writer) error {
		switch o.format {
		case "json":
			return evolution.JSON(w, h)
		case "markdown":
			return evolution.HistoryMarkdown(w, h)
		}
		if len(h.Threads) == 0 {
			_, err := fmt.Fprintf(w, "no clause of topic %s in any version\n", o.topic)
			return err
		}
		return evolution.HistoryText(w, h, textOptions(e, g, o.output))
	})
}
