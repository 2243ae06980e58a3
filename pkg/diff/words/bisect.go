package words

import (
	"slices"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// This file is go-diff's DiffMainRunes(a, b, false) with no deadline
// (DiffTimeout 0: no half-match, no bisection cut short), step for step,
// but for two things. The two working arrays of each bisection are the
// Differ's, reused from call to call, where go-diff makes new ones for every
// bisection of every call. And a diff is a span of the codes (its operation,
// where it starts in each sequence and how many codes it covers), not a
// string: every diff of an edit script is a run of one sequence or, for an
// equality, of both, and so stays one when DiffCleanupMerge merges,
// factors or shifts diffs. go-diff's strings were most of what a
// comparison's word diffs allocated. FuzzDiffRunes checks the result
// against go-diff's.

// span is one diff over d.ra (a) and d.rb (b): op over n codes, starting
// at a in d.ra and at b in d.rb (where each sequence stands before it). A
// delete covers d.ra[a:a+n], an insert d.rb[b:b+n], an equality both.
type span struct {
	op   diffmatchpatch.Operation
	a, b int
	n    int
}

// end is where each sequence stands after s.
func (s span) end() (a, b int) {
	switch s.op {
	case diffmatchpatch.DiffDelete:
		return s.a + s.n, s.b
	case diffmatchpatch.DiffInsert:
		return s.a, s.b + s.n
	}
	return s.a + s.n, s.b + s.n
}

// codesOf is the codes s covers.
func (d *Differ) codesOf(s span) []rune {
	if s.op == diffmatchpatch.DiffInsert {
		return d.rb[s.b : s.b+s.n]
	}
	return d.ra[s.a : s.a+s.n]
}

// diffRunes appends to d.spans the diff of d.ra[a0:a1] against
// d.rb[b0:b1]: DiffMainRunes(a, b, false) with DiffTimeout 0. Nested calls
// append after their caller's spans, so a call's diff is the tail of
// d.spans from where it started, and a bisection's two halves need no
// joining.
func (d *Differ) diffRunes(a0, a1, b0, b1 int) {
	start := len(d.spans)
	if runesEqual(d.ra[a0:a1], d.rb[b0:b1]) {
		if a1 > a0 {
			d.spans = append(d.spans, span{diffmatchpatch.DiffEqual, a0, b0, a1 - a0})
		}
		return
	}
	// go-diff puts the common prefix before the diff of the middle once it
	// has it; appending it first gives the same script.
	if np := commonPrefixLength(d.ra[a0:a1], d.rb[b0:b1]); np != 0 {
		d.spans = append(d.spans, span{diffmatchpatch.DiffEqual, a0, b0, np})
		a0, b0 = a0+np, b0+np
	}
	ns := commonSuffixLength(d.ra[a0:a1], d.rb[b0:b1])
	a1, b1 = a1-ns, b1-ns
	d.diffCompute(a0, a1, b0, b1)
	if ns != 0 {
		d.spans = append(d.spans, span{diffmatchpatch.DiffEqual, a1, b1, ns})
	}
	d.spans = append(d.spans[:start], d.cleanupMerge(d.spans[start:], a1+ns, b1+ns)...)
}

// diffCompute is go-diff's diffCompute without a deadline (so without its
// half-match) and without line mode; it appends to d.spans.
func (d *Differ) diffCompute(a0, a1, b0, b1 int) {
	la, lb := a1-a0, b1-b0
	if la == 0 {
		d.spans = append(d.spans, span{diffmatchpatch.DiffInsert, a0, b0, lb})
		return
	} else if lb == 0 {
		d.spans = append(d.spans, span{diffmatchpatch.DiffDelete, a0, b0, la})
		return
	}
	if la > lb {
		// b within a: a's runs before and after it deleted.
		if i := runesIndex(d.ra[a0:a1], d.rb[b0:b1]); i != -1 {
			d.spans = append(d.spans,
				span{diffmatchpatch.DiffDelete, a0, b0, i},
				span{diffmatchpatch.DiffEqual, a0 + i, b0, lb},
				span{diffmatchpatch.DiffDelete, a0 + i + lb, b1, la - i - lb})
			return
		}
	} else if i := runesIndex(d.rb[b0:b1], d.ra[a0:a1]); i != -1 {
		d.spans = append(d.spans,
			span{diffmatchpatch.DiffInsert, a0, b0, i},
			span{diffmatchpatch.DiffEqual, a0, b0 + i, la},
			span{diffmatchpatch.DiffInsert, a1, b0 + i + la, lb - i - la})
		return
	}
	if min(la, lb) == 1 {
		d.spans = append(d.spans, span{diffmatchpatch.DiffDelete, a0, b0, la}, span{diffmatchpatch.DiffInsert, a1, b0, lb})
		return
	}
	d.diffBisect(a0, a1, b0, b1)
}

// diffBisect is go-diff's diffBisect (Myers' middle snake) with no deadline,
// its arrays v1 and v2 taken from the Differ. A bisection that finds the
// snake returns at once through diffSplit, whose nested bisections may then
// reuse the arrays.
func (d *Differ) diffBisect(a0, a1, b0, b1 int) {
	a, b := d.ra[a0:a1], d.rb[b0:b1]
	la, lb := len(a), len(b)
	maxD := (la + lb + 1) / 2
	vOffset := maxD
	vLength := 2 * maxD
	if cap(d.v1) < vLength {
		d.v1, d.v2 = make([]int, vLength), make([]int, vLength)
	}
	v1, v2 := d.v1[:vLength], d.v2[:vLength]
	for i := range v1 {
		v1[i] = -1
		v2[i] = -1
	}
	v1[vOffset+1] = 0
	v2[vOffset+1] = 0

	delta := la - lb
	// With an odd total length the front path collides with the reverse one.
	front := delta%2 != 0
	k1start, k1end, k2start, k2end := 0, 0, 0, 0
	for dd := 0; dd < maxD; dd++ {
		for k1 := -dd + k1start; k1 <= dd-k1end; k1 += 2 {
			k1Offset := vOffset + k1
			var x1 int
			if k1 == -dd || (k1 != dd && v1[k1Offset-1] < v1[k1Offset+1]) {
				x1 = v1[k1Offset+1]
			} else {
				x1 = v1[k1Offset-1] + 1
			}
			y1 := x1 - k1
			for x1 < la && y1 < lb && a[x1] == b[y1] {
				x1++
				y1++
			}
			v1[k1Offset] = x1
			if x1 > la {
				k1end += 2
			} else if y1 > lb {
				k1start += 2
			} else if front {
				k2Offset := vOffset + delta - k1
				if k2Offset >= 0 && k2Offset < vLength && v2[k2Offset] != -1 {
					if x2 := la - v2[k2Offset]; x1 >= x2 {
						d.diffSplit(a0, a1, b0, b1, x1, y1)
						return
					}
				}
			}
		}
		for k2 := -dd + k2start; k2 <= dd-k2end; k2 += 2 {
			k2Offset := vOffset + k2
			var x2 int
			if k2 == -dd || (k2 != dd && v2[k2Offset-1] < v2[k2Offset+1]) {
				x2 = v2[k2Offset+1]
			} else {
				x2 = v2[k2Offset-1] + 1
			}
			y2 := x2 - k2
			for x2 < la && y2 < lb && a[la-x2-1] == b[lb-y2-1] {
				x2++
				y2++
			}
			v2[k2Offset] = x2
			if x2 > la {
				k2end += 2
			} else if y2 > lb {
				k2start += 2
			} else if !front {
				k1Offset := vOffset + delta - k2
				if k1Offset >= 0 && k1Offset < vLength && v1[k1Offset] != -1 {
					x1 := v1[k1Offset]
					y1 := vOffset + x1 - k1Offset
					if x1 >= la-x2 {
						d.diffSplit(a0, a1, b0, b1, x1, y1)
						return
					}
				}
			}
		}
	}
	// No commonality at all.
	d.spans = append(d.spans, span{diffmatchpatch.DiffDelete, a0, b0, la}, span{diffmatchpatch.DiffInsert, a1, b0, lb})
}

// diffSplit is go-diff's diffBisectSplit: a[:x] against b[:y], then the
// rest.
func (d *Differ) diffSplit(a0, a1, b0, b1, x, y int) {
	d.diffRunes(a0, a0+x, b0, b0+y)
	d.diffRunes(a0+x, a1, b0+y, b1)
}

// cleanupMerge is go-diff's DiffCleanupMerge on spans: it merges runs of
// one operation, factors a common prefix and suffix out of a run of deletes
// and inserts into the equalities beside it, and shifts single edits
// sideways to eliminate an equality (A<ins>BA</ins>C becomes
// <ins>AB</ins>AC). endA and endB are where the script ends in each
// sequence.
func (d *Differ) cleanupMerge(diffs []span, endA, endB int) []span {
	// Add a dummy entry at the end.
	diffs = append(diffs, span{diffmatchpatch.DiffEqual, endA, endB, 0})
	pointer := 0
	countDelete, countInsert := 0, 0
	// The run of deletes and inserts since the last equality starts at
	// runA and runB and covers textDelete codes of a and textInsert of b.
	runA, runB := 0, 0
	textDelete, textInsert := 0, 0
	for pointer < len(diffs) {
		s := diffs[pointer]
		if s.op != diffmatchpatch.DiffEqual && countDelete+countInsert == 0 {
			runA, runB = s.a, s.b
		}
		switch s.op {
		case diffmatchpatch.DiffInsert:
			countInsert++
			textInsert += s.n
			pointer++
		case diffmatchpatch.DiffDelete:
			countDelete++
			textDelete += s.n
			pointer++
		case diffmatchpatch.DiffEqual:
			// Upon reaching an equality, check for prior redundancies.
			if countDelete+countInsert > 1 {
				delA, insB := runA, runB // where the merged delete and insert start
				if countDelete != 0 && countInsert != 0 {
					// Factor out any common prefix.
					if n := commonPrefixLength(d.rb[insB:insB+textInsert], d.ra[delA:delA+textDelete]); n != 0 {
						x := pointer - countDelete - countInsert
						if x > 0 && diffs[x-1].op == diffmatchpatch.DiffEqual {
							diffs[x-1].n += n
						} else {
							diffs = slices.Insert(diffs, 0, span{diffmatchpatch.DiffEqual, delA, insB, n})
							pointer++
						}
						delA, insB = delA+n, insB+n
						textInsert -= n
						textDelete -= n
					}
					// Factor out any common suffix.
					if n := commonSuffixLength(d.rb[insB:insB+textInsert], d.ra[delA:delA+textDelete]); n != 0 {
						diffs[pointer].a -= n
						diffs[pointer].b -= n
						diffs[pointer].n += n
						textInsert -= n
						textDelete -= n
					}
				}
				// Delete the offending records and add the merged ones.
				del := span{diffmatchpatch.DiffDelete, delA, insB, textDelete}
				ins := span{diffmatchpatch.DiffInsert, delA + textDelete, insB, textInsert}
				if countDelete == 0 {
					diffs = slices.Replace(diffs, pointer-countInsert, pointer, ins)
				} else if countInsert == 0 {
					diffs = slices.Replace(diffs, pointer-countDelete, pointer, del)
				} else {
					diffs = slices.Replace(diffs, pointer-countDelete-countInsert, pointer, del, ins)
				}
				pointer = pointer - countDelete - countInsert + 1
				if countDelete != 0 {
					pointer++
				}
				if countInsert != 0 {
					pointer++
				}
			} else if pointer != 0 && diffs[pointer-1].op == diffmatchpatch.DiffEqual {
				// Merge this equality with the previous one.
				diffs[pointer-1].n += s.n
				diffs = slices.Delete(diffs, pointer, pointer+1)
			} else {
				pointer++
			}
			countInsert, countDelete = 0, 0
			textDelete, textInsert = 0, 0
		}
	}
	if diffs[len(diffs)-1].n == 0 {
		diffs = diffs[:len(diffs)-1] // Remove the dummy entry at the end.
	}

	// Second pass: look for single edits surrounded on both sides by
	// equalities which can be shifted sideways to eliminate an equality.
	changes := false
	// Intentionally ignore the first and last element (don't need checking).
	for pointer = 1; pointer < len(diffs)-1; pointer++ {
		prev, edit, next := diffs[pointer-1], diffs[pointer], diffs[pointer+1]
		if prev.op != diffmatchpatch.DiffEqual || next.op != diffmatchpatch.DiffEqual {
			continue
		}
		text := d.codesOf(edit)
		if hasSuffix(text, d.codesOf(prev)) {
			// Shift the edit over the previous equality: it starts where
			// the previous equality did, and the next one takes in the
			// previous one's codes, which the edit ended with.
			edit.a, edit.b = prev.a, prev.b
			next.a, next.b = edit.end()
			next.n += prev.n
			diffs[pointer], diffs[pointer+1] = edit, next
			diffs = slices.Delete(diffs, pointer-1, pointer)
			changes = true
		} else if hasPrefix(text, d.codesOf(next)) {
			// Shift the edit over the next equality.
			prev.n += next.n
			edit.a, edit.b = prev.end()
			diffs[pointer-1], diffs[pointer] = prev, edit
			diffs = slices.Delete(diffs, pointer+1, pointer+2)
			changes = true
		}
	}
	// If shifts were made, the diff needs reordering and another shift sweep.
	if changes {
		diffs = d.cleanupMerge(diffs, endA, endB)
	}
	return diffs
}

func hasPrefix(s, prefix []rune) bool {
	return len(s) >= len(prefix) && runesEqual(s[:len(prefix)], prefix)
}

func hasSuffix(s, suffix []rune) bool {
	return len(s) >= len(suffix) && runesEqual(s[len(s)-len(suffix):], suffix)
}

func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i, c := range a {
		if c != b[i] {
			return false
		}
	}
	return true
}

// runesIndex is strings.Index for rune slices.
func runesIndex(s, sub []rune) int {
	for i := 0; i <= len(s)-len(sub); i++ {
		if runesEqual(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

func commonPrefixLength(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func commonSuffixLength(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}
