package lineage

import (
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
)

// wordDiff compares two clause texts as a step change would.
func wordDiff(a, b string) ([]words.Edit, []words.Figure, float64) {
	edits := words.Diff(a, b)
	return nonNil(edits), nonNil(words.Figures(edits)), diff.RoundSimilarity(words.Similarity(edits))
}
