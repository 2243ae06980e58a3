package words

import (
	"slices"
	"testing"
)

// TestFigureExtractorReused: one extractor over many texts gives what
// ExtractFigures gives for each, whatever it read before.
func TestFigureExtractorReused(t *testing.T) {
	texts := []string{
		"Ukraine's army is capped at 600,000 troops within 100 days.",
		"no figure here",
		"",
		"$100bn of frozen assets, 50 per cent to the US, from 1 March 2026 to 2027.",
		"six hundred thousand, then Article 5 and point 14.3",
		"60-100 days",
		"a",
	}
	var x FigureExtractor
	for round := range 2 {
		for _, s := range texts {
			want := ExtractFigures(s)
			got := x.Extract(s)
			if !slices.Equal(got, want) || (got == nil) != (want == nil) {
				t.Errorf("round %d: Extract(%q) = %q, want %q", round, s, got, want)
			}
		}
	}
	if len(ExtractFigures(texts[0])) == 0 {
		t.Fatal("the test text holds no figure")
	}
}
