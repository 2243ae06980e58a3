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
