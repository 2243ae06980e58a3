package render

import "testing"

func TestMarkdownText(t *testing.T) {
	for in, want := range map[string]string{
		"plans/us-28-draft.yaml":   "plans/us-28-draft.yaml",
		"a|b*c_[x](y)":             `a\|b\*c\_\[x\](y)`,
		"<img src=x>\nline two":    "&lt;img src=x&gt; line two",
		"@everyone see #12":        "@&#8288;everyone see \\#&#8288;12",
		"x\x1b[31mred":             "x\\[31mred",
		"a\u009b b GH-123 c":       "a b GH-&#8288;123 c",
		"a\u009dhidden? no":        "ahidden? no",
		"https://example.org/?a=1": "https&#8288;://example.org/?a=1",
		"two  spaces\tand a tab":   "two spaces and a tab",
	} {
		if got := MarkdownText(in); got != want {
			t.Errorf("MarkdownText(%q) = %q, want %q", in, got, want)
		}
	}
}
