package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plandiff/plandiff/internal/source"
	"github.com/plandiff/plandiff/pkg/lineage"
	"github.com/plandiff/plandiff/pkg/plan"
)

// lineageFor builds the lineage of the corpus in use. Arguments that name a
// file or git object (not a corpus id) add that version to the corpus, in
// place of a corpus version with the same id, so that a newly imported
// version can be annotated or reported at once. It returns the ids the
// arguments resolve to, in argument order.
func lineageFor(ctx context.Context, e *env, g *globals, args []string, only bool) (*lineage.Lineage, []string, error) {
	l, ids, _, err := lineageWithTimeline(ctx, e, g, args, only)
	return l, ids, err
}

// lineageWithTimeline is lineageFor that also returns the corpus's timeline
// (nil when it has no events file), for the report to place its events.
func lineageWithTimeline(ctx context.Context, e *env, g *globals, args []string, only bool) (*lineage.Lineage, []string, *plan.Timeline, error) {
	r := g.resolver(e)
	c, err := r.LoadCorpus(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	var size int64
	for _, a := range args {
		size += r.InputSize(a)
	}
	e.prepareHeap(size)
	plans := append([]*plan.Plan(nil), c.Plans...)
	var ids []string
	extra := false
	for _, a := range args {
		p, err := r.Plan(ctx, a)
		if err != nil {
			return nil, nil, nil, err
		}
		ids = append(ids, p.Version.ID)
		if r.Classify(a) != source.KindID {
			extra = true
			replaced := false
			for i, q := range plans {
				if q.Version.ID == p.Version.ID {
					plans[i], replaced = p, true
				}
			}
			if !replaced {
				plans = append(plans, p)
			}
		}
	}
	if extra {
		nc, errs := plan.NewCorpus(plans, false)
		if len(errs) > 0 {
			return nil, nil, nil, errs
		}
		plans = nc.Plans
	}
	all := plans
	if only {
		want := map[string]bool{}
		for _, id := range ids {
			want[id] = true
		}
		var sel []*plan.Plan
		for _, p := range plans {
			if want[p.Version.ID] {
				sel = append(sel, p)
			}
		}
		plans = sel
	}
	l, err := lineage.Build(ctx, plans, lineage.Options{All: all})
	if err != nil {
		return nil, nil, nil, err
	}
	return l, ids, c.Timeline, nil
}

// writeTo sends what write produces to the file out names (written to a
// temporary file and renamed, so a failed or cancelled run leaves nothing
// behind), or to standard output when out is empty. Once ctx is done, writes
// fail, which stops the renderer.
func writeTo(ctx context.Context, e *env, out string, noClobber bool, write func(io.Writer) error) error {
	return writeTarget(ctx, e, out, noClobber, func(w io.Writer) error { return write(ctxWriter{ctx, w}) })
}

// extFormats maps the extensions of -o to the format they stand for.
var extFormats = map[string]string{
	".html": "html", ".htm": "html",
	".md": "markdown", ".markdown": "markdown",
	".json":  "json",
	".sarif": "sarif",
	".txt":   "text", ".text": "text",
	".yaml": "yaml", ".yml": "yaml",
}

// outputFormat settles the format of a command with -o: --format when
// given, else the format -o's extension stands for, else def. When -o and
// --format are both given they must agree, and an -o whose extension names
// a format the command does not write (or none plandiff knows, such as
// .pdf) is an error: the file would hold something its name does not say.
// An -o without an extension takes --format or def.
func outputFormat(cmd *cobra.Command, format, out, def string, allowed ...string) (string, error) {
	given := cmd.Flags().Changed("format")
	if given {
		if err := checkEnum("format", format, allowed...); err != nil {
			return "", err
		}
	} else {
		format = def
	}
	ext := strings.ToLower(filepath.Ext(out))
	if out == "" || ext == "" {
		return format, nil
	}
	f, known := extFormats[ext]
	switch {
	case !known && given:
		return format, nil
	case !known:
		return "", usageErrorf("-o %s: %s is not the extension of a format %s writes; name the file %s or give --format (%s)",
			out, ext, cmd.Name(), extList(allowed), strings.Join(allowed, ", "))
	case !slices.Contains(allowed, f):
		return "", usageErrorf("-o %s: %s does not write %s (its formats: %s)", out, cmd.Name(), f, strings.Join(allowed, ", "))
	case given && f != format:
		return "", usageErrorf("--format %s and -o %s disagree: the file would hold %s under a %s name", format, out, format, f)
	}
	return f, nil
}

// formatExts is the usual extension of each format, for messages.
var formatExts = map[string]string{
	"html": ".html", "markdown": ".md", "json": ".json", "sarif": ".sarif", "text": ".txt", "yaml": ".yaml",
}

// extList names the usual extension of each format, for messages.
func extList(formats []string) string {
	var exts []string
	for _, f := range formats {
		if e, ok := formatExts[f]; ok {
			exts = append(exts, "*"+e)
		}
	}
	return strings.Join(exts, ", ")
}

// suggestOne returns a close match for s among candidates, or "".
func suggestOne(s string, candidates []string) string {
	best, bestD := "", 4
	for _, c := range candidates {
		if len(s) >= 3 && strings.HasPrefix(c, s) {
			return fmt.Sprintf(" (did you mean %q?)", c)
		}
	}
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
