package diff

import (
	"context"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/figures"
	"github.com/plandiff/plandiff/pkg/lexicon"
)

// This file holds the bag-of-words model the content alignment scores with.
//
// A clause becomes a multiset of terms. Words are lower-cased, split at
// anything that is neither letter nor digit, their possessive 's dropped, and
// reduced to their Snowball (Porter2) stem (package lexicon), so that
// "guarantees" meets "guarantee" and "renewed" meets "renewable". Figures
// are read by value (package figures) and each becomes one term, so
// "600,000", "600 000", "600k" and "six hundred thousand" are the same term,
// and "US$100 billion" the same as "$100bn". Every distinct word is interned
// once per comparison, and every distinct stem is a term; a clause is then a
// sorted run of (term, count), so the exact part of scoring a pair is a merge
// of two short sorted lists and allocates nothing.
//
// Terms are weighted by inverse document frequency over the clauses of both
// versions, idf = ln((N+1)/df): boilerplate that every clause repeats ("the
// Parties shall") weighs almost nothing, names, places and figures weigh most.
// A clause's weight is the sum of its terms' weights.
//
// Beside the exact terms, a clause keeps its soft units: the words and
// phrases the lexicon knows (synonyms, derivational families, hypernyms,
// domain phrases such as "fighting stops" for "ceasefire"); soft.go scores
// them.
//
// For finding candidates only, a clause also has keys: its distinct terms,
// its distinct term pairs (bigrams, hashed into a table sized to the input)
// and the lexicon concepts its words belong to (so "Kyiv" finds "Ukraine").
// In a long text of common words a pair is far more specific than either
// word, so two versions of one clause still share rare keys.
//
// Tokenising is the costliest step of the model, so it runs on a few
// goroutines over chunks of clauses, each interning into its own table; the
// chunk tables are then merged into the global one in chunk order, so word
// ids (and everything after) do not depend on scheduling.

// term is one distinct term of a clause and how often it occurs there.
type term struct {
	word  int32 // term id
	count int32
}

// vectors is the model of one comparison.
type vectors struct {
	df       []int32   // per term: clauses holding it
	idf      []float64 // per term
	pairBits int       // the bigram table has 1<<pairBits buckets
	keyDF    []int32   // per key (terms, bigram buckets, then concepts): clauses holding it
	keyIDF   []float64 // per key

	stems      []string                 // per term: the stem (or figure key)
	lex        []lexicon.Entry          // per term: its lexicon entry (zero when none)
	phraseMax  []uint8                  // per term: the longest lexicon phrase starting with it (0: none)
	phraseOf   map[uint64]lexicon.Entry // phraseHash of a phrase's terms → its entry
	concepts   [][]uint32               // per term: the lexicon concepts it is a member of (keys)
	ng         *ngrams                  // the n-gram model (ngram.go)
	content    []bool                   // per term: a word that is not a function word (order)
	party      []bool                   // per term: a one-word name of a party (order)
	conceptKey uint32                   // the first concept key: terms, then bigram buckets, then concepts
}

// vectorChunk is how many clauses one goroutine tokenises at a time.
const vectorChunk = 1024

// buildVectors tokenises the texts of es (entries without text get nothing)
// and sets each entry's terms, keys, soft units and weights. When ctx is done
// it returns early, with vectors that must not be used.
func buildVectors(ctx context.Context, es []*entry) *vectors {
	size := 0
	for _, e := range es {
		size += len(e.c.Text)
	}
	v := &vectors{pairBits: 8}
	for v.pairBits < 18 && 1<<v.pairBits < size/3 {
		v.pairBits++
	}
	all := es
	es, same := distinctTexts(ctx, es)
	// The number of clauses holding each distinct text.
	copies := make([]int32, len(es))
	for i := range copies {
		copies[i] = 1
	}
	for _, d := range same {
		copies[d.fi]++
	}
	chunks := make([]tokenChunk, (len(es)+vectorChunk-1)/vectorChunk)
	parallel(ctx, len(chunks), func(k int) {
		lo, hi := k*vectorChunk, min((k+1)*vectorChunk, len(es))
		chunks[k].tokenise(es[lo:hi], copies[lo:hi])
	})
	if ctx.Err() != nil {
		return v // incomplete; the caller checks ctx
	}

	// Merge the chunk vocabularies, in order.
	ids := make(map[string]int32, min(size/32+16, 1<<16))
	var words []string
	for k := range chunks {
		c := &chunks[k]
		c.global = make([]int32, len(c.vocab))
		for i, w := range c.vocab {
			id, ok := ids[w]
			if !ok {
				id = int32(len(words))
				ids[w] = id
				words = append(words, w)
			}
			c.global[i] = id
		}
	}
	termOf := v.terms(ctx, words)
	if ctx.Err() != nil {
		return v
	}
	nt := len(v.stems)
	v.conceptKey = uint32(nt + 1<<v.pairBits)
	parallelWith(ctx, len(chunks), func() *buildScratch { return newBuildScratch(nt, v.pairBits) }, func(sc *buildScratch, k int) {
		c := &chunks[k]
		c.build(es[k*vectorChunk:min((k+1)*vectorChunk, len(es))], k*vectorChunk, termOf, v, sc)
		c.vocab, c.global, c.words, c.ends = nil, nil, nil, nil // done with: let them go
	})
	if ctx.Err() != nil {
		return v
	}
	for _, d := range same {
		d.e.terms, d.e.keys, d.e.seq, d.e.phrases = d.first.terms, d.first.keys, d.first.seq, d.first.phrases
	}
	distinct := es
	es = all

	// Document frequencies: each half of the clauses is counted on its own
	// core, and the counts added.
	nk := int(v.conceptKey) + lexicon.Concepts()
	var dfs, keyDFs [2][]int32
	var docsH [2]int
	parallel(ctx, 2, func(h int) {
		df, keyDF := make([]int32, nt), make([]int32, nk)
		for _, e := range es[h*len(es)/2 : (h+1)*len(es)/2] {
			if e.c.Text == "" {
				continue
			}
			docsH[h]++
			for _, t := range e.terms {
				df[t.word]++
			}
			for _, k := range e.keys {
				keyDF[k]++
			}
		}
		dfs[h], keyDFs[h] = df, keyDF
	})
	if ctx.Err() != nil {
		return v
	}
	v.df, v.keyDF = dfs[0], keyDFs[0]
	for i, d := range dfs[1] {
		v.df[i] += d
	}
	for i, d := range keyDFs[1] {
		v.keyDF[i] += d
	}
	docs := docsH[0] + docsH[1]
	n := float64(docs + 1)
	v.idf = make([]float64, nt)
	for i, d := range v.df {
		if d > 0 {
			v.idf[i] = math.Log(n / float64(d))
		}
	}
	v.keyIDF = make([]float64, len(v.keyDF))
	for i, d := range v.keyDF {
		if d > 0 {
			v.keyIDF[i] = math.Log(n / float64(d))
		}
	}
	// The clauses' weights are independent, and the keys' are scattered
	// reads: a few goroutines share them.
	const chunk = 4096
	parallel(ctx, (len(es)+chunk-1)/chunk, func(k int) {
		for _, e := range es[k*chunk : min((k+1)*chunk, len(es))] {
			e.w = v.weight(e.terms)
			kw := 0.0
			for _, key := range e.keys {
				kw += v.keyIDF[key]
			}
			e.kw = kw
		}
	})
	// The n-gram model needs each distinct text once, and how many
	// clauses hold it.
	v.ng = buildNgrams(ctx, v, distinct, copies)
	for _, d := range same {
		d.e.gramNorm = d.first.gramNorm
	}
	return v
}

// sameText is a clause whose text is, byte for byte, that of an earlier
// clause, first.
type sameText struct {
	e, first *entry
	fi       int32 // first's index among the distinct texts
}

// distinctTexts sets every entry's hash and returns the entries whose text
// is not that of an earlier entry, in order, and the others with the entry
// they repeat. In a typical comparison most clauses of the new version are
// clauses of the old one word for word: each distinct text is tokenised once
// and the others take its model. Word ids are assigned in order of first
// appearance, and every word of a repeated text appears first in the entry
// it repeats, so the ids, and all that follows, are those tokenising every
// entry would give.
func distinctTexts(ctx context.Context, es []*entry) ([]*entry, []sameText) {
	const chunk = 4096
	parallel(ctx, (len(es)+chunk-1)/chunk, func(k int) {
		for _, e := range es[k*chunk : min((k+1)*chunk, len(es))] {
			e.hash = spaceHash(e.c.Text)
		}
	})
	// first[i] is the index of the first clause whose text has the hash of
	// clause i's. Two goroutines find them, each for the hashes of one
	// parity, so each map holds half the texts.
	first := make([]int32, len(es))
	parallel(ctx, 2, func(part int) {
		firsts := make(map[uint64]int32, len(es)/2)
		for i, e := range es {
			if e.c.Text == "" || int(e.hash&1) != part {
				continue
			}
			fi, ok := firsts[e.hash]
			if !ok {
				fi = int32(i)
				firsts[e.hash] = fi
			}
			first[i] = fi
		}
	})
	if ctx.Err() != nil {
		return es, nil // the caller checks ctx
	}
	at := make([]int32, len(es)) // index in out of each clause appended
	out := make([]*entry, 0, len(es))
	var same []sameText
	for i, e := range es {
		// A text of another spacing than the first of its hash, or a
		// collision, is tokenised on its own.
		if f := first[i]; e.c.Text != "" && int(f) != i && es[f].c.Text == e.c.Text {
			same = append(same, sameText{e, es[f], at[f]})
			continue
		}
		at[i] = int32(len(out))
		out = append(out, e)
	}
	return out, same
}

// terms turns the distinct words of a comparison into terms: each word's
// stem (figure keys and numbers as they are), interned, with the lexicon
// entry of each term. It returns the term of each word.
func (v *vectors) terms(ctx context.Context, words []string) []int32 {
	stems := make([]string, len(words))
	const chunk = 4096
	parallel(ctx, (len(words)+chunk-1)/chunk, func(k int) {
		for i := k * chunk; i < min((k+1)*chunk, len(words)); i++ {
			stems[i] = stemOf(words[i])
		}
	})
	termOf := make([]int32, len(words))
	ids := make(map[string]int32, len(words))
	for i, s := range stems {
		id, ok := ids[s]
		if !ok {
			id = int32(len(v.stems))
			ids[s] = id
			v.stems = append(v.stems, s)
		}
		termOf[i] = id
	}
	v.lex = make([]lexicon.Entry, len(v.stems))
	v.concepts = make([][]uint32, len(v.stems))
	v.content = make([]bool, len(v.stems))
	v.party = make([]bool, len(v.stems))
	parties := partyStems()
	// Each term's lexicon entry is its own: a few goroutines share them.
	parallel(ctx, (len(v.stems)+chunk-1)/chunk, func(k int) {
		for t := k * chunk; t < min((k+1)*chunk, len(v.stems)); t++ {
			s := v.stems[t]
			v.content[t] = s != "" && !lexicon.IsStopWord(s)
			v.party[t] = parties[s]
			if s == "" || s[0] == figurePrefix || isDigitByte(s[0]) {
				continue
			}
			v.lex[t] = lexicon.Lookup(s)
			v.concepts[t] = v.lex[t].Concepts(nil)
		}
	})
	// The lexicon's phrases whose words all occur in this comparison, by
	// the hash of their terms.
	v.phraseMax = make([]uint8, len(v.stems))
	v.phraseOf = map[uint64]lexicon.Entry{}
	var ts []int32
phrases:
	for _, p := range lexicon.Phrases() {
		ts = ts[:0]
		for w := range strings.SplitSeq(p, " ") {
			t, ok := ids[w]
			if !ok {
				continue phrases
			}
			ts = append(ts, t)
		}
		v.phraseOf[phraseHash(ts)] = lexicon.Lookup(p)
		v.phraseMax[ts[0]] = max(v.phraseMax[ts[0]], uint8(len(ts)))
	}
	return termOf
}

// stemOf returns the term text of a word: a figure's key or a number as it
// is, else the word's stem.
func stemOf(w string) string {
	if w == "" || w[0] == figurePrefix || isDigitByte(w[0]) {
		return w
	}
	return lexicon.Stem(w)
}

// figurePrefix starts the vocabulary word of a figure (its value's key), so
// it cannot meet a word.
const figurePrefix = '#'

// parallel calls fn(0..n-1) on up to GOMAXPROCS goroutines.
func parallel(ctx context.Context, n int, fn func(k int)) {
	parallelWith(ctx, n, func() struct{} { return struct{}{} }, func(_ struct{}, k int) { fn(k) })
}

// parallelWith calls fn(state, k) for k in 0..n-1 on up to GOMAXPROCS
// goroutines, each with its own state. Callers write results to slots
// indexed by k, so the outcome does not depend on scheduling; with one piece
// of work, or one processor, everything runs on the calling goroutine.
// Once ctx is done no further k is started, and the outcome is incomplete:
// the caller must check ctx.
func parallelWith[S any](ctx context.Context, n int, state func() S, fn func(s S, k int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		if n > 0 {
			s := state()
			for k := range n {
				if ctx.Err() != nil {
					return
				}
				fn(s, k)
			}
		}
		return
	}
	var wg sync.WaitGroup
	var next atomic.Int32
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := state()
			for {
				k := int(next.Add(1)) - 1
				if k >= n || ctx.Err() != nil {
					return
				}
				fn(s, k)
			}
		}()
	}
	wg.Wait()
}

// tokenChunk is the tokenising state of one chunk of clauses.
type tokenChunk struct {
	vocab   []string // local word id → word
	global  []int32  // local word id → global id
	words   []int32  // local ids of every clause's words, in text order
	ends    []int32  // per clause: end of its words in words
	terms   []term   // arenas the clauses' terms, keys, sequences and phrases point into
	keys    []uint32
	seqs    []int32
	phrases []phrase
	figs    []figures.Figure
}

// tokenise reads the words of es, distinct texts each held by copies[i]
// clauses.
func (c *tokenChunk) tokenise(es []*entry, copies []int32) {
	size := 0
	for _, e := range es {
		size += len(e.c.Text)
	}
	local := make(map[string]int32, min(size/16+16, 4096))
	var buf []byte
	var figs []figures.Figure
	var fr figures.Reader
	c.words = make([]int32, 0, size/5+16)
	c.ends = make([]int32, len(es))
	intern := func(w []byte) {
		id, ok := local[string(w)]
		if !ok {
			id = int32(len(c.vocab))
			c.vocab = append(c.vocab, string(w))
			local[c.vocab[id]] = id
		}
		c.words = append(c.words, id)
	}
	for i, e := range es {
		text := e.c.Text
		figs = fr.Append(figs[:0], text)
		// The figures are kept for the word edits of the clause's change;
		// a text found several times is most likely unchanged, and its
		// figures, rarely needed, are not worth the memory.
		if copies[i] == 1 {
			e.figsRead = true
			if len(figs) > 0 {
				lo := len(c.figs)
				c.figs = append(c.figs, figs...)
				e.figs = c.figs[lo:len(c.figs):len(c.figs)]
			}
		}
		f := 0
		for j := 0; j < len(text); {
			for f < len(figs) && figs[f].End <= j {
				f++
			}
			if f < len(figs) && figs[f].Start <= j {
				// A figure is one term, whatever its form.
				buf = figs[f].Value.AppendKey(append(buf[:0], figurePrefix))
				intern(buf)
				j = figs[f].End
				f++
				continue
			}
			r, size := rune(text[j]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(text[j:])
			}
			if !isWordRune(r) {
				j += size
				continue
			}
			buf, j = scanWord(buf[:0], text, j)
			if len(buf) == 0 {
				continue
			}
			intern(buf)
		}
		c.ends[i] = int32(len(c.words))
	}
}

// buildScratch is one goroutine's working space for build: stamps that
// say which clause last saw a term or a term pair, so duplicates are dropped
// without sorting.
type buildScratch struct {
	pairSeen    []int32 // per bigram bucket
	wordSeen    []int32 // per term
	count       []int32 // per term: occurrences in the clause being built
	distinct    []int32
	concepts    []uint32
	conceptSeen []int32 // per concept
}

func newBuildScratch(nt, pairBits int) *buildScratch {
	return &buildScratch{
		conceptSeen: make([]int32, lexicon.Concepts()),
		pairSeen:    make([]int32, 1<<pairBits),
		wordSeen:    make([]int32, nt),
		count:       make([]int32, nt),
	}
}

// build turns each clause's words into its terms (sorted by term), its term
// sequence, its soft units and its keys (distinct, in no particular order):
// term ids, then bigram buckets numbered after the terms, then lexicon
// concepts. first is the index of the chunk's first clause among all, so
// every clause has its own stamp.
func (c *tokenChunk) build(es []*entry, first int, termOf []int32, v *vectors, sc *buildScratch) {
	nt := uint32(len(v.stems))
	c.terms = make([]term, 0, len(c.words))
	// Keys: at most a bigram and a term per word, and the concepts of its
	// term; sized once, since growing the arena copies all of it.
	nk := 2 * len(c.words)
	for _, lw := range c.words {
		nk += len(v.concepts[termOf[c.global[lw]]])
	}
	c.keys = make([]uint32, 0, nk)
	c.seqs = make([]int32, 0, len(c.words))
	mask := uint32(1)<<v.pairBits - 1
	lo := int32(0)
	for i, e := range es {
		stamp := int32(first + i + 1)
		hi := c.ends[i]
		words := c.words[lo:hi]
		lo = hi
		tlo, klo, slo, plo := len(c.terms), len(c.keys), len(c.seqs), len(c.phrases)
		sc.distinct = sc.distinct[:0]
		prev := int32(-1)
		for _, lw := range words {
			w := termOf[c.global[lw]]
			c.seqs = append(c.seqs, w)
			if sc.wordSeen[w] != stamp {
				sc.wordSeen[w], sc.count[w] = stamp, 0
				sc.distinct = append(sc.distinct, w)
			}
			sc.count[w]++
			if prev >= 0 {
				h := (uint64(prev)<<32 | uint64(w)) * 0x9e3779b97f4a7c15
				if b := uint32(h>>32) & mask; sc.pairSeen[b] != stamp {
					sc.pairSeen[b] = stamp
					c.keys = append(c.keys, nt+b)
				}
			}
			prev = w
		}
		slices.Sort(sc.distinct)
		sc.concepts = sc.concepts[:0]
		for _, w := range sc.distinct {
			c.terms = append(c.terms, term{w, sc.count[w]})
			c.keys = append(c.keys, uint32(w))
			for _, cp := range v.concepts[w] {
				if sc.conceptSeen[cp] != stamp {
					sc.conceptSeen[cp] = stamp
					c.keys = append(c.keys, v.conceptKey+cp)
				}
			}
		}
		seq := c.seqs[slo:len(c.seqs):len(c.seqs)]
		c.phrases = v.findPhrases(c.phrases, seq)
		for _, p := range c.phrases[plo:] {
			sc.concepts = p.lex.Concepts(sc.concepts[:0])
			for _, cp := range sc.concepts {
				if sc.conceptSeen[cp] != stamp {
					sc.conceptSeen[cp] = stamp
					c.keys = append(c.keys, v.conceptKey+cp)
				}
			}
		}
		e.terms = c.terms[tlo:len(c.terms):len(c.terms)]
		e.keys = c.keys[klo:len(c.keys):len(c.keys)]
		e.seq = seq
		e.phrases = c.phrases[plo:len(c.phrases):len(c.phrases)]
	}
}

// findPhrases appends the lexicon phrases found in a clause's term
// sequence, longest first at each position.
func (v *vectors) findPhrases(ps []phrase, seq []int32) []phrase {
	for i, t := range seq {
		for n := min(int(v.phraseMax[t]), len(seq)-i); n >= 2; n-- {
			if lx, ok := v.phraseOf[phraseHash(seq[i:i+n])]; ok {
				p := phrase{lex: lx, n: uint8(n)}
				copy(p.terms[:], seq[i:i+n])
				ps = append(ps, p)
				break
			}
		}
	}
	return ps
}

// phraseHash is a hash of a sequence of terms, for finding phrases.
func phraseHash(ts []int32) uint64 {
	h := uint64(len(ts))
	for _, t := range ts {
		h = (h ^ uint64(uint32(t))) * 0x9e3779b97f4a7c15
		h ^= h >> 29
	}
	return h
}

// scanWord appends the word starting at text[i] to buf, normalised, and
// returns it with the index after the word. Digits with an inner "," or "."
// followed by a digit stay one number; an apostrophe inside a word is dropped
// with an "s" after it (possessive) and otherwise joins the parts.
func scanWord(buf []byte, text string, i int) ([]byte, int) {
scan:
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			buf = append(buf, byte(r))
			i++
			continue
		case 'A' <= r && r <= 'Z':
			buf = append(buf, byte(r)+'a'-'A')
			i++
			continue
		case isWordRune(r):
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			i += size
			continue
		case (r == ',' || r == '.') && len(buf) > 0 && isDigitByte(buf[len(buf)-1]) &&
			i+1 < len(text) && isDigitByte(text[i+1]):
			buf = append(buf, byte(r))
			i++
			continue
		case r == '\'' || r == '’':
			if i+size < len(text) && isLetterByte(text[i+size]) {
				j := i + size
				if (text[j] == 's' || text[j] == 'S') && (j+1 == len(text) || !isWordStart(text[j+1:])) {
					return buf, j + 1 // possessive: drop 's
				}
				i = j
				continue
			}
		}
		break scan
	}
	return buf, i
}

// weight returns the sum of the terms' weighted counts.
func (v *vectors) weight(ts []term) float64 {
	w := 0.0
	for _, t := range ts {
		w += float64(t.count) * v.idf[t.word]
	}
	return w
}

// overlap returns the weighted size of the multiset intersection of a and b.
func (v *vectors) overlap(a, b []term) float64 {
	o := 0.0
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].word < b[j].word:
			i++
		case a[i].word > b[j].word:
			j++
		default:
			o += float64(min(a[i].count, b[j].count)) * v.idf[a[i].word]
			i++
			j++
		}
	}
	return o
}

// dice is the weighted Dice similarity 2·overlap / (wa + wb): 1 for the same
// bag of words, 0 for none shared. Two empty bags are equal.
func dice(overlap, wa, wb float64) float64 {
	if wa+wb == 0 {
		return 1
	}
	return 2 * overlap / (wa + wb)
}

// mergeTerms returns the multiset sum of the sorted lists acc and l in new
// storage (acc is only reused when it is empty).
func mergeTerms(acc, l []term) []term {
	if len(acc) == 0 {
		return append(acc, l...)
	}
	out := make([]term, 0, len(acc)+len(l))
	i, j := 0, 0
	for i < len(acc) || j < len(l) {
		switch {
		case j == len(l) || (i < len(acc) && acc[i].word < l[j].word):
			out = append(out, acc[i])
			i++
		case i == len(acc) || acc[i].word > l[j].word:
			out = append(out, l[j])
			j++
		default:
			out = append(out, term{acc[i].word, acc[i].count + l[j].count})
			i++
			j++
		}
	}
	return out
}

// subTerms returns a − b as multisets (counts floored at zero).
func subTerms(a, b []term) []term {
	out := make([]term, 0, len(a))
	j := 0
	for _, t := range a {
		for j < len(b) && b[j].word < t.word {
			j++
		}
		if j < len(b) && b[j].word == t.word {
			if c := t.count - b[j].count; c > 0 {
				out = append(out, term{t.word, c})
			}
			continue
		}
		out = append(out, t)
	}
	return out
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isLetterByte(byte(r)) || isDigitByte(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isWordStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

func isLetterByte(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }
func isDigitByte(b byte) bool  { return '0' <= b && b <= '9' }
