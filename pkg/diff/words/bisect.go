package words

import "github.com/sergi/go-diff/diffmatchpatch"

// This file is go-diff's DiffMainRunes(a, b, false) with no deadline
// (DiffTimeout 0: no half-match, no bisection cut short), step for step,
// but for one thing: the two working arrays of each bisection are the
// Differ's, reused from call to call, where go-diff makes new ones for every
// bisection of every call. They were more than half of what go-diff
// allocated, and go-diff a good part of what a whole comparison does.
// FuzzDiffRunes checks the result against go-diff's.

// diffRunes is DiffMainRunes(a, b, false) with DiffTimeout 0.
func (d *Differ) diffRunes(a, b []rune) []diffmatchpatch.Diff {
	if runesEqual(a, b) {
		var diffs []diffmatchpatch.Diff
		if len(a) > 0 {
			diffs = append(diffs, diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: string(a)})
		}
		return diffs
	}
	n := commonPrefixLength(a, b)
	prefix := a[:n]
	a, b = a[n:], b[n:]
	n = commonSuffixLength(a, b)
	suffix := a[len(a)-n:]
	a, b = a[:len(a)-n], b[:len(b)-n]

	diffs := d.diffCompute(a, b)
	if len(prefix) != 0 {
		diffs = append([]diffmatchpatch.Diff{{Type: diffmatchpatch.DiffEqual, Text: string(prefix)}}, diffs...)
	}
	if len(suffix) != 0 {
		diffs = append(diffs, diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: string(suffix)})
	}
	return d.dmp.DiffCleanupMerge(diffs)
}

// diffCompute is go-diff's diffCompute without a deadline (so without its
// half-match) and without line mode.
func (d *Differ) diffCompute(a, b []rune) []diffmatchpatch.Diff {
	diffs := []diffmatchpatch.Diff{}
	if len(a) == 0 {
		return append(diffs, diffmatchpatch.Diff{Type: diffmatchpatch.DiffInsert, Text: string(b)})
	} else if len(b) == 0 {
		return append(diffs, diffmatchpatch.Diff{Type: diffmatchpatch.DiffDelete, Text: string(a)})
	}
	long, short := b, a
	if len(a) > len(b) {
		long, short = a, b
	}
	if i := runesIndex(long, short); i != -1 {
		op := diffmatchpatch.DiffInsert
		if len(a) > len(b) {
			op = diffmatchpatch.DiffDelete
		}
		return []diffmatchpatch.Diff{
			{Type: op, Text: string(long[:i])},
			{Type: diffmatchpatch.DiffEqual, Text: string(short)},
			{Type: op, Text: string(long[i+len(short):])},
		}
	} else if len(short) == 1 {
		return []diffmatchpatch.Diff{
			{Type: diffmatchpatch.DiffDelete, Text: string(a)},
			{Type: diffmatchpatch.DiffInsert, Text: string(b)},
		}
	}
	return d.diffBisect(a, b)
}

// diffBisect is go-diff's diffBisect (Myers' middle snake) with no deadline,
// its arrays v1 and v2 taken from the Differ. A bisection that finds the
// snake returns at once through diffSplit, whose nested bisections may then
// reuse the arrays.
func (d *Differ) diffBisect(a, b []rune) []diffmatchpatch.Diff {
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
						return d.diffSplit(a, b, x1, y1)
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
						return d.diffSplit(a, b, x1, y1)
					}
				}
			}
		}
	}
	// No commonality at all.
	return []diffmatchpatch.Diff{
		{Type: diffmatchpatch.DiffDelete, Text: string(a)},
		{Type: diffmatchpatch.DiffInsert, Text: string(b)},
	}
}

// diffSplit is go-diff's diffBisectSplit.
func (d *Differ) diffSplit(a, b []rune, x, y int) []diffmatchpatch.Diff {
	diffs := d.diffRunes(a[:x], b[:y])
	return append(diffs, d.diffRunes(a[x:], b[y:])...)
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
