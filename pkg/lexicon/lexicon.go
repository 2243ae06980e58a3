// Package lexicon knows which English words and phrases of negotiated texts
// mean the same or nearly the same: a Snowball (Porter2) stemmer, a table of
// synonyms, direct hypernyms and derivational families generated from
// WordNet 3.0 (wordnet.txt, see wngen), and a small hand-curated table of
// domain phrases WordNet lacks (domain.txt).
//
// Words and phrases are looked up by their stems, so "troops" and "troop",
// or "verified" and "verify", find the same entry. Each entry is a sorted
// list of concepts, each with a relation kind; two entries are related when
// they share a concept, and Relate says how closely:
//
//   - RelDerived: the same derivational family in WordNet (verify,
//     verification; Ukraine, Ukrainian; recognise, recognition);
//   - RelSynonym: members of one WordNet synset (truce, ceasefire), or of one
//     group of the domain table (Kyiv, Ukraine; fighting stops, ceasefire);
//   - RelHypernym: one is a direct hypernym of the other in WordNet
//     (guarantee, assurance).
//
// The tables are read once, on first use, and never change afterwards.
package lexicon

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

//go:generate go run ./wngen -dict /usr/share/wordnet -o wordnet.txt

// Stem returns the Snowball (Porter2) stem of an English word, lower-cased.
// Stop words ("the", "will", "not"...) come back lower-cased and unstemmed,
// as do words of other scripts, which the English stemmer would mangle.
func Stem(word string) string {
	for i := 0; i < len(word); i++ {
		if word[i] >= utf8.RuneSelf {
			return strings.ToLower(word)
		}
	}
	return english.Stem(word, false)
}

// IsStopWord reports a lower-case English function word ("the", "of",
// "will", "shall"...): such words carry no meaning of their own for pairing
// clauses, so they get no lexicon entry.
func IsStopWord(word string) bool {
	return english.IsStopWord(word) || extraStop[word]
}

// extraStop adds function words of legal and diplomatic English that the
// Snowball list lacks.
var extraStop = map[string]bool{
	"shall": true, "must": true, "may": true, "might": true, "also": true, "upon": true,
	"within": true, "without": true, "among": true, "amongst": true, "per": true, "via": true,
}

// Words splits s into lower-case words as the aligner reads them: runs of
// letters and digits; an apostrophe inside a word joins its parts, except a
// possessive 's, which is dropped; anything else (hyphens included) parts
// words.
func Words(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case (r == '\'' || r == '’') && b.Len() > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			if (rs[i+1] == 's' || rs[i+1] == 'S') && (i+2 == len(rs) || !unicode.IsLetter(rs[i+2]) && !unicode.IsDigit(rs[i+2])) {
				i++ // possessive
				flush()
			}
		default:
			flush()
		}
	}
	flush()
	return out
}
