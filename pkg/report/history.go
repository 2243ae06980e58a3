package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
	"github.com/plandiff/plandiff/pkg/lineage"
	"github.com/plandiff/plandiff/pkg/render"
)

// HistorySchema names the JSON form of a History.
const HistorySchema = "plandiff/history/v1"

// History is `plandiff history`: one clause, or every clause of a topic,
// through every version of its branch of the graph.
type History struct {
	Schema  string           `json:"schema"`
	Clause  string           `json:"clause,omitempty"`
	Topic   string           `json:"topic,omitempty"`
	Threads []*HistoryThread `json:"threads"`
}

// HistoryThread is one clause thread (with what it merged with or split
// into) through the versions.
type HistoryThread struct {
	ID       string         `json:"id"`
	Topics   []string       `json:"topics"`
	Versions []*HistoryCell `json:"versions"`
}

// HistoryCell is the thread in one version.
type HistoryCell struct {
	Version        string           `json:"version"`
	Title          string           `json:"title"`
	Completeness   string           `json:"completeness"`
	State          string           `json:"state"` // stated | unreported | removed | absent
	Clauses        []HistoryClause  `json:"clauses"`
	RemovedEntries []HistoryClause  `json:"removed_entries"`
	Steps          []HistoryStep    `json:"steps"` // how it came from each parent
	Sources        []diff.SourceRef `json:"-"`
}

// HistoryClause is a clause of the thread in one version.
type HistoryClause struct {
	ID      string           `json:"id"`
	Number  string           `json:"number,omitempty"`
	Text    string           `json:"text,omitempty"`
	Stated  bool             `json:"stated"`
	From    string           `json:"from,omitempty"` // for a clause not reported: whose text it carries
	Status  string           `json:"status,omitempty"`
	Note    string           `json:"note,omitempty"`
	Sources []diff.SourceRef `json:"sources"`
	// Variants are the readings on which the version's copies disagree.
	Variants []lineage.Variant `json:"variants,omitempty"`
}

// HistoryStep is one change of a step into the version.
type HistoryStep struct {
	From       string         `json:"from"`
	Kind       diff.Kind      `json:"kind"`
	Old        []string       `json:"old"`
	New        []string       `json:"new"`
	Rule       string         `json:"rule"`
	Reported   bool           `json:"reported"`
	Similarity float64        `json:"similarity"`
	Moved      bool           `json:"moved"`
	Renumbered bool           `json:"renumbered"`
	Edits      []words.Edit   `json:"edits"`
	Figures    []words.Figure `json:"figures"`
	// Again marks an added clause that the parent had dropped: it is back.
	Again bool `json:"again,omitempty"`
	// Reading and ReadingOnly are the change's (diff.Change.Reading).
	Reading     *diff.Delta `json:"reading,omitempty"`
	ReadingOnly bool        `json:"reading_only,omitempty"`
	// Evidence is a removal's: reported or absent.
	Evidence string `json:"evidence,omitempty"`
	// Types are the change's types of change (diff.Change.Types).
	Types []changetype.Type `json:"types,omitempty"`
}

// NewHistory lays out threads; clause or topic says what was asked.
func NewHistory(l *lineage.Lineage, threads []*lineage.Thread, clause, topic string) *History {
	h := &History{Schema: HistorySchema, Clause: clause, Topic: topic, Threads: []*HistoryThread{}}
	for _, t := range threads {
		ht := &HistoryThread{ID: t.ID, Topics: nonNil(t.Topics), Versions: []*HistoryCell{}}
		for _, c := range t.Cells {
			v := l.Version(c.Version)
			hc := &HistoryCell{Version: c.Version, Title: v.Plan.Version.Title, Completeness: v.Plan.Version.Completeness,
				State: c.State, Clauses: []HistoryClause{}, RemovedEntries: []HistoryClause{}, Steps: []HistoryStep{}}
			for _, n := range c.Nodes {
				hc.Clauses = append(hc.Clauses, historyClause(n))
			}
			for _, n := range c.Marks {
				hc.RemovedEntries = append(hc.RemovedEntries, historyClause(n))
			}
			for _, k := range c.Links {
				hc.Steps = append(hc.Steps, HistoryStep{
					From: k.From, Kind: k.Kind, Old: k.Old, New: k.New, Rule: k.Rule, Reported: k.Reported,
					Similarity: k.Similarity, Moved: k.Moved, Renumbered: k.Renumbered,
					Edits: nonNil(k.Edits), Figures: nonNil(k.Figures),
					Again:   k.Kind == diff.KindAdded && t.Cell(k.From) != nil && t.Cell(k.From).State == lineage.StateRemoved,
					Reading: k.Reading, ReadingOnly: k.ReadingOnly, Evidence: k.Evidence, Types: k.Types,
				})
			}
			ht.Versions = append(ht.Versions, hc)
		}
		h.Threads = append(h.Threads, ht)
	}
	return h
}

func historyClause(n *lineage.Node) HistoryClause {
	hc := HistoryClause{ID: n.ID, Number: n.Number, Text: n.Text, Stated: n.Stated, Status: n.Status,
		Note: n.Note, Sources: nonNil(n.Sources), Variants: n.Variants}
	if !n.Stated {
		hc.From, hc.Note = n.From, ""
	}
	return hc
}

// HistoryText writes the history for a terminal: per version, the clause's
// number and text (or that it is unreported, removed or absent), the step
// from each parent with its redline, and the sources.
func HistoryText(w io.Writer, h *History, opts TextOptions) error {
	ew := newErrWriter(w)
	ew.width = opts.Width
	for i, t := range h.Threads {
		if i > 0 {
			ew.str("\n")
		}
		head := clean(t.ID)
		if len(t.Topics) > 0 {
			head += "  [" + clean(strings.Join(t.Topics, ", ")) + "]"
		}
		ew.printf("%s\n", opts.paint(ansiBold, head))
		for _, c := range t.Versions {
			ew.printf("\n  %s  %s\n", opts.paint(ansiBold, clean(c.Version)), stateLine(c, clean))
			for _, s := range c.Steps {
				ew.printf("    from %s: %s\n", clean(s.From), stepLine(s, c, clean))
				if rt := readingDelta(s.Reading, s.ReadingOnly); rt != "" {
					ew.printf("      %s\n", opts.paint(ansiDim, clean(rt)))
				}
				if len(s.Edits) > 0 && s.Kind != diff.KindUnchanged && s.Kind != diff.KindUnreported {
					ew.printf("      %s\n", render.TextRedline(redline(s.Edits), opts.Color))
				}
			}
			for _, cl := range c.Clauses {
				if cl.Stated {
					ew.printf("    %s  %s\n", opts.paint(ansiBold, orDash(clean(cl.Number))+" "+clean(cl.ID)), clean(cl.Text))
					if d := variantsText(cl.Variants, clean); d != "" {
						ew.printf("      %s\n", d)
					}
					ew.printf("      %s\n", opts.paint(ansiDim, "sources: "+sourceNames(cl.Sources, clean)))
				} else {
					ew.printf("    %s  %s\n", orDash(clean(cl.Number))+" "+clean(cl.ID), opts.paint(ansiDim, "as in "+clean(cl.From)+": "+clean(cl.Text)))
				}
			}
			for _, cl := range c.RemovedEntries {
				line := "removed entry " + clean(cl.ID)
				if cl.Text != "" {
					line += ": " + clean(cl.Text)
				}
				ew.printf("    %s\n      %s\n", opts.paint(ansiRed, line), opts.paint(ansiDim, "sources: "+sourceNames(cl.Sources, clean)))
			}
		}
	}
	return ew.flush()
}

// stateLine says what the thread is in a version.
func stateLine(c *HistoryCell, esc func(string) string) string {
	switch c.State {
	case lineage.StateUnreported:
		return "not reported (partial version): carried over, not removed"
	case lineage.StateRemoved:
		return "REMOVED"
	case lineage.StateAbsent:
		return "not in this version"
	}
	var nums []string
	for _, cl := range c.Clauses {
		if cl.Stated && cl.Number != "" {
			nums = append(nums, esc(cl.Number))
		}
	}
	if len(nums) == 0 {
		return "stated"
	}
	return "point " + strings.Join(nums, " + ")
}

// stepLine describes one step change for the history view.
func stepLine(s HistoryStep, c *HistoryCell, esc func(string) string) string {
	parts := []string{string(s.Kind)}
	switch {
	case s.Kind == diff.KindAdded && s.Again:
		parts[0] = "added again (" + esc(s.From) + " had dropped it)"
	case s.Kind == diff.KindAdded && c.State == lineage.StateStated:
		parts[0] = "added (not in " + esc(s.From) + "'s text)"
	case s.Kind == lineage.KindResurrected:
		parts[0] = "back (resurrected; last stated in " + esc(s.From) + ")"
	case s.Kind == lineage.KindDerived:
		parts[0] = "derived from " + esc(s.From) + " (another track)"
	case s.Kind == diff.KindUnreported:
		parts[0] = "unreported (absence is not removal)"
	case s.Kind == diff.KindRemoved && s.Evidence == diff.EvidenceReported:
		parts[0] = "removed (reported)"
	case s.Kind == diff.KindRemoved && s.Evidence == diff.EvidenceAbsent:
		parts[0] = "removed (absent from a complete text)"
	}
	if s.Rule != "" && s.Rule != diff.RuleNone {
		how := "inferred"
		if s.Reported {
			how = "reported"
		}
		parts = append(parts, "paired by "+ruleName(s.Rule)+" ("+how+")")
	}
	if s.Kind == diff.KindModified || s.Kind == diff.KindMerged || s.Kind == diff.KindSplit || s.Kind == lineage.KindResurrected || s.Kind == lineage.KindDerived {
		parts = append(parts, "similarity "+strconv.FormatFloat(s.Similarity, 'f', 2, 64))
	}
	if s.Moved {
		parts = append(parts, "moved")
	}
	if s.Renumbered {
		parts = append(parts, "renumbered")
	}
	if len(s.Types) > 0 {
		parts = append(parts, esc(changetype.Labels(s.Types)))
	}
	for _, f := range s.Figures {
		old, nu, note := f.Display("")
		part := esc(orDash(old)) + " → " + esc(orDash(nu))
		if note != "" {
			part += " (" + esc(note) + ")"
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, " · ")
}

// HistoryMarkdown writes the history as Markdown.
func HistoryMarkdown(w io.Writer, h *History) error {
	ew := newErrWriter(w)
	switch {
	case h.Topic != "":
		ew.printf("# History of topic %s\n\n", md(h.Topic))
	default:
		ew.printf("# History of %s\n\n", code(h.Clause))
	}
	for _, t := range h.Threads {
		head := code(t.ID)
		if len(t.Topics) > 0 {
			head += " (" + md(strings.Join(t.Topics, ", ")) + ")"
		}
		ew.printf("## %s\n\n", head)
		for _, c := range t.Versions {
			ew.printf("### %s: %s\n\n", code(c.Version), md(stateLine(c, func(s string) string { return s })))
			for _, s := range c.Steps {
				ew.printf("- from %s: %s\n", code(s.From), md(stepLine(s, c, func(s string) string { return s })))
				if rt := readingDelta(s.Reading, s.ReadingOnly); rt != "" {
					ew.printf("  %s\n", md(capitalize(rt)))
				}
			}
			if len(c.Steps) > 0 {
				ew.str("\n")
			}
			for _, s := range c.Steps {
				if len(s.Edits) > 0 && s.Kind != diff.KindUnchanged && s.Kind != diff.KindUnreported {
					if q := render.MarkdownRedline(redline(s.Edits)); q != "" {
						ew.str(q + "\n")
					}
				}
			}
			for _, cl := range c.Clauses {
				if cl.Stated {
					ew.printf("**%s** %s: %s\n\n", md(orDash(cl.Number)), code(cl.ID), md(cl.Text))
					if d := variantsText(cl.Variants, func(s string) string { return s }); d != "" {
						ew.printf("%s\n\n", md(capitalize(d)))
					}
					ew.printf("Sources: %s\n\n", mdSourceRefs(cl.Sources))
				} else {
					ew.printf("*%s %s, as in %s:* %s\n\n", md(orDash(cl.Number)), code(cl.ID), code(cl.From), md(cl.Text))
				}
			}
			for _, cl := range c.RemovedEntries {
				ew.printf("Removed entry %s: %s\n\nSources: %s\n\n", code(cl.ID), md(orDash(cl.Text)), mdSourceRefs(cl.Sources))
			}
		}
	}
	return ew.flush()
}
