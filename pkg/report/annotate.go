package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
	"github.com/plandiff/plandiff/pkg/lineage"
	"github.com/plandiff/plandiff/pkg/render"
)

// AnnotateSchema names the JSON form of an Annotation.
const AnnotateSchema = "plandiff/annotate/v1"

// Annotation is `plandiff annotate`: every clause of one version with the
// version where it first appeared and each step it went through since.
type Annotation struct {
	Schema  string             `json:"schema"`
	Version VersionInfo        `json:"version"`
	Clauses []*AnnotatedClause `json:"clauses"`
}

// VersionInfo describes a version in the annotate and history views.
type VersionInfo struct {
	ID           string   `json:"id"`
	Title        string   `json:"title"`
	Surfaced     string   `json:"surfaced"`
	Completeness string   `json:"completeness"`
	Supersedes   []string `json:"supersedes"`
}

// AnnotatedClause is one clause (or removed entry) with its trail.
type AnnotatedClause struct {
	ID        string       `json:"id"`
	Number    string       `json:"number,omitempty"`
	Topic     string       `json:"topic,omitempty"`
	Text      string       `json:"text,omitempty"`
	Depth     int          `json:"depth"`
	Removed   bool         `json:"removed,omitempty"`
	FirstSeen string       `json:"first_seen"` // version where the trail starts
	Trail     []TrailEntry `json:"trail"`      // oldest first, ending with this version
}

// TrailEntry is one version of a clause's trail.
type TrailEntry struct {
	Version    string           `json:"version"`
	Clause     string           `json:"clause"`
	Number     string           `json:"number,omitempty"`
	Stated     bool             `json:"stated"` // false: not reported there (a partial version), carried over
	Removed    bool             `json:"removed,omitempty"`
	Kind       diff.Kind        `json:"kind"` // "first" where the clause first appeared
	Rule       string           `json:"rule,omitempty"`
	Reported   bool             `json:"reported"`
	Similarity float64          `json:"similarity"`
	From       string           `json:"from,omitempty"` // the version compared with
	Figures    []words.Figure   `json:"figures"`
	Sources    []diff.SourceRef `json:"sources"`
}

// KindFirst marks the first entry of a trail.
const KindFirst diff.Kind = "first"

// Annotate builds the annotation of version id.
func Annotate(l *lineage.Lineage, id string) (*Annotation, error) {
	v := l.Version(id)
	if v == nil {
		return nil, fmt.Errorf("no version %q", id)
	}
	a := &Annotation{Schema: AnnotateSchema, Version: info(v), Clauses: []*AnnotatedClause{}}
	var nodes []*lineage.Node
	nodes = append(nodes, v.Stated()...)
	nodes = append(nodes, v.Marks...)
	for _, n := range nodes {
		ac := &AnnotatedClause{ID: n.ID, Number: n.Number, Topic: n.Topic, Text: n.Text, Depth: n.Depth, Removed: n.Removed}
		for _, e := range l.Trail(n) {
			te := TrailEntry{
				Version: e.Node.Version, Clause: e.Node.ID, Number: e.Node.Number, Stated: e.Node.Stated,
				Removed: e.Node.Removed, Kind: KindFirst, Figures: []words.Figure{}, Sources: nonNil(e.Node.Sources),
			}
			if e.Link != nil {
				te.Kind, te.Rule, te.Reported, te.Similarity, te.From = e.Link.Kind, e.Link.Rule, e.Link.Reported, e.Link.Similarity, e.Link.From
				te.Figures = nonNil(e.Link.Figures)
				if !e.Node.Stated {
					te.Sources = []diff.SourceRef{}
				}
			}
			ac.Trail = append(ac.Trail, te)
		}
		ac.FirstSeen = ac.Trail[0].Version
		a.Clauses = append(a.Clauses, ac)
	}
	return a, nil
}

// Only narrows a to the clause with id clause (with its sub-points) and to
// the clauses of topic; an empty argument does not narrow. It reports
// whether a clause of that id is in a (true when clause is empty).
func (a *Annotation) Only(clause, topic string) bool {
	found := clause == ""
	kept := a.Clauses[:0:0]
	in := -1 // depth of the selected clause while inside it, else -1
	for _, c := range a.Clauses {
		if in >= 0 && c.Depth <= in {
			in = -1
		}
		if clause != "" && in < 0 && c.ID == clause {
			in, found = c.Depth, true
		}
		if (clause == "" || in >= 0) && (topic == "" || c.Topic == topic) {
			kept = append(kept, c)
		}
	}
	a.Clauses = kept
	return found
}

func info(v *lineage.Version) VersionInfo {
	vi := VersionInfo{ID: v.ID, Title: v.Plan.Version.Title, Surfaced: v.Plan.Version.Surfaced,
		Completeness: v.Plan.Version.Completeness, Supersedes: []string{}}
	for _, p := range v.Parents {
		vi.Supersedes = append(vi.Supersedes, p.ID)
	}
	return vi
}

// TextOptions controls the terminal views.
type TextOptions struct {
	Color bool // ANSI colours; off, redlines use [-old-]{+new+}
	Width int  // wrap lines at this many columns; 0 never wraps
}

const (
	ansiRed   = "\x1b[31m"
	ansiGreen = "\x1b[32m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
	ansiReset = "\x1b[0m"
)

func (o TextOptions) paint(code, s string) string {
	if !o.Color || s == "" {
		return s
	}
	return code + s + ansiReset
}

// AnnotateText writes the annotation for a terminal. Every data string is
// cleaned of control characters and escape sequences.
func AnnotateText(w io.Writer, a *Annotation, opts TextOptions) error {
	ew := newErrWriter(w)
	ew.width = opts.Width
	textVersionHeader(ew, a.Version, opts)
	for _, c := range a.Clauses {
		indent := strings.Repeat("  ", min(c.Depth, 6))
		head := strings.TrimSpace(clean(c.Number) + "  " + clean(c.ID))
		if c.Removed {
			head += "  " + opts.paint(ansiRed, "REMOVED")
		}
		if c.Topic != "" {
			head += "  [" + clean(c.Topic) + "]"
		}
		ew.printf("%s%s\n", indent, opts.paint(ansiBold, head))
		if c.Text != "" {
			ew.printf("%s    %s\n", indent, clean(c.Text))
		}
		for _, e := range c.Trail {
			ew.printf("%s    %-12s %s\n", indent, opts.paint(kindColor(e.Kind), string(e.Kind)), trailLine(e, clean))
			if len(e.Sources) > 0 {
				ew.printf("%s                 %s\n", indent, opts.paint(ansiDim, "sources: "+sourceNames(e.Sources, clean)))
			}
		}
		ew.str("\n")
	}
	return ew.flush()
}

func textVersionHeader(ew *errWriter, v VersionInfo, opts TextOptions) {
	ew.printf("%s  %s\n", opts.paint(ansiBold, clean(v.ID)), clean(v.Title))
	meta := "surfaced " + clean(v.Surfaced) + " · " + clean(v.Completeness)
	if len(v.Supersedes) > 0 {
		meta += " · revises " + clean(strings.Join(v.Supersedes, ", "))
	}
	ew.printf("%s\n", meta)
	if v.Completeness == "partial" {
		ew.str("partial: clauses it does not mention are unreported, not removed\n")
	}
	ew.str("\n")
}

func kindColor(k diff.Kind) string {
	switch k {
	case diff.KindAdded, KindFirst, lineage.KindResurrected:
		return ansiGreen
	case diff.KindRemoved:
		return ansiRed
	case diff.KindUnchanged, diff.KindUnreported:
		return ansiDim
	}
	return ansiBold
}

// trailLine is "eu-counterproposal 6 armed-forces-size · id (reported) · similarity 0.47 · 600,000 → 800,000".
func trailLine(e TrailEntry, esc func(string) string) string {
	parts := []string{strings.Join(strings.Fields(esc(e.Version)+" "+esc(e.Number)+" "+esc(e.Clause)), " ")}
	switch {
	case !e.Stated && !e.Removed:
		parts = append(parts, "not reported there (partial), carried over")
	case e.Kind == lineage.KindResurrected:
		parts = append(parts, "back after being dropped; last stated in "+esc(e.From))
	case e.Kind == lineage.KindDerived:
		parts = append(parts, "derived from "+esc(e.From)+" on another track")
	}
	if e.Rule != "" && e.Rule != diff.RuleNone && e.Kind != diff.KindUnreported {
		how := "inferred"
		if e.Reported {
			how = "reported"
		}
		parts = append(parts, "paired by "+ruleName(e.Rule)+" ("+how+")")
	}
	if e.Kind == diff.KindModified || e.Kind == diff.KindMerged || e.Kind == diff.KindSplit || e.Kind == lineage.KindResurrected || e.Kind == lineage.KindDerived {
		parts = append(parts, "similarity "+strconv.FormatFloat(e.Similarity, 'f', 2, 64))
	}
	for _, f := range e.Figures {
		old, nu, note := f.Display("")
		part := esc(orDash(old)) + " → " + esc(orDash(nu))
		if note != "" {
			part += " (" + esc(note) + ")"
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, " · ")
}

func sourceNames(list []diff.SourceRef, esc func(string) string) string {
	out := make([]string, 0, len(list))
	for _, s := range list {
		name := esc(s.Outlet)
		if name == "" {
			name = esc(s.ID)
		}
		if s.Date != "" {
			name += " (" + esc(s.Date) + ")"
		}
		out = append(out, name)
	}
	if len(out) == 0 {
		return "none cited"
	}
	return strings.Join(out, "; ")
}

// AnnotateMarkdown writes the annotation as Markdown.
func AnnotateMarkdown(w io.Writer, a *Annotation) error {
	ew := newErrWriter(w)
	ew.printf("# Annotated: %s\n\n", md(a.Version.Title))
	mdVersionMeta(ew, a.Version)
	ew.str("| Clause | Text | Trail |\n|---|---|---|\n")
	for _, c := range a.Clauses {
		name := code(c.ID)
		if c.Number != "" {
			name = md(c.Number) + " " + name
		}
		if c.Removed {
			name += " **removed**"
		}
		var trail []string
		for _, e := range c.Trail {
			trail = append(trail, "**"+md(string(e.Kind))+"** "+trailLine(e, md)+" — "+mdSourceRefs(e.Sources))
		}
		ew.printf("| %s | %s | %s |\n", name, md(orDash(c.Text)), strings.Join(trail, "<br>"))
	}
	ew.str("\n")
	return ew.flush()
}

func mdVersionMeta(ew *errWriter, v VersionInfo) {
	meta := code(v.ID) + " · surfaced " + md(v.Surfaced) + " · " + md(v.Completeness)
	if len(v.Supersedes) > 0 {
		meta += " · revises " + mdList(v.Supersedes)
	}
	ew.printf("%s\n\n", meta)
	if v.Completeness == "partial" {
		ew.str("A partial version: clauses it does not mention are *unreported*, not removed.\n\n")
	}
}

func mdSourceRefs(list []diff.SourceRef) string {
	if len(list) == 0 {
		return "no source"
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = render.MarkdownLink(orDash(s.Outlet), s.URL)
	}
	return strings.Join(out, "; ")
}
