package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plandiff/plandiff/pkg/plan"
)

// completeCommaList completes a comma-separated list of values, as --only,
// --type and --topic take: the words before the last comma stay as typed,
// and the last word is completed with the values not yet in the list.
func completeCommaList(values func(cmd *cobra.Command) []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		done, _ := "", toComplete
		if i := strings.LastIndex(toComplete, ","); i >= 0 {
			done = toComplete[:i+1]
		}
		have := strings.Split(strings.TrimSuffix(done, ","), ",")
		var out []string
		for _, v := range values(cmd) {
			if !slices.Contains(have, v) {
				out = append(out, done+v)
			}
		}
		// No space after a value: another comma and value may follow.
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// fixed returns values, whatever the command line holds.
func fixed(values ...string) func(*cobra.Command) []string {
	return func(*cobra.Command) []string { return values }
}

// corpusTopics are the topics of the corpus in use (plan.DefaultTopics and
// any a topics.yaml adds).
func corpusTopics(e *env, g *globals) func(*cobra.Command) []string {
	return func(cmd *cobra.Command) []string {
		c, err := g.resolver(e).LoadCorpus(cmd.Context())
		if err != nil || len(c.Topics) == 0 {
			return plan.DefaultTopics
		}
		return c.Topics
	}
}

// completeClauses completes a clause id: those of the versions already on
// the command line (args), or of every version of the corpus when none is.
// With withVersion, VERSION#… completes that version's clause ids as
// VERSION#id, as history takes them.
func completeClauses(e *env, g *globals, withVersion bool) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		r := g.resolver(e)
		var plans []*plan.Plan
		prefix := ""
		if ver, _, ok := strings.Cut(toComplete, "#"); ok && withVersion {
			args, prefix = []string{ver}, ver+"#"
		}
		for _, a := range args {
			if p, err := r.Plan(cmd.Context(), a); err == nil {
				plans = append(plans, p)
			}
		}
		if len(plans) == 0 && prefix == "" {
			if c, err := r.LoadCorpus(cmd.Context()); err == nil {
				plans = c.Plans
			}
		}
		seen := map[string]bool{}
		var ids []string
		for _, p := range plans {
			p.Walk(func(c, _ *plan.Clause, _ int) {
				if c.ID != "" && !seen[c.ID] {
					seen[c.ID] = true
					ids = append(ids, prefix+c.ID)
				}
			})
		}
		slices.Sort(ids)
		return ids, cobra.ShellCompDirectiveNoFileComp
	}
}
