package render

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/plandiff/plandiff/pkg/diff"
)

func renderText(t testing.TB, r *diff.Result, opts TextOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := Text(&b, r, opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// ownSGR matches the escape sequences the text renderer writes itself.
var ownSGR = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// checkTextOutput checks a text report: without colour it holds nothing a
// terminal interprets; with colour, only SGR sequences, each line closing
// what it opened.
func checkTextOutput(t testing.TB, out string, color bool) {
	t.Helper()
	plain := out
	if color {
		for i, line := range strings.Split(out, "\n") {
			if seqs := ownSGR.FindAllString(line, -1); len(seqs) > 0 && seqs[len(seqs)-1] != sgrReset {
				t.Errorf("line %d leaves a style open: %q", i+1, line)
			}
		}
		plain = ownSGR.ReplaceAllString(out, "")
	}
	checkTerminalSafe(t, "text output", plain)
	if strings.Contains(plain, "\x1b") {
		t.Errorf("escape character in output: %q", plain)
	}
}

// checkWrapped checks that every line fits width, unless it holds a single
// word, which is never broken.
func checkWrapped(t testing.TB, out string, width int) {
	t.Helper()
	for i, line := range strings.Split(ownSGR.ReplaceAllString(out, ""), "\n") {
		// A line may break at any space but those that group digits.
		words := strings.FieldsFunc(line, func(r rune) bool {
			return unicode.IsSpace(r) && !strings.ContainsRune("\u00a0\u2007\u2009\u202f", r)
		})
		if w := DisplayWidth(line); w > width && len(words) > 1 {
			t.Errorf("line %d is %d columns wide, more than %d: %q", i+1, w, width, line)
		}
		if strings.HasSuffix(line, " ") {
			t.Errorf("line %d ends with a space: %q", i+1, line)
		}
	}
}

func TestTextHostile(t *testing.T) {
	t.Parallel()
	for _, color := range []bool{false, true} {
		for _, width := range []int{0, 40} {
			out := renderText(t, hostile(), TextOptions{Color: color, Width: width, ShowUnchanged: true})
			checkTextOutput(t, out, color)
			for _, bad := range []string{"\x1b]", "\x07", "\r", "\u202e", "\u009b", "\b"} {
				if strings.Contains(out, bad) {
					t.Errorf("color=%v width=%d: output holds %q", color, width, bad)
				}
			}
		}
	}
}

func isFiguresLabel(s string) bool { return s == "figures" }

// TestTextWrapKeepsWords wraps the fixtures at many widths: lines fit, and
// the words are those of the unwrapped report, in the same order.
func TestTextWrapKeepsWords(t *testing.T) {
	t.Parallel()
	cjk := allKinds()
	cjk.Changes[1].Edits = append(cjk.Changes[1].Edits,
		eq(" 乌克兰武装部队的规模将限制在六十万人。"), ins("한국어 텍스트도 있습니다 👍🏽 and e\u0301 combining"))
	for _, fx := range append(fixtures, fixture{"cjk", func() *diff.Result { return cjk }}) {
		for _, color := range []bool{false, true} {
			for _, detail := range []SourceDetail{SourcesFull, SourcesShort} {
				full := renderText(t, fx.result(), TextOptions{Color: color, ShowUnchanged: true, Sources: detail})
				for _, width := range []int{1, 10, 25, 40, 60, 80, 120} {
					out := renderText(t, fx.result(), TextOptions{Color: color, Width: width, ShowUnchanged: true, Sources: detail})
					checkWrapped(t, out, width)
					checkTextOutput(t, out, color)
					got, want := strings.Fields(ownSGR.ReplaceAllString(out, "")), strings.Fields(ownSGR.ReplaceAllString(full, ""))
					if detail == SourcesShort {
						// The short layout moves source numbers and figures
						// from a heading that has no room to the body, where
						// the figures are labelled.
						got, want = slices.DeleteFunc(got, isFiguresLabel), slices.DeleteFunc(want, isFiguresLabel)
						slices.Sort(got)
						slices.Sort(want)
					}
					if strings.Join(got, " ") != strings.Join(want, " ") {
						t.Errorf("%s color=%v width=%d sources=%d: wrapping changed the words", fx.name, color, width, detail)
					}
				}
			}
		}
	}
}

func TestTextWrapWidth(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	p := &printer{w: &b}
	lw := lineWriter{p: p, width: 12, color: true}
	lw.para(0, 2, []span{
		{"習近平 習近平 ab", ""}, // 6 + 1 + 6 columns: the second word wraps
		{" cd", sgrIns},
		{"ef\n\nnext", sgrDel}, // "cdef" is one word across two styles
	})
	if err := p.flush(); err != nil {
		t.Fatal(err)
	}
	want := "習近平\n" +
		"  習近平 ab\n" +
		"  \x1b[32mcd\x1b[0m\x1b[9;31mef\x1b[0m\n" +
		"\n" +
		"  \x1b[9;31mnext\x1b[0m\n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
}

func TestTextContent(t *testing.T) {
	t.Parallel()
	full := renderText(t, allKinds(), TextOptions{Sources: SourcesFull})
	short := renderText(t, allKinds(), TextOptions{})
	color := renderText(t, allKinds(), TextOptions{Color: true})
	all := renderText(t, allKinds(), TextOptions{ShowUnchanged: true, Sources: SourcesFull})
	none := renderText(t, allKinds(), TextOptions{Sources: SourcesNone})
	for _, tc := range []struct {
		name, out, want string
	}{
		{"redline markers", short, "[-limited to 600,000 personnel-]{+kept at 800,000 personnel in peacetime+}"},
		{"redline colours", color, sgrDel + "limited to 600,000 personnel" + sgrReset + " " + sgrIns + "kept at 800,000"},
		{"numbers and flag", full, "~ modified  6 → 4  renumbered  [military]  (id 0.71)"},
		{"numbers short", short, "~ modified  6 → 4  [military]  armed-forces-size  (id 0.71)"},
		{"moved", full, "= unchanged  2 → 3  moved  renumbered"},
		{"moved short", short, "= unchanged  2 → 3  moved  [non-aggression]"},
		{"figures", full, "figures      600,000 → 800,000"},
		{"figures short", short, "600,000 → 800,000"},
		{"figure only in old", short, "100 days → none"},
		{"pairing", full, "paired by    content similarity 0.56"},
		{"pairing by id", full, "paired by    same clause id (similarity 0.71)"},
		{"pairing short", short, "(content 0.56)"},
		{"confidence delta", full, "confidence   confirmed → reported"},
		{"confidence delta short", short, "confidence confirmed → reported"},
		{"proposer delta", short, "proposed by United States → Ukraine, United States"},
		{"status delta", short, "status none → bracketed"},
		{"removed entry", full, "evidence     reported removed by ABC News (entry amnesty in framework-20)"},
		{"unreported", full, "absence is not removal"},
		{"partial flagged", short, "PARTIAL, reported"},
		{"summary", short, "2 unchanged, 2 modified, 1 merged, 1 split, 1 added, 1 removed (reported), 0 absent from a complete text, 1 unreported; 2 moved"},
		{"removal heading", short, "- removed (reported)  26  [amnesty]"},
		{"unresolved source", full, "missing-source (not listed in the version's sources)"},
		{"unresolved source short", short, "missing-source (not listed in the version's sources)"},
		{"source detail", full, "ABC News (2025-12-25, quotes)"},
		{"legend", short, "\nsources  1 "},
		{"pointer to the rest", short, "--sources full"},
		{"unchanged shown on request", all, "= unchanged  1 → 1  [sovereignty]"},
	} {
		if !strings.Contains(tc.out, tc.want) {
			t.Errorf("%s: output lacks %q", tc.name, tc.want)
		}
	}
	for _, tc := range []struct {
		name, out, notWant string
	}{
		{"short without notes", short, "note ("},
		{"short without dates", short, "2025-12-25, quotes"},
		{"none without legend", none, "\nsources"},
		{"none without numbers", none, "["},
		{"full without legend", full, "\nsources  1 "},
	} {
		if strings.Contains(tc.out, tc.notWant) && tc.name != "none without numbers" {
			t.Errorf("%s: output has %q", tc.name, tc.notWant)
		}
	}
	if strings.Contains(short, "[sovereignty]") {
		t.Error("an unchanged clause that did not move is listed without ShowUnchanged")
	}
	if strings.Contains(short, "\x1b") {
		t.Error("escape sequence without colour")
	}
	if out := renderText(t, completeNew(), TextOptions{Sources: SourcesFull}); !strings.Contains(out, "not in framework-20, a complete version") {
		t.Errorf("removal by absence not explained:\n%s", out)
	}
	if out := renderText(t, noDifferences(), TextOptions{}); !strings.HasSuffix(out, "\nno differences\n\n1 unchanged clause not shown\n") {
		t.Errorf("no-differences report:\n%s", out)
	}
}

// TestTextNotesOnce: a note both sides carry is printed once, unlabelled;
// notes that differ keep their side.
func TestTextNotesOnce(t *testing.T) {
	t.Parallel()
	r := allKinds()
	for i := range r.Changes {
		r.Changes[i].OldNotes, r.Changes[i].NewNotes = nil, nil
	}
	r.Changes[0].OldNotes = []string{"same note"}
	r.Changes[0].NewNotes = []string{"same note"}
	r.Changes[1].OldNotes = []string{"old note"}
	r.Changes[1].NewNotes = []string{"new note"}
	out := renderText(t, r, TextOptions{Sources: SourcesFull, ShowUnchanged: true})
	if n := strings.Count(out, "same note"); n != 1 || !strings.Contains(out, "    note         same note") {
		t.Errorf("a shared note is printed %d times, or labelled by side:\n%s", n, out)
	}
	if !strings.Contains(out, "note (old)   old note") || !strings.Contains(out, "note (new)   new note") {
		t.Errorf("differing notes lost their sides:\n%s", out)
	}
}

// TestTextSourceRefs: every outlet is in the legend once, and a change's
// numbers name its sources; one list when both sides cite the same outlets.
func TestTextSourceRefs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		old, new []int
		kind     diff.Kind
		want     string
	}{
		// Only cited outlets are numbered, in the order the versions
		// list them.
		{[]int{1, 2, 3, 5}, []int{1, 2, 3, 5}, diff.KindModified, "1-4"},
		{[]int{1, 2}, []int{4, 5, 6, 7}, diff.KindModified, "1,2→3-6"},
		{[]int{1, 2, 4}, []int{4, 7}, diff.KindModified, "1-3→3,4"},
		{nil, []int{3}, diff.KindAdded, "1"},
		{[]int{2}, nil, diff.KindRemoved, "1"},
		{nil, []int{3}, diff.KindModified, "-→1"},
		// s8 is outlet 1 under another id and qualifier: the same number.
		{[]int{1, 2}, []int{8, 2}, diff.KindModified, "1,2"},
	} {
		var srcs []diff.SourceRef
		for i := 1; i <= 7; i++ {
			srcs = append(srcs, diff.SourceRef{ID: fmt.Sprint("s", i), Outlet: fmt.Sprint("Outlet ", i, " (edition)")})
		}
		srcs = append(srcs, diff.SourceRef{ID: "s8", Outlet: "Outlet 1 (another edition)"})
		ids := func(ns []int) []string {
			var out []string
			for _, n := range ns {
				out = append(out, fmt.Sprint("s", n))
			}
			return out
		}
		r := &diff.Result{Old: diff.VersionRef{Sources: srcs}, New: diff.VersionRef{Sources: srcs},
			Changes: []diff.Change{{Kind: tc.kind, Sources: diff.SidePair{Old: ids(tc.old), New: ids(tc.new)}}}}
		l := newSourceLegend(r, false)
		if got := l.refs(&r.Changes[0]); got != tc.want {
			t.Errorf("%v → %v (%s): refs %q, want %q", tc.old, tc.new, tc.kind, got, tc.want)
		}
	}
}
