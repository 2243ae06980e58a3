// Package words finds the word-level edits between two clause texts and the
// figures (numbers with their units) that changed between them.
//
// It is the only package that uses github.com/sergi/go-diff (its diff,
// ported step for step in bisect.go, and its operations), so the diff engine
// can be replaced here alone; the golden tests pin today's output and the
// round-trip tests state what any replacement must keep.
package words

import (
	"unicode"

	"github.com/plandiff/plandiff/pkg/figures"
	"github.com/sergi/go-diff/diffmatchpatch"
)

// MaxTokens bounds the work Diff hands to Myers' diff: when the two texts,
// after their common leading and trailing tokens are set aside, hold more than
// MaxTokens tokens together, Diff reports the middle as one delete and one
// insert instead. Myers' algorithm costs O(N·D), quadratic for long unrelated
// texts; at this bound the worst cases measured (reversed or wholly different
// texts of 2,000 words each) take about 50 ms. Clause texts, tens of words
// long, are far below it; texts of 1,500 words a side still get a full diff.
const MaxTokens = 8000

// firstCode is the rune that stands for the first distinct token. It is in
// the private use area, above the surrogates: go-diff, which the port in
// bisect.go must match (FuzzDiffRunes), turns runes into strings and back,
// and a surrogate would come back as U+FFFD.
const firstCode = 0xe000

// Every token code must be a valid rune; this does not compile if MaxTokens
// distinct tokens would run past unicode.MaxRune.
const _ = uint(unicode.MaxRune - firstCode + 1 - MaxTokens)

// Diff returns the word-level edits that turn a into b. It is shorthand for
// a fresh Differ; code that diffs many pairs should keep one Differ.
func Diff(a, b string) []Edit {
	var d Differ
	return d.Diff(a, b)
}

// A Differ computes word-level edits and keeps its working buffers between
// calls, so diffing many clause pairs allocates little beyond the results.
// The zero value is ready to use. A Differ must not be used by several
// goroutines at once; give each goroutine its own.
type Differ struct {
	codes  map[string]rune // token -> code, emptied after every call
	ba, bb []int           // token bounds of a and b (see appendBounds)
	ra, rb []rune          // the differing middles, one code per token
	v1, v2 []int           // diffBisect's arrays
	spans  []span          // the diff of the middles (bisect.go)
	ka, kb []tokenKind     // the kind of each token of a and b
	// a and b of the last call that tokenised them, whose figures
	// Figures may reuse.
	lastA, lastB string
	figsA, figsB []figures.Figure // the figures of lastA and lastB (not to append to: they may be the caller's)
	read         bool             // figsA and figsB hold the figures of lastA and lastB
	bufA, bufB   []figures.Figure // what Diff reads figures into
	rd           figures.Reader
	figs         figureScratch
}

// Diff returns the edits that turn a into b, token by token (see Tokenize).
//
// It optimises for the fewest tokens deleted and inserted (Myers' O(N·D)
// algorithm, as go-diff implements it), so a changed number or word is
// always deleted and inserted whole, never partly kept. The result is
// deterministic: it depends only on a and b, never on time or machine.
//
// The edits are normalised for reading: no edit is empty, no two adjacent
// edits have the same op, and between two equal edits there is at most one
// delete followed by at most one insert. Identical texts give one equal
// edit, two empty texts give nil. For every a and b, invalid UTF-8 included,
// the equal and delete texts concatenate to a and the equal and insert texts
// to b; every edit starts and ends on a token boundary.
//
// Worst case: when the differing middle exceeds MaxTokens tokens, it comes
// back as one delete and one insert. Diff deliberately applies no semantic
// cleanup (it would merge edits across short equal words and lose figure
// pairs) and does not merge across white space; Coalesce does that for
// display.
func (d *Differ) Diff(a, b string) []Edit {
	if a == b {
		if a == "" {
			return nil
		}
		return []Edit{{OpEqual, a}}
	}
	d.bufA = d.rd.Append(d.bufA[:0], a)
	d.bufB = d.rd.Append(d.bufB[:0], b)
	return d.diff(a, b, d.bufA, d.bufB)
}

// DiffRead is Diff for texts whose figures the caller has read already:
// figsA and figsB must be what a figures.Reader's Append gives for a and b
// (nil or empty when there are none). A caller that reads the same text
// for other ends spares reading it again. Figures after DiffRead uses them
// too. The slices are only read.
func (d *Differ) DiffRead(a, b string, figsA, figsB []figures.Figure) []Edit {
	if a == b {
		if a == "" {
			return nil
		}
		return []Edit{{OpEqual, a}}
	}
	return d.diff(a, b, figsA, figsB)
}

func (d *Differ) diff(a, b string, figsA, figsB []figures.Figure) []Edit {
	d.ba, d.ka = appendTokens(d.ba[:0], d.ka[:0], a)
	d.bb, d.kb = appendTokens(d.bb[:0], d.kb[:0], b)
	// A figure is one token: "US$100bn" changes whole, never as {+US+}.
	d.ba, d.ka = joinFigures(d.ba, d.ka, figsA)
	d.bb, d.kb = joinFigures(d.bb, d.kb, figsB)
	d.lastA, d.lastB, d.figsA, d.figsB, d.read = a, b, figsA, figsB, true
	ba, bb := d.ba, d.bb
	na, nb := len(ba)-1, len(bb)-1

	// Set aside the common leading and trailing tokens: they need no
	// codes, and go-diff's cost grows with what is left.
	p := 0
	for p < na && p < nb && a[ba[p]:ba[p+1]] == b[bb[p]:bb[p+1]] {
		p++
	}
	s := 0
	for s < na-p && s < nb-p && a[ba[na-s-1]:ba[na-s]] == b[bb[nb-s-1]:bb[nb-s]] {
		s++
	}
	ea, eb := na-s, nb-s // the middles are tokens p..ea of a and p..eb of b

	var diffs []span
	if ea-p+eb-p <= MaxTokens && ea > p && eb > p {
		diffs = d.diffMiddle(a, b, p, ea, eb)
	}
	// Each diff gives at most one edit, plus the equal prefix and suffix;
	// without diffs the shape is at most equal, delete, insert, equal.
	edits := make([]Edit, 0, max(len(diffs)+2, 4))
	if p > 0 {
		edits = append(edits, Edit{OpEqual, a[:ba[p]]})
	}
	if diffs != nil {
		edits = d.appendEdits(edits, diffs, a, b, p)
	} else {
		edits = appendChange(edits, a[ba[p]:ba[ea]], b[bb[p]:bb[eb]])
	}
	if s > 0 {
		edits = append(edits, Edit{OpEqual, a[ba[ea]:]})
	}
	return edits
}

// joinFigures merges the tokens inside each figure into one token (a word),
// in place. A figure that does not start and end on token bounds is left as
// it is.
func joinFigures(bounds []int, kinds []tokenKind, figs []figures.Figure) ([]int, []tokenKind) {
	if len(figs) == 0 {
		return bounds, kinds
	}
	out, kout := bounds[:1], kinds[:0]
	f := 0
	for k := 0; k < len(kinds); k++ {
		start := bounds[k]
		for f < len(figs) && figs[f].Start < start {
			f++
		}
		if f < len(figs) && figs[f].Start == start {
			// Find the token that ends the figure.
			end := k
			for end < len(kinds) && bounds[end+1] < figs[f].End {
				end++
			}
			if end < len(kinds) && bounds[end+1] == figs[f].End {
				out = append(out, bounds[end+1])
				kout = append(kout, kindWord)
				k = end
				f++
				continue
			}
		}
		out = append(out, bounds[k+1])
		kout = append(kout, kinds[k])
	}
	return out, kout
}

// diffMiddle diffs tokens p..ea of a against p..eb of b, which share no
// first or last token, with each token encoded as one rune.
func (d *Differ) diffMiddle(a, b string, p, ea, eb int) []span {
	if d.codes == nil {
		d.codes = make(map[string]rune)
	}
	next := rune(firstCode)
	encode := func(dst []rune, s string, bounds []int) []rune {
		for k := range bounds[:len(bounds)-1] {
			tok := s[bounds[k]:bounds[k+1]]
			c, ok := d.codes[tok]
			if !ok {
				c = next
				next++
				d.codes[tok] = c
			}
			dst = append(dst, c)
		}
		return dst
	}
	d.ra = encode(d.ra[:0], a, d.ba[p:ea+1])
	d.rb = encode(d.rb[:0], b, d.bb[p:eb+1])
	// Drop the map's references to a and b now rather than at the next call.
	clear(d.codes)

	// go-diff's DiffMainRunes(ra, rb, false) with no wall-clock deadline
	// (with one, go-diff degrades to a coarser answer on slow machines, and
	// the output would depend on the machine), and no line mode, which
	// would re-split the codes as text; bisect.go says why it is ported.
	d.spans = d.spans[:0]
	d.diffRunes(0, len(d.ra), 0, len(d.rb))
	return d.spans
}

// appendEdits maps diffs of the middles starting at token p back to edits:
// each diff covers whole tokens, so it is a slice of a or b, and every run
// of deletes and inserts becomes one change.
func (d *Differ) appendEdits(edits []Edit, diffs []span, a, b string, p int) []Edit {
	ba, bb := d.ba, d.bb
	ia, ib := p, p // next token of a and of b
	ha, hb := p, p // where the current change started
	for _, df := range diffs {
		k := df.n
		switch df.op {
		case diffmatchpatch.DiffDelete:
			ia += k
		case diffmatchpatch.DiffInsert:
			ib += k
		case diffmatchpatch.DiffEqual:
			edits = appendChange(edits, a[ba[ha]:ba[ia]], b[bb[hb]:bb[ib]])
			edits = append(edits, Edit{OpEqual, a[ba[ia]:ba[ia+k]]})
			ia += k
			ib += k
			ha, hb = ia, ib
		}
	}
	return appendChange(edits, a[ba[ha]:ba[ia]], b[bb[hb]:bb[ib]])
}

// appendChange appends a delete of del and an insert of ins, leaving out
// whichever is empty.
func appendChange(edits []Edit, del, ins string) []Edit {
	if del != "" {
		edits = append(edits, Edit{OpDelete, del})
	}
	if ins != "" {
		edits = append(edits, Edit{OpInsert, ins})
	}
	return edits
}
