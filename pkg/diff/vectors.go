package diff

import (
	"context"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// This file holds the bag-of-words model the content alignment scores with.
//
// A clause becomes a multiset of normalised words: lower-cased, split at
// anything that is neither letter nor digit, with numbers kept whole
// ("600,000", "14.3"), possessive 's dropped, a plural s folded and the word
// cut to its first seven letters (fold), so that "guarantees" meets
// "guarantee" and "territorial" meets "territories". Every distinct word is interned once per
// comparison; a clause is then a sorted run of (word, count), so scoring a
// pair is a merge of two short sorted lists and allocates nothing.
//
// Words are weighted by inverse document frequency over the clauses of both
// versions, idf = ln((N+1)/df): boilerplate that every clause repeats ("the
// Parties shall") weighs almost nothing, names, places and figures weigh most.
// A clause's weight is the sum of its words' weights.
//
// For finding candidates only, a clause also has keys: its distinct words and
// its distinct word pairs (bigrams, hashed into a table sized to the input).
// In a long text of common words a pair is far more specific than either
// word, so two versions of one clause still share rare keys.
//
// Tokenising is the costliest step of the model, so it runs on a few
// goroutines over chunks of clauses, each interning into its own table; the
// chunk tables are then merged into the global one in chunk order, so word
// ids (and everything after) do not depend on scheduling.

// term is one distinct word of a clause and how often it occurs there.
type term struct {
	word  int32
	count int32
}

// vectors is the model of one comparison.
type vectors struct {
	df       []int32   // per word: clauses holding it
	idf      []float64 // per word
	pairBits int       // the bigram table has 1<<pairBits buckets
	keyDF    []int32   // per key (words, then bigram buckets): clauses holding it
	keyIDF   []float64 // per key
}

// vectorChunk is how many clauses one goroutine tokenises at a time.
const vectorChunk = 1024

// buildVectors tokenises the texts of es (entries without text get nothing)
// and sets each entry's terms, keys and weights. When ctx is done it returns
// early, with vectors that must not be used.
func buildVectors(ctx context.Context, es []*entry) *vectors {
	size := 0
	for _, e := range es {
		size += len(e.c.Text)
	}
	v := &vectors{pairBits: 8}
	for v.pairBits < 18 && 1<<v.pairBits < size/3 {
		v.pairBits++
	}
	chunks := make([]tokenChunk, (len(es)+vectorChunk-1)/vectorChunk)
	parallel(ctx, len(chunks), func(k int) {
		chunks[k].tokenise(es[k*vectorChunk : min((k+1)*vectorChunk, len(es))])
	})
	if ctx.Err() != nil {
		return v // incomplete; the caller checks ctx
	}

	// Merge the chunk vocabularies, in order.
	ids := make(map[string]int32, min(size/32+16, 1<<16))
	for k := range chunks {
		c := &chunks[k]
		c.global = make([]int32, len(c.vocab))
		for i, w := range c.vocab {
			id, ok := ids[w]
			if !ok {
				id = int32(len(ids))
				ids[w] = id
			}
			c.global[i] = id
		}
	}
	nw := len(ids)
	parallelWith(ctx, len(chunks), func() *buildScratch { return newBuildScratch(nw, v.pairBits) }, func(sc *buildScratch, k int) {
		c := &chunks[k]
		c.build(es[k*vectorChunk:min((k+1)*vectorChunk, len(es))], k*vectorChunk, uint32(nw), v.pairBits, sc)
		c.vocab, c.global, c.words, c.ends = nil, nil, nil, nil // done with: let them go
	})
	if ctx.Err() != nil {
		return v
	}

	v.df = make([]int32, nw)
	v.keyDF = make([]int32, nw+1<<v.pairBits)
	docs := 0
	for _, e := range es {
		if e.c.Text == "" {
			continue
		}
		docs++
		for _, t := range e.terms {
			v.df[t.word]++
		}
		for _, k := range e.keys {
			v.keyDF[k]++
		}
	}
	n := float64(docs + 1)
	v.idf = make([]float64, nw)
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
	for _, e := range es {
		e.w = v.weight(e.terms)
		for _, k := range e.keys {
			e.kw += v.keyIDF[k]
		}
	}
	return v
}

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
	vocab  []string // local word id → word
	global []int32  // local word id → global id
	words  []int32  // local ids of every clause's words, in text order
	ends   []int32  // per clause: end of its words in words
	terms  []term   // arenas the clauses' terms and keys point into
	keys   []uint32
}

func (c *tokenChunk) tokenise(es []*entry) {
	size := 0
	for _, e := range es {
		size += len(e.c.Text)
	}
	local := make(map[string]int32, min(size/16+16, 4096))
	var buf []byte
	c.words = make([]int32, 0, size/5+16)
	c.ends = make([]int32, len(es))
	for i, e := range es {
		text := e.c.Text
		e.hash = spaceHash(text)
		for j := 0; j < len(text); {
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
			id, ok := local[string(buf)]
			if !ok {
				id = int32(len(c.vocab))
				c.vocab = append(c.vocab, string(buf))
				local[c.vocab[id]] = id
			}
			c.words = append(c.words, id)
		}
		c.ends[i] = int32(len(c.words))
	}
}

// buildScratch is one goroutine's working space for build: stamps that
// say which clause last saw a word or a word pair, so duplicates are dropped
// without sorting.
type buildScratch struct {
	pairSeen []int32 // per bigram bucket
	wordSeen []int32 // per word
	count    []int32 // per word: occurrences in the clause being built
	distinct []int32
}

func newBuildScratch(nw, pairBits int) *buildScratch {
	return &buildScratch{
		pairSeen: make([]int32, 1<<pairBits),
		wordSeen: make([]int32, nw),
		count:    make([]int32, nw),
	}
}

// build turns each clause's words into its terms (sorted by word) and its
// keys (distinct, in no particular order): global word ids, then bigram
// buckets numbered after the nw words. first is the index of the chunk's
// first clause among all, so every clause has its own stamp.
func (c *tokenChunk) build(es []*entry, first int, nw uint32, pairBits int, sc *buildScratch) {
	c.terms = make([]term, 0, len(c.words))
	c.keys = make([]uint32, 0, 2*len(c.words))
	mask := uint32(1)<<pairBits - 1
	lo := int32(0)
	for i, e := range es {
		stamp := int32(first + i + 1)
		hi := c.ends[i]
		words := c.words[lo:hi]
		lo = hi
		tlo, klo := len(c.terms), len(c.keys)
		sc.distinct = sc.distinct[:0]
		prev := int32(-1)
		for _, lw := range words {
			w := c.global[lw]
			if sc.wordSeen[w] != stamp {
				sc.wordSeen[w], sc.count[w] = stamp, 0
				sc.distinct = append(sc.distinct, w)
			}
			sc.count[w]++
			if prev >= 0 {
				h := (uint64(prev)<<32 | uint64(w)) * 0x9e3779b97f4a7c15
				if b := uint32(h>>32) & mask; sc.pairSeen[b] != stamp {
					sc.pairSeen[b] = stamp
					c.keys = append(c.keys, nw+b)
				}
			}
			prev = w
		}
		slices.Sort(sc.distinct)
		for _, w := range sc.distinct {
			c.terms = append(c.terms, term{w, sc.count[w]})
			c.keys = append(c.keys, uint32(w))
		}
		e.terms = c.terms[tlo:len(c.terms):len(c.terms)]
		e.keys = c.keys[klo:len(c.keys):len(c.keys)]
	}
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
					return fold(buf), j + 1 // possessive: drop 's
				}
				i = j
				continue
			}
		}
		break scan
	}
	return fold(buf), i
}

// fold reduces a word to its stem: a plural s is removed, then the word is
// cut after stemLength letters (numbers are kept whole).
func fold(b []byte) []byte {
	n := len(b)
	if n == 0 || isDigitByte(b[0]) {
		return b
	}
	b = foldPlural(b)
	letters := 0
	for i := range b {
		if utf8.RuneStart(b[i]) {
			if letters == stemLength {
				return b[:i]
			}
			letters++
		}
	}
	return b
}

// stemLength is where fold cuts words. Cutting words to a fixed prefix is a
// crude stemmer that works about as well as suffix rules for matching in
// English (it meets "territories" with "territorial", "sovereignty" with
// "sovereign"), needs no word lists and costs nothing.
const stemLength = 7

// foldPlural removes a plural s from words long enough to have one.
func foldPlural(b []byte) []byte {
	n := len(b)
	if n < 4 || isDigitByte(b[0]) || b[n-1] != 's' {
		return b
	}
	switch {
	case b[n-2] == 's' || b[n-2] == 'u' || b[n-2] == 'i':
		return b // "across", "status", "basis": not plurals
	case n > 4 && b[n-3] == 'i' && b[n-2] == 'e':
		return append(b[:n-3], 'y') // parties→party
	}
	return b[:n-1]
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
