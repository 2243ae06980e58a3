package changetype

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/lexicon"
)

// party is an actor a clause can name: its canonical name and the names,
// adjectives, capitals and leaders that stand for it. A form in capitals
// (US, EU, UK, UN) matches only as written, so the pronoun "us" is not the
// United States; every other form matches in any case.
type party struct {
	name  string
	forms []string
}

// parties lists the actors, in the order Added and Removed list them.
// Europe stands for the continent, the EU and "European states" alike: the
// texts use them interchangeably for the European side.
var partyTable = []party{
	{"Russia", []string{"Russia", "Russian Federation", "Russian", "Russians", "Moscow", "Kremlin", "Putin", "State Duma", "Duma"}},
	{"Ukraine", []string{"Ukraine", "Ukrainian", "Ukrainians", "Kyiv", "Kiev", "Zelensky", "Zelenskyy", "Verkhovna Rada", "Rada"}},
	{"United States", []string{"United States", "United States of America", "US", "U.S.", "USA", "U.S.A.", "America", "American", "Americans", "Washington", "Trump"}},
	{"NATO", []string{"NATO", "North Atlantic Treaty Organization", "North Atlantic Alliance"}},
	{"Europe", []string{"Europe", "European", "Europeans", "EU", "European Union", "Brussels"}},
	{"E3", []string{"E3"}},
	{"United Kingdom", []string{"United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "British", "London"}},
	{"France", []string{"France", "French", "Paris"}},
	{"Germany", []string{"Germany", "German", "Berlin"}},
	{"Poland", []string{"Poland", "Polish", "Warsaw"}},
	{"Finland", []string{"Finland", "Finnish"}},
	{"Belarus", []string{"Belarus", "Belarusian", "Minsk"}},
	{"China", []string{"China", "Chinese", "Beijing"}},
	{"Turkey", []string{"Turkey", "Türkiye", "Turkish", "Ankara"}},
	{"Hungary", []string{"Hungary", "Hungarian"}},
	{"Italy", []string{"Italy", "Italian"}},
	{"Qatar", []string{"Qatar"}},
	{"Saudi Arabia", []string{"Saudi Arabia", "Saudi"}},
	{"India", []string{"India"}},
	{"Japan", []string{"Japan", "Japanese"}},
	{"Canada", []string{"Canada", "Canadian"}},
	{"United Nations", []string{"United Nations", "UN", "U.N.", "Security Council"}},
	{"G7", []string{"G7"}},
	{"G8", []string{"G8"}},
	{"IAEA", []string{"IAEA", "International Atomic Energy Agency"}},
	{"World Bank", []string{"World Bank"}},
	{"IMF", []string{"IMF", "International Monetary Fund"}},
	{"OSCE", []string{"OSCE"}},
}

// groups are parties that stand for a set of others in the table: a text
// that names the E3 and one that names France, Germany and the United
// Kingdom name the same parties.
var groups = map[string][]string{
	"E3": {"France", "Germany", "United Kingdom"},
	"G7": {"Canada", "France", "Germany", "Italy", "Japan", "United Kingdom", "United States"},
	"G8": {"Canada", "France", "Germany", "Italy", "Japan", "Russia", "United Kingdom", "United States"},
}

// expandGroups writes out a group a names as its members when b names
// every member and not the group, so that the two are no change; a group
// replaced by anything else stays a group ("+Europe −E3").
func expandGroups(a, b []string) []string {
	for _, g := range a {
		ms, ok := groups[g]
		if !ok || slices.Contains(b, g) || !containsAll(b, ms) {
			continue
		}
		out := slices.DeleteFunc(slices.Clone(a), func(p string) bool { return p == g })
		for _, m := range ms {
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
		// In table order, as parties gives them.
		ix := index()
		slices.SortFunc(out, func(x, y string) int { return ix.byName[x] - ix.byName[y] })
		a = out
	}
	return a
}

func containsAll(s, xs []string) bool {
	for _, x := range xs {
		if !slices.Contains(s, x) {
			return false
		}
	}
	return true
}

// PartyWords returns, lower-cased, the one-word names of the parties the
// classifier knows ("russia", "kyiv", "nato", "american"), for the aligner's
// order signal (who does what to whom). Forms of several words, and forms
// of two capitals (US, EU, UN), which lower-cased are common words, are
// left out.
func PartyWords() []string {
	var out []string
	for _, p := range partyTable {
		for _, f := range p.forms {
			if strings.ContainsAny(f, " .") || len(f) <= 2 && f == strings.ToUpper(f) {
				continue
			}
			out = append(out, strings.ToLower(f))
		}
	}
	return out
}

// form is one way of naming a party, split into words.
type form struct {
	words []string // lower case, or as written when exact
	exact bool     // all capitals: match as written
	party int
}

// partyIndex holds every form by its first word, longest forms first, and
// the lexicon entry of each party's canonical name.
type partyIndex struct {
	byFirst map[string][]form
	entries []lexicon.Entry // of each party's name, by its place in partyTable
	byName  map[string]int  // a party's place in partyTable
}

var index = sync.OnceValue(func() *partyIndex {
	ix := &partyIndex{byFirst: map[string][]form{}, byName: map[string]int{}}
	for pi, p := range partyTable {
		ix.byName[p.name] = pi
		ix.entries = append(ix.entries, lexicon.Lookup(lexicon.Key(p.name)))
		for _, f := range p.forms {
			exact := f == strings.ToUpper(f)
			ws := make([]string, 0, 4)
			for _, t := range tokenize(f) {
				if exact {
					ws = append(ws, t.text)
				} else {
					ws = append(ws, t.lower)
				}
			}
			k := strings.ToLower(ws[0])
			ix.byFirst[k] = append(ix.byFirst[k], form{ws, exact, pi})
		}
	}
	for k, fs := range ix.byFirst {
		// Longest first, so "United States of America" wins over "United
		// States"; stable, so the table decides ties.
		sorted := make([]form, 0, len(fs))
		for n := 5; n >= 1; n-- {
			for _, f := range fs {
				if len(f.words) == n {
					sorted = append(sorted, f)
				}
			}
		}
		ix.byFirst[k] = sorted
	}
	return ix
})

// parties returns the canonical names of the parties ts names, each once,
// in table order. A capitalised word that no form matches but that the
// lexicon holds as a synonym or family member of a party's name (a
// capital, a demonym) stands for that party too.
func parties(ts []token) []string {
	ix := index()
	seen := make([]bool, len(partyTable))
	for i := 0; i < len(ts); i++ {
		if pi, n := ix.match(ts, i); n > 0 {
			seen[pi] = true
			i += n - 1
			continue
		}
		if pi := ix.related(ts[i]); pi >= 0 {
			seen[pi] = true
		}
	}
	var out []string
	for pi, s := range seen {
		if s {
			out = append(out, partyTable[pi].name)
		}
	}
	return out
}

// match returns the party whose form ts holds at i, and the form's length
// in tokens (0 for none).
func (ix *partyIndex) match(ts []token, i int) (int, int) {
	if ts[i].currency {
		return -1, 0
	}
	for _, f := range ix.byFirst[ts[i].lower] {
		if len(f.words) > len(ts)-i {
			continue
		}
		ok := true
		for j, w := range f.words {
			if f.exact && ts[i+j].text != w || !f.exact && ts[i+j].lower != w {
				ok = false
				break
			}
		}
		if ok {
			return f.party, len(f.words)
		}
	}
	return -1, 0
}

// related returns the party the lexicon relates a capitalised word inside a
// sentence to, as a synonym or a member of its family, or -1. Lower-case
// words are left alone: "us" is a pronoun, "alliance" a common noun.
func (ix *partyIndex) related(t token) int {
	r, _ := utf8.DecodeRuneInString(t.text)
	// Not at a sentence's start either, where common words are capitalised
	// too: the stemming and look-up would cost more than they find.
	if !unicode.IsUpper(r) || t.start || len(t.text) < 3 || lexicon.IsStopWord(t.lower) {
		return -1
	}
	// The word as it stands, unstemmed: names mostly are their own stems,
	// and stemming every capitalised word costs more than it finds.
	e := lexicon.Lookup(t.lower)
	if !e.Found() {
		return -1
	}
	for pi, pe := range ix.entries {
		if pe.Found() && lexicon.Relate(e, pe) >= lexicon.RelSynonym {
			return pi
		}
	}
	return -1
}

// partyType compares the parties of two texts: Added lists those only the
// new text names, Removed those only the old one names. Two names the
// lexicon holds as synonyms are one party, whichever the table made them.
func partyType(old, nu []string) *Type {
	old, nu = expandGroups(old, nu), expandGroups(nu, old)
	added, removed := diffCounts(old, nu)
	for i := 0; i < len(added); i++ {
		for j := 0; j < len(removed); j++ {
			if sameParty(added[i], removed[j]) {
				added = append(added[:i:i], added[i+1:]...)
				removed = append(removed[:j:j], removed[j+1:]...)
				i--
				break
			}
		}
	}
	if len(added) == 0 && len(removed) == 0 {
		return nil
	}
	t := listType(Party, added, removed)
	return &t
}

// sameParty reports two party names the lexicon holds as synonyms.
func sameParty(a, b string) bool {
	ix := index()
	ea, eb := ix.entries[ix.byName[a]], ix.entries[ix.byName[b]]
	return ea.Found() && eb.Found() && lexicon.Relate(ea, eb) >= lexicon.RelSynonym
}
