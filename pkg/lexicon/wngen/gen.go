package main

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/plandiff/plandiff/pkg/lexicon"
)

// What the table keeps, and why:
//
//   - Senses: for each lemma, the senses tagged in WordNet's semantic
//     concordance (tagsense_cnt of the index files; WordNet lists senses
//     most frequent first), at most maxSenses per part of speech. Rare
//     senses are what make WordNet synonyms noisy ("troop" as a flock,
//     "start" as "set"). A lemma with no tagged
//     sense (rare words, most proper nouns) takes part in derivational
//     families only (Ukraine, Ukrainian).
//   - Words: single words and phrases of up to maxPhrase words, letters only
//     (with hyphens and apostrophes between them), not stop words.
//   - Relations: synset membership (synonyms), the direct hypernyms of each
//     kept noun sense (hypernym and instance hypernym pointers; those of
//     verbs are too general to be evidence), and
//     derivational families: lemmas linked by "derivationally related
//     form" or pertainym pointers, joined transitively when their stems
//     share a prefix of at least familyPrefix letters, so that a family
//     stays morphological (verify, verification, verifiable) rather than
//     chaining through polysemous words.
//   - A synset is kept only when at least two entries refer to it; anything
//     else can relate nothing.
const (
	maxSenses    = 1
	maxPhrase    = 3
	familyPrefix = 4
)

type synset struct {
	words []string  // lemmas, lower case, as written (spaces between words)
	hyper []string  // keys of direct hypernym synsets
	deriv [][2]int8 // lexical derivation/pertainym pointers: source word, target word (1-based)
	targs []string  // their target synset keys, parallel to deriv
}

// Generate reads the WordNet 3.0 database files in dir and writes the table
// (the format lexicon.parseTable reads).
func Generate(dir string, w io.Writer) error {
	synsets := map[string]*synset{} // "n:00001740"
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		if err := readData(filepath.Join(dir, "data."+pos), synsets); err != nil {
			return err
		}
	}
	type sense struct {
		key, lemma string
		tagged     bool // a sense seen in the concordance, else a lemma's first sense
	}
	var senses []sense
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		err := readIndex(filepath.Join(dir, "index."+pos), func(lemma string, offsets []string, tagged bool) {
			for _, off := range offsets {
				senses = append(senses, sense{pos[:1] + ":" + off, lemma, tagged})
			}
		})
		if err != nil {
			return err
		}
	}

	// Entries: stem keys with their concepts.
	type concepts struct{ s, h map[string]bool }
	entries := map[string]*concepts{}
	entry := func(k string) *concepts {
		e := entries[k]
		if e == nil {
			e = &concepts{map[string]bool{}, map[string]bool{}}
			entries[k] = e
		}
		return e
	}
	var links [][2]string // derivational links between stem keys
	for _, s := range senses {
		ss := synsets[s.key]
		if ss == nil {
			continue
		}
		k, ok := stemKey(s.lemma)
		if !ok {
			continue
		}
		if s.tagged {
			e := entry(k)
			e.s[s.key] = true
			if strings.HasPrefix(s.key, "n:") { // verb and adjective hypernyms are too general
				for _, h := range ss.hyper {
					e.h[h] = true
				}
			}
		}
		src := slices.Index(ss.words, s.lemma) + 1
		for i, d := range ss.deriv {
			if int(d[0]) != src {
				continue
			}
			t := synsets[ss.targs[i]]
			if t == nil || int(d[1]) < 1 || int(d[1]) > len(t.words) {
				continue
			}
			if tk, ok := stemKey(t.words[d[1]-1]); ok && tk != k && !strings.Contains(tk, " ") && !strings.Contains(k, " ") &&
				commonPrefix(tk, k) >= familyPrefix {
				links = append(links, [2]string{k, tk})
			}
		}
	}

	// A synset relates two entries when both are members (synonyms) or one
	// is a member and the other a hyponym; entries that are only hyponyms
	// of one synset are not related (co-hyponyms are too loose).
	members, hyponyms := map[string]int{}, map[string]int{}
	for _, e := range entries {
		for s := range e.s {
			members[s]++
		}
		for h := range e.h {
			hyponyms[h]++
		}
	}
	// Families by union-find over the links.
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	for _, l := range links {
		for _, x := range l {
			if _, ok := parent[x]; !ok {
				parent[x] = x
			}
		}
		a, b := find(l[0]), find(l[1])
		if a != b {
			if b < a {
				a, b = b, a
			}
			parent[b] = a
		}
		entry(l[0])
		entry(l[1])
	}

	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	// Dense ids in order of first use, so the table is stable.
	ids := map[string]int{}
	id := func(s string) int {
		if n, ok := ids[s]; ok {
			return n
		}
		ids[s] = len(ids)
		return ids[s]
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# Generated by go generate (pkg/lexicon/wngen) from WordNet 3.0; do not edit.")
	fmt.Fprintln(bw, "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. See LICENSE-WORDNET.")
	fmt.Fprintln(bw, "# stem key<TAB>concepts: s = synset member, h = hyponym of that synset, d = derivational family")
	for _, k := range keys {
		e := entries[k]
		type code struct {
			kind byte
			n    int
		}
		var cs []code
		for _, s := range sortedKeys(e.s) {
			if members[s] >= 2 || members[s] == 1 && hyponyms[s] >= 1 {
				cs = append(cs, code{'s', id("s" + s)})
			}
		}
		for _, h := range sortedKeys(e.h) {
			if members[h] >= 1 {
				cs = append(cs, code{'h', id("s" + h)})
			}
		}
		if _, ok := parent[k]; ok { // entries of a family of one stem do not occur
			cs = append(cs, code{'d', id("d" + find(k))})
		}
		if len(cs) == 0 {
			continue
		}
		slices.SortFunc(cs, func(x, y code) int { return cmp.Or(cmp.Compare(x.n, y.n), cmp.Compare(x.kind, y.kind)) })
		bw.WriteString(k)
		bw.WriteByte('\t')
		for i, c := range cs {
			if i > 0 {
				bw.WriteByte(' ')
			}
			bw.WriteByte(c.kind)
			bw.WriteString(strconv.FormatInt(int64(c.n), 36))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// stemKey turns a lemma into the key the table is looked up by: its words
// stemmed, joined by single spaces. It refuses lemmas that are not words of
// letters, are longer than maxPhrase words, or are only stop words.
func stemKey(lemma string) (string, bool) {
	ws := lexicon.Words(lemma)
	if len(ws) == 0 || len(ws) > maxPhrase {
		return "", false
	}
	content := false
	for i, w := range ws {
		for _, r := range w {
			if r < 'a' || r > 'z' {
				return "", false
			}
		}
		if !lexicon.IsStopWord(w) {
			content = true
		}
		ws[i] = lexicon.Stem(w)
	}
	if !content || len(ws) == 1 && len(ws[0]) < 2 {
		return "", false
	}
	return strings.Join(ws, " "), true
}

// readData reads one data.POS file into synsets.
func readData(path string, synsets map[string]*synset) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.HasPrefix(text, "  ") {
			continue // licence header
		}
		if i := strings.Index(text, " | "); i >= 0 {
			text = text[:i]
		}
		fs := strings.Fields(text)
		bad := func() error { return fmt.Errorf("%s:%d: malformed synset", path, line) }
		if len(fs) < 4 {
			return bad()
		}
		pos := fs[2]
		if pos == "s" {
			pos = "a" // satellite adjectives are adjectives
		}
		n, err := strconv.ParseInt(fs[3], 16, 32)
		if err != nil || len(fs) < 4+2*int(n)+1 {
			return bad()
		}
		s := &synset{}
		for i := 0; i < int(n); i++ {
			w := fs[4+2*i]
			if j := strings.IndexByte(w, '('); j > 0 {
				w = w[:j] // adjective markers: (a), (p), (ip)
			}
			s.words = append(s.words, strings.ToLower(strings.ReplaceAll(w, "_", " ")))
		}
		k := 4 + 2*int(n)
		p, err := strconv.Atoi(fs[k])
		if err != nil || len(fs) < k+1+4*p {
			return bad()
		}
		for i := 0; i < p; i++ {
			sym, off, tpos, st := fs[k+1+4*i], fs[k+2+4*i], fs[k+3+4*i], fs[k+4+4*i]
			if tpos == "s" {
				tpos = "a"
			}
			switch sym {
			case "@", "@i":
				s.hyper = append(s.hyper, tpos+":"+off)
			case "+", "\\":
				if len(st) != 4 || st == "0000" {
					continue
				}
				src, e1 := strconv.ParseInt(st[:2], 16, 16)
				dst, e2 := strconv.ParseInt(st[2:], 16, 16)
				if e1 != nil || e2 != nil {
					return bad()
				}
				s.deriv = append(s.deriv, [2]int8{int8(src), int8(dst)})
				s.targs = append(s.targs, tpos+":"+off)
			}
		}
		synsets[pos+":"+fs[0]] = s
	}
	return sc.Err()
}

// readIndex reads one index.POS file and calls fn with each lemma, the
// offsets of the senses kept (see maxSenses) and whether they are tagged
// senses (else the lemma has none, and only its first sense is given).
func readIndex(path string, fn func(lemma string, offsets []string, tagged bool)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.HasPrefix(text, "  ") {
			continue
		}
		fs := strings.Fields(text)
		bad := func() error { return fmt.Errorf("%s:%d: malformed index line", path, line) }
		if len(fs) < 4 {
			return bad()
		}
		senses, e1 := strconv.Atoi(fs[2])
		ptrs, e2 := strconv.Atoi(fs[3])
		if e1 != nil || e2 != nil || len(fs) < 4+ptrs+2+senses {
			return bad()
		}
		tagged, err := strconv.Atoi(fs[4+ptrs+1])
		if err != nil {
			return bad()
		}
		offs := fs[4+ptrs+2 : 4+ptrs+2+senses]
		keep := min(max(tagged, 1), maxSenses, len(offs))
		fn(strings.ReplaceAll(fs[0], "_", " "), offs[:keep], tagged > 0)
	}
	return sc.Err()
}
