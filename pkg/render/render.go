// Package render formats a diff.Result for people and programs: terminal
// text (Text), a Markdown report for pull-request comments (Markdown) and the
// "plandiff/diff/v1" JSON contract (JSON).
//
// Rendering is pure. Each renderer takes an io.Writer, the Result and its
// options, writes the report and returns the first write error. Nothing here
// reads the environment, checks whether a stream is a terminal, prints to the
// standard streams or keeps state between calls: colour, width and which
// changes to show arrive in the options, decided by the command layer. The
// Result is never modified, and word edits and figures are printed as the
// Result holds them, never recomputed.
//
// Every string that comes from plan data (clause text, titles, notes,
// outlets, URLs, ids, numbers) is treated as hostile: Text passes it through
// SanitizeTerminal, Markdown through SanitizeTerminal and then Markdown
// escaping (see Markdown), and JSON through encoding/json's quoting.
package render

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/plandiff/plandiff/pkg/diff"
)

// errNilResult is returned when a renderer is given no Result.
var errNilResult = errors.New("render: nil result")

// printer buffers output and remembers the first write error; every later
// write is a no-op, and flush returns that error.
type printer struct {
	w   io.Writer
	buf bytes.Buffer
	err error
}

const flushAt = 32 << 10

func (p *printer) str(s string) {
	if p.err != nil {
		return
	}
	p.buf.WriteString(s)
	if p.buf.Len() >= flushAt {
		p.flush()
	}
}

func (p *printer) flush() error {
	if p.err == nil && p.buf.Len() > 0 {
		n, err := p.w.Write(p.buf.Bytes())
		if err == nil && n < p.buf.Len() {
			err = io.ErrShortWrite
		}
		p.err = err
		p.buf.Reset()
	}
	return p.err
}

// sideSources resolves the source ids a change cites on one side against the
// version's source list. An id the version does not list is kept, with only
// its id, so that it is shown rather than dropped.
func sideSources(v *diff.VersionRef, ids []string) []diff.SourceRef {
	out := make([]diff.SourceRef, 0, len(ids))
	for _, id := range ids {
		found := false
		for _, s := range v.Sources {
			if s.ID == id {
				out = append(out, s)
				found = true
				break
			}
		}
		if !found {
			out = append(out, diff.SourceRef{ID: id})
		}
	}
	return out
}

// ruleText says in words why a change's clauses were paired, for rules that
// pair anything; it returns "" for RuleNone and an empty rule.
func ruleText(c *diff.Change, r *diff.Result) string {
	switch c.Rule {
	case "", diff.RuleNone:
		return ""
	case diff.RuleID:
		return "same clause id"
	case diff.RuleDerivesFrom:
		return "derives_from link in " + orUnnamed(r.New.ID)
	case diff.RuleContent:
		return "content similarity"
	case diff.RuleMergeSplit:
		return "words contained in an aligned pair"
	case diff.RuleRemovedMark:
		return "removed: true entry in " + orUnnamed(r.New.ID)
	case diff.RuleRemovalKept:
		return "the same removed: true entry in " + orUnnamed(r.Old.ID) + " and " + orUnnamed(r.New.ID)
	default:
		return "rule " + c.Rule
	}
}

// pairedBy says why a change's clauses were paired, with the similarity, or
// "" when nothing was paired (and for a removal recorded by a removed entry,
// whose evidence says more).
//
// For a removal recorded by a removed entry of the new version, it says how
// the entry was matched to the old clause; for other unpaired kinds it says
// nothing.
func pairedBy(c *diff.Change, r *diff.Result) string {
	why := ruleText(c, r)
	switch {
	case why == "":
		return ""
	case !paired(c.Kind):
		if c.RemovedEntry == "" || len(c.Old) == 0 || c.Rule == diff.RuleRemovedMark {
			return ""
		}
		if c.Rule == diff.RuleContent {
			return why + " " + similarity(c.Similarity) + " with the removed entry"
		}
		return why + ", with the removed entry"
	case c.Rule == diff.RuleContent:
		return why + " " + similarity(c.Similarity) + signalsText(c.Signals, ", from ")
	case c.Rule == diff.RuleRemovalKept:
		return why
	}
	return why + " (similarity " + similarity(c.Similarity) + signalsText(c.Signals, ", from ") + ")"
}

// signalNames says in words what each content signal is.
var signalNames = map[string]string{
	diff.SignalWords:   "shared words",
	diff.SignalLexicon: "synonyms",
	diff.SignalNgrams:  "letter n-grams",
	diff.SignalOrder:   "word order",
}

// signalsText lists the signals that made a content similarity, after
// prefix ("" when there are none): "shared words, synonyms".
func signalsText(signals []string, prefix string) string {
	if len(signals) == 0 {
		return ""
	}
	names := make([]string, len(signals))
	for i, s := range signals {
		names[i] = cmp.Or(signalNames[s], s)
	}
	return prefix + strings.Join(names, ", ")
}

// levelText says how a change's level changed ("" when it did not): a
// sub-point promoted to a point, a point demoted to a sub-point.
func levelText(c *diff.Change) string {
	if !c.LevelChanged || c.OldDepth == nil {
		return ""
	}
	switch old := *c.OldDepth; {
	case c.Depth < old && c.Depth == 0:
		return "promoted to a point"
	case c.Depth < old:
		return "promoted a level"
	case old == 0:
		return "demoted to a sub-point"
	}
	return "demoted a level"
}

func orUnnamed(id string) string {
	if id == "" {
		return "the new version"
	}
	return id
}

// kindNoun is how a kind is named in headings.
func kindNoun(k diff.Kind) string {
	if k == "" {
		return "change"
	}
	return string(k)
}

// headingNoun names a change in its heading: its kind, with a removal's
// evidence ("removed (reported)", "removed (absent)"), and "removal-kept"
// for a removed entry both versions carry.
func headingNoun(c *diff.Change) string {
	switch {
	case c.Kind == diff.KindRemoved && c.Evidence != "":
		return "removed (" + c.Evidence + ")"
	case c.Kind == diff.KindUnchanged && c.Rule == diff.RuleRemovalKept:
		return "removal-kept"
	}
	return kindNoun(c.Kind)
}

// numbersOf lists the printed numbers of one side of a change, falling back
// to the clause id for a clause without a number.
func numbersOf(numbers, ids []string) []string {
	n := max(len(numbers), len(ids))
	out := make([]string, 0, n)
	for i := range n {
		switch {
		case i < len(numbers) && numbers[i] != "":
			out = append(out, numbers[i])
		case i < len(ids) && ids[i] != "":
			out = append(out, ids[i])
		}
	}
	return out
}

// shown reports whether a change is listed: unchanged clauses only when
// asked for, or when they moved or were renumbered (which is a change).
func shown(c *diff.Change, showUnchanged bool) bool {
	return showUnchanged || c.Kind != diff.KindUnchanged || c.Moved || c.Renumbered
}

// unchangedNote says how many unchanged clauses a report leaves out.
func unchangedNote(n int) string {
	if n == 1 {
		return "1 unchanged clause not shown"
	}
	return fmt.Sprintf("%d unchanged clauses not shown", n)
}

func isPartial(v *diff.VersionRef) bool { return v.Completeness == "partial" }

func completeness(v *diff.VersionRef) string {
	if v.Completeness == "" {
		return "full"
	}
	return v.Completeness
}

// byVersion lists sources with list, grouped by the version that lists them
// and each group labelled "VERSION: ", when some come from a version other
// than the side's own (the sources of carried clauses); otherwise it is
// list(srcs). esc prepares the labels for the output format.
func byVersion(side string, srcs []diff.SourceRef, list func([]diff.SourceRef) string, esc func(string) string) string {
	if !slices.ContainsFunc(srcs, func(s diff.SourceRef) bool { return s.Version != "" }) {
		return list(srcs)
	}
	ver := func(s diff.SourceRef) string { return cmp.Or(s.Version, side) }
	var groups []string
	start := 0
	for i := 1; i <= len(srcs); i++ {
		if i == len(srcs) || ver(srcs[i]) != ver(srcs[start]) {
			groups = append(groups, esc(orUnnamed(ver(srcs[start])))+": "+list(srcs[start:i]))
			start = i
		}
	}
	return strings.Join(groups, " / ")
}

// carriedNote says, for an old side compared as its effective text, what it
// carries and from where; "" for a side compared as it stands.
func carriedNote(v *diff.VersionRef, esc func(string) string) string {
	if v.Carried == 0 {
		return ""
	}
	n := "clauses"
	if v.Carried == 1 {
		n = "clause"
	}
	return fmt.Sprintf("compared as its effective text: what it states, plus %d %s it does not report, carried from %s (marked carried)",
		v.Carried, n, esc(v.CarriedFrom))
}

// carriedText says that a change's old side is carried text.
func carriedText(c *diff.Change, r *diff.Result, esc func(string) string) string {
	if len(c.Carried) == 0 {
		return ""
	}
	return "text of " + esc(orUnnamed(r.Old.CarriedFrom)) + ", not reported in " + esc(orUnnamed(r.Old.ID)) + ": " + esc(strings.Join(c.Carried, ", "))
}

// Disagreement says where the copies of a clause disagree: "sources
// disagree: jets (AP, AFP) / troops (statement.com); the text follows
// jets". cite names the sources of one reading; esc prepares readings for
// the output format. Readings of several clauses (a merge) are prefixed
// with the clause id. It returns "" for no readings.
func Disagreement(vs []diff.VariantRef, cite func(ids []string) string, esc func(string) string) string {
	if len(vs) == 0 {
		return ""
	}
	multi := slices.ContainsFunc(vs, func(v diff.VariantRef) bool { return v.Clause != vs[0].Clause })
	var parts []string
	var follows []string
	for i, v := range vs {
		if i == 0 || v.Clause != vs[i-1].Clause {
			parts = append(parts, "")
		}
		r := esc(v.Reading)
		if c := cite(v.Sources); c != "" {
			r += " (" + c + ")"
		}
		k := len(parts) - 1
		if parts[k] == "" {
			if multi {
				parts[k] = esc(v.Clause) + ": "
			}
			parts[k] += r
		} else {
			parts[k] += " / " + r
		}
		if v.Followed {
			follows = append(follows, esc(v.Reading))
		}
	}
	out := "sources disagree: " + strings.Join(parts, "; ")
	switch {
	case len(follows) > 0:
		out += "; the text follows " + strings.Join(follows, ", ")
	default:
		out += "; the text follows none of them"
	}
	return out
}

// sameVariants reports whether both sides record the same readings.
func sameVariants(p *diff.VariantPair) bool {
	return slices.EqualFunc(p.Old, p.New, func(a, b diff.VariantRef) bool {
		return a.Clause == b.Clause && a.Reading == b.Reading && a.Followed == b.Followed && slices.Equal(a.Sources, b.Sources)
	})
}

// readingText is ReadingChange for a change.
func readingText(c *diff.Change, esc func(string) string) string {
	return ReadingChange(c.Reading, c.ReadingOnly, esc)
}

// ReadingChange says how the followed reading changed (diff.Change.Reading
// and ReadingOnly): "European fighter jets → NATO fighter jets: only the
// chosen reading differs"; "" for nil.
func ReadingChange(d *diff.Delta, only bool, esc func(string) string) string {
	if d == nil {
		return ""
	}
	s := orNone(esc(d.Old)) + " → " + orNone(esc(d.New))
	if only {
		return s + ": only the chosen reading differs"
	}
	return s + ": the chosen reading differs, and the texts differ otherwise too"
}

// joinNonEmpty joins the non-empty strings of list with sep.
func joinNonEmpty(sep string, list ...string) string {
	var b strings.Builder
	for _, s := range list {
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s)
	}
	return b.String()
}
