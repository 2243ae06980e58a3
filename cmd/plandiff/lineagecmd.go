package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/plandiff/plandiff/internal/atomicfile"
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
	r := g.resolver(e)
	c, err := r.LoadCorpus(ctx)
	if err != nil {
		return nil, nil, err
	}
	plans := append([]*plan.Plan(nil), c.Plans...)
	var ids []string
	extra := false
	for _, a := range args {
		p, err := r.Plan(ctx, a)
		if err != nil {
			return nil, nil, err
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
			return nil, nil, errs
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
		return nil, nil, err
	}
	return l, ids, nil
}

// writeTo sends what write produces to the file out names (written to a
// temporary file and renamed, so a failed or cancelled run leaves nothing
// behind), or to standard output when out is empty. Once ctx is done, writes
// fail, which stops the renderer.
func writeTo(ctx context.Context, e *env, out string, noClobber bool, write func(io.Writer) error) error {
	if out == "" {
		return write(ctxWriter{ctx, e.stdout})
	}
	return atomicfile.Write(ctx, e.path(out), noClobber, func(w io.Writer) error { return write(ctxWriter{ctx, w}) })
}

// formatFromExt infers --format from -o's extension when --format was not
// given: .html/.htm, .md/.markdown, .json, .txt.
func formatFromExt(out string, allowed ...string) string {
	ext := strings.ToLower(filepath.Ext(out))
	var f string
	switch ext {
	case ".html", ".htm":
		f = "html"
	case ".md", ".markdown":
		f = "markdown"
	case ".json":
		f = "json"
	case ".txt":
		f = "text"
	}
	for _, a := range allowed {
		if a == f {
			return f
		}
	}
	return ""
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
