package lexicon

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Rel says how two entries are related; the larger, the closer.
type Rel uint8

const (
	RelNone     Rel = iota
	RelHypernym     // one is a direct hypernym of the other (WordNet)
	RelSynonym      // one WordNet synset, or one group of the domain table
	RelDerived      // one derivational family (WordNet)
)

// Entry is a word or phrase of the lexicon, found by Lookup. The zero Entry
// relates to nothing.
type Entry struct {
	codes []uint32 // concept<<2 | kind, sorted
}

// Concept kinds, in the low bits of a code.
const (
	kindMember   = 0 // member of the concept (synset or domain group)
	kindHyponym  = 1 // hyponym of the concept (the concept is a synset)
	kindDerived  = 2 // member of a derivational family
	kindMask     = 3
	conceptShift = 2
)

// Found reports whether the entry is in the lexicon.
func (e Entry) Found() bool { return len(e.codes) > 0 }

// Concepts appends to dst the concepts the entry is a member of (synsets,
// domain groups and families, not hypernyms): two entries that share one
// are synonyms or of one family, so the aligner can use them as keys to
// find candidates.
func (e Entry) Concepts(dst []uint32) []uint32 {
	for _, c := range e.codes {
		if c&kindMask != kindHyponym {
			dst = append(dst, c>>conceptShift)
		}
	}
	return dst
}

// Codes returns the entry's concept codes, sorted: each holds a concept
// (Concept) and how the entry belongs to it; RelateCodes relates two codes
// of one concept. They let a caller index entries by concept.
func (e Entry) Codes() []uint32 { return e.codes }

// Concept returns the concept of a code.
func Concept(code uint32) uint32 { return code >> conceptShift }

// RelateCodes returns the relation of two entries that hold these codes of
// one concept.
func RelateCodes(x, y uint32) Rel { return relation(x&kindMask, y&kindMask) }

// Relate returns the closest relation between two entries.
func Relate(a, b Entry) Rel {
	best := RelNone
	i, j := 0, 0
	for i < len(a.codes) && j < len(b.codes) {
		ca, cb := a.codes[i]>>conceptShift, b.codes[j]>>conceptShift
		switch {
		case ca < cb:
			i++
		case ca > cb:
			j++
		default:
			// Several codes may share the concept on either side (a member
			// and a hyponym of one synset); compare every combination.
			i2, j2 := i, j
			for i2 < len(a.codes) && a.codes[i2]>>conceptShift == ca {
				i2++
			}
			for j2 < len(b.codes) && b.codes[j2]>>conceptShift == cb {
				j2++
			}
			for _, x := range a.codes[i:i2] {
				for _, y := range b.codes[j:j2] {
					best = max(best, relation(x&kindMask, y&kindMask))
				}
			}
			i, j = i2, j2
		}
	}
	return best
}

func relation(x, y uint32) Rel {
	switch {
	case x == kindDerived && y == kindDerived:
		return RelDerived
	case x == kindMember && y == kindMember:
		return RelSynonym
	case x == kindMember && y == kindHyponym, x == kindHyponym && y == kindMember:
		return RelHypernym
	}
	return RelNone
}

// Lookup returns the entry of a word or phrase given as its stems (see
// Stem), joined by single spaces.
func Lookup(key string) Entry {
	t := table()
	if i, ok := t.index[key]; ok {
		return Entry{t.codes[t.start[i]:t.start[i+1]]}
	}
	return Entry{}
}

// LookupBytes is Lookup for a key held in a byte slice; it does not
// allocate.
func LookupBytes(key []byte) Entry {
	t := table()
	if i, ok := t.index[string(key)]; ok {
		return Entry{t.codes[t.start[i]:t.start[i+1]]}
	}
	return Entry{}
}

// Concepts returns the number of concepts: every concept an Entry returns
// is below it.
func Concepts() int { return int(table().concepts) }

// Phrases returns the keys of the lexicon's phrases (entries of several
// words), sorted.
func Phrases() []string { return table().phrases }

// MaxPhrase is the most words a phrase of the lexicon has.
const MaxPhrase = 4

// PhraseStarts reports whether some phrase of the lexicon starts with the
// stem s, and the most words such a phrase has.
func PhraseStarts(s string) (int, bool) {
	n, ok := table().phraseLen[s]
	return int(n), ok
}

//go:embed wordnet.txt
var wordnetText string

//go:embed domain.txt
var domainText string

type lexTable struct {
	index     map[string]int32 // key → entry number
	start     []int32          // entry i's codes are codes[start[i]:start[i+1]]
	codes     []uint32
	phraseLen map[string]uint8 // first stem of a phrase → most words
	concepts  uint32           // concept ids are below this
	phrases   []string         // keys of several words, sorted
}

// table parses the embedded tables on first use. The result is never
// modified afterwards, so it is safe to share.
var table = sync.OnceValue(func() *lexTable {
	t, err := parseTables(wordnetText, domainText)
	if err != nil {
		panic("lexicon: embedded table: " + err.Error()) // a build defect, caught by the tests
	}
	return t
})

// parseTables reads the WordNet table (lines "key<TAB>codes", codes such as
// s1f, h2, d3 in base 36; # starts a comment) and the domain table (lines
// "phrase | phrase | ...", each line one group of synonyms).
func parseTables(wn, domain string) (*lexTable, error) {
	codes := map[string][]uint32{}
	maxConcept := uint32(0)
	for n, line := range strings.Split(wn, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		key, rest, ok := strings.Cut(line, "\t")
		if !ok || key == "" {
			return nil, errLine("wordnet.txt", n, "want key<TAB>codes")
		}
		for _, f := range strings.Fields(rest) {
			kind := uint32(0)
			switch f[0] {
			case 's':
				kind = kindMember
			case 'h':
				kind = kindHyponym
			case 'd':
				kind = kindDerived
			default:
				return nil, errLine("wordnet.txt", n, "unknown code "+f)
			}
			id, err := strconv.ParseUint(f[1:], 36, 30)
			if err != nil {
				return nil, errLine("wordnet.txt", n, err.Error())
			}
			codes[key] = append(codes[key], uint32(id)<<conceptShift|kind)
			maxConcept = max(maxConcept, uint32(id))
		}
	}
	next := maxConcept + 1
	for n, line := range strings.Split(domain, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.Split(line, "|")
		if len(parts) < 2 {
			return nil, errLine("domain.txt", n, "a group needs at least two phrases")
		}
		for _, p := range parts {
			key := Key(p)
			if key == "" {
				return nil, errLine("domain.txt", n, "empty phrase")
			}
			codes[key] = append(codes[key], next<<conceptShift|kindMember)
		}
		next++
	}
	t := &lexTable{index: make(map[string]int32, len(codes)), phraseLen: map[string]uint8{}, concepts: next}
	keys := make([]string, 0, len(codes))
	for k := range codes {
		keys = append(keys, k)
	}
	sortStrings(keys)
	for _, k := range keys {
		cs := sortCodes(codes[k])
		t.index[k] = int32(len(t.start))
		t.start = append(t.start, int32(len(t.codes)))
		t.codes = append(t.codes, cs...)
		if ws := strings.Count(k, " ") + 1; ws > 1 {
			if ws > MaxPhrase {
				return nil, errLine("lexicon", 0, "phrase "+k+" is too long")
			}
			first, _, _ := strings.Cut(k, " ")
			t.phraseLen[first] = max(t.phraseLen[first], uint8(ws))
			t.phrases = append(t.phrases, k)
		}
	}
	t.start = append(t.start, int32(len(t.codes)))
	return t, nil
}

// Key returns the lookup key of a word or phrase: its words (see Words),
// stemmed, joined by single spaces.
func Key(phrase string) string {
	ws := Words(phrase)
	for i, w := range ws {
		ws[i] = Stem(w)
	}
	return strings.Join(ws, " ")
}

func errLine(file string, n int, msg string) error {
	return fmt.Errorf("%s:%d: %s", file, n+1, msg)
}

func sortStrings(s []string) { slices.Sort(s) }

// sortCodes sorts and deduplicates codes in place.
func sortCodes(cs []uint32) []uint32 {
	slices.Sort(cs)
	return slices.Compact(cs)
}
