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
//
// Where a text is heavily rewritten (fewer than heavyShare of its words
// kept, see Similarity), it also applies a semantic cleanup at word level,
// as diff-match-patch's does for characters: an equal run between two
// changes that holds no more words than either change, and at most
// maxAbsorbed of them (a lone "the", "of", a comma), is absorbed into one
// change with them, so a recast phrase reads as a phrase deleted and one
// inserted rather than many interleaved one-word replacements. Light edits
// keep their precise word marks.
func Coalesce(edits []Edit) []Edit {
	segs := changes(edits)
	if len(segs) == 0 {
		return nil
	}
	if Similarity(edits) < heavyShare {
		segs = absorb(segs)
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

// Semantic cleanup (Coalesce).
const (
	heavyShare  = 0.5 // below this share of words kept, a text is heavily rewritten
	maxAbsorbed = 2   // the most words an absorbed equal run holds
)

// absorb merges each short equal run between two changes into them, until
// none is left (a merge may make the neighbouring runs short enough).
func absorb(segs []segment) []segment {
	for changed := true; changed; {
		changed = false
		out := segs[:0:0]
		for i := 0; i < len(segs); i++ {
			s := segs[i]
			if s.equal != "" && len(out) > 0 && out[len(out)-1].equal == "" && i+1 < len(segs) && segs[i+1].equal == "" {
				prev, next := out[len(out)-1], segs[i+1]
				e := countWords(s.equal)
				if e <= maxAbsorbed && e <= max(countWords(prev.del), countWords(prev.ins)) &&
					e <= max(countWords(next.del), countWords(next.ins)) {
					out[len(out)-1] = segment{del: prev.del + s.equal + next.del, ins: prev.ins + s.equal + next.ins}
					i++
					changed = true
					continue
				}
			}
			out = append(out, s)
		}
		segs = out
	}
	return segs
}

// countWords counts the word tokens of s.
func countWords(s string) int {
	n := 0
	for i := 0; i < len(s); {
		j, kind := scan(s, i)
		if kind == kindWord {
			n++
		}
		i = j
	}
	return n
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
