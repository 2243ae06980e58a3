package words

import (
	"strings"
	"unicode"
)

// Coalesce returns a coarser version of edits for display. Where two
// changes that each replace text (a delete and an insert) are separated only
// by white space, it joins them, white space included, into one change:
// "[-capped-]{+limited+} [-at-]{+to+}" becomes "[-capped at-]{+limited to+}".
//
// It optimises for reading, not for precision: it never joins across a word
// or punctuation, nor when either change is a pure insert or delete (that
// would turn the white space into a change of its own). The result keeps
// the round trip of Diff, and the form Diff promises: no empty edits, no
// two adjacent edits with the same op, and each change as one delete then
// one insert. Keep Diff's own edits for figures and similarity; Coalesce is
// only for showing them.
func Coalesce(edits []Edit) []Edit {
	segs := changes(edits)
	if len(segs) == 0 {
		return nil
	}
	out := make([]Edit, 0, len(edits))
	for i := 0; i < len(segs); i++ {
		c := segs[i]
		if c.equal != "" {
			out = append(out, Edit{OpEqual, c.equal})
			continue
		}
		for i+2 < len(segs) && c.replaces() && isAllSpace(segs[i+1].equal) && segs[i+2].replaces() {
			ws, n := segs[i+1].equal, segs[i+2]
			c.del += ws + n.del
			c.ins += ws + n.ins
			i += 2
		}
		out = appendChange(out, c.del, c.ins)
	}
	return out
}

// segment is either an equal run (equal != "") or a change.
type segment struct {
	equal, del, ins string
}

func (s segment) replaces() bool { return s.del != "" && s.ins != "" }

// changes groups edits into alternating equal runs and changes, dropping
// empty edits and putting each change's deleted text before its inserted
// text.
func changes(edits []Edit) []segment {
	var segs []segment
	var cur *segment
	for _, e := range edits {
		if e.Text == "" {
			continue
		}
		if e.Op == OpEqual {
			if cur == nil || cur.equal == "" {
				segs = append(segs, segment{})
				cur = &segs[len(segs)-1]
			}
			cur.equal += e.Text
			continue
		}
		if cur == nil || cur.equal != "" {
			segs = append(segs, segment{})
			cur = &segs[len(segs)-1]
		}
		switch e.Op {
		case OpDelete:
			cur.del += e.Text
		case OpInsert:
			cur.ins += e.Text
		}
	}
	return segs
}

func isAllSpace(s string) bool {
	return s != "" && strings.TrimFunc(s, unicode.IsSpace) == ""
}
