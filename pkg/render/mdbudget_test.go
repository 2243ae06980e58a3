package render

import (
	"bytes"
	"strings"
	"testing"
)

// TestMarkdownMaxBytes: a diff larger than MaxBytes keeps its header, its
// counts and every change's heading, folds bodies into <details> while they
// fit, and says how many changes were shortened; one that fits is byte for
// byte what it is without a bound.
func TestMarkdownMaxBytes(t *testing.T) {
	t.Parallel()
	big := testChanged(t, "plans/big.yaml", 400).Result
	var whole bytes.Buffer
	if err := Markdown(&whole, big, MarkdownOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{GitHubCommentLimit, 30000, whole.Len() - 1} {
		var out bytes.Buffer
		if err := Markdown(&out, big, MarkdownOptions{MaxBytes: limit}); err != nil {
			t.Fatal(err)
		}
		md := out.String()
		if out.Len() > limit {
			t.Errorf("%d: %d bytes", limit, out.Len())
		}
		if n := strings.Count(md, "\n### Modified: "); n != 400 {
			t.Errorf("%d: %d headings, want 400", limit, n)
		}
		if !strings.Contains(md, "| modified |") || !strings.Contains(md, "## plandiff: ") {
			t.Errorf("%d: header or counts missing", limit)
		}
		folded := strings.Count(md, "<details><summary>Redline, figures and sources</summary>")
		if folded == 0 || folded == 400 {
			t.Errorf("%d: %d of 400 bodies kept; want some, not all", limit, folded)
		}
		if !strings.Contains(md, "changes are shortened to their heading") ||
			!strings.Contains(md, "plandiff diff --format markdown --max-bytes 0") {
			t.Errorf("%d: no note on shortened changes", limit)
		}
		if strings.Count(md, "<details>") != strings.Count(md, "</details>") {
			t.Errorf("%d: unbalanced <details>", limit)
		}
	}
	var fits bytes.Buffer
	if err := Markdown(&fits, big, MarkdownOptions{MaxBytes: whole.Len()}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fits.Bytes(), whole.Bytes()) {
		t.Error("a report within the bound differs from the unbounded one")
	}
}
