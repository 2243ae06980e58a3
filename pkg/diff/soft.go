package diff

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/lexicon"
)

// Soft matching: what the words of two clauses share beyond equal terms.
//
// After the exact overlap (equal terms, weighted by idf) the words and
// phrases left on each side may still mean the same: synonyms ("pact",
// "agreement"), one derivational family ("verify", "verification"; "Ukraine",
// "Ukrainian"), a hypernym ("assurance" for "guarantee"), or a domain phrase
// ("fighting stops" for "ceasefire", "Kyiv" for "Ukraine"). Such a pair is
// credited below an exact match, by how close the relation is, with the mean
// weight of its two sides: credit × (w1 + w2) / 2. Pairs are taken greedily,
// closest first, each word used once, so a phrase and one of its own words
// cannot both be credited.

// Credits of the soft relations; an exact match counts 1.
const (
	creditDerived  = 0.9
	creditSynonym  = 0.8
	creditHypernym = 0.5
)

func credit(r lexicon.Rel) float64 {
	switch r {
	case lexicon.RelDerived:
		return creditDerived
	case lexicon.RelSynonym:
		return creditSynonym
	case lexicon.RelHypernym:
		return creditHypernym
	}
	return 0
}

// phrase is a phrase of a clause that the lexicon knows (single words are
// found through vectors.lex).
type phrase struct {
	lex   lexicon.Entry
	terms [lexicon.MaxPhrase]int32
	n     uint8
}

// bag is what a side of a comparison brings to scoring: terms (sorted by
// term), the lexicon's phrases among them, their weight and n-gram norm, and
// the terms in text order.
type bag struct {
	terms   []term
	phrases []phrase
	w, norm float64
	seq     []int32
}

func (e *entry) bag() bag { return bag{e.terms, e.phrases, e.w, e.gramNorm, e.seq} }

// matcher is one goroutine's scratch space for scoring pairs.
type matcher struct {
	v              *vectors
	leftA, leftB   []int32 // per term: what is left after the exact overlap
	stampA, stampB []int32 // per term: the call that set leftA/leftB
	stamp          int32
	head           []int32 // per concept: 1 + the last occurrence in occ, when headStamp says this call
	headStamp      []int32
	occ            []occurrence
	ua, ub         []softUnit
	pairs          []softPair
	cnt            *countScratch // b's term counts, for the n-gram dot product
	posB, posStamp []int32       // per term: its first place in b's text, when posStamp says this call
	places         []int32       // b's places of a's shared content terms, in a's order
	partyAt        []bool        // per place: the term names a party
	tails          []int32
}

// softUnit is a word or phrase left over on one side, with the lexicon
// entry that may relate it to the other side.
type softUnit struct {
	lex   lexicon.Entry
	terms [lexicon.MaxPhrase]int32
	n     uint8
	w     float64
}

type occurrence struct {
	code uint32
	unit int32
	next int32 // 1 + the previous occurrence of the concept, or 0
}

type softPair struct {
	credit float64
	a, b   int32 // indices into ua, ub
}

func newMatcher(v *vectors) *matcher {
	n := len(v.stems)
	nc := lexicon.Concepts()
	return &matcher{v: v, leftA: make([]int32, n), leftB: make([]int32, n), stampA: make([]int32, n), stampB: make([]int32, n),
		head: make([]int32, nc), headStamp: make([]int32, nc), cnt: newCountScratch(n),
		posB: make([]int32, n), posStamp: make([]int32, n)}
}

// signals records which signals made a similarity.
type signals uint8

const (
	sigWords   signals = 1 << iota // equal terms (stems, figures by value)
	sigLexicon                     // synonyms, word families, hypernyms, domain phrases
	sigNgrams                      // character n-grams lifted the score
	sigOrder                       // the shared words come in another order
)

// Names lists the signals in the order Change.Signals gives them.
func (s signals) names() []string {
	var out []string
	for _, n := range []struct {
		s    signals
		name string
	}{{sigWords, SignalWords}, {sigLexicon, SignalLexicon}, {sigNgrams, SignalNgrams}, {sigOrder, SignalOrder}} {
		if s&n.s != 0 {
			out = append(out, n.name)
		}
	}
	return out
}

// score returns the similarity of a and b and the weighted word overlap it
// rests on, with the signals that made it.
//
// The similarity is one number, in 0..1: the weighted Dice coefficient of
// the two bags of terms, W = 2·overlap / (wa + wb), where the overlap counts
// equal terms at their idf and lexicon relations at a credit below that
// (soft.go); then, where the n-gram cosine C of the two texts (ngram.go) is
// higher than W, the score is lifted toward it: W + ngramLift·(C − W). So
// n-grams can only raise a score, and only part of the way: they find
// spellings and word forms the words miss, but they also see shared letters
// where no word is shared. Last, the order of the shared words counts: the
// score is multiplied by 1 − orderWeight·(1 − agreement), where agreement is
// the share of the content words both texts hold that come in the same
// order in both (the longest common subsequence of their places), so
// "Russia will compensate Ukraine" and "Ukraine will compensate Russia" are
// far from equal.
func (m *matcher) score(a, b bag) (sim, overlap float64, sig signals) {
	overlap, soft := m.overlap(a, b)
	if overlap > soft {
		sig |= sigWords
	}
	if soft > 0 {
		sig |= sigLexicon
	}
	w := dice(overlap, a.w, b.w)
	sim = w
	if w < scoreFloor {
		// Nothing this far apart pairs, whatever the n-grams and the order
		// say: spare the work.
		return sim, overlap, sig
	}
	if ng := m.v.ng; ng != nil && a.norm > 0 && b.norm > 0 {
		m.cnt.set(b.terms)
		if c, _ := ng.cosine(a.terms, a.norm, m.cnt, b.norm); c > w {
			sim = w + ngramLift*(c-w)
			if sim-w >= 0.005 {
				sig |= sigNgrams
			}
		}
	}
	if agree, _ := m.order(a, b); agree < 1 {
		sim *= 1 - orderWeight*(1-agree)
		sig |= sigOrder
	}
	return min(sim, 1), overlap, sig
}

// reported is the similarity a change reports for a and b: their score,
// less swapWeight where two parties trade roles (order). The swap counts
// only here, not in pairing: a clause whose parties trade roles is still
// that clause, changed in what matters most, so it pairs as before and
// reports how far it moved.
func (m *matcher) reported(a, b bag) (float64, signals) {
	sim, _, sig := m.score(a, b)
	if _, swapped := m.order(a, b); swapped {
		sim *= 1 - swapWeight
		sig |= sigOrder
	}
	return sim, sig
}

// order returns the share of the content terms a and b share (each taken at
// its first place in each text) that keep the same relative order: the
// longest increasing run of their places in b, taken in a's order. Fewer
// than three shared content terms say nothing about order (1).
//
// swapped reports whether two named parties trade places around a third
// shared term ("Russia will compensate Ukraine" / "Ukraine will compensate
// Russia": the parties swap around the verb), that is, whether three of
// the places decrease, the outer two parties'. That is who does what to
// whom, not how a sentence is built: a clause whose halves change places,
// or whose phrase moves to the front, keeps the order inside each part and
// has no such triple. The share alone misses it in a long sentence, where
// the words that keep their order outnumber the two that swap.
func (m *matcher) order(a, b bag) (agree float64, swapped bool) {
	if len(a.seq) == 0 || len(b.seq) == 0 {
		return 1, false
	}
	m.stamp++
	if m.stamp == 0 {
		clear(m.stampA)
		clear(m.stampB)
		clear(m.headStamp)
		clear(m.posStamp)
		m.stamp = 1
	}
	st := m.stamp
	for i := len(b.seq) - 1; i >= 0; i-- { // backwards: the first place wins
		t := b.seq[i]
		m.posB[t], m.posStamp[t] = int32(i), st
	}
	m.places, m.partyAt = m.places[:0], m.partyAt[:0]
	for _, t := range a.seq {
		if m.posStamp[t] == st && m.v.content[t] {
			m.places = append(m.places, m.posB[t])
			m.partyAt = append(m.partyAt, m.v.party[t])
			m.posStamp[t] = 0 // each term once
		}
	}
	if len(m.places) < 3 {
		return 1, false
	}
	// Longest strictly increasing subsequence, by patience sorting.
	m.tails = m.tails[:0]
	for _, p := range m.places {
		k, _ := slices.BinarySearch(m.tails, p)
		if k == len(m.tails) {
			m.tails = append(m.tails, p)
		} else {
			m.tails[k] = p
		}
	}
	agree = float64(len(m.tails)) / float64(len(m.places))
	if len(m.tails) == len(m.places) {
		return 1, false
	}
	// A decreasing triple whose ends are parties: scanning in a's order,
	// top is the largest place of a party so far and mid the largest place
	// of any term that came after a party placed above it in b.
	top, mid := int32(-1), int32(-1)
	for i, p := range m.places {
		party := m.partyAt[i]
		if party && p < mid {
			return agree, true
		}
		if p < top {
			mid = max(mid, p)
		}
		if party {
			top = max(top, p)
		}
	}
	return agree, false
}

// partyStems is the set of the stems of changetype.PartyWords.
var partyStems = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range changetype.PartyWords() {
		m[stemOf(w)] = true
	}
	return m
})

// join returns the bag of several entries together.
func (m *matcher) join(es []*entry) bag {
	if len(es) == 1 {
		return es[0].bag()
	}
	b := joinBags(es)
	b.w = m.v.weight(b.terms)
	for _, e := range es {
		b.seq = append(b.seq, e.seq...)
	}
	if m.v.ng != nil {
		m.cnt.set(b.terms)
		b.norm = math.Sqrt(m.v.ng.dot(b.terms, m.cnt))
	}
	return b
}

// overlap returns the weighted overlap of a and b: the exact overlap of
// their terms plus the credit of their soft units on what the exact overlap
// leaves, and the soft part alone.
func (m *matcher) overlap(a, b bag) (total, soft float64) {
	v := m.v
	m.stamp++
	if m.stamp == 0 { // wrapped: clear the stamps
		clear(m.stampA)
		clear(m.stampB)
		clear(m.headStamp)
		m.stamp = 1
	}
	st := m.stamp
	exact := 0.0
	m.ua, m.ub = m.ua[:0], m.ub[:0]
	i, j := 0, 0
	for i < len(a.terms) || j < len(b.terms) {
		switch {
		case j == len(b.terms) || i < len(a.terms) && a.terms[i].word < b.terms[j].word:
			t := a.terms[i]
			m.leftA[t.word], m.stampA[t.word] = t.count, st
			m.ua = m.wordUnit(m.ua, t.word)
			i++
		case i == len(a.terms) || a.terms[i].word > b.terms[j].word:
			t := b.terms[j]
			m.leftB[t.word], m.stampB[t.word] = t.count, st
			m.ub = m.wordUnit(m.ub, t.word)
			j++
		default:
			ta, tb := a.terms[i], b.terms[j]
			c := min(ta.count, tb.count)
			exact += float64(c) * v.idf[ta.word]
			m.leftA[ta.word], m.stampA[ta.word] = ta.count-c, st
			m.leftB[tb.word], m.stampB[tb.word] = tb.count-c, st
			if ta.count > c {
				m.ua = m.wordUnit(m.ua, ta.word)
			}
			if tb.count > c {
				m.ub = m.wordUnit(m.ub, tb.word)
			}
			i++
			j++
		}
	}
	if len(m.ua) == 0 && len(a.phrases) == 0 || len(m.ub) == 0 && len(b.phrases) == 0 {
		return exact, 0
	}
	m.ua = m.phraseUnits(m.ua, a.phrases, m.leftA, m.stampA)
	m.ub = m.phraseUnits(m.ub, b.phrases, m.leftB, m.stampB)
	if len(m.ua) == 0 || len(m.ub) == 0 {
		return exact, 0
	}
	// Index b's units by concept, then look a's concepts up.
	m.occ = m.occ[:0]
	for ib := range m.ub {
		for _, code := range m.ub[ib].lex.Codes() {
			c := lexicon.Concept(code)
			prev := int32(0)
			if m.headStamp[c] == st {
				prev = m.head[c]
			}
			m.occ = append(m.occ, occurrence{code, int32(ib), prev})
			m.head[c], m.headStamp[c] = int32(len(m.occ)), st
		}
	}
	m.pairs = m.pairs[:0]
	for ia := range m.ua {
		u := &m.ua[ia]
		for _, code := range u.lex.Codes() {
			c := lexicon.Concept(code)
			if m.headStamp[c] != st {
				continue
			}
			for k := m.head[c]; k > 0; k = m.occ[k-1].next {
				o := &m.occ[k-1]
				if cr := credit(lexicon.RelateCodes(code, o.code)); cr > 0 {
					m.pairs = append(m.pairs, softPair{cr * (u.w + m.ub[o.unit].w) / 2, int32(ia), o.unit})
				}
			}
		}
	}
	if len(m.pairs) == 0 {
		return exact, 0
	}
	slices.SortFunc(m.pairs, func(x, y softPair) int {
		return cmp.Or(cmp.Compare(y.credit, x.credit), cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	for _, p := range m.pairs {
		ua, ub := &m.ua[p.a], &m.ub[p.b]
		if !m.left(ua, m.leftA, m.stampA) || !m.left(ub, m.leftB, m.stampB) {
			continue
		}
		for _, t := range ua.terms[:ua.n] {
			m.leftA[t]--
		}
		for _, t := range ub.terms[:ub.n] {
			m.leftB[t]--
		}
		soft += p.credit
	}
	return exact + soft, soft
}

// wordUnit appends term t as a unit when the lexicon knows it.
func (m *matcher) wordUnit(us []softUnit, t int32) []softUnit {
	if lx := m.v.lex[t]; lx.Found() {
		us = append(us, softUnit{lex: lx, terms: [lexicon.MaxPhrase]int32{t}, n: 1, w: m.v.idf[t]})
	}
	return us
}

// phraseUnits appends the phrases whose words are all left over.
func (m *matcher) phraseUnits(us []softUnit, ps []phrase, left, stamp []int32) []softUnit {
	for i := range ps {
		p := &ps[i]
		u := softUnit{lex: p.lex, terms: p.terms, n: p.n}
		if !m.left(&u, left, stamp) {
			continue
		}
		for _, t := range p.terms[:p.n] {
			u.w += m.v.idf[t]
		}
		us = append(us, u)
	}
	return us
}

// left reports whether every word of u is still unmatched.
func (m *matcher) left(u *softUnit, left, stamp []int32) bool {
	for _, t := range u.terms[:u.n] {
		if stamp[t] != m.stamp || left[t] <= 0 {
			return false
		}
	}
	return true
}

// joinBags returns the bag of several entries together.
func joinBags(es []*entry) bag {
	if len(es) == 1 {
		return es[0].bag()
	}
	var b bag
	for _, e := range es {
		b.terms = mergeTerms(b.terms, e.terms)
		b.phrases = append(b.phrases, e.phrases...)
	}
	return b
}
