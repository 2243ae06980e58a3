package render

import (
	"slices"
	"strconv"
	"strings"

	"github.com/plandiff/plandiff/pkg/diff"
)

// sourceLegend numbers the sources the shown changes of a text report cite,
// so that each outlet is written once (under the summary) and a change
// refers to its sources by number. Sources with the same display name (an
// outlet both versions cite) share a number.
type sourceLegend struct {
	names []string       // display name of number i+1
	num   map[string]int // display name -> number
	r     *diff.Result
}

// newSourceLegend numbers the sources cited by the changes a text report
// shows, the old version's first, each in the order its version lists them.
func newSourceLegend(r *diff.Result, showUnchanged bool) *sourceLegend {
	l := &sourceLegend{num: map[string]int{}, r: r}
	cited := [2]map[string]bool{{}, {}}
	for i := range r.Changes {
		c := &r.Changes[i]
		if !shown(c, showUnchanged) {
			continue
		}
		for _, id := range c.Sources.Old {
			cited[0][id] = true
		}
		for _, id := range c.Sources.New {
			cited[1][id] = true
		}
		if c.Variants != nil {
			for side, vs := range [][]diff.VariantRef{c.Variants.Old, c.Variants.New} {
				for _, v := range vs {
					for _, id := range v.Sources {
						cited[side][id] = true
					}
				}
			}
		}
	}
	for side, v := range []*diff.VersionRef{&r.Old, &r.New} {
		for _, s := range v.Sources {
			if cited[side][s.ID] {
				l.add(legendName(s))
				delete(cited[side], s.ID)
			}
		}
		// Cited ids the version does not list, in a stable order.
		rest := make([]string, 0, len(cited[side]))
		for id := range cited[side] {
			rest = append(rest, id)
		}
		slices.Sort(rest)
		for _, id := range rest {
			l.add(legendName(diff.SourceRef{ID: id}))
		}
	}
	return l
}

// legendName is how the legend names a source: its outlet up to any
// qualifier in brackets or after a comma ("LIGA.net (English edition,
// citing Axios)" is LIGA.net, "Pravda network, news-pravda.com" the Pravda
// network), so that one outlet cited for several texts is one entry; the id
// for a source without an outlet, marked when the version does not list it.
func legendName(s diff.SourceRef) string {
	name := sourceName(s, line)
	if s.Outlet == "" && s.Date == "" && s.URL == "" && s.Covers == "" {
		return name + " (not listed in the version's sources)"
	}
	if i := strings.IndexAny(name, "(,"); i > 0 {
		name = strings.TrimSpace(name[:i])
	}
	if s.Version != "" {
		// A source of carried text: the version that cites it.
		name += " (" + line(s.Version) + ")"
	}
	return name
}

func (l *sourceLegend) add(name string) {
	if _, ok := l.num[name]; !ok {
		l.names = append(l.names, name)
		l.num[name] = len(l.names)
	}
}

// write prints the numbered list under the report's header.
func (l *sourceLegend) write(t *textReport) {
	if len(l.names) == 0 {
		return
	}
	var b strings.Builder
	for i, name := range l.names {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString(" ")
		b.WriteString(name)
	}
	t.line(0, headerLabel, "sources", span{b.String(), ""})
}

// refs gives a change's source numbers: "1-4,6→7,9", or one list when both
// sides cite the same outlets, or "" for a change that cites none. It has
// no spaces, so that wrapping keeps it whole.
func (l *sourceLegend) refs(c *diff.Change) string {
	old := l.numbers(&l.r.Old, c.Sources.Old)
	new := l.numbers(&l.r.New, c.Sources.New)
	switch {
	case len(old) == 0 && len(new) == 0:
		return ""
	case slices.Equal(old, new) || len(new) == 0 && !paired(c.Kind):
		return ranges(old)
	case len(old) == 0 && !paired(c.Kind):
		return ranges(new)
	}
	return orDash(ranges(old)) + "→" + orDash(ranges(new))
}

// numbers maps the source ids one side of a change cites to legend numbers,
// sorted and without repeats.
func (l *sourceLegend) numbers(v *diff.VersionRef, ids []string) []int {
	var out []int
	for _, s := range sideSources(v, ids) {
		if n, ok := l.num[legendName(s)]; ok {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ranges writes sorted numbers with runs of three or more shortened:
// "1-4,7,9".
func ranges(ns []int) string {
	var parts []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, strconv.Itoa(ns[i])+"-"+strconv.Itoa(ns[j]))
		default:
			for k := i; k <= j; k++ {
				parts = append(parts, strconv.Itoa(ns[k]))
			}
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}
