package diff

import (
	"context"
	"math"
	"slices"
	"unicode/utf8"
)

// The second signal: character n-grams.
//
// Each term's stem, padded with a space at both ends, is cut into its
// character n-grams of 3, 4 and 5 letters (as scikit-learn's char_wb
// analyser does with words); a clause is the multiset of the n-grams of its
// terms, weighted by TF-IDF, with idf = ln((N+1)/df) over the clauses of both
// versions. Two clauses score the cosine of their vectors. Stems that differ
// in spelling (demilitaris, demilitar), compounds (ceasefire, cease fire)
// and words the stemmer leaves apart (sovereign, sovereignti) still share
// most of their n-grams.
//
// The cosine is computed without building clause vectors: since a clause's
// vector is the sum of its terms' vectors, the dot product of two clauses is
// the sum over their terms of count × count × K(t, u), where K(t, u) is the
// weighted dot product of two terms' n-grams. K is computed once per
// comparison for each term and the terms it shares n-grams with, through an
// inverted index of the n-grams; pairs of terms that share only common
// n-grams (K below kernelFloor of the larger self-product) are left out, and
// so are n-grams held by more than gramPostingCap terms when finding
// neighbours (they weigh little). Scoring a pair is then a walk over the
// neighbours of one clause's terms, and is only done for candidate pairs.

const (
	gramMin, gramMax = 3, 5
	// kernelFloor: a term pair whose n-gram kernel is below this share of
	// the geometric mean of their self-kernels is not kept as neighbours.
	kernelFloor = 0.2
	// gramPostingCap: n-grams held by more terms than this are not used to
	// find neighbouring terms.
	gramPostingCap = 256
)

// neighbour is a term and its n-gram kernel with another.
type neighbour struct {
	t int32
	k float64
}

// ngrams is the n-gram model of one comparison.
type ngrams struct {
	neigh [][]neighbour // per term: itself and the terms it shares n-grams with
}

// buildNgrams builds the n-gram model of the terms of v and sets every
// entry's n-gram norm; es are the comparison's distinct texts, each held by
// copies[i] clauses.
func buildNgrams(ctx context.Context, v *vectors, es []*entry, copies []int32) *ngrams {
	nt := len(v.stems)
	// The n-grams of every term, interned.
	gramID := map[string]int32{}
	start := make([]int32, nt+1)
	var grams []int32 // CSR: term t's n-grams (one per occurrence) are grams[start[t]:start[t+1]]
	var buf []byte
	for t, s := range v.stems {
		start[t] = int32(len(grams))
		if s == "" || s[0] == figurePrefix || isDigitByte(s[0]) {
			continue
		}
		buf = append(append(append(buf[:0], ' '), s...), ' ')
		// Rune boundaries of the padded stem.
		var bounds [64]int
		nb := 0
		for i := 0; i < len(buf) && nb < len(bounds)-1; {
			bounds[nb] = i
			nb++
			_, size := utf8.DecodeRune(buf[i:])
			i += size
		}
		bounds[nb] = len(buf)
		for n := gramMin; n <= gramMax; n++ {
			for i := 0; i+n <= nb; i++ {
				g := buf[bounds[i]:bounds[i+n]]
				id, ok := gramID[string(g)]
				if !ok {
					id = int32(len(gramID))
					gramID[string(g)] = id
				}
				grams = append(grams, id)
			}
		}
		slices.Sort(grams[start[t]:])
	}
	start[nt] = int32(len(grams))
	ng := len(gramID)

	// Document frequency of each n-gram over the clauses.
	df := make([]int32, ng)
	const chunk = 2048
	parts := make([][]int32, (len(es)+chunk-1)/chunk)
	parallelWith(ctx, len(parts), func() []int32 { return make([]int32, ng) }, func(seen []int32, k int) {
		local := make([]int32, ng)
		for i := k * chunk; i < min((k+1)*chunk, len(es)); i++ {
			stamp := int32(i + 1)
			for _, tm := range es[i].terms {
				for _, g := range grams[start[tm.word]:start[tm.word+1]] {
					if seen[g] != stamp {
						seen[g] = stamp
						local[g] += copies[i]
					}
				}
			}
		}
		parts[k] = local
	})
	docs := 0
	for i, e := range es {
		if e.c.Text != "" {
			docs += int(copies[i])
		}
	}
	for _, p := range parts {
		for g, d := range p {
			df[g] += d
		}
	}
	idf2 := make([]float64, ng) // idf squared: both sides' weights meet in a dot product
	for g, d := range df {
		if d > 0 {
			x := math.Log(float64(docs+1) / float64(d))
			idf2[g] = x * x
		}
	}

	// Inverted index: n-gram → terms holding it (each once).
	post := make([]int32, ng+1)
	for t := 0; t < nt; t++ {
		gs := grams[start[t]:start[t+1]]
		for i, g := range gs {
			if i == 0 || g != gs[i-1] {
				post[g+1]++
			}
		}
	}
	for g := 0; g < ng; g++ {
		post[g+1] += post[g]
	}
	holders := make([]int32, post[ng])
	fill := slices.Clone(post[:ng])
	for t := 0; t < nt; t++ {
		gs := grams[start[t]:start[t+1]]
		for i, g := range gs {
			if i == 0 || g != gs[i-1] {
				holders[fill[g]] = int32(t)
				fill[g]++
			}
		}
	}

	// Self-kernels, then neighbours.
	self := make([]float64, nt)
	for t := 0; t < nt; t++ {
		self[t] = kernel(grams[start[t]:start[t+1]], grams[start[t]:start[t+1]], idf2)
	}
	m := &ngrams{neigh: make([][]neighbour, nt)}
	const tchunk = 1024
	type scratch struct {
		acc  []float64
		seen []int32
	}
	parallelWith(ctx, (nt+tchunk-1)/tchunk, func() *scratch { return &scratch{make([]float64, nt), make([]int32, nt)} }, func(sc *scratch, k int) {
		acc, seen := sc.acc, sc.seen
		var touched []int32
		for t := k * tchunk; t < min((k+1)*tchunk, nt); t++ {
			gs := grams[start[t]:start[t+1]]
			if len(gs) == 0 {
				continue
			}
			touched = touched[:0]
			for i := 0; i < len(gs); {
				g, c := gs[i], 1
				for i+c < len(gs) && gs[i+c] == g {
					c++
				}
				i += c
				hs := holders[post[g]:post[g+1]]
				if len(hs) > gramPostingCap {
					continue
				}
				for _, u := range hs {
					if seen[u] != int32(t+1) {
						seen[u], acc[u] = int32(t+1), 0
						touched = append(touched, u)
					}
					acc[u] += float64(c) * idf2[g] // about the kernel: u's counts are mostly 1
				}
			}
			out := []neighbour{{int32(t), self[t]}}
			for _, u := range touched {
				floor := kernelFloor * math.Sqrt(self[t]*self[u])
				if u == int32(t) || acc[u] < floor/2 {
					continue
				}
				// The exact kernel of the pair, counts and all.
				if kv := kernel(gs, grams[start[u]:start[u+1]], idf2); kv >= floor {
					out = append(out, neighbour{u, kv})
				}
			}
			m.neigh[t] = out
		}
	})
	// Norms of the clauses.
	parallelWith(ctx, (len(es)+chunk-1)/chunk, func() *countScratch { return newCountScratch(nt) }, func(sc *countScratch, k int) {
		for i := k * chunk; i < min((k+1)*chunk, len(es)); i++ {
			e := es[i]
			sc.set(e.terms)
			e.gramNorm = math.Sqrt(m.dot(e.terms, sc))
		}
	})
	return m
}

// kernel returns the weighted dot product of two sorted n-gram multisets.
func kernel(a, b []int32, idf2 []float64) float64 {
	s := 0.0
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			g := a[i]
			ca, cb := 0, 0
			for i < len(a) && a[i] == g {
				ca++
				i++
			}
			for j < len(b) && b[j] == g {
				cb++
				j++
			}
			s += float64(ca*cb) * idf2[g]
		}
	}
	return s
}

// countScratch holds the counts of one clause's terms, stamped.
type countScratch struct {
	count, stamp []int32
	cur          int32
}

func newCountScratch(nt int) *countScratch {
	return &countScratch{count: make([]int32, nt), stamp: make([]int32, nt)}
}

func (sc *countScratch) set(ts []term) {
	sc.cur++
	if sc.cur == 0 {
		clear(sc.stamp)
		sc.cur = 1
	}
	for _, t := range ts {
		sc.count[t.word], sc.stamp[t.word] = t.count, sc.cur
	}
}

func (sc *countScratch) get(t int32) int32 {
	if sc.stamp[t] == sc.cur {
		return sc.count[t]
	}
	return 0
}

// dot returns the n-gram dot product of terms a with the clause whose
// counts sc holds.
func (m *ngrams) dot(a []term, sc *countScratch) float64 {
	s := 0.0
	for _, t := range a {
		for _, nb := range m.neigh[t.word] {
			if c := sc.get(nb.t); c > 0 {
				s += float64(t.count) * float64(c) * nb.k
			}
		}
	}
	return s
}

// cosine returns the n-gram cosine of a with the clause sc holds, given
// both norms, and the part of it that different terms make (the n-grams
// that one clause's words share with other words of the other clause).
func (m *ngrams) cosine(a []term, na float64, sc *countScratch, nb float64) (cos, cross float64) {
	if na == 0 || nb == 0 {
		return 0, 0
	}
	same, other := 0.0, 0.0
	for _, t := range a {
		for _, nbr := range m.neigh[t.word] {
			if c := sc.get(nbr.t); c > 0 {
				x := float64(t.count) * float64(c) * nbr.k
				if nbr.t == t.word {
					same += x
				} else {
					other += x
				}
			}
		}
	}
	return min((same+other)/(na*nb), 1), min(other/(na*nb), 1)
}
