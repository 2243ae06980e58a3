package diff

import (
	"slices"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff/words"
)

// CountMoved names the Moved count in Summary.Counts. Moved is a flag a change
// of any paired kind may carry, not a kind of its own.
const CountMoved Kind = "moved"

// KindCount is one entry of a summary: a kind (or CountMoved), how reports
// name it, and how many.
type KindCount struct {
	Kind  Kind   `json:"kind"`
	Label string `json:"label"` // the kind, or for a removal its evidence (LabelRemovedReported, LabelRemovedAbsent)
	Count int    `json:"count"`
}

// Labels of the two removal counts.
const (
	LabelRemovedReported = "removed (reported)"
	LabelRemovedAbsent   = "absent from a complete text"
)

// Counts lists the summary as (kind, count) pairs in Kinds order, then
// CountMoved: the order every renderer prints them in. Removals are two
// entries, by evidence, since they are different claims; a summary whose
// evidence counts do not add up to Removed (decoded from the JSON of an
// older plandiff) gives one.
func (s Summary) Counts() []KindCount {
	c := func(k Kind, n int) KindCount { return KindCount{k, string(k), n} }
	out := []KindCount{
		c(KindUnchanged, s.Unchanged), c(KindModified, s.Modified),
		c(KindMerged, s.Merged), c(KindSplit, s.Split), c(KindAdded, s.Added),
	}
	if s.RemovedReported+s.RemovedAbsent == s.Removed {
		out = append(out, KindCount{KindRemoved, LabelRemovedReported, s.RemovedReported},
			KindCount{KindRemoved, LabelRemovedAbsent, s.RemovedAbsent})
	} else {
		out = append(out, c(KindRemoved, s.Removed))
	}
	return append(out, c(KindUnreported, s.Unreported), c(CountMoved, s.Moved))
}

// Summarize counts changes per kind, and those flagged moved. A change of an
// unknown kind is counted only in Moved (when moved).
func Summarize(changes []Change) Summary {
	var s Summary
	for i := range changes {
		s.add(&changes[i])
	}
	return s
}

// add counts one change.
func (s *Summary) add(c *Change) {
	switch c.Kind {
	case KindUnchanged:
		s.Unchanged++
	case KindModified:
		s.Modified++
	case KindMerged:
		s.Merged++
	case KindSplit:
		s.Split++
	case KindAdded:
		s.Added++
	case KindRemoved:
		s.Removed++
		switch c.Evidence {
		case EvidenceReported:
			s.RemovedReported++
		case EvidenceAbsent:
			s.RemovedAbsent++
		}
	case KindUnreported:
		s.Unreported++
	}
	if c.Moved {
		s.Moved++
	}
	for _, t := range c.Types {
		s.Types.Add(t.Type)
	}
}

// Add counts one change of the type name; an unknown name is not counted.
func (tc *TypeCounts) Add(name string) {
	if n := tc.count(name); n != nil {
		*n++
	}
}

// count returns the counter of a type, nil for an unknown one.
func (tc *TypeCounts) count(name string) *int {
	switch name {
	case changetype.Figure:
		return &tc.Figure
	case changetype.Negation:
		return &tc.Negation
	case changetype.Modality:
		return &tc.Modality
	case changetype.Party:
		return &tc.Party
	case changetype.Condition:
		return &tc.Condition
	case changetype.Deadline:
		return &tc.Deadline
	case changetype.Scope:
		return &tc.Scope
	case changetype.Wording:
		return &tc.Wording
	}
	return nil
}

// TypeCount is one entry of TypeCounts.List.
type TypeCount struct {
	Type  string `json:"type"`
	Count int    `json:"count"`
}

// All returns the count of every type in changetype.Names order, zeros
// included: the columns of a table.
func (tc TypeCounts) All() []TypeCount {
	out := make([]TypeCount, len(changetype.Names))
	for i, name := range changetype.Names {
		out[i] = TypeCount{name, *tc.count(name)}
	}
	return out
}

// List returns the counts in changetype.Names order, the types no change
// has left out: the order every renderer prints them in.
func (tc TypeCounts) List() []TypeCount {
	var out []TypeCount
	for _, name := range changetype.Names {
		if n := *tc.count(name); n > 0 {
			out = append(out, TypeCount{name, n})
		}
	}
	return out
}

// Filter selects the changes of a Result. The zero Filter keeps every change.
// It is what the command layer's --only, --topic and --type flags build, so that every
// renderer prints the same selection.
type Filter struct {
	// Kinds keeps only changes of these kinds; empty keeps every kind.
	Kinds []Kind
	// Topic keeps only changes whose topic is Topic; "" keeps every topic.
	Topic string
	// Topics keeps only changes whose topic is one of Topics; empty keeps
	// every topic. With Topic too, a change must pass both.
	Topics []string
	// Types keeps only changes of at least one of these types of change
	// (changetype.Names; Change.Types); empty keeps every change. A change
	// with no types (added, removed, unchanged...) has none of them.
	Types []string
}

// IsZero reports whether f keeps every change.
func (f Filter) IsZero() bool {
	return len(f.Kinds) == 0 && f.Topic == "" && len(f.Topics) == 0 && len(f.Types) == 0
}

// Keep reports whether f selects c.
func (f Filter) Keep(c *Change) bool {
	if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, c.Kind) {
		return false
	}
	if len(f.Topics) > 0 && !slices.Contains(f.Topics, c.Topic) {
		return false
	}
	if len(f.Types) > 0 && !changetype.Has(c.Types, f.Types) {
		return false
	}
	return f.Topic == "" || c.Topic == f.Topic
}

// Apply returns a new Result holding only the changes of r that f keeps.
//
// The summary of the new Result is recomputed from the changes it keeps, so
// that it still matches its change list (a contract invariant); versions,
// schema and match are kept. The new Result is a deep copy (see Clone): r is
// not modified, and changing the copy does not change r. Apply(nil) is nil.
func (f Filter) Apply(r *Result) *Result {
	if r == nil {
		return nil
	}
	c := r.Clone()
	kept := c.Changes[:0:0]
	for i := range c.Changes {
		if f.Keep(&c.Changes[i]) {
			kept = append(kept, c.Changes[i])
		}
	}
	if r.Changes == nil && len(kept) == 0 {
		kept = nil
	}
	c.Changes = kept
	c.Summary = Summarize(kept)
	return c
}

// Clone returns a deep copy of r: no slice or pointer of the copy is shared
// with r. Nil and empty slices stay nil and empty.
func (r *Result) Clone() *Result {
	if r == nil {
		return nil
	}
	c := *r
	c.Old.Sources = cloneSlice(r.Old.Sources)
	c.New.Sources = cloneSlice(r.New.Sources)
	if r.Changes != nil {
		c.Changes = make([]Change, len(r.Changes))
		for i := range r.Changes {
			c.Changes[i] = r.Changes[i].clone()
		}
	}
	return &c
}

func (ch *Change) clone() Change {
	c := *ch
	c.Old = cloneSlice(ch.Old)
	c.New = cloneSlice(ch.New)
	c.OldNumbers = cloneSlice(ch.OldNumbers)
	c.NewNumbers = cloneSlice(ch.NewNumbers)
	c.Edits = cloneSlice[words.Edit](ch.Edits)
	c.Figures = cloneSlice[words.Figure](ch.Figures)
	c.Sources.Old = cloneSlice(ch.Sources.Old)
	c.Sources.New = cloneSlice(ch.Sources.New)
	c.OldNotes = cloneSlice(ch.OldNotes)
	c.Carried = cloneSlice(ch.Carried)
	c.Reading = cloneDelta(ch.Reading)
	if ch.Variants != nil {
		v := VariantPair{Old: cloneVariants(ch.Variants.Old), New: cloneVariants(ch.Variants.New)}
		c.Variants = &v
	}
	c.NewNotes = cloneSlice(ch.NewNotes)
	c.Confidence = cloneDelta(ch.Confidence)
	c.ProposedBy = cloneDelta(ch.ProposedBy)
	c.Status = cloneDelta(ch.Status)
	if ch.Types != nil {
		c.Types = make([]changetype.Type, len(ch.Types))
		for i, t := range ch.Types {
			t.Added, t.Removed = cloneSlice(t.Added), cloneSlice(t.Removed)
			c.Types[i] = t
		}
	}
	c.Signals = cloneSlice(ch.Signals)
	if ch.OldDepth != nil {
		d := *ch.OldDepth
		c.OldDepth = &d
	}
	if ch.Nearest != nil {
		n := *ch.Nearest
		n.PairedWith = cloneSlice(ch.Nearest.PairedWith)
		c.Nearest = &n
	}
	return c
}

func cloneVariants(vs []VariantRef) []VariantRef {
	out := cloneSlice(vs)
	for i := range out {
		out[i].Sources = cloneSlice(vs[i].Sources)
	}
	return out
}

// cloneSlice copies s, keeping nil as nil and empty as empty.
func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

func cloneDelta(d *Delta) *Delta {
	if d == nil {
		return nil
	}
	c := *d
	return &c
}
