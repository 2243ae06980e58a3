package main

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/plandiff/plandiff/internal/source"
	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/lineage"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/pkg/render"
)

type diffOptions struct {
	format        string
	match         string
	only          string
	types         string
	topic         string
	threshold     float64
	exitCode      bool
	quiet         bool
	output        string
	showUnchanged bool
	stat          bool
	sources       string
	maxBytes      int
	noCarry       bool
}

func newDiffCmd(e *env, g *globals) *cobra.Command {
	o := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff <old> <new>",
		Short: "Show how the text changed between two versions, clause by clause",
		Long: `Compare two versions: say which clause became which (across renumbering,
moves, rewording, merges and splits), how the words changed, which figures
moved, and which sources back each side.

Clauses missing from a version marked completeness: partial are reported as
unreported, not removed: absence from a partly known text is not removal.

When NEW revises OLD (its supersedes names OLD, directly or through other
versions of the corpus) and OLD is partial, OLD is compared as the report
compares it: its effective text, what it states plus what it carries from the
version it revises, marked carried and unreported; the header says so, and
diff and report give the same counts for the pair. --no-carry compares the
two texts as they stand.

--match auto (the default) trusts equal clause ids and derives_from links,
then pairs the rest by content; --match id uses only ids and links;
--match content ignores them and pairs by words alone.

Each modified, merged and split change says what kind of change it is, in
this order: figure (a figure changed), negation (not, never... added or
removed), modality (will, shall, must, may...), party (the actors named),
condition (if, unless, provided that...), deadline (a time limit added,
changed or dropped), scope (qualifiers such as in peacetime, permanently,
all, only), or wording alone; --type keeps the changes of these types.

Formats: text (a redline for the terminal; [-deleted-]{+inserted+} markers
when colour is off), markdown (for a pull-request comment) and json (the
plandiff/diff/v1 contract).

Text has a short layout (--sources short, the default): the sources each
change cites by number, listed once under the summary, and a removed clause
in one line; --sources full adds the sources' dates and coverage, the notes
and how the clauses were paired; --stat prints one line per change. In a
terminal the text goes through a pager ($PLANDIFF_PAGER, $PAGER, less -FRX).

Markdown keeps under --max-bytes (65,000 by default, under GitHub's comment
limit): the summary and every change's heading always stay; a larger diff
folds each change's details into a <details> block, cuts those that do not
fit and says how many it cut.`,
		Example: `  plandiff diff us-28-draft framework-20
  plandiff diff --only modified,added --topic military us-28-draft framework-20
  plandiff diff --stat us-28-draft framework-20
  plandiff diff --type figure,party us-28-draft framework-20
  plandiff diff --sources full --topic elections us-28-draft framework-20
  plandiff diff --format markdown -o changes.md us-28-draft eu-counterproposal
  plandiff diff --format json HEAD:plans/us-28-draft.yaml plans/us-28-draft.yaml
  plandiff diff --exit-code old.yaml new.yaml`,
		Args: exactArgs(2, "two versions (old and new)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(cmd, e, g, o, args[0], args[1])
		},
		ValidArgsFunction: completeVersions(e, g),
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "output format: text, markdown or json")
	f.StringVar(&o.match, "match", "auto", "how to pair clauses: auto, id or content")
	f.StringVar(&o.only, "only", "", "list only changes of these `KINDS`, comma-separated: "+kindList())
	f.StringVar(&o.topic, "topic", "", "list only changes of clauses with these `TOPICS`, comma-separated")
	f.StringVar(&o.types, "type", "", "list only modified, merged and split changes of at least one of these `TYPES` of change, comma-separated: "+strings.Join(changetype.Names, ", "))
	f.Float64Var(&o.threshold, "threshold", diff.DefaultThreshold, "content similarity (0-1) below which clauses are not paired")
	f.BoolVar(&o.showUnchanged, "all", false, "list unchanged clauses too")
	f.BoolVar(&o.stat, "stat", false, "text: one line per change (kind, numbers, topic, similarity, types of change, figures), then the counts per kind and per type")
	f.StringVar(&o.sources, "sources", "short", "text: how much of the sources and notes to show: none, short (outlets numbered once) or full (dates, coverage, notes, pairing)")
	f.BoolVar(&o.noCarry, "no-carry", false, "compare the versions as they stand, without what a partial OLD carries from the version it revises")
	f.BoolVar(&o.exitCode, "exit-code", false, "exit with status 1 when there are differences (after any --only/--topic/--type filter)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print nothing; implies --exit-code")
	f.StringVarP(&o.output, "output", "o", "", "write to `FILE` (atomically) instead of standard output")
	addMaxBytesFlag(cmd, &o.maxBytes)
	registerEnumCompletion(cmd, "format", "text", "markdown", "json")
	registerEnumCompletion(cmd, "match", "auto", "id", "content")
	registerEnumCompletion(cmd, "sources", "none", "short", "full")
	_ = cmd.RegisterFlagCompletionFunc("only", completeCommaList(fixed(strings.Split(kindList(), ", ")...)))
	_ = cmd.RegisterFlagCompletionFunc("topic", completeCommaList(corpusTopics(e, g)))
	_ = cmd.RegisterFlagCompletionFunc("type", completeCommaList(fixed(changetype.Names...)))
	return cmd
}

// parseTypes reads the --type list.
func parseTypes(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var types []string
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if !changetype.Valid(part) {
			return nil, usageErrorf("--type: unknown type of change %q (want %s)", part, strings.Join(changetype.Names, ", "))
		}
		types = append(types, part)
	}
	return types, nil
}

func kindList() string {
	names := make([]string, len(diff.Kinds))
	for i, k := range diff.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// parseKinds reads the --only list.
func parseKinds(s string) ([]diff.Kind, error) {
	if s == "" {
		return nil, nil
	}
	var kinds []diff.Kind
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		ok := false
		for _, k := range diff.Kinds {
			if string(k) == part {
				kinds = append(kinds, k)
				ok = true
			}
		}
		if !ok {
			return nil, usageErrorf("--only: unknown kind %q (want %s)", part, kindList())
		}
	}
	return kinds, nil
}

func runDiff(cmd *cobra.Command, e *env, g *globals, o *diffOptions, oldArg, newArg string) error {
	format, err := outputFormat(cmd, o.format, o.output, "text", "text", "markdown", "json")
	if err != nil {
		return err
	}
	o.format = format
	match, err := diff.ParseMatch(o.match)
	if err != nil {
		return usageErrorf("--match %q: want one of auto, id, content", o.match)
	}
	detail, err := render.ParseSourceDetail(o.sources)
	if err != nil {
		return usageErrorf("--%v", err)
	}
	if err := checkMaxBytes(cmd, o.maxBytes, o.format); err != nil {
		return err
	}
	if o.stat && o.format != "text" {
		return usageErrorf("--stat is a text view; it does not go with --format %s", o.format)
	}
	kinds, err := parseKinds(o.only)
	if err != nil {
		return err
	}
	types, err := parseTypes(o.types)
	if err != nil {
		return err
	}
	if o.threshold < 0 || o.threshold > 1 {
		return usageErrorf("--threshold %g: want a number between 0 and 1", o.threshold)
	}
	old, new, err := loadPair(cmd, e, g.resolver(e), oldArg, newArg)
	if err != nil {
		return err
	}
	var topics []string
	if o.topic != "" {
		for _, t := range strings.Split(o.topic, ",") {
			t = strings.TrimSpace(t)
			if !knownTopic(t, old, new) {
				return usageErrorf("--topic %q: not a topic (want one of %s)", t, strings.Join(plan.DefaultTopics, ", "))
			}
			topics = append(topics, t)
		}
	}
	res, err := compareCarried(cmd.Context(), g.resolver(e), old, new, diff.Options{Match: match, Threshold: o.threshold}, !o.noCarry)
	if err != nil {
		return err
	}
	if f := (diff.Filter{Kinds: kinds, Topics: topics, Types: types}); !f.IsZero() {
		res = f.Apply(res)
	}
	if !o.quiet {
		pe, done := withPager(e, g, o.format == "text" && o.output == "")
		err := writeOutput(cmd.Context(), pe, o.output, func(w io.Writer) error {
			switch o.format {
			case "markdown":
				return render.Markdown(w, res, render.MarkdownOptions{ShowUnchanged: o.showUnchanged, MaxBytes: o.maxBytes})
			case "json":
				return render.JSON(w, res)
			}
			opts := diffTextOptions(pe, g, o.showUnchanged, o.output != "")
			opts.Sources = detail
			if o.stat {
				return render.TextStat(w, res, opts)
			}
			return render.Text(w, res, opts)
		})
		done()
		if err != nil {
			return err
		}
	}
	if (o.exitCode || o.quiet) && res.HasChanges() {
		return &exitError{code: exitFindings}
	}
	return nil
}

// compareCarried compares old with new as a report step does when new
// revises old and carry is on (lineage.Compare, over the corpus in use);
// otherwise as they stand. The corpus is read only when new revises
// something.
func compareCarried(ctx context.Context, r *source.Resolver, old, new *plan.Plan, opts diff.Options, carry bool) (*diff.Result, error) {
	if !carry || len(new.Version.Supersedes) == 0 {
		return diff.Compare(ctx, old, new, opts)
	}
	c, err := r.LoadCorpus(ctx)
	if err != nil {
		return nil, err
	}
	return lineage.Compare(ctx, c.Plans, old, new, lineage.Options{Diff: opts})
}

// loadPair reads both versions at once: for large files parsing dominates,
// and the two are independent.
func loadPair(cmd *cobra.Command, e *env, r *source.Resolver, oldArg, newArg string) (*plan.Plan, *plan.Plan, error) {
	e.prepareHeap(r.InputSize(oldArg) + r.InputSize(newArg))
	var wg sync.WaitGroup
	var plans [2]*plan.Plan
	var errs [2]error
	for i, arg := range []string{oldArg, newArg} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			plans[i], errs[i] = r.Plan(cmd.Context(), arg)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs[0], errs[1]); err != nil {
		var list plan.ErrorList
		for _, e := range errs {
			var l plan.ErrorList
			if errors.As(e, &l) {
				list = append(list, l...)
			} else if e != nil {
				return nil, nil, e
			}
		}
		return nil, nil, list
	}
	// Links between the two versions must hold now that both are loaded.
	// Two revisions of one version (a file and its state in git) share an id
	// and are not a corpus, so there is nothing to check between them.
	if plans[0].Version.ID != plans[1].Version.ID {
		if list := plan.CheckRefs(plans[:], false); len(list) > 0 {
			return nil, nil, list
		}
	}
	return plans[0], plans[1], nil
}

// knownTopic accepts the default topics and any topic a clause of either
// version uses (a corpus may add its own in topics.yaml).
func knownTopic(t string, plans ...*plan.Plan) bool {
	for _, x := range plan.DefaultTopics {
		if x == t {
			return true
		}
	}
	found := false
	for _, p := range plans {
		p.Walk(func(c, _ *plan.Clause, _ int) { found = found || c.Topic == t })
	}
	return found
}
