package words

import (
	"math"
	"testing"
)

func TestSimilarity(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want float64
	}{
		{"identical", "Ukraine's sovereignty is reaffirmed.", "Ukraine's sovereignty is reaffirmed.", 1},
		{"both empty", "", "", 1},
		{"one empty", "", "Ukraine holds elections.", 0},
		{"nothing shared", "Sanctions relief.", "Elections soon.", 0},
		// 3 of 4 words kept on each side: 2·3 / (2·3 + 1 + 1).
		{"one word replaced", "Ukraine holds elections soon.", "Ukraine holds elections later.", 0.75},
		// 3 words kept, 1 inserted: 2·3 / (2·3 + 1).
		{"one word added", "Ukraine holds elections.", "Ukraine holds elections soon.", 6.0 / 7},
		{"white space only", "The agreement is binding.", "The agreement  is\nbinding. ", 1},
		{"punctuation ignored among words", "Russia, Ukraine and Europe.", "Russia, Ukraine, and Europe;", 1},
		// No words at all: punctuation counts, 1 of 2 kept on each side.
		{"only punctuation", "(!)", "(?)", 2.0 / 3},
		{"only white space", " ", "\n", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Similarity(Diff(tc.a, tc.b))
			if math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("Similarity(Diff(%q, %q)) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
			if back := Similarity(Diff(tc.b, tc.a)); math.Abs(back-got) > 1e-9 {
				t.Errorf("not symmetric: %v one way, %v the other", got, back)
			}
		})
	}
}
