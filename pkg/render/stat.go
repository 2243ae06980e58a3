package render

import (
	"io"
	"strings"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff"
)

// TextStat writes the diff as `git diff --stat` would: one line per shown
// change (kind, old and new numbers, topic, the rule and similarity of a
// pairing, the types of change, the clause ids, the figures that changed),
// aligned in columns, then the summary of counts and the counts per type. Options are those of Text; Sources is not used.
func TextStat(w io.Writer, r *diff.Result, opts TextOptions) error {
	if r == nil {
		return errNilResult
	}
	p := &printer{w: w}
	t := &textReport{lw: lineWriter{p: p, width: max(opts.Width, 0), color: opts.Color}, r: r}
	type row struct {
		kind, nums, topic, sim, types, ids string
		sgr                                string
		figs                               []span
	}
	var rows []row
	var wKind, wNums, wTopic, wSim, wTypes int
	hidden := 0
	for i := range r.Changes {
		c := &r.Changes[i]
		if !shown(c, opts.ShowUnchanged) {
			hidden++
			continue
		}
		st, ok := kindStyle[c.Kind]
		if !ok {
			st = struct{ sigil, sgr string }{"*", sgrPlain}
		}
		x := row{kind: st.sigil + " " + line(headingNoun(c)), sgr: st.sgr, ids: changeIDs(c), figs: figureSpans(c)}
		// Printed numbers only: the ids have their own column.
		oldN, newN := strings.Join(lines(nonEmpty(c.OldNumbers)), ","), strings.Join(lines(nonEmpty(c.NewNumbers)), ",")
		switch {
		case c.Kind == diff.KindAdded, c.Rule == diff.RuleRemovalKept:
			x.nums = newN
		case !paired(c.Kind):
			x.nums = oldN
		default:
			x.nums = orDash(oldN) + " → " + orDash(newN)
		}
		if c.Moved {
			x.nums += " moved"
		}
		if t := line(c.Topic); t != "" {
			x.topic = "[" + t + "]"
		}
		x.sim = shortPairing(c)
		x.types = line(changetype.Labels(c.Types))
		wTypes = max(wTypes, DisplayWidth(x.types))
		wKind, wNums = max(wKind, DisplayWidth(x.kind)), max(wNums, DisplayWidth(x.nums))
		wTopic, wSim = max(wTopic, DisplayWidth(x.topic)), max(wSim, DisplayWidth(x.sim))
		rows = append(rows, x)
	}
	pad := func(s string, w int) string { return s + strings.Repeat(" ", w-DisplayWidth(s)) }
	for _, x := range rows {
		spans := []span{
			{pad(x.kind, wKind), x.sgr},
			{"  " + pad(x.nums, wNums) + "  " + pad(x.topic, wTopic), ""},
		}
		if wSim > 0 {
			spans = append(spans, span{"  " + x.sim + strings.Repeat(" ", wSim-DisplayWidth(x.sim)), sgrDim})
		}
		if wTypes > 0 {
			spans = append(spans, span{"  " + pad(x.types, wTypes), sgrFlag})
		}
		spans = append(spans, span{"  " + x.ids, ""})
		if len(x.figs) > 0 {
			spans = append(spans, span{"  ", ""})
			spans = append(spans, x.figs...)
		}
		t.lw.para(0, bodyIndent, spans)
	}
	if len(rows) > 0 {
		p.str("\n")
	}
	t.summary()
	t.typeSummary()
	if hidden > 0 {
		t.lw.para(0, 0, []span{{unchangedNote(hidden), sgrDim}})
	}
	return p.flush()
}

// nonEmpty is list without its empty strings.
func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
