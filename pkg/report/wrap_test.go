package report

import "testing"

func TestWrap(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"  one two three four", 12, "  one two\n      three\n      four"},
		{"short", 10, "short"},
		{"  \x1b[31mred\x1b[0m words here", 12, "  \x1b[31mred\x1b[0m words\n      here"},
		{"a https://example.org/very/long/url b", 10, "a\n    https://example.org/very/long/url\n    b"},
		{"first line\n  second line is longer", 15, "first line\n  second line\n      is longer"},
	}
	for _, tc := range tests {
		if got := wrap(tc.in, tc.width); got != tc.want {
			t.Errorf("wrap(%q, %d) =\n%q\nwant\n%q", tc.in, tc.width, got, tc.want)
		}
	}
}

// TestCleanHidesNothing: the HTML report's cleaning drops control
// characters one by one and keeps the text after them (issue 12).
func TestCleanHidesNothing(t *testing.T) {
	for in, want := range map[string]string{
		"a\u009b b GH-123 c":              "a b GH-123 c",
		"C1:\u009d the rest":              "C1: the rest",
		"x\x1b]0;title\x07 y \u202ez":     "x]0;title y z",
		"\x1b[31mred\x1b[0m and \u2066on": "[31mred[0m and on",
	} {
		if got := cleanText(in); got != want {
			t.Errorf("cleanText(%q) = %q, want %q", in, got, want)
		}
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}
