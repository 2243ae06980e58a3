// Package plan holds the model of one version of a negotiated text (a list of
// clauses with attributions) and loads it from YAML strictly, with positions.
//
// It is the only package that imports a YAML library: every other package sees
// typed plans whose clauses and sources carry the file:line:col they came from.
package plan

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// FormatVersion is the value of the top-level `plandiff:` key this package reads.
const FormatVersion = 1

// Pos is a 1-based position in an input file. The zero Pos means "unknown".
type Pos struct {
	File string
	Line int
	Col  int
}

// String is FILE:LINE:COL, the file name quoted as QuotePath does.
func (p Pos) String() string {
	file := QuotePath(p.File)
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	default:
		return file
	}
}

// QuotePath returns a file name as git shows one in its output: unchanged
// if it is plain, otherwise in double quotes with C escapes (\n, \t, \",
// \\, and \ooo for every byte of another control character, of invalid
// UTF-8, of a line or paragraph separator or of a bidirectional control).
// A name can then never break a line of output, start a line with "::"
// that a CI log would take for a command, or reorder what is shown.
func QuotePath(name string) string {
	plain := true
	for i, r := range name {
		if r == '"' || needsEscape(r) || r == utf8.RuneError && !validAt(name, i) {
			plain = false
			break
		}
	}
	if plain {
		return name
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\a':
			b.WriteString(`\a`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\v':
			b.WriteString(`\v`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\r':
			b.WriteString(`\r`)
		case needsEscape(r) || r == utf8.RuneError && size <= 1:
			for _, c := range []byte(name[i : i+size]) {
				fmt.Fprintf(&b, "\\%03o", c)
			}
		default:
			b.WriteString(name[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}

// needsEscape reports the characters QuotePath escapes.
func needsEscape(r rune) bool { return r < 0x20 || IsHiddenControl(r) }

// validAt reports whether the rune at byte i of s is valid UTF-8 (U+FFFD
// written as such is).
func validAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size > 1
}

// Plan is one version of a plan: the metadata and its ordered clauses.
// JSON tags give the shape of `plandiff show --format json` (the YAML keys).
type Plan struct {
	Format  int       `json:"plandiff"`
	Version Version   `json:"version"`
	Clauses []*Clause `json:"clauses"`

	// Name is where the plan was read from, as shown in messages:
	// "plans/us-28-draft.yaml", a path, or "REV:path".
	Name string `json:"-"`
}

// Completeness says whether a version's text is known in full.
const (
	CompletenessFull    = "full"
	CompletenessPartial = "partial"
)

// Version is the metadata block of a plan file.
type Version struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Short        string `json:"short,omitempty"`
	Surfaced     string `json:"surfaced"`
	Status       string `json:"status,omitempty"`
	Completeness string `json:"completeness"`
	// Subclauses partial says the version is complete at point level only:
	// the sub-points of every point are known in part (see Clause.Subclauses).
	Subclauses string   `json:"subclauses,omitempty"`
	ProposedBy []string `json:"proposed_by,omitempty"`
	Supersedes []string `json:"supersedes,omitempty"`
	Note       string   `json:"note,omitempty"`
	Sources    []Source `json:"sources"`

	Pos           Pos   `json:"-"` // of the version mapping
	IDPos         Pos   `json:"-"`
	SupersedesPos []Pos `json:"-"` // one per Supersedes entry
}

// Source is one report that clauses of the version cite.
type Source struct {
	ID     string `json:"id"`
	Outlet string `json:"outlet"`
	Date   string `json:"date,omitempty"`
	URL    string `json:"url,omitempty"`
	Covers string `json:"covers,omitempty"`
	Note   string `json:"note,omitempty"`

	Pos Pos `json:"-"`
}

// Clause is one point or sub-point of a version.
type Clause struct {
	ID          string   `json:"id"`
	Number      string   `json:"number,omitempty"`
	Topic       string   `json:"topic,omitempty"`
	Text        string   `json:"text,omitempty"`
	Removed     bool     `json:"removed,omitempty"`
	Status      string   `json:"status,omitempty"`
	ProposedBy  []string `json:"proposed_by,omitempty"`
	Sources     []string `json:"sources"`
	Confidence  string   `json:"confidence"`
	DerivesFrom []string `json:"derives_from,omitempty"`
	Note        string   `json:"note,omitempty"`
	// Subclauses partial says the clause's sub-points are known only in
	// part: a sub-point of an older version missing under it is unreported,
	// not removed. "" means full.
	Subclauses string `json:"subclauses,omitempty"`
	// Variants records where copies of the version disagree on the clause:
	// each reading with the sources that give it, and which one the text
	// follows.
	Variants []Variant `json:"variants,omitempty"`
	Clauses  []*Clause `json:"clauses,omitempty"`

	Pos            Pos   `json:"-"` // of the clause mapping
	IDPos          Pos   `json:"-"`
	SourcesPos     []Pos `json:"-"` // one per Sources entry
	DerivesFromPos []Pos `json:"-"` // one per DerivesFrom entry
}

// Variant is one reading of a clause on which the copies of a version
// disagree.
type Variant struct {
	Reading  string   `json:"reading"` // a few words: what this copy says
	Sources  []string `json:"sources"` // ids from version.sources that give it
	Followed bool     `json:"followed,omitempty"`

	Pos        Pos   `json:"-"`
	SourcesPos []Pos `json:"-"`
}

// Followed returns the reading the clause text follows, or nil when it
// follows none (it is worded to cover every reading).
func (c *Clause) Followed() *Variant {
	for i := range c.Variants {
		if c.Variants[i].Followed {
			return &c.Variants[i]
		}
	}
	return nil
}

// PartialSubclauses reports whether the sub-points of clause c of p are
// known only in part: c says so, or p is complete at point level only.
func (p *Plan) PartialSubclauses(c *Clause) bool {
	return c.Subclauses == CompletenessPartial || p.Version.Subclauses == CompletenessPartial
}

// Confidence values. The zero value in a file means ConfidenceReported.
const (
	ConfidenceReported   = "reported"
	ConfidenceConfirmed  = "confirmed"
	ConfidenceDisputed   = "disputed"
	ConfidenceUnverified = "unverified"
)

// Allowed values of the enumerated fields, in the order help texts list them.
var (
	Statuses       = []string{"official", "leaked", "reported", "reconstructed"}
	Completenesses = []string{CompletenessFull, CompletenessPartial}
	Confidences    = []string{ConfidenceReported, ConfidenceConfirmed, ConfidenceDisputed, ConfidenceUnverified}
	Covers         = []string{"full-text", "partial-text", "summary", "quotes", "analysis"}
	// ClauseStatuses marks clauses that a version carries without agreement.
	ClauseStatuses = []string{"agreed", "unagreed", "bracketed"}
)

// DefaultTopics is the fixed topic vocabulary of the format. A corpus may add
// topics in a topics.yaml beside its plans.
var DefaultTopics = []string{
	"sovereignty", "non-aggression", "nato", "security-guarantees", "military",
	"territory", "sanctions", "economy", "reconstruction", "frozen-assets", "energy",
	"nuclear-plant", "humanitarian", "prisoners", "amnesty", "elections",
	"language-religion", "education", "ceasefire", "implementation", "monitoring", "other",
}

// Partial reports whether the version is known only in part, so that a clause
// missing from it is unreported rather than removed.
func (p *Plan) Partial() bool { return p.Version.Completeness == CompletenessPartial }

// Walk calls fn for every clause in document order (a clause before its
// sub-points), with the clause's parent (nil at top level) and depth (0 at top).
func (p *Plan) Walk(fn func(c, parent *Clause, depth int)) {
	var walk func(cs []*Clause, parent *Clause, depth int)
	walk = func(cs []*Clause, parent *Clause, depth int) {
		for _, c := range cs {
			fn(c, parent, depth)
			walk(c.Clauses, c, depth+1)
		}
	}
	walk(p.Clauses, nil, 0)
}

// Flat is one clause of a plan in document order, with its place in the tree.
type Flat struct {
	Clause *Clause
	Parent *Clause // nil at top level
	Depth  int
	Index  int // position in document order
}

// Flatten lists every clause, sub-points included, in document order.
func (p *Plan) Flatten() []Flat {
	var out []Flat
	p.Walk(func(c, parent *Clause, depth int) {
		out = append(out, Flat{Clause: c, Parent: parent, Depth: depth, Index: len(out)})
	})
	return out
}

// Find returns the clause with the given id, or nil.
func (p *Plan) Find(id string) *Clause {
	var found *Clause
	p.Walk(func(c, _ *Clause, _ int) {
		if found == nil && c.ID == id {
			found = c
		}
	})
	return found
}

// Source returns the source with the given id, or nil.
func (v *Version) Source(id string) *Source {
	for i := range v.Sources {
		if v.Sources[i].ID == id {
			return &v.Sources[i]
		}
	}
	return nil
}

// Count returns the number of clauses, sub-points included.
func (p *Plan) Count() int {
	n := 0
	p.Walk(func(*Clause, *Clause, int) { n++ })
	return n
}
