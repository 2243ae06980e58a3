package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitizeTerminal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want, wantLine string
	}{
		{"plain ASCII", "Ukraine's army: 600,000.", "Ukraine's army: 600,000.", "Ukraine's army: 600,000."},
		{"newline kept", "a\nb", "a\nb", "a b"},
		{"CRLF", "a\r\nb", "a\nb", "a b"},
		{"CR overwrite shows both halves", "safe\rEVIL", "safe\nEVIL", "safe EVIL"},
		{"tab", "a\tb", "a b", "a b"},
		{"SGR colour", "\x1b[31mRED\x1b[0m", "[31mRED[0m", "[31mRED[0m"},
		{"CSI cursor movement and erase", "x\x1b[2J\x1b[1;1Hy\x1b[K", "x[2J[1;1Hy[K", "x[2J[1;1Hy[K"},
		{"CSI with private parameters", "\x1b[?25lhidden cursor", "[?25lhidden cursor", "[?25lhidden cursor"},
		{"OSC 8 hyperlink", "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\", "]8;;http://evil.example\\click]8;;\\", "]8;;http://evil.example\\click]8;;\\"},
		{"OSC 52 clipboard, BEL-terminated", "a\x1b]52;c;Y3VybCBldmlsfHNo\x07b", "a]52;c;Y3VybCBldmlsfHNob", "a]52;c;Y3VybCBldmlsfHNob"},
		{"OSC title", "\x1b]0;pwned\x07title", "]0;pwnedtitle", "]0;pwnedtitle"},
		{"unterminated OSC hides nothing", "a\x1b]0;no end", "a]0;no end", "a]0;no end"},
		{"ESC inside OSC", "\x1b]0;x\x1b[31mred", "]0;x[31mred", "]0;x[31mred"},
		{"DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "aPq#0;2;0;0;0\\b", "aPq#0;2;0;0;0\\b"},
		{"APC", "a\x1b_payload\x1b\\b", "a_payload\\b", "a_payload\\b"},
		{"charset designation", "\x1b(0lqk\x1b(B", "(0lqk(B", "(0lqk(B"},
		{"two-character ESC", "\x1bcreset", "creset", "creset"},
		{"lone ESC at end", "x\x1b", "x", "x"},
		{"ESC before non-ASCII", "x\x1bé", "xé", "xé"},
		{"8-bit CSI", "\u009b31mred", "31mred", "31mred"},
		{"8-bit CSI hides nothing", "a\u009b b GH-123 c", "a b GH-123 c", "a b GH-123 c"},
		{"unterminated 8-bit OSC hides nothing", "C1:\u009d the rest\nnext line", "C1: the rest\nnext line", "C1: the rest next line"},
		{"8-bit OSC with ST", "\u009d0;t\u009cok", "0;tok", "0;tok"},
		{"other C1", "a\u0085b\u008db", "abb", "abb"},
		{"BEL", "ding\x07", "ding", "ding"},
		{"backspace", "abc\b\b\bxyz", "abcxyz", "abcxyz"},
		{"NUL and DEL", "a\x00b\x7fc", "abc", "abc"},
		{"bidi override", "abc\u202edcba\u202c", "abcdcba", "abcdcba"},
		{"bidi isolates", "\u2066x\u2067y\u2068z\u2069", "xyz", "xyz"},
		{"bidi marks kept", "a\u200fb\u200e", "a\u200fb\u200e", "a\u200fb\u200e"},
		{"line separators", "a\u2028b\u2029c", "a\nb\nc", "a b c"},
		{"invalid UTF-8", "a\xffb\xc3", "a\ufffdb\ufffd", "a\ufffdb\ufffd"},
		{"non-ASCII kept", "Зеленський 習近平 👍🏽", "Зеленський 習近平 👍🏽", "Зеленський 習近平 👍🏽"},
		{"zero-width joiner kept", "👩\u200d👩", "👩\u200d👩", "👩\u200d👩"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SanitizeTerminal(tc.in); got != tc.want {
				t.Errorf("SanitizeTerminal(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got := SanitizeTerminalLine(tc.in); got != tc.wantLine {
				t.Errorf("SanitizeTerminalLine(%q) = %q, want %q", tc.in, got, tc.wantLine)
			}
		})
	}
}

// checkTerminalSafe fails if s holds anything a terminal would interpret.
func checkTerminalSafe(t testing.TB, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s: invalid UTF-8 in %q", what, s)
	}
	for _, r := range s {
		if (r < 0x20 && r != '\n') || (r >= 0x7f && r < 0xa0) || isBidiControl(r) || r == '\u2028' || r == '\u2029' {
			t.Errorf("%s: control %U in %q", what, r, s)
			return
		}
	}
}

func FuzzSanitizeTerminal(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := SanitizeTerminal(s)
		checkTerminalSafe(t, "SanitizeTerminal", got)
		line := SanitizeTerminalLine(s)
		checkTerminalSafe(t, "SanitizeTerminalLine", line)
		if strings.Contains(line, "\n") {
			t.Errorf("SanitizeTerminalLine(%q) = %q keeps a line break", s, line)
		}
		hidesNothing(t, "SanitizeTerminal", s, got, "")
		hidesNothing(t, "SanitizeTerminalLine", s, line, "")
		if again := SanitizeTerminal(got); again != got {
			t.Errorf("not idempotent: %q -> %q -> %q", s, got, again)
		}
	})
}

func TestDisplayWidth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"Київ", 4},
		{"e\u0301", 1}, // e + combining acute
		{"習近平", 6},
		{"ｆｕｌｌ", 8}, // fullwidth Latin
		{"한국", 4},
		{"👍", 2},
		{"a\u200db", 2}, // zero-width joiner
		{"\u00ad", 1},   // soft hyphen: one column, as wcwidth has it
		{"→", 1},
		{"\ufffd", 1},
	}
	for _, tc := range tests {
		if got := DisplayWidth(tc.in); got != tc.want {
			t.Errorf("DisplayWidth(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// hidesNothing fails unless every printable character of in (controls,
// bidi controls, separators and white space aside, and those in skip, which
// the output escapes) appears in out, in order: a sanitiser may drop control
// characters, never the text after them (issue 12).
func hidesNothing(t testing.TB, what, in, out, skip string) {
	t.Helper()
	rest := out
	for _, r := range in {
		if r < 0x20 || r >= 0x7f && r < 0xa0 || isBidiControl(r) || r == utf8.RuneError ||
			r == '\u2028' || r == '\u2029' || r == ' ' || strings.ContainsRune(skip, r) {
			continue
		}
		i := strings.IndexRune(rest, r)
		if i < 0 {
			t.Errorf("%s(%q) = %q: %q or what follows it is hidden", what, in, out, r)
			return
		}
		rest = rest[i+utf8.RuneLen(r):]
	}
}

func TestSanitizersHideNothing(t *testing.T) {
	t.Parallel()
	ins := append([]string{
		"a\u009b b GH-123 c",
		"C1:\u009b\u009c\u009d NEL:\u0085 DEL:\u007f RLO:\u202e LRI:\u2066 rest",
		"unterminated \u009d0;title and the rest",
		"\x1b]0;unterminated ESC OSC and the rest",
		"\x1bP dcs \u0090 dcs8 \u0098 sos \u009e pm \u009f apc: all shown",
	}, hostileStrings...)
	for _, in := range ins {
		hidesNothing(t, "SanitizeTerminal", in, SanitizeTerminal(in), "")
		hidesNothing(t, "SanitizeTerminalLine", in, SanitizeTerminalLine(in), "")
		// Markdown writes <, > and & as entities.
		hidesNothing(t, "MarkdownText", in, MarkdownText(in), "<>&")
	}
}
