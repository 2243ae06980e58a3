// Package wordrun measures how closely a clause's wording follows a source:
// the longest run of consecutive words that the clause text shares with a
// page of reference text. The corpus rule is that clause text is the
// project's own wording, so a long shared run (12 words or more) marks a
// sentence taken over from an article rather than a fact restated.
//
// Words are the word tokens of words.Tokenize (so 600,000 and Ukraine's stay
// one word each), compared case-insensitively with typographic apostrophes,
// quotes and dashes folded to their ASCII forms; punctuation and white space
// between words are ignored, so a run survives a changed comma or a line
// break but not a changed word.
package wordrun

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/diff/words"
)

// Page is a reference text, named for the report (a file name, a URL).
type Page struct {
	Name string
	Text string
}

// Match is the longest run found: its length in words, the words as they
// read in the clause, and the page that shares them. The zero Match means
// no word in common.
type Match struct {
	Len   int
	Words string
	Page  string
}

// Words returns the normalised words of s, in order.
func Words(s string) []string {
	var out []string
	for _, t := range words.Tokenize(s) {
		r, _ := utf8.DecodeRuneInString(t)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Sc, r) {
			continue
		}
		out = append(out, fold(t))
	}
	return out
}

// folder maps typographic variants onto the forms most copies use, so that
// a run is not broken by a curly apostrophe one copy has and the other lacks.
var folder = strings.NewReplacer("’", "'", "‘", "'", "‐", "-", "‑", "-", "–", "-", "—", "-")

func fold(t string) string { return strings.ToLower(folder.Replace(t)) }

// Longest returns the longest run of consecutive words that text shares with
// any of pages. Ties go to the page listed first, then to the earliest run
// in text, so the result is deterministic.
func Longest(text string, pages []Page) Match {
	a := Words(text)
	raw := rawWords(text)
	var best Match
	for _, p := range pages {
		n, end := longestCommon(a, Words(p.Text))
		if n > best.Len {
			best = Match{Len: n, Words: strings.Join(raw[end-n:end], " "), Page: p.Name}
		}
	}
	return best
}

// rawWords is Words without the folding, so a match can be quoted as the
// clause writes it.
func rawWords(s string) []string {
	var out []string
	for _, t := range words.Tokenize(s) {
		r, _ := utf8.DecodeRuneInString(t)
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Sc, r) {
			out = append(out, t)
		}
	}
	return out
}

// longestCommon returns the length of the longest common run of a and b and
// the index in a just past its first occurrence. It keeps one row of the
// classic dynamic programme, so memory is O(len(b)).
func longestCommon(a, b []string) (n, end int) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
				if cur[j] > n {
					n, end = cur[j], i
				}
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	return n, end
}
