package words

import (
	"strings"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/figures"
)

// ExtractFigures returns the figures of s in order of appearance, each as
// written, white space inside it shown as one space. Figures are what
// package figures reads: numbers however grouped and scaled (600,000,
// 600 000, 600k, six hundred thousand), sums of money ($100bn, US$100
// billion), shares (50%, 50 per cent, half), durations (100 days, 60-day),
// dates (1 March 2026, 2027), ranges (60-100 days) and references
// (Article 5, point 14.3). Counted nouns stay outside: "600,000 troops"
// gives 600,000.
func ExtractFigures(s string) []string {
	var x FigureExtractor
	return x.Extract(s)
}

// A FigureExtractor is ExtractFigures keeping its working space between
// calls, for callers that read many texts (a report reads every clause of
// every version: fresh working space per text was 200 MB of garbage at the
// clause limit). The zero value is ready; it must not be used by several
// goroutines at once.
type FigureExtractor struct {
	rd  figures.Reader
	buf []figures.Figure
}

// Extract is ExtractFigures(s).
func (x *FigureExtractor) Extract(s string) []string {
	if !figures.MayHold(s) {
		return nil
	}
	x.buf = x.rd.Append(x.buf[:0], s)
	if len(x.buf) == 0 {
		return nil
	}
	texts := make([]string, len(x.buf))
	for i, f := range x.buf {
		texts[i] = f.Text
	}
	clear(x.buf) // drop the references to s
	return texts
}

// Figures lists the figures that changed between the two texts that edits
// rebuild (see ExtractFigures for what a figure is), in order of appearance,
// with how they changed.
//
// A figure has changed when one of its characters is deleted or inserted.
// Changes separated only by white space and punctuation form one changed
// region, and so do changes that one figure spans; within a region, the
// changed figures of the old text pair with those of the new text in order.
// Pairs of a kind (two sums in one currency, two durations, two dates, two
// references with one reference word...) are matched first, as a longest
// common subsequence, while a region's old × new figures stay within 4,096;
// the rest pair in order between them, and what is left over pairs with
// nothing: {Old: "100 days", New: ""} for a figure dropped, {Old: "",
// New: "2027"} for one added.
//
// Equal values are not a change: a pair whose values are equal (600,000 and
// 600 000; $100bn and US$100 billion; 50% and half) is not listed, and
// neither is a figure that only moved (dropped in one place and added, of
// equal value, in another).
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
// returns; it reuses the Differ's buffers.
func (d *Differ) Figures(a, b string, edits []Edit) []Figure {
	s := &d.figs
	s.known = d.read && a == d.lastA && b == d.lastB
	s.knownA, s.knownB = d.figsA, d.figsB // Diff read them, when known
	return s.figures(a, b, edits)
}

// figureScratch holds the buffers of Figures between calls.
type figureScratch struct {
	rd             figures.Reader
	read           []figures.Figure
	old, nu        []figure
	hunks          []hunk
	known          bool // knownA and knownB are the figures of a and b (Diff read them)
	knownA, knownB []figures.Figure
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
	s.old = s.load(s.old[:0], a, s.knownA)
	s.old = touched(s.old, s.hunks, func(h hunk) (int, int) { return h.a0, h.a1 })
	s.nu = s.load(s.nu[:0], b, s.knownB)
	s.nu = touched(s.nu, s.hunks, func(h hunk) (int, int) { return h.b0, h.b1 })
	return dropMoves(pairRegions(s.old, s.nu, s.hunks, b))
}

// load appends the figures of text (known when already read).
func (s *figureScratch) load(dst []figure, text string, known []figures.Figure) []figure {
	fs := known
	if !s.known {
		s.read = s.rd.Append(s.read[:0], text)
		fs = s.read
	}
	for _, f := range fs {
		dst = append(dst, figure{start: f.Start, end: f.End, text: f.Text, value: f.Value, deadline: DeadlineBefore(text, f.Start)})
	}
	return dst
}

// DeadlineBefore reports a figure that is a time limit: a preposition of
// deadlines (within, by, before, until...) just before it.
func DeadlineBefore(text string, start int) bool {
	i := start
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\n' || text[i-1] == '\t') {
		i--
	}
	j := i
	for j > 0 && isASCIILetter(text[j-1]) {
		j--
	}
	switch strings.ToLower(text[j:i]) {
	case "within", "by", "before", "until", "till", "than", "inside", "deadline":
		return true
	}
	return false
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

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
	start, end int    // bytes of the text
	text       string // as quoted
	value      figures.Value
	deadline   bool // a time limit (DeadlineBefore)
	h0, h1     int  // the changes it touches, h0..h1; set by touched
}

// kind describes f for pairing: figures of a kind may replace each other
// (two sums in one currency, two durations, two dates, two references with
// one reference word, two counts with one unit).
func (f *figure) kind() string {
	v := f.value
	switch v.Kind {
	case figures.Duration, figures.Date:
		return v.Kind.String()
	case figures.Percent:
		return v.Kind.String() + v.Unit
	}
	return v.Kind.String() + ":" + v.Unit
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
// and pairs each group; hunks and b, the new text, say what replaced a
// figure dropped.
func pairRegions(old, nu []figure, hunks []hunk, b string) []Figure {
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
		n := len(out)
		out = pairGroup(out, old[gi:i], nu[gj:j])
		// A deadline dropped where the new text has no figure: say what
		// the region says instead ("as soon as possible").
		for k := n; k < len(out) && gj == j; k++ {
			if f := &out[k]; f.New == "" && f.Note == NoteDeadlineDropped && gi < i {
				h0, h1 := old[gi].h0, old[i-1].h1
				if h1 < len(hunks) && h0 <= h1 && hunks[h0].b0 < hunks[h1].b1 {
					f.Instead = insteadOf(b[hunks[h0].b0:hunks[h1].b1])
				}
			}
		}
	}
	return out
}

// openDeadlines are the phrases that state a time without a limit; what a
// dropped limit gave way to is one of them, when the new text has one.
var openDeadlines = []string{"as soon as possible", "immediately", "at once", "without delay", "forthwith", "promptly", "in due course"}

// insteadOf says what an inserted text puts in place of a dropped time
// limit: the first open deadline phrase it holds, as written (a clause
// rewritten whole: "Presidential elections take place in Ukraine as soon
// as possible" gives "as soon as possible"), else its first words.
func insteadOf(s string) string {
	// Folding ASCII bytes alone keeps every byte where it was, so offsets
	// in lower are offsets in s (strings.ToLower and strings.Map may not:
	// invalid UTF-8, İ); the phrases are ASCII.
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	lower := string(b)
	at, n := -1, 0
	for _, p := range openDeadlines {
		for from := 0; ; {
			i := strings.Index(lower[from:], p)
			if i < 0 {
				break
			}
			i += from
			end := i + len(p)
			// Whole words only, as the word diff reads words: not
			// "promptly" inside "impromptly" or "épromptly".
			before, _ := utf8.DecodeLastRuneInString(lower[:i])
			after, _ := utf8.DecodeRuneInString(lower[end:])
			if (i == 0 || !isWordRune(before)) && (end == len(lower) || !isWordRune(after)) {
				if at < 0 || i < at {
					at, n = i, len(p)
				}
				break
			}
			from = i + 1
		}
	}
	if at >= 0 {
		return s[at : at+n]
	}
	return phrase(s)
}

// phrase returns the first words of an inserted text, up to a word that
// starts a new part of the sentence (after, once, if, when...) or six
// words: "as soon as possible after the agreement is signed" gives "as soon
// as possible".
func phrase(s string) string {
	ws := strings.Fields(strings.TrimLeft(s, " ,;:.()-–—"))
	n := 0
	for n < len(ws) && n < 6 {
		w := strings.ToLower(strings.Trim(ws[n], ",;:.()"))
		if n >= 2 {
			switch w {
			case "after", "before", "once", "if", "unless", "when", "until", "by", "within", "following", "provided", "subject":
				ws = ws[:n]
				continue
			}
		}
		n++
	}
	out := strings.Join(ws[:n], " ")
	out = strings.TrimRight(out, ",;:.")
	if n < len(ws) {
		out += "…"
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
			out = appendPair(out, &old[i], &nu[j])
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
		out = appendPair(out, &old[k], &nu[k])
	}
	for i := range old[k:] {
		f := &old[k+i]
		note := NoteDropped
		if f.deadline {
			note = NoteDeadlineDropped
		}
		out = append(out, Figure{Old: f.text, Kind: f.value.Kind.String(), Note: note})
	}
	for i := range nu[k:] {
		f := &nu[k+i]
		note := NoteAdded
		if f.deadline {
			note = NoteDeadlineAdded
		}
		out = append(out, Figure{New: f.text, Kind: f.value.Kind.String(), Note: note})
	}
	return out
}

// appendPair appends the change from old to nu, unless their values are
// equal: then nothing changed.
func appendPair(out []Figure, old, nu *figure) []Figure {
	if old.value.Equal(nu.value) {
		return out
	}
	f := Figure{Old: old.text, New: nu.text, Kind: nu.value.Kind.String()}
	if old.value.Kind != nu.value.Kind {
		f.Kind = ""
	}
	f.Direction = figures.Direction(old.value, nu.value)
	f.Change = figures.Change(old.value, nu.value)
	return append(out, f)
}

// dropMoves removes each figure that was dropped in one place together with
// the first figure added, of equal value, in another.
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
			if g.Old == "" && !gone[j] && sameValue(f.Old, g.New) {
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

// sameValue reports whether two figure texts read as equal values.
func sameValue(a, b string) bool {
	if a == b {
		return true
	}
	fa, fb := figures.Read(a), figures.Read(b)
	return len(fa) == 1 && len(fb) == 1 && fa[0].Value.Equal(fb[0].Value)
}
