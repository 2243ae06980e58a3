package words

import (
	"flag"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// diffCases is the shared table: TestDiff checks the properties every
// answer must have, TestDiffGolden pins today's exact answer in
// testdata/golden/<name>.txt (refresh with go test -update, then read git
// diff testdata/ before committing).
var diffCases = []struct {
	name string
	a, b string
}{
	{"identical", "Ukraine's sovereignty is confirmed by all signatories.",
		"Ukraine's sovereignty is confirmed by all signatories."},
	{"both_empty", "", ""},
	{"old_empty", "", "Ukraine holds elections within 100 days."},
	{"new_empty", "Ukraine holds elections within 100 days.", ""},
	{"pure_insert", "Ukraine holds elections.", "Ukraine holds elections within 100 days."},
	{"pure_delete", "The US takes half of the profits from that venture.",
		"The US takes half of the profits."},
	{"army_cap", "Ukraine's armed forces are capped at 600,000 personnel.",
		"Ukraine's armed forces are limited to 800,000 personnel in peacetime."},
	{"elections_100_days", "Ukraine holds elections within 100 days.",
		"Ukraine holds elections as soon as possible after signing."},
	{"reordered", "Crimea, Luhansk and Donetsk are recognised as de facto Russian.",
		"Luhansk, Donetsk and Crimea are recognised as de facto Russian."},
	{"punctuation_only", "Russia, Ukraine and Europe conclude a non-aggression pact.",
		"Russia, Ukraine, and Europe conclude a non-aggression pact;"},
	{"cyrillic", "Збройні сили України обмежуються 600\u00a0000 військовослужбовців.",
		"Збройні сили України становитимуть 800\u00a0000 у мирний час."},
	{"repeated_tokens", "All prisoners and bodies are exchanged all for all.",
		"All prisoners, all bodies and all civilians are exchanged all for all."},
	{"whitespace_only", "The agreement is legally binding.", "The agreement  is legally\nbinding. "},
	{"figures_mixed", "Europe adds another $100bn; the US takes 50% of the profits.",
		"Funds aim to raise $800 billion; the US takes half of the profits."},
	{"scripts_and_emoji", "ZNPP output 🇺🇦 split 50:50 — 核电站 café",
		"ZNPP output 🇺🇦 split 33/33/33 — 核电厂 cafe\u0301"},
	{"control_characters", "a\x00b\tc\x7f", "a\x01b c\x7f"},
	{"invalid_utf8", "caf\xe9 at 600,000", "café at 800,000\xff"},
	{"long_one_word_changed", longText(3000, "capped"), longText(3000, "limited")},
	{"long_fallback", "Preamble. " + longText(2500, "") + " End.", "Preamble. " + longText(2500, "x") + " End."},
}

// longText returns n numbered sentences; a non-empty mark replaces one word
// in the middle sentence, or, if it is "x", every sentence's first word.
func longText(n int, mark string) string {
	var b strings.Builder
	for i := range n {
		w := "Sentence"
		if mark == "x" {
			w = "Line"
		}
		if i == n/2 && mark != "" && mark != "x" {
			w = mark
		}
		fmt.Fprintf(&b, "%s %d holds. ", w, i)
	}
	return b.String()
}

func TestDiff(t *testing.T) {
	var d Differ // one Differ for all cases: reuse must not leak state
	for _, tc := range diffCases {
		t.Run(tc.name, func(t *testing.T) {
			edits := d.Diff(tc.a, tc.b)
			checkEdits(t, tc.a, tc.b, edits)
			if fresh := Diff(tc.a, tc.b); !reflect.DeepEqual(fresh, edits) {
				t.Errorf("a reused Differ and a fresh one disagree:\nreused %q\nfresh  %q", edits, fresh)
			}
			checkEdits(t, tc.a, tc.b, Coalesce(edits))
		})
	}
}

// checkEdits checks the properties Diff promises for every input.
func checkEdits(t *testing.T, a, b string, edits []Edit) {
	t.Helper()
	if a == b {
		want := []Edit{{OpEqual, a}}
		if a == "" {
			want = nil
		}
		if !reflect.DeepEqual(edits, want) {
			t.Errorf("identical texts: got %q, want %q", edits, want)
		}
	}
	var oldText, newText strings.Builder
	boundsA, boundsB := tokenStarts(a), tokenStarts(b)
	for i, e := range edits {
		if e.Text == "" {
			t.Errorf("edit %d is empty", i)
		}
		if i > 0 {
			prev := edits[i-1].Op
			if prev == e.Op {
				t.Errorf("edits %d and %d are both %s", i-1, i, e.Op)
			}
			if prev == OpInsert && e.Op == OpDelete {
				t.Errorf("edit %d: delete after insert", i)
			}
		}
		switch e.Op {
		case OpEqual:
			oldText.WriteString(e.Text)
			newText.WriteString(e.Text)
		case OpDelete:
			oldText.WriteString(e.Text)
		case OpInsert:
			newText.WriteString(e.Text)
		default:
			t.Errorf("edit %d: unknown op %q", i, e.Op)
		}
		if e.Op != OpInsert && !boundsA[oldText.Len()] {
			t.Errorf("edit %d (%s %q) ends inside a token of the old text", i, e.Op, e.Text)
		}
		if e.Op != OpDelete && !boundsB[newText.Len()] {
			t.Errorf("edit %d (%s %q) ends inside a token of the new text", i, e.Op, e.Text)
		}
	}
	if oldText.String() != a {
		t.Errorf("equal+delete texts give %q, want %q", oldText.String(), a)
	}
	if newText.String() != b {
		t.Errorf("equal+insert texts give %q, want %q", newText.String(), b)
	}
}

// tokenStarts returns the byte offsets where tokens of s start, and len(s).
func tokenStarts(s string) map[int]bool {
	m := map[int]bool{0: true}
	n := 0
	for _, tok := range Tokenize(s) {
		n += len(tok)
		m[n] = true
	}
	return m
}

func TestDiffGolden(t *testing.T) {
	for _, tc := range diffCases {
		t.Run(tc.name, func(t *testing.T) {
			edits := Diff(tc.a, tc.b)
			var b strings.Builder
			fmt.Fprintf(&b, "# old\n%s\n# new\n%s\n# edits\n", show(tc.a), show(tc.b))
			writeEdits(&b, edits)
			b.WriteString("# coalesced\n")
			writeEdits(&b, Coalesce(edits))
			b.WriteString("# figures\n")
			for _, f := range Figures(edits) {
				fmt.Fprintf(&b, "%q -> %q\n", f.Old, f.New)
			}
			fmt.Fprintf(&b, "# similarity\n%.3f\n", Similarity(edits))
			golden.Check(t, filepath.Join("testdata", "golden", tc.name+".txt"), []byte(b.String()), *update)
		})
	}
}

func writeEdits(b *strings.Builder, edits []Edit) {
	marks := map[Op]string{OpEqual: "=", OpDelete: "-", OpInsert: "+"}
	for _, e := range edits {
		fmt.Fprintf(b, "%s %s\n", marks[e.Op], show(e.Text))
	}
}

// show quotes s, shortening long texts to their ends and length so golden
// files stay readable; the round trip is checked on the full texts.
func show(s string) string {
	if len(s) <= 200 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q … %q (%d bytes)", s[:60], s[len(s)-60:], len(s))
}

// TestDiffBound checks that the work bound applies to the differing middle
// only, and that crossing it gives one delete and one insert.
func TestDiffBound(t *testing.T) {
	// text returns n tokens (n odd): words and single spaces, starting and
	// ending with a word, so texts of different words share only spaces,
	// and a full diff keeps those equal.
	text := func(word string, n int) string {
		return strings.Repeat(word+" ", n/2) + word
	}
	half := MaxTokens / 2
	long := text("p", 3*MaxTokens+1)
	tests := []struct {
		name        string
		a, b        string
		wantReplace bool
	}{
		{"at the bound", text("p", half-1), text("q", half+1), false},
		{"over the bound", text("p", half+1), text("q", half+1), true},
		{"long but close", long + " alpha beta", long + " gamma delta", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			edits := Diff(tc.a, tc.b)
			checkEdits(t, tc.a, tc.b, edits)
			var ops []Op
			for _, e := range edits {
				if e.Op != OpEqual {
					ops = append(ops, e.Op)
				}
			}
			replaced := reflect.DeepEqual(ops, []Op{OpDelete, OpInsert})
			if replaced != tc.wantReplace {
				t.Errorf("%d changed edits (replace = %v), want replace = %v", len(ops), replaced, tc.wantReplace)
			}
		})
	}
}

// clausePairs are realistic old/new clause texts for fuzz seeds and
// benchmarks.
var clausePairs = [][2]string{
	{"Ukraine's armed forces are capped at 600,000 personnel.",
		"Ukraine's military capped at 800,000 in peacetime."},
	{"Ukraine holds elections within 100 days.", "Ukraine holds elections as soon as possible after signing."},
	{"$100bn of frozen Russian funds go into US-led efforts to rebuild and invest in Ukraine.",
		"Several funds for economic recovery, rebuilding damaged regions and humanitarian needs, aiming to raise $800bn."},
	{"The Zaporizhzhia NPP is restarted under IAEA supervision and its output is split equally between Russia and Ukraine.",
		"ZNPP run jointly by Ukraine, the US and Russia, one-third each (33/33/33), with the US as chief manager."},
	{"The US, NATO and European signatories give guarantees mirroring Article 5.",
		"US guarantee that mirrors Art. 5, with the US compensated."},
	{"US-floated compromise: a demilitarised zone with matching pull-backs (5, 10 or 40 km).",
		"A 60-day pause; pull-backs of 5/10/40 km under Ukrainian administration."},
	{"Україна проводить вибори протягом 100 днів.", "Україна проводить вибори якнайшвидше після підписання."},
}

func FuzzWordDiff(f *testing.F) {
	for _, p := range clausePairs {
		f.Add(p[0], p[1])
	}
	for _, tc := range diffCases {
		if !strings.HasPrefix(tc.name, "long_") { // they would slow every fuzz run
			f.Add(tc.a, tc.b)
		}
	}
	f.Add("\xe9", "0") // go-diff's own round trip breaks on this (style §3.1.6)
	f.Fuzz(func(t *testing.T, a, b string) {
		// No skipping invalid UTF-8: go-diff only ever sees token codes, and
		// edits are slices of a and b, so even invalid bytes round-trip.
		edits := Diff(a, b)
		checkEdits(t, a, b, edits)
		if again := Diff(a, b); !reflect.DeepEqual(again, edits) {
			t.Fatalf("two runs differ:\n%q\n%q", edits, again)
		}
		checkEdits(t, a, b, Coalesce(edits))
		if s := Similarity(edits); !(s >= 0 && s <= 1) {
			t.Errorf("Similarity = %v, want within [0, 1]", s)
		}
		checkFigures(t, a, b, Figures(edits))
	})
}

// benchClause returns an old and a new text of about n tokens each, built
// from clausePairs, so that the new one differs in every clause.
func benchClause(n int) (string, string) {
	var a, b strings.Builder
	for i := 0; ; i++ {
		p := clausePairs[i%len(clausePairs)]
		if len(Tokenize(a.String())) >= n {
			return a.String(), b.String()
		}
		if a.Len() > 0 {
			a.WriteByte(' ')
			b.WriteByte(' ')
		}
		a.WriteString(p[0])
		if i%2 == 0 {
			b.WriteString(p[1])
		} else {
			b.WriteString(p[0])
		}
	}
}

// benchOld and benchNew are the common case: one clause of about 30 tokens
// with a figure and a few words changed.
const (
	benchOld = "Ukraine's armed forces are capped at 600,000 personnel, with no distinction between peacetime and wartime."
	benchNew = "Ukraine's armed forces are limited to 800,000 personnel in peacetime, with no distinction between peacetime and wartime."
)

func BenchmarkDiff(b *testing.B) {
	for _, n := range []int{30, 300, 3000} {
		old, nu := benchClause(n)
		if n == 30 {
			old, nu = benchOld, benchNew
		}
		b.Run(fmt.Sprintf("tokens=%d", n), func(b *testing.B) {
			var d Differ
			b.ReportAllocs()
			for b.Loop() {
				d.Diff(old, nu)
			}
		})
		if n == 30 {
			b.Run("tokens=30/fresh-Differ", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					Diff(old, nu)
				}
			})
			b.Run("tokens=30/identical", func(b *testing.B) {
				var d Differ
				b.ReportAllocs()
				for b.Loop() {
					d.Diff(old, old)
				}
			})
		}
	}
}
