package words

import (
	"math/rand/v2"
	"reflect"
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
// hold stale values.
func checkDiffRunes(t *testing.T, d *Differ, a, b []rune) {
	t.Helper()
	var dmp diffmatchpatch.DiffMatchPatch
	dmp.DiffTimeout = 0
	want := dmp.DiffMainRunes(a, b, false)
	if got := d.diffRunes(a, b); !reflect.DeepEqual(got, want) {
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
