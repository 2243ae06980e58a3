package render

import (
	"slices"

	"github.com/plandiff/plandiff/pkg/diff"
)

// Filter returns a new Result holding only the changes of r whose kind is in
// kinds (all kinds when kinds is empty) and whose topic is topic (any topic
// when topic is ""). It is for the command layer's --only and --topic flags,
// so that every renderer prints the same selection.
//
// The summary of the new Result is recomputed from the changes it keeps, so
// that it still matches its change list (a contract invariant); versions,
// schema and match are kept. The new Result is a deep copy: r is not
// modified, and changing the copy does not change r.
func Filter(r *diff.Result, kinds []diff.Kind, topic string) *diff.Result {
	if r == nil {
		return nil
	}
	c := clone(r)
	kept := c.Changes[:0:0]
	for _, ch := range c.Changes {
		if len(kinds) > 0 && !slices.Contains(kinds, ch.Kind) {
			continue
		}
		if topic != "" && ch.Topic != topic {
			continue
		}
		kept = append(kept, ch)
	}
	if r.Changes == nil && len(kept) == 0 {
		kept = nil
	}
	c.Changes = kept
	c.Summary = summarize(kept)
	return c
}

// summarize counts changes per kind, and those flagged moved. A change of an
// unknown kind is counted only in Moved (when moved).
func summarize(changes []diff.Change) diff.Summary {
	var s diff.Summary
	for _, c := range changes {
		switch c.Kind {
		case diff.KindUnchanged:
			s.Unchanged++
		case diff.KindModified:
			s.Modified++
		case diff.KindMerged:
			s.Merged++
		case diff.KindSplit:
			s.Split++
		case diff.KindAdded:
			s.Added++
		case diff.KindRemoved:
			s.Removed++
		case diff.KindUnreported:
			s.Unreported++
		}
		if c.Moved {
			s.Moved++
		}
	}
	return s
}
