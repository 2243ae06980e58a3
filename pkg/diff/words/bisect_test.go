package words

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// codes maps bytes to token codes from an alphabet of k, small enough that
// the two sides share many tokens, as the middles of reworded clauses do.
func codes(b []byte, k int) []rune {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = firstCode + rune(int(c)%k)
	}
	return r
}

// checkDiffRunes compares diffRunes with go-diff's DiffMainRunes on a and b,
// with a Differ that has just diffed other texts, so that its reused arrays
// hold stale values: diff for diff, the same operations over the same
// codes, empty diffs included, and every span where the script stands.
func checkDiffRunes(t *testing.T, d *Differ, a, b []rune) {
	t.Helper()
	var dmp diffmatchpatch.DiffMatchPatch
	dmp.DiffTimeout = 0
	want := dmp.DiffMainRunes(a, b, false)
	d.ra, d.rb = append(d.ra[:0], a...), append(d.rb[:0], b...)
	d.spans = d.spans[:0]
	d.diffRunes(0, len(a), 0, len(b))
	spans := d.spans
	got := make([]diffmatchpatch.Diff, 0, len(spans))
	ia, ib := 0, 0
	for _, s := range spans {
		if s.a != ia || s.b != ib {
			t.Fatalf("diffRunes(%q, %q): %+v starts at %d, %d; the script stands at %d, %d", string(a), string(b), s, s.a, s.b, ia, ib)
		}
		got = append(got, diffmatchpatch.Diff{Type: s.op, Text: string(d.codesOf(s))})
		ia, ib = s.end()
	}
	if ia != len(a) || ib != len(b) {
		t.Fatalf("diffRunes(%q, %q) ends at %d, %d", string(a), string(b), ia, ib)
	}
	if len(want) == 0 && len(got) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("diffRunes(%q, %q)\n got %q\nwant %q", string(a), string(b), got, want)
	}
}

func TestDiffRunes(t *testing.T) {
	var d Differ
	for _, c := range []struct{ a, b string }{
		{"", ""},
		{"abc", "abc"},
		{"", "abc"},
		{"abc", ""},
		{"xabcx", "abc"}, // containment
		{"abc", "yabcyy"},
		{"a", "b"},   // one token
		{"ab", "cd"}, // nothing in common
		{"abcdef", "abxdef"},
		{"abcabba", "cbabac"}, // Myers' example
		{"the cat sat on the mat", "a cat sat upon the hat"},
		{"aaaaaaaaab", "baaaaaaaaa"},
		{"abababab", "babababa"},
	} {
		checkDiffRunes(t, &d, []rune(c.a), []rune(c.b))
		checkDiffRunes(t, &d, []rune(c.b), []rune(c.a))
	}
	// Longer random middles over a few alphabets, reusing one Differ.
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		k := 2 + rng.IntN(30)
		a, b := make([]byte, rng.IntN(200)), make([]byte, rng.IntN(200))
		for i := range a {
			a[i] = byte(rng.IntN(256))
		}
		// b: a edited, so the two share long runs.
		b = b[:0]
		for i := 0; i < len(a); i++ {
			switch rng.IntN(6) {
			case 0:
				continue
			case 1:
				b = append(b, byte(rng.IntN(256)))
			}
			b = append(b, a[i])
		}
		checkDiffRunes(t, &d, codes(a, k), codes(b, k))
	}
}

// FuzzDiffRunes checks the port of go-diff's diff (bisect.go) against
// go-diff itself.
func FuzzDiffRunes(f *testing.F) {
	f.Add([]byte("abcabba"), []byte("cbabac"), uint8(3))
	f.Add([]byte("the cat sat on the mat"), []byte("a cat sat upon the hat"), uint8(20))
	f.Add([]byte{}, []byte("x"), uint8(1))
	f.Fuzz(func(t *testing.T, a, b []byte, k uint8) {
		if len(a)+len(b) > 2*MaxTokens {
			return
		}
		n := 1 + int(k)%64
		var d Differ
		ra, rb := codes(a, n), codes(b, n)
		checkDiffRunes(t, &d, rb, ra)
		checkDiffRunes(t, &d, ra, rb)
	})
}

// scriptFrom reads an edit script from b: each pair of bytes is an
// operation and a run of 0-3 codes from an alphabet of k, so runs of one
// operation, empty diffs and shared prefixes and suffixes all occur.
func scriptFrom(b []byte, k int) []diffmatchpatch.Diff {
	var diffs []diffmatchpatch.Diff
	for i := 0; i+1 < len(b); i += 2 {
		op := diffmatchpatch.Operation(int(b[i]%3) - 1)
		n := int(b[i+1] % 4)
		text := make([]rune, n)
		for j := range text {
			text[j] = firstCode + rune(int(b[i+1]>>(2+j))%k)
		}
		diffs = append(diffs, diffmatchpatch.Diff{Type: op, Text: string(text)})
	}
	return diffs
}

// checkCleanupMerge compares cleanupMerge with go-diff's DiffCleanupMerge
// on any edit script, beyond the scripts diffRunes makes.
func checkCleanupMerge(t *testing.T, d *Differ, script []diffmatchpatch.Diff) {
	t.Helper()
	var a, b []rune
	spans := make([]span, 0, len(script))
	for _, df := range script {
		text := []rune(df.Text)
		spans = append(spans, span{df.Type, len(a), len(b), len(text)})
		if df.Type != diffmatchpatch.DiffInsert {
			a = append(a, text...)
		}
		if df.Type != diffmatchpatch.DiffDelete {
			b = append(b, text...)
		}
	}
	d.ra, d.rb = a, b
	var dmp diffmatchpatch.DiffMatchPatch
	want := dmp.DiffCleanupMerge(slices.Clone(script))
	got := []diffmatchpatch.Diff{}
	ia, ib := 0, 0
	for _, s := range d.cleanupMerge(spans, len(a), len(b)) {
		if s.a != ia || s.b != ib {
			t.Fatalf("cleanupMerge(%q): %+v starts at %d, %d; the script stands at %d, %d", script, s, s.a, s.b, ia, ib)
		}
		got = append(got, diffmatchpatch.Diff{Type: s.op, Text: string(d.codesOf(s))})
		ia, ib = s.end()
	}
	if len(want) == 0 && len(got) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("cleanupMerge(%q)\n got %q\nwant %q", script, got, want)
	}
}

func TestCleanupMerge(t *testing.T) {
	e, i, q := diffmatchpatch.DiffEqual, diffmatchpatch.DiffInsert, diffmatchpatch.DiffDelete
	var d Differ
	for _, script := range [][]diffmatchpatch.Diff{
		{{Type: e, Text: "a"}},
		{{Type: i, Text: "a"}, {Type: i, Text: "b"}},                                              // a run merged
		{{Type: q, Text: "ab"}, {Type: i, Text: "ac"}},                                            // common prefix, no equality before
		{{Type: e, Text: "x"}, {Type: q, Text: "ab"}, {Type: i, Text: "ac"}},                      // common prefix into the equality
		{{Type: q, Text: "ba"}, {Type: i, Text: "ca"}, {Type: e, Text: "x"}},                      // common suffix
		{{Type: q, Text: "aXb"}, {Type: i, Text: "aYb"}},                                          // both
		{{Type: e, Text: "a"}, {Type: i, Text: "ba"}, {Type: e, Text: "c"}},                       // shift left
		{{Type: e, Text: "a"}, {Type: i, Text: "cb"}, {Type: e, Text: "c"}},                       // shift right
		{{Type: e, Text: "a"}, {Type: i, Text: ""}, {Type: e, Text: "b"}},                         // an empty diff
		{{Type: q, Text: "a"}, {Type: e, Text: "b"}, {Type: q, Text: "c"}, {Type: i, Text: "ab"}}, // go-diff's own case
	} {
		checkCleanupMerge(t, &d, script)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		b := make([]byte, 2*rng.IntN(12))
		for j := range b {
			b[j] = byte(rng.IntN(256))
		}
		checkCleanupMerge(t, &d, scriptFrom(b, 1+rng.IntN(4)))
	}
}

// FuzzCleanupMerge checks cleanupMerge against go-diff's DiffCleanupMerge
// on any edit script.
func FuzzCleanupMerge(f *testing.F) {
	f.Add([]byte{0, 9, 2, 9}, uint8(2))
	f.Add([]byte{1, 5, 2, 6, 1, 3}, uint8(3))
	f.Fuzz(func(t *testing.T, b []byte, k uint8) {
		if len(b) > 4096 {
			return
		}
		var d Differ
		checkCleanupMerge(t, &d, scriptFrom(b, 1+int(k)%8))
	})
}
