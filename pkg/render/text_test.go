package render

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

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
		if w := DisplayWidth(line); w > width && len(strings.Fields(line)) > 1 {
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

// TestTextWrapKeepsWords wraps the fixtures at many widths: lines fit, and
// the words are those of the unwrapped report, in the same order.
func TestTextWrapKeepsWords(t *testing.T) {
	t.Parallel()
	cjk := allKinds()
	cjk.Changes[1].Edits = append(cjk.Changes[1].Edits,
		eq(" 乌克兰武装部队的规模将限制在六十万人。"), ins("한국어 텍스트도 있습니다 👍🏽 and e\u0301 combining"))
	for _, fx := range append(fixtures, fixture{"cjk", func() *diff.Result { return cjk }}) {
		for _, color := range []bool{false, true} {
			full := renderText(t, fx.result(), TextOptions{Color: color, ShowUnchanged: true})
			for _, width := range []int{1, 10, 25, 40, 60, 80, 120} {
				out := renderText(t, fx.result(), TextOptions{Color: color, Width: width, ShowUnchanged: true})
				checkWrapped(t, out, width)
				checkTextOutput(t, out, color)
				if got, want := strings.Fields(ownSGR.ReplaceAllString(out, "")),
					strings.Fields(ownSGR.ReplaceAllString(full, "")); strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("%s color=%v width=%d: wrapping changed the words", fx.name, color, width)
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
	plain := renderText(t, allKinds(), TextOptions{})
	color := renderText(t, allKinds(), TextOptions{Color: true})
	all := renderText(t, allKinds(), TextOptions{ShowUnchanged: true})
	for _, tc := range []struct {
		name, out, want string
	}{
		{"redline markers", plain, "[-limited to 600,000 personnel-]{+kept at 800,000 personnel in peacetime+}"},
		{"redline colours", color, sgrDel + "limited to 600,000 personnel" + sgrReset + " " + sgrIns + "kept at 800,000"},
		{"numbers and flag", plain, "~ modified  6 → 4  renumbered  [military]"},
		{"moved", plain, "= unchanged  2 → 3  moved  renumbered"},
		{"figures", plain, "figures      600,000 → 800,000"},
		{"figure only in old", plain, "100 days → none"},
		{"pairing", plain, "paired by    content similarity 0.56"},
		{"pairing by id", plain, "paired by    same clause id (similarity 0.71)"},
		{"confidence delta", plain, "confidence   confirmed → reported"},
		{"proposer delta", plain, "proposed by  United States → Ukraine, United States"},
		{"status delta", plain, "status       none → bracketed"},
		{"removed entry", plain, "evidence     reported removed by ABC News (entry amnesty in framework-20)"},
		{"unreported", plain, "absence is not removal"},
		{"partial flagged", plain, "PARTIAL, reported"},
		{"summary", plain, "2 unchanged, 2 modified, 1 merged, 1 split, 1 added, 1 removed (reported), 0 absent from a complete text, 1 unreported; 2 moved"},
		{"removal heading", plain, "- removed (reported)  26  [amnesty]"},
		{"unresolved source", plain, "missing-source (not listed in the version's sources)"},
		{"source detail", plain, "ABC News (2025-12-25, quotes)"},
		{"unchanged shown on request", all, "= unchanged  1 → 1  [sovereignty]"},
	} {
		if !strings.Contains(tc.out, tc.want) {
			t.Errorf("%s: output lacks %q", tc.name, tc.want)
		}
	}
	if strings.Contains(plain, "[sovereignty]") {
		t.Error("an unchanged clause that did not move is listed without ShowUnchanged")
	}
	if strings.Contains(plain, "\x1b") {
		t.Error("escape sequence without colour")
	}
	if out := renderText(t, completeNew(), TextOptions{}); !strings.Contains(out, "not in framework-20, a complete version") {
		t.Errorf("removal by absence not explained:\n%s", out)
	}
	if out := renderText(t, noDifferences(), TextOptions{}); !strings.HasSuffix(out, "\nno differences\n\n1 unchanged clause not shown\n") {
		t.Errorf("no-differences report:\n%s", out)
	}
}
