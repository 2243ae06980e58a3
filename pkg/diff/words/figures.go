package words

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ExtractFigures returns the figures of s in order of appearance, each as
// people quote it, with white space inside it shown as one space.
//
// A figure is a number token (see Tokenize) that starts with a digit, or
// with a currency sign and a digit: 600,000  14.3  2027  50%  50:50
// 33/33/33  $100bn  60-day  20-point. Ordinals (1st, 22nd, 3rd, 4th) are not
// figures, nor are numbers spelled out in words or names with digits that
// start with a letter (G8, F-16).
//
// A figure takes along
//
//   - the unit words that follow it, up to two, separated by white space
//     with at most one line break: 100 days, 5 km, $800 billion,
//     50 per cent, 100 billion dollars (units of time, distance, area,
//     scale, currency and percentage, in English; see the units table);
//   - a reference word just before it: Article 5, point 14, Art. 5 (see the
//     refs table).
//
// Counted nouns stay outside: "600,000 troops" and "600,000 personnel" give
// the figure 600,000, as the figure is usually quoted.
func ExtractFigures(s string) []string {
	figs := findFigures(s)
	if len(figs) == 0 {
		return nil
	}
	texts := make([]string, len(figs))
	for i, f := range figs {
		texts[i] = f.text
	}
	return texts
}

// Figures lists the figures that changed between the two texts that edits
// rebuild (see ExtractFigures for what a figure is), in order of appearance.
//
// A figure has changed when one of its tokens is deleted or inserted, or
// text is inserted or deleted inside it. Changes separated only by white
// space and punctuation form one changed region, and so do changes that one
// figure spans; within a region, the changed figures of the old text pair
// with those of the new text in order. Pairs of the same kind (same unit
// and reference word, like "100 days" and "60-day", or "$100bn" and
// "$800 billion") are matched first, as a longest common subsequence, while
// a region's old × new figures stay within 4,096; the rest pair in order
// between them, and what is left over pairs with nothing:
// {Old: "100 days", New: ""} for a figure dropped, {Old: "", New: "2027"}
// for one added.
//
// Unchanged figures are not listed: a pair whose two sides read the same is
// dropped, and so is a figure that only moved (dropped in one place and
// added, reading the same, in another).
func Figures(edits []Edit) []Figure {
	var a, b strings.Builder
	for _, e := range edits {
		switch e.Op {
		case OpEqual:
			a.WriteString(e.Text)
			b.WriteString(e.Text)
		case OpDelete:
			a.WriteString(e.Text)
		case OpInsert:
			b.WriteString(e.Text)
		}
	}
	var s figureScratch
	return s.figures(a.String(), b.String(), edits)
}

// Figures is words.Figures for edits that turn a into b, such as Diff(a, b)
// returns; given the texts, it need not rebuild them, and it reuses the
// Differ's buffers.
func (d *Differ) Figures(a, b string, edits []Edit) []Figure {
	s := &d.figs
	// After Diff(a, b), the tokens of both texts are known. (Comparing
	// the same strings costs nothing; equal texts have equal tokens.)
	if a == d.lastA && b == d.lastB {
		s.ba, s.ka, s.bb, s.kb = d.ba, d.ka, d.bb, d.kb
	} else {
		s.ba, s.ka, s.bb, s.kb = nil, nil, nil, nil
	}
	return s.figures(a, b, edits)
}

// figureScratch holds the buffers of Figures between calls.
type figureScratch struct {
	toks    []token
	old, nu []figure
	hunks   []hunk
	// The token bounds and kinds of a and b when known (see appendTokens),
	// else nil.
	ba, bb []int
	ka, kb []tokenKind
}

func (s *figureScratch) figures(a, b string, edits []Edit) []Figure {
	s.hunks = s.hunks[:0]
	la, lb := 0, 0 // bytes of a and b rebuilt so far
	open := false  // whether a region is open: no word has been equal since its last change
	for _, e := range edits {
		if e.Text == "" {
			continue
		}
		if e.Op == OpEqual {
			la += len(e.Text)
			lb += len(e.Text)
			open = open && !hasWord(e.Text)
			continue
		}
		if !open {
			s.hunks = append(s.hunks, hunk{la, la, lb, lb})
			open = true
		}
		h := &s.hunks[len(s.hunks)-1]
		switch e.Op {
		case OpDelete:
			la += len(e.Text)
			h.a1 = la
		case OpInsert:
			lb += len(e.Text)
			h.b1 = lb
		}
	}
	if len(s.hunks) == 0 || la != len(a) || lb != len(b) {
		return nil
	}
	s.old, s.toks = appendFigures(s.old[:0], s.toks, a, s.ba, s.ka)
	s.old = touched(s.old, s.hunks, func(h hunk) (int, int) { return h.a0, h.a1 })
	s.nu, s.toks = appendFigures(s.nu[:0], s.toks, b, s.bb, s.kb)
	s.nu = touched(s.nu, s.hunks, func(h hunk) (int, int) { return h.b0, h.b1 })
	return dropMoves(pairRegions(s.old, s.nu))
}

// hunk is one changed region: bytes a0..a1 of the old text became b0..b1 of
// the new, each side running from where the region's first change is to the
// end of its last; a side with nothing deleted (or inserted) is empty.
type hunk struct{ a0, a1, b0, b1 int }

func hasWord(s string) bool {
	for i := 0; i < len(s); {
		j, kind := scan(s, i)
		if kind == kindWord {
			return true
		}
		i = j
	}
	return false
}

// figure is a figure found in a text.
type figure struct {
	start, end int       // bytes of the text
	text       string    // as quoted
	number     string    // the number token
	ref        string    // canonical reference word, or ""
	units      [2]string // canonical units, or ""
	h0, h1     int       // the changes it touches, h0..h1; set by touched
}

// kind describes f for pairing: digits as #, units and reference words in
// canonical form, so "100 days" and "60-day" are both #day.
func (f *figure) kind() string {
	return f.ref + numberKind(f.number) + f.units[0] + f.units[1]
}

// touched keeps the figures that a change touches, recording which;
// span gives a change's bytes on the figures' side. A change covering no
// bytes there (a pure insert, seen from the old side) touches a figure
// only strictly inside it.
func touched(figs []figure, hunks []hunk, span func(hunk) (int, int)) []figure {
	out := figs[:0]
	h := 0
	for _, f := range figs {
		// Changes and figures both come in text order, so the first change
		// ending after this figure's start never moves back.
		for h < len(hunks) {
			if _, end := span(hunks[h]); end > f.start {
				break
			}
			h++
		}
		f.h0, f.h1 = h, h-1
		for k := h; k < len(hunks); k++ {
			if start, _ := span(hunks[k]); start >= f.end {
				break
			}
			f.h1 = k
		}
		if f.h1 >= f.h0 {
			out = append(out, f)
		}
	}
	return out
}

// pairRegions groups old and new figures whose ranges of changes overlap
// and pairs each group.
func pairRegions(old, nu []figure) []Figure {
	var out []Figure
	i, j := 0, 0
	for i < len(old) || j < len(nu) {
		gi, gj := i, j
		var last int
		if j == len(nu) || i < len(old) && old[i].h0 <= nu[j].h0 {
			last = old[i].h1
			i++
		} else {
			last = nu[j].h1
			j++
		}
		for {
			if i < len(old) && old[i].h0 <= last {
				last = max(last, old[i].h1)
				i++
			} else if j < len(nu) && nu[j].h0 <= last {
				last = max(last, nu[j].h1)
				j++
			} else {
				break
			}
		}
		out = pairGroup(out, old[gi:i], nu[gj:j])
	}
	return out
}

// maxKindTable bounds the LCS table of pairGroup (old × new figures of one
// region). Clause regions hold a handful of figures; a region beyond the
// bound (a whole long text replaced) is zipped in order instead, keeping
// the work linear.
const maxKindTable = 4096

// pairGroup appends the pairs of one region: a longest common subsequence
// of same-kind figures, with the figures between its pairs zipped in order.
func pairGroup(out []Figure, old, nu []figure) []Figure {
	m, n := len(old), len(nu)
	if m <= 1 && n <= 1 || m*n > maxKindTable {
		return zip(out, old, nu) // nothing to choose, or too much to weigh
	}
	kinds := make([]string, m+n) // old's, then nu's
	for i := range old {
		kinds[i] = old[i].kind()
	}
	for j := range nu {
		kinds[m+j] = nu[j].kind()
	}
	// lcs[i*(n+1)+j] is the LCS length of old[i:] and nu[j:].
	lcs := make([]int, (m+1)*(n+1))
	for i := m - 1; i >= 0; i-- {
		for j := n - 1; j >= 0; j-- {
			if kinds[i] == kinds[m+j] {
				lcs[i*(n+1)+j] = 1 + lcs[(i+1)*(n+1)+j+1]
			} else {
				lcs[i*(n+1)+j] = max(lcs[(i+1)*(n+1)+j], lcs[i*(n+1)+j+1])
			}
		}
	}
	i, j, pi, pj := 0, 0, 0, 0
	for i < m && j < n {
		switch {
		case kinds[i] == kinds[m+j] && lcs[i*(n+1)+j] == 1+lcs[(i+1)*(n+1)+j+1]:
			out = zip(out, old[pi:i], nu[pj:j])
			out = appendPair(out, old[i].text, nu[j].text)
			i++
			j++
			pi, pj = i, j
		case lcs[(i+1)*(n+1)+j] >= lcs[i*(n+1)+j+1]:
			i++
		default:
			j++
		}
	}
	return zip(out, old[pi:], nu[pj:])
}

// zip pairs old and new figures in order, then appends those left over.
func zip(out []Figure, old, nu []figure) []Figure {
	k := 0
	for ; k < len(old) && k < len(nu); k++ {
		out = appendPair(out, old[k].text, nu[k].text)
	}
	for _, f := range old[k:] {
		out = append(out, Figure{Old: f.text})
	}
	for _, f := range nu[k:] {
		out = append(out, Figure{New: f.text})
	}
	return out
}

func appendPair(out []Figure, old, nu string) []Figure {
	if old == nu {
		return out
	}
	return append(out, Figure{Old: old, New: nu})
}

// dropMoves removes each figure that was dropped in one place together with
// the first figure added, reading the same, in another.
func dropMoves(figs []Figure) []Figure {
	if len(figs) == 0 {
		return nil
	}
	gone := make([]bool, len(figs))
	for i, f := range figs {
		if f.New != "" || gone[i] {
			continue
		}
		for j, g := range figs {
			if g.Old == "" && g.New == f.Old && !gone[j] {
				gone[i], gone[j] = true, true
				break
			}
		}
	}
	var out []Figure
	for i, f := range figs {
		if !gone[i] {
			out = append(out, f)
		}
	}
	return out
}

// findFigures returns the figures of s.
func findFigures(s string) []figure {
	figs, _ := appendFigures(nil, nil, s, nil, nil)
	return figs
}

// appendFigures appends the figures of s to figs, using toks as scratch
// space for the tokens of s; it returns both, for reuse. bounds and kinds
// are the tokens of s as appendTokens gives them, or nil to find them here.
func appendFigures(figs []figure, toks []token, s string, bounds []int, kinds []tokenKind) ([]figure, []token) {
	if !mayHoldDigit(s) {
		return figs, toks
	}
	toks = toks[:0]
	if bounds != nil {
		for k, kind := range kinds {
			toks = append(toks, token{s[bounds[k]:bounds[k+1]], bounds[k], kind})
		}
	} else {
		for i := 0; i < len(s); {
			j, kind := scan(s, i)
			toks = append(toks, token{s[i:j], i, kind})
			i = j
		}
	}
	done := 0 // tokens before this belong to an earlier figure
	for i := 0; i < len(toks); i++ {
		if !isNumber(toks[i]) {
			continue
		}
		first, ref := refBefore(toks[done:i])
		first += done
		last := i
		var units [2]string
		for k := range units {
			l, unit, ok := unitAfter(toks, last)
			if !ok {
				break
			}
			last, units[k] = l, unit
		}
		start, end := toks[first].start, toks[last].start+len(toks[last].text)
		figs = append(figs, figure{
			start:  start,
			end:    end,
			text:   quote(s[start:end], toks[first:last+1]),
			number: toks[i].text,
			ref:    ref,
			units:  units,
		})
		done = last + 1
		i = last
	}
	clear(toks) // drop the references to s
	return figs, toks
}

// mayHoldDigit is false when s holds no ASCII digit and nothing but ASCII:
// then it holds no figure, and the tokens need not be found.
func mayHoldDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; '0' <= c && c <= '9' || c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

type token struct {
	text  string
	start int
	kind  tokenKind
}

// isNumber reports a word token starting with a digit, or with a currency
// sign (a word only when a digit follows), that is not an ordinal.
func isNumber(t token) bool {
	if t.kind != kindWord {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	if !isDigit(r) {
		return unicode.Is(unicode.Sc, r) // a word only when a digit follows
	}
	rest := strings.TrimLeft(t.text, "0123456789")
	switch strings.ToLower(rest) {
	case "st", "nd", "rd", "th":
		return false
	}
	return true
}

// refBefore looks for a reference word ("Article", "Art.") ending toks,
// followed by white space; it returns the index where the figure starts
// (len(toks) if there is no reference word) and the word's canonical form.
func refBefore(toks []token) (int, string) {
	n := len(toks)
	if n < 2 || !isGap(toks[n-1]) {
		return n, ""
	}
	var buf [32]byte
	if w := toks[n-2]; w.kind == kindWord {
		if ref, ok := refs[string(lower(buf[:0], w.text))]; ok {
			return n - 2, ref
		}
	}
	if n >= 3 && toks[n-2].text == "." && toks[n-3].kind == kindWord {
		if ref, ok := refs[string(lower(buf[:0], toks[n-3].text, "."))]; ok {
			return n - 3, ref
		}
	}
	return n, ""
}

// unitAfter looks for a unit of one or two words after token i, past white
// space; it returns the unit's last token and canonical form.
func unitAfter(toks []token, i int) (int, string, bool) {
	if i+2 >= len(toks) || !isGap(toks[i+1]) {
		return 0, "", false
	}
	var buf [32]byte
	if i+4 < len(toks) && toks[i+3].text == " " {
		if unit, ok := units[string(lower(buf[:0], toks[i+2].text, " ", toks[i+4].text))]; ok {
			return i + 4, unit, true
		}
	}
	if unit, ok := units[string(lower(buf[:0], toks[i+2].text))]; ok {
		return i + 2, unit, true
	}
	return 0, "", false
}

// isGap reports white space that may sit inside a figure: at most one line
// break, so a figure never reaches across a blank line into the next clause.
func isGap(t token) bool {
	return t.kind == kindSpace && strings.Count(t.text, "\n") <= 1
}

// lower appends the ASCII-lowercased concatenation of parts to buf, for
// looking up the tables without allocating (m[string(b)] does not copy b).
// A key longer than buf's capacity comes back empty: no table holds one.
func lower(buf []byte, parts ...string) []byte {
	for _, p := range parts {
		if len(buf)+len(p) > cap(buf) {
			return nil
		}
		for i := 0; i < len(p); i++ {
			c := p[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
		}
	}
	return buf
}

// quote returns s, the text of toks, with each white-space run as one space.
func quote(s string, toks []token) string {
	single := true
	for _, t := range toks {
		single = single && (t.kind != kindSpace || t.text == " ")
	}
	if single {
		return s
	}
	var b strings.Builder
	for _, t := range toks {
		if t.kind == kindSpace {
			b.WriteByte(' ')
		} else {
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// numberKind describes a number token for pairing: each run of digits (with
// the separators inside it) becomes #, hyphens go, and a unit glued to the
// number takes its canonical form: "60-day" and "100 days" are both #day.
func numberKind(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := decode(s, i)
		j := i + n
		switch {
		case isDigit(r):
			j = scanDigits(s, i)
			b.WriteByte('#')
		case isWordRune(r):
			for j < len(s) {
				r, n := decode(s, j)
				if !isWordRune(r) || isDigit(r) {
					break
				}
				j += n
			}
			var buf [32]byte
			if unit, ok := units[string(lower(buf[:0], s[i:j]))]; ok {
				b.WriteString(unit)
			} else {
				b.WriteString(strings.ToLower(s[i:j]))
			}
		case r != '-' && r != '‐' && r != '‑':
			b.WriteString(s[i:j])
		}
		i = j
	}
	return b.String()
}

// scanDigits returns the end of the digit run at s[i], separators between
// digits included.
func scanDigits(s string, i int) int {
	for i < len(s) {
		r, n := decode(s, i)
		if isDigit(r) {
			i += n
			continue
		}
		switch r {
		case ',', '.', '\u00a0', '\u2009', '\u202f':
			if next, m := decode(s, i+n); isDigit(next) {
				i += n + m
				continue
			}
		}
		break
	}
	return i
}

// units maps the unit words a figure takes along (lowercase; two-word units
// with one space) to the canonical form used to match figures of a kind.
var units = map[string]string{
	"hour": "hour", "hours": "hour", "day": "day", "days": "day",
	"week": "week", "weeks": "week", "month": "month", "months": "month",
	"year": "year", "years": "year", "decade": "decade", "decades": "decade",

	"km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
	"mile": "mile", "miles": "mile", "metre": "metre", "metres": "metre", "meter": "metre", "meters": "metre",
	"km²": "km²", "sq km": "km²", "square kilometres": "km²", "square kilometers": "km²",
	"square miles": "mile²", "hectares": "ha", "ha": "ha",

	"thousand": "k", "million": "m", "millions": "m", "mn": "m", "mln": "m",
	"billion": "bn", "billions": "bn", "bn": "bn", "bln": "bn",
	"trillion": "tn", "tn": "tn",

	"dollar": "$", "dollars": "$", "usd": "$", "euro": "€", "euros": "€", "eur": "€",
	"hryvnia": "₴", "hryvnias": "₴", "uah": "₴", "rouble": "₽", "roubles": "₽",
	"ruble": "₽", "rubles": "₽", "rub": "₽",

	"%": "%", "percent": "%", "per cent": "%", "percentage points": "pp", "pp": "pp",
}

// refs maps the reference words that may precede a figure (lowercase;
// abbreviations with their full stop) to a canonical form.
var refs = map[string]string{
	"article": "article", "art.": "article", "articles": "article",
	"section": "section", "sec.": "section", "paragraph": "paragraph", "para.": "paragraph",
	"point": "point", "points": "point", "clause": "clause", "chapter": "chapter",
	"annex": "annex", "item": "item", "resolution": "resolution", "no.": "no",
}
