package figures

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Read returns the figures of text in order. It never fails: what it cannot
// read is not a figure.
func Read(text string) []Figure {
	if !MayHold(text) {
		return nil
	}
	var rd Reader
	return rd.Append(nil, text)
}

// ReadAppend is Read appending to dst, for callers that reuse a slice.
func ReadAppend(dst []Figure, text string) []Figure {
	var r Reader
	return r.Append(dst, text)
}

// A Reader reads figures and keeps its working space between calls, so
// reading many texts allocates little. The zero value is ready to use; a
// Reader must not be used by several goroutines at once.
type Reader struct {
	r reader
}

// Append appends the figures of text to dst (see Read).
//
// Only windows of the text around the places where a figure may start (a
// digit, a currency sign, a word that starts figures) are read: two words
// before such a place, since "between" and a glued prefix count, and
// windowReach bytes after the last of a run of them, or more where a
// figure runs on. Most of a clause's words are never tokenised.
func (rd *Reader) Append(dst []Figure, text string) []Figure {
	r := &rd.r
	lo := 0 // the text before lo is read
	for {
		p := nextTrigger(text, lo)
		if p < 0 {
			break
		}
		ws := windowStart(text, p, lo)
		we := windowEnd(text, p)
		for {
			q := nextTrigger(text, we)
			if q < 0 || q > we+windowReach/2 {
				break
			}
			we = windowEnd(text, q)
		}
		for {
			r.toks = r.toks[:0]
			r.tokenize(text, ws, we)
			n := len(dst)
			dst = r.read(dst)
			// A figure that reaches the end of a window cut short may run on.
			if we == len(text) || len(dst) == n || dst[len(dst)-1].End < int(r.toks[len(r.toks)-1].start) {
				break
			}
			dst = dst[:n]
			we = min(len(text), we+windowReach)
			we = wordEnd(text, we)
		}
		lo = we
		if len(dst) > 0 {
			lo = max(lo, dst[len(dst)-1].End)
		}
	}
	r.s = ""
	clear(r.toks) // drop the references to text
	return dst
}

// windowReach is how far past the place a figure may start a window
// reaches (bytes, then to the end of the word).
const windowReach = 64

// nextTrigger returns the first place at or after i where a figure may
// start, or -1.
func nextTrigger(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case '0' <= c && c <= '9', c == '$':
			return i
		case 'a' <= c|0x20 && c|0x20 <= 'z':
			j := i + 1
			for j < len(s) && isLetterByte(s[j]) {
				j++
			}
			if j < len(s) && s[j] >= utf8.RuneSelf {
				// a word going on in another script: read it whole
				return i
			}
			if isStarterFold(s[i:j]) {
				return i
			}
			i = j
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if currencySigns[string(r)] != "" || unicode.IsDigit(r) || unicode.IsLetter(r) || unicode.IsSpace(r) {
				// currency signs, digits of other scripts, letters of
				// other scripts (read whole), spaces that group digits
				if unicode.IsSpace(r) {
					i += n
					continue
				}
				return i
			}
			i += n
		default:
			i++
		}
	}
	return -1
}

// windowStart returns where a window for a figure place p starts: up to
// two words before p, not before lo.
func windowStart(s string, p, lo int) int {
	i := p
	for range 2 {
		j := i
		for j > lo && (s[j-1] == ' ' || s[j-1] == '\t' || s[j-1] == '\n' || s[j-1] == '\r') {
			j--
		}
		for j > lo && s[j-1] != ' ' && s[j-1] != '\t' && s[j-1] != '\n' && s[j-1] != '\r' {
			j--
		}
		if j == i {
			break
		}
		i = j
	}
	return i
}

// windowEnd returns where a window for a figure place p ends.
func windowEnd(s string, p int) int {
	return wordEnd(s, min(len(s), p+windowReach))
}

// wordEnd moves i to the end of the word it is in.
func wordEnd(s string, i int) int {
	for i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' {
		i++
	}
	return i
}

// isStarterFold is isStarter for an ASCII word in any case.
func isStarterFold(w string) bool {
	n := len(w)
	if n == 0 || n >= 16 {
		return false
	}
	f, l := w[0]|0x20, w[n-1]|0x20
	if 'a' <= f && f <= 'z' && 'a' <= l && l <= 'z' && starterShape[f-'a'][l-'a']&(1<<n) == 0 {
		return false
	}
	var buf [16]byte
	for i := 0; i < n; i++ {
		buf[i] = w[i] | 0x20
	}
	return starters[string(buf[:n])]
}

// MayHold is a quick test: false when text holds no figure for certain
// (no digit, no currency sign, no number word); Read and ReadAppend make it
// first.
func MayHold(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9', c == '$':
			return true
		case c >= utf8.RuneSelf:
			// €, £, ₴, ₽, or digits of other scripts: read on
			return true
		case 'a' <= c|0x20 && c|0x20 <= 'z' && (i == 0 || !isLetterByte(s[i-1])):
			j := i + 1
			for j < len(s) && isLetterByte(s[j]) {
				j++
			}
			if j-i >= 3 && j-i <= 8 && numberWord(s[i:j]) {
				return true
			}
			i = j - 1
		}
	}
	return false
}

func isLetterByte(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// numberWord reports a word (any case) that may start or make a number in
// words: ten, twenty, hundred, half, third..., or a unit that "a" makes
// one of (a year).
func numberWord(w string) bool {
	var buf [8]byte
	b := buf[:0]
	for i := 0; i < len(w); i++ {
		b = append(b, w[i]|0x20)
	}
	switch string(b) {
	case "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
		"eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
		"ninety", "hundred", "thousand", "million", "billion", "trillion", "half", "third", "thirds",
		"quarter", "quarters", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"day", "week", "month", "year", "decade": // a year, half a month
		return true
	}
	return false
}

type tokKind uint8

const (
	tSpace tokKind = iota
	tNum           // digits, with , . : / and thin or no-break spaces between digits
	tWord          // letters
	tSym           // one other character
)

// tok is a token: offsets into the text, so that tokens hold no pointers
// (storing them costs no write barriers).
type tok struct {
	kind       tokKind
	upper      bool  // tWord: has capitals; its lower case is in reader.low
	newlines   int32 // tSpace: line breaks inside
	start, end int32
}

type reader struct {
	s    string
	toks []tok
	// low is the lower case of the window s[lowAt:], when a word in it has
	// capitals.
	low   string
	lowAt int
}

// text returns the text of token i.
func (r *reader) text(i int) string {
	t := &r.toks[i]
	return r.s[t.start:t.end]
}

// lower returns the lower case of token t.
func (r *reader) lower(t *tok) string {
	if t.upper {
		return r.low[int(t.start)-r.lowAt : int(t.end)-r.lowAt]
	}
	return r.s[t.start:t.end]
}

// tokenize appends the tokens of s[lo:hi] (offsets into s).
func (r *reader) tokenize(s string, lo, hi int) {
	r.s = s
	upper := false // some word has capitals: lower-case them all at the end
	s = s[:hi]
	for i := lo; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			j, nl := i, 0
			for j < len(s) {
				d := s[j]
				if d == '\n' {
					nl++
				} else if d != ' ' && d != '\t' && d != '\r' {
					if d < utf8.RuneSelf {
						break
					}
					rn, m := utf8.DecodeRuneInString(s[j:])
					if !unicode.IsSpace(rn) {
						break
					}
					j += m
					continue
				}
				j++
			}
			r.toks = append(r.toks, tok{kind: tSpace, start: int32(i), end: int32(j), newlines: int32(nl)})
			i = j
		case '0' <= c && c <= '9':
			j := i + 1
			for j < len(s) {
				d := s[j]
				if '0' <= d && d <= '9' {
					j++
					continue
				}
				if d == ',' || d == '.' || d == ':' || d == '/' {
					if j+1 < len(s) && '0' <= s[j+1] && s[j+1] <= '9' {
						j += 2
						continue
					}
				} else if d >= utf8.RuneSelf {
					rn, m := utf8.DecodeRuneInString(s[j:])
					if (rn == '\u00a0' || rn == '\u2009' || rn == '\u202f') && j+m < len(s) && '0' <= s[j+m] && s[j+m] <= '9' {
						j += m + 1
						continue
					}
				}
				break
			}
			r.toks = append(r.toks, tok{kind: tNum, start: int32(i), end: int32(j)})
			i = j
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf && isLetterAt(s, i):
			j := i
			up := false
			for j < len(s) {
				d := s[j]
				if 'a' <= d && d <= 'z' {
					j++
					continue
				}
				if 'A' <= d && d <= 'Z' {
					up = true
					j++
					continue
				}
				if d >= utf8.RuneSelf {
					rn, m := utf8.DecodeRuneInString(s[j:])
					if unicode.IsLetter(rn) {
						up = up || !unicode.IsLower(rn)
						j += m
						continue
					}
				}
				break
			}
			upper = upper || up
			r.toks = append(r.toks, tok{kind: tWord, upper: up, start: int32(i), end: int32(j)})
			i = j
		default:
			n := 1
			if c >= utf8.RuneSelf {
				rn, m := utf8.DecodeRuneInString(s[i:])
				n = m
				if unicode.IsSpace(rn) {
					// a space outside ASCII: read as above
					j, nl := i+m, 0
					for j < len(s) {
						rn2, m2 := utf8.DecodeRuneInString(s[j:])
						if !unicode.IsSpace(rn2) {
							break
						}
						if rn2 == '\n' {
							nl++
						}
						j += m2
					}
					r.toks = append(r.toks, tok{kind: tSpace, start: int32(i), end: int32(j), newlines: int32(nl)})
					i = j
					continue
				}
			}
			r.toks = append(r.toks, tok{kind: tSym, start: int32(i), end: int32(i + n)})
			i += n
		}
	}
	r.low, r.lowAt = "", lo
	if upper {
		// One lower-cased copy of the window serves every word.
		r.low = lowerInPlace(s[lo:])
	}
}

// lowerInPlace returns s in lower case with every byte where it was: a
// character whose lower case has another length, and a byte that is not
// UTF-8, stay as they are. (strings.ToLower writes U+FFFD for such a byte,
// which moved everything after it: a text starting with one lost every
// figure that a window read without it found; FuzzRead.)
func lowerInPlace(s string) string {
	b := make([]byte, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
			i++
			continue
		}
		rn, n := utf8.DecodeRuneInString(s[i:])
		if lr := unicode.ToLower(rn); rn != utf8.RuneError && lr != rn && utf8.RuneLen(lr) == n {
			utf8.EncodeRune(b[i:], lr)
		} else {
			copy(b[i:i+n], s[i:i+n])
		}
		i += n
	}
	return string(b)
}

func isLetterAt(s string, i int) bool {
	rn, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(rn)
}

// glued reports whether tokens i and i+1 touch (no space between them).
func (r *reader) glued(i int) bool {
	return i+1 < len(r.toks) && r.toks[i].end == r.toks[i+1].start
}

// gluedToText reports whether token i is glued to a number or a word.
func (r *reader) gluedToText(i int) bool {
	return r.glued(i) && (r.toks[i+1].kind == tNum || r.toks[i+1].kind == tWord)
}

// spaceThenNumber reports whether token i is white space on one line and
// token i+1 a number: what may stand between a currency sign and its amount.
func (r *reader) spaceThenNumber(i int) bool {
	return i+1 < len(r.toks) && r.short(i) && r.toks[i].newlines == 0 && r.toks[i+1].kind == tNum
}

// gap reports whether token i is white space a figure may span: at most one
// line break, so a figure never reaches across a blank line.
func (r *reader) gap(i int) bool {
	return i < len(r.toks) && r.short(i) && r.toks[i].newlines <= 1
}

// maxGap is the most white space, in bytes, a figure spans ("$ 100",
// "100\n    billion"): a sign and a number a line's width apart are not one
// figure, and a window (Reader.Append) always holds both parts of one.
const maxGap = 16

// short reports whether token i is white space of at most maxGap bytes.
func (r *reader) short(i int) bool {
	t := &r.toks[i]
	return t.kind == tSpace && t.end-t.start <= maxGap
}

// word returns the lower-case word at token i, or "".
func (r *reader) word(i int) string {
	if i >= 0 && i < len(r.toks) && r.toks[i].kind == tWord {
		return r.lower(&r.toks[i])
	}
	return ""
}

func (r *reader) sym(i int) string {
	if i >= 0 && i < len(r.toks) && r.toks[i].kind == tSym {
		return r.text(i)
	}
	return ""
}

// next returns the index of the token after white space following token i
// (i+2 when i+1 is a gap), or -1.
func (r *reader) next(i int) int {
	if r.gap(i + 1) {
		return i + 2
	}
	return -1
}

func (r *reader) read(out []Figure) []Figure {
	for i := 0; i < len(r.toks); {
		if f, end, ok := r.figureAt(i); ok && !r.endsInWord(end) {
			out = append(out, r.figure(i, end, f))
			i = end + 1
			continue
		}
		i++
	}
	return out
}

// endsInWord reports whether a figure whose last token is last would end
// inside a word of letters and digits ("Art. 9Art"): the redline keeps a
// figure whole, and a word cannot be cut in two.
func (r *reader) endsInWord(last int) bool {
	t := r.toks[last].kind
	if t != tWord && t != tNum || !r.glued(last) {
		return false
	}
	n := r.toks[last+1].kind
	return n == tWord || n == tNum || r.joinsWord(last+1) || r.inWordSym(last+1)
}

// inWordSym reports whether token i, a symbol to this reader, belongs to
// a word for the word diff: a combining mark (000 with U+034F after it is
// one word) or a digit of another script (NKo ߃ before 0).
func (r *reader) inWordSym(i int) bool {
	if i < 0 || i >= len(r.toks) || r.toks[i].kind != tSym {
		return false
	}
	c, _ := utf8.DecodeRuneInString(r.s[r.toks[i].start:r.toks[i].end])
	return c >= 0x300 && (unicode.IsMark(c) || unicode.IsNumber(c))
}

// joinsWord reports whether token i is an apostrophe or a hyphen that joins
// the letters or digits either side of it into one word (Ukraine's, 0'0,
// 30-year-old), as the word diff reads them (words.joins): no figure
// starts or ends inside such a word. A figure that spans one whole (60-100
// days, a 60-day truce) is read from its first token.
func (r *reader) joinsWord(i int) bool {
	switch r.sym(i) {
	case "'", "’", "-", "‐", "‑", "\u200c", "\u200d": // and the zero-width (non-)joiners
	default:
		return false
	}
	if i == 0 || !r.glued(i-1) || !r.glued(i) {
		return false
	}
	prev, next := r.toks[i-1].kind, r.toks[i+1].kind
	return (prev == tWord || prev == tNum) && (next == tWord || next == tNum)
}

// figure builds the Figure of tokens first..last.
func (r *reader) figure(first, last int, v Value) Figure {
	start, end := r.toks[first].start, r.toks[last].end
	text := r.s[start:end]
	if strings.ContainsFunc(text, func(c rune) bool { return unicode.IsSpace(c) && c != ' ' }) || strings.Contains(text, "  ") {
		var b strings.Builder
		for _, t := range r.toks[first : last+1] {
			if t.kind == tSpace {
				b.WriteByte(' ')
			} else {
				b.WriteString(r.s[t.start:t.end])
			}
		}
		text = b.String()
	}
	return Figure{Start: int(start), End: int(end), Text: text, Value: v}
}

// figureAt reads a figure starting at token i; it returns the value and the
// index of the figure's last token.
func (r *reader) figureAt(i int) (Value, int, bool) {
	t := r.toks[i]
	if t.kind == tSpace {
		return Value{}, 0, false
	}
	// A number glued to a preceding letter or "letter-" is part of a name
	// (G8, F-16), unless the letters are a currency (US$ is handled below).
	if (t.kind == tWord || t.kind == tNum) && i > 0 && r.glued(i-1) && (r.toks[i-1].kind == tWord || r.toks[i-1].kind == tNum) {
		return Value{}, 0, false // inside a word of letters and digits (B0Art, 5G)
	}
	if t.kind == tNum && i > 1 && r.joinsWord(i-1) {
		return Value{}, 0, false // inside a word: 100'000, 0-0
	}
	if t.kind == tNum && i > 0 && r.glued(i-1) && r.inWordSym(i-1) {
		return Value{}, 0, false // after a combining mark or a foreign digit: inside its word
	}
	if t.kind == tNum && i > 0 && (r.toks[i-1].kind == tWord && r.glued(i-1) ||
		r.sym(i-1) == "-" && r.glued(i-1) && i > 1 && r.toks[i-2].kind == tWord && r.glued(i-2)) {
		return Value{}, 0, false
	}
	if t.kind == tWord && !isStarter(r.lower(&t)) || t.kind == tSym && currencySigns[r.text(i)] == "" {
		return Value{}, 0, false // most words: nothing to read
	}
	if v, end, ok := r.date(i); ok {
		return v, end, true
	}
	if v, end, ok := r.ref(i); ok {
		return v, end, true
	}
	return r.rangeOrAmount(i)
}

// starters holds every word a figure may start with.
var starters = func() map[string]bool {
	m := map[string]bool{"a": true, "one": true}
	for _, tab := range []map[string]int{months} {
		for k := range tab {
			m[k] = true
		}
	}
	for _, tab := range []map[string]string{refs, currencyCodes, dollarPrefixes} {
		for k := range tab {
			m[strings.TrimSuffix(k, ".")] = true
		}
	}
	for _, tab := range []map[string]float64{smallNumbers, tens, fractions} {
		for k := range tab {
			m[k] = true
		}
	}
	return m
}()

// starterShape[first][last] holds a bit for each length n < 16 such that
// some starter has n bytes, begins with letter first and ends with letter
// last: most words are ruled out without a map lookup.
var starterShape = func() (sh [26][26]uint16) {
	for w := range starters {
		f, l := w[0], w[len(w)-1]
		if 'a' <= f && f <= 'z' && 'a' <= l && l <= 'z' && len(w) < 16 {
			sh[f-'a'][l-'a'] |= 1 << len(w)
		}
	}
	return sh
}()

func isStarter(w string) bool {
	if w == "" || len(w) >= 16 {
		return false
	}
	if f, l := w[0], w[len(w)-1]; 'a' <= f && f <= 'z' && 'a' <= l && l <= 'z' && starterShape[f-'a'][l-'a']&(1<<len(w)) == 0 {
		return false
	}
	return starters[w]
}

// ---------------------------------------------------------------- dates

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

func dateValue(y, m, d int) Value {
	n := float64(y*10000 + m*100 + d)
	return Value{Kind: Date, Num: n, Hi: n}
}

func (r *reader) digits(i int, min, max int) (int, bool) {
	if i < 0 || i >= len(r.toks) || r.toks[i].kind != tNum {
		return 0, false
	}
	s := r.text(i)
	if len(s) < min || len(s) > max {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func (r *reader) date(i int) (Value, int, bool) {
	// 2026-03-01
	if y, ok := r.digits(i, 4, 4); ok && r.sym(i+1) == "-" && r.glued(i) && r.glued(i+1) {
		if m, ok := r.digits(i+2, 2, 2); ok && r.sym(i+3) == "-" && r.glued(i+2) && r.glued(i+3) {
			if d, ok := r.digits(i+4, 2, 2); ok && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
				return dateValue(y, m, d), i + 4, true
			}
		}
	}
	// 1 March 2026, 1st March 2026, 15 March
	if d, ok := r.digits(i, 1, 2); ok && d >= 1 && d <= 31 {
		j := i
		if w := r.word(i + 1); r.glued(i) && (w == "st" || w == "nd" || w == "rd" || w == "th") {
			j = i + 1
		}
		if k := r.next(j); k > 0 {
			if m, ok := months[r.word(k)]; ok && (r.word(k) != "may" || r.yearAfter(k) > 0) {
				if y := r.yearAfter(k); y > 0 {
					return dateValue(r.yearValue(y), m, d), y, true
				}
				return dateValue(0, m, d), k, true
			}
		}
	}
	// March 15, 2026; March 2026
	if m, ok := months[r.word(i)]; ok {
		if k := r.next(i); k > 0 {
			if d, ok := r.digits(k, 1, 2); ok && d >= 1 && d <= 31 {
				j := k
				if r.sym(j+1) == "," && r.glued(j) {
					j++
				}
				if y := r.yearAfter(j); y > 0 {
					return dateValue(r.yearValue(y), m, d), y, true
				}
				if r.word(i) != "may" {
					return dateValue(0, m, d), k, true
				}
			}
			if y, ok := r.digits(k, 4, 4); ok && y >= 1000 {
				return dateValue(y, m, 0), k, true
			}
		}
	}
	return Value{}, 0, false
}

// yearAfter returns the index of a four-digit year after token i, or 0.
func (r *reader) yearAfter(i int) int {
	if k := r.next(i); k > 0 {
		if y, ok := r.digits(k, 4, 4); ok && y >= 1000 {
			return k
		}
	}
	return 0
}

func (r *reader) yearValue(i int) int {
	y, _ := strconv.Atoi(r.text(i))
	return y
}

// ---------------------------------------------------------------- references

// refs maps the words that may precede a reference number (lower case;
// abbreviations with their full stop) to a canonical form.
var refs = map[string]string{
	"article": "article", "art.": "article", "articles": "article",
	"section": "section", "sec.": "section", "paragraph": "paragraph", "para.": "paragraph",
	"point": "point", "points": "point", "clause": "clause", "chapter": "chapter",
	"annex": "annex", "item": "item", "resolution": "resolution", "no.": "number",
}

func (r *reader) ref(i int) (Value, int, bool) {
	w := r.word(i)
	if w == "" {
		return Value{}, 0, false
	}
	j := i
	ref, ok := refs[w]
	if !ok && r.sym(i+1) == "." && r.glued(i) {
		ref, ok = refs[w+"."]
		j = i + 1
	}
	if !ok {
		return Value{}, 0, false
	}
	k := r.next(j)
	if k < 0 || k >= len(r.toks) || r.toks[k].kind != tNum {
		return Value{}, 0, false
	}
	num := r.text(k)
	if strings.ContainsAny(num, ",:/\u00a0\u2009\u202f") {
		return Value{}, 0, false
	}
	end := k
	// 5a, 14(b): a letter glued after the number belongs to it.
	if w := r.word(k + 1); r.glued(k) && len(w) == 1 {
		num += w
		end = k + 1
	}
	return Value{Kind: Ref, Unit: ref, Text: num}, end, true
}

// ---------------------------------------------------------------- amounts

// An amount is read into this, then turned into a Value.
type amount struct {
	num      float64
	text     string // a ratio, kept as written
	currency string
	unit     string // time, share or length unit
	kind     Kind
	spelled  bool // written in words
	bare     bool // no scale, unit or currency
	year     bool // four digits that may be a year
}

var currencyWords = map[string]string{
	"dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
	"pound": "GBP", "pounds": "GBP", "gbp": "GBP", "sterling": "GBP",
	"hryvnia": "UAH", "hryvnias": "UAH", "hryvnas": "UAH", "uah": "UAH",
	"rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "rub": "RUB",
}

// currencyCodes may precede an amount: USD 100, EUR 5bn.
var currencyCodes = map[string]string{"usd": "USD", "eur": "EUR", "gbp": "GBP", "uah": "UAH", "rub": "RUB"}

var currencySigns = map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB"}

// Prefixes glued to a $ sign.
var dollarPrefixes = map[string]string{"us": "USD", "c": "CAD", "a": "AUD", "au": "AUD", "nz": "NZD", "hk": "HKD"}

var scales = map[string]float64{
	"k": 1e3, "thousand": 1e3, "thousands": 1e3,
	"m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "millions": 1e6,
	"bn": 1e9, "b": 1e9, "bln": 1e9, "billion": 1e9, "billions": 1e9,
	"tn": 1e12, "trillion": 1e12,
}

var timeUnits = map[string]string{
	"hour": "hour", "hours": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week",
	"month": "month", "months": "month", "year": "year", "years": "year", "decade": "decade", "decades": "decade",
}

var otherUnits = map[string]string{
	"km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
	"mile": "mile", "miles": "mile", "metre": "metre", "metres": "metre", "meter": "metre", "meters": "metre",
	"hectares": "ha", "ha": "ha", "km²": "km²",
}

// twoWordUnits are units of two words (first word → second word → unit).
var twoWordUnits = map[string]map[string]string{
	"per":        {"cent": "%"},
	"percentage": {"points": "pp", "point": "pp"},
	"sq":         {"km": "km²"},
	"square":     {"kilometres": "km²", "kilometers": "km²", "km": "km²", "miles": "mile²"},
}

func (r *reader) rangeOrAmount(i int) (Value, int, bool) {
	a, end, ok := r.amount(i)
	if !ok {
		return Value{}, 0, false
	}
	// A range: a - b, a – b, a to b, between a and b.
	if b, bend, ok := r.rangeEnd(i, a, end); ok {
		lo, hi := a, b
		// The unit and currency written once apply to both ends.
		if lo.currency == "" {
			lo.currency = hi.currency
		}
		if hi.currency == "" {
			hi.currency = lo.currency
		}
		if lo.unit == "" {
			lo.unit, lo.kind = hi.unit, hi.kind
		}
		if hi.unit == "" {
			hi.unit, hi.kind = lo.unit, lo.kind
		}
		vl, vh := lo.value(), hi.value()
		if vl.Kind == vh.Kind && vl.Unit == vh.Unit && vl.Text == "" && vh.Text == "" && vl.Num < vh.Num {
			vl.Hi = vh.Num
			return vl, bend, true
		}
	}
	if a.spelled && a.bare && a.num < 10 && a.kind != Percent {
		return Value{}, 0, false // "one another", "the two sides"
	}
	if a.year && a.bare {
		y := int(a.num)
		if y >= 1900 && y <= 2100 {
			return dateValue(y, 0, 0), end, true
		}
	}
	return a.value(), end, true
}

// rangeEnd reads the second amount of a range whose first amount a ends at
// token end.
func (r *reader) rangeEnd(first int, a amount, end int) (amount, int, bool) {
	if a.text != "" || a.kind == Date {
		return amount{}, 0, false
	}
	var k int
	switch s := r.sym(end + 1); {
	case (s == "-" || s == "–" || s == "—") && r.glued(end) && r.glued(end+1):
		k = end + 2
	default:
		j := r.next(end)
		if j < 0 {
			return amount{}, 0, false
		}
		w := r.word(j)
		between := r.word(first-2) == "between" && r.gap(first-1)
		switch {
		case w == "to" && !between, w == "and" && between:
		case (r.sym(j) == "–" || r.sym(j) == "—" || r.sym(j) == "-") && r.gap(j+1):
		default:
			return amount{}, 0, false
		}
		k = r.next(j)
		if k < 0 {
			return amount{}, 0, false
		}
	}
	if k >= len(r.toks) {
		return amount{}, 0, false
	}
	b, bend, ok := r.amount(k)
	if !ok || b.spelled != a.spelled {
		return amount{}, 0, false
	}
	return b, bend, true
}

func (a amount) value() Value {
	switch {
	case a.text != "":
		return Value{Kind: Count, Text: a.text}
	case a.currency != "":
		return Value{Kind: Money, Num: a.num, Hi: a.num, Unit: a.currency}
	case a.kind != 0:
		return Value{Kind: a.kind, Num: a.num, Hi: a.num, Unit: a.unit}
	}
	return Value{Kind: Count, Num: a.num, Hi: a.num, Unit: a.unit}
}

// amount reads [currency] number [scale] [unit] at token i.
func (r *reader) amount(i int) (amount, int, bool) {
	var a amount
	j := i
	// Currency before the number: $, €, US$ (glued, or with a space: "US$
	// 100 billion"), USD (with a space).
	if c, ok := currencySigns[r.sym(j)]; ok && r.spaceThenNumber(j+1) {
		a.currency = c
		j += 2
	} else if ok && r.glued(j) {
		a.currency = c
		j++
	} else if c, ok := dollarPrefixes[r.word(j)]; ok && r.sym(j+1) == "$" && r.glued(j) && r.spaceThenNumber(j+2) {
		a.currency = c
		j += 3
	} else if ok && r.sym(j+1) == "$" && r.glued(j) && r.glued(j+1) {
		a.currency = c
		j += 2
	} else if c, ok := currencyCodes[r.word(j)]; ok && r.gap(j+1) && j+2 < len(r.toks) && r.toks[j+2].kind == tNum {
		a.currency = c
		j += 2
	}
	if j >= len(r.toks) {
		return amount{}, 0, false
	}
	end := j
	switch t := r.toks[j]; t.kind {
	case tNum:
		n, text, last, ok := r.number(j)
		if !ok {
			return amount{}, 0, false
		}
		a.num, a.text, end = n, text, last
		a.year = last == j && t.end-t.start == 4 && text == "" && !strings.ContainsAny(r.text(j), ",.")
		// Ordinals are not figures: 1st, 22nd (dates took theirs).
		if w := r.word(end + 1); r.glued(end) && (w == "st" || w == "nd" || w == "rd" || w == "th") {
			return amount{}, 0, false
		}
	case tWord:
		if a.currency != "" {
			return amount{}, 0, false
		}
		n, last, frac, ok := r.spelled(j)
		if !ok {
			return amount{}, 0, false
		}
		a.num, end, a.spelled = n, last, true
		if frac {
			a.kind, a.unit = Percent, ""
			return a, end, true
		}
	default:
		return amount{}, 0, false
	}
	a.bare = a.currency == ""
	if a.text != "" {
		return a, end, true
	}
	// A scale glued (600k, $100bn) or after a space (100 billion).
	if w := r.word(end + 1); r.glued(end) && w != "" {
		s, ok := scales[w]
		if !ok {
			return amount{}, 0, false // digits glued to letters: a name or a code (5G, 24h, A0)
		}
		a.num *= s
		end++
		a.bare = false
		if r.glued(end) && (r.toks[end+1].kind == tWord || r.toks[end+1].kind == tNum) {
			return amount{}, 0, false // 5bnX
		}
	} else if k := r.next(end); k > 0 {
		if s, ok := scales[r.word(k)]; ok && r.word(k) != "m" && r.word(k) != "b" && r.word(k) != "k" {
			a.num *= s
			end = k
			a.bare = false
		}
	}
	a.num = roundSig(a.num)
	// A percent sign glued or after a space.
	if r.sym(end+1) == "%" && r.glued(end) {
		a.kind, a.unit, a.bare = Percent, "", false
		return a, end + 1, true
	}
	// A unit glued with a hyphen: 60-day.
	if r.sym(end+1) == "-" && r.glued(end) && r.glued(end+1) {
		if u, ok := timeUnits[r.word(end+2)]; ok {
			a.kind, a.unit, a.bare = Duration, u, false
			return a, end + 2, true
		}
	}
	k := r.next(end)
	if k < 0 {
		return a, end, true
	}
	// "50 %" but not "50 %0": a sign glued to what follows is not this
	// number's.
	if r.sym(k) == "%" && !r.gluedToText(k) {
		a.kind, a.bare = Percent, false
		return a, k, true
	}
	w := r.word(k)
	if second, ok := twoWordUnits[w]; ok {
		if k2 := r.next(k); k2 > 0 {
			if u, ok := second[r.word(k2)]; ok {
				a.bare = false
				switch u {
				case "%":
					a.kind = Percent
				case "pp":
					a.kind, a.unit = Percent, "pp"
				default:
					a.unit = u
				}
				return a, k2, true
			}
		}
	}
	switch {
	case w == "percent":
		a.kind, a.bare = Percent, false
		return a, k, true
	case currencyWords[w] != "" && (a.currency == "" || a.currency == currencyWords[w]):
		a.currency, a.bare = currencyWords[w], false
		return a, k, true
	case w == "us" && (a.currency == "" || a.currency == "USD"):
		// 100 billion US dollars
		if k2 := r.next(k); k2 > 0 && currencyWords[r.word(k2)] == "USD" && r.word(k2) != "usd" {
			a.currency, a.bare = "USD", false
			return a, k2, true
		}
	case timeUnits[w] != "":
		a.kind, a.unit, a.bare = Duration, timeUnits[w], false
		// A year and a half.
		if h := r.andAHalf(k); h > 0 && a.text == "" {
			a.num += 0.5
			return a, h, true
		}
		return a, k, true
	case otherUnits[w] != "":
		a.unit, a.bare = otherUnits[w], false
		return a, k, true
	}
	return a, end, true
}

// roundSig rounds to 12 significant digits, so 1.5 × 1e9 is 1.5e9 exactly.
func roundSig(x float64) float64 {
	if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	v, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	if err != nil {
		return x
	}
	return v
}

// number reads the number at token i: separators, plain-space thousands
// groups (600 000), European dots (600.000), ratios. It returns the value,
// the text of a ratio (else ""), and the last token.
func (r *reader) number(i int) (float64, string, int, bool) {
	s := r.text(i)
	last := i
	if strings.ContainsAny(s, ":/") {
		return 0, s, last, true // 50:50, 33/33/33
	}
	// Groups of three digits after plain spaces: 600 000, 1 200 000.
	if len(s) <= 3 && isDigits(s) {
		for r.toks[last+0].kind == tNum && last+2 < len(r.toks) && r.text(last+1) == " " &&
			r.toks[last+2].kind == tNum && len(r.text(last+2)) == 3 && isDigits(r.text(last+2)) &&
			!(last+3 < len(r.toks) && r.glued(last+2) && r.toks[last+3].kind == tNum) {
			if r.word(i-2) != "" && refs[r.word(i-2)] != "" {
				break // point 5 100 is not five thousand
			}
			s += r.text(last + 2)
			last += 2
		}
	}
	clean := strings.Map(func(c rune) rune {
		switch c {
		case '\u00a0', '\u2009', '\u202f':
			return -1
		}
		return c
	}, s)
	switch {
	case strings.Contains(clean, ",") && strings.Contains(clean, "."):
		if strings.LastIndex(clean, ",") > strings.LastIndex(clean, ".") {
			// 1.234,5: European
			clean = strings.ReplaceAll(clean, ".", "")
			clean = strings.Replace(clean, ",", ".", 1)
		} else {
			clean = strings.ReplaceAll(clean, ",", "")
		}
	case strings.Contains(clean, ","):
		if groupsOfThree(clean, ',') {
			clean = strings.ReplaceAll(clean, ",", "")
		} else {
			clean = strings.Replace(clean, ",", ".", 1) // 1,5: a decimal comma
		}
	case strings.Count(clean, ".") > 1 || strings.Contains(clean, ".") && groupsOfThree(clean, '.') && !strings.HasPrefix(clean, "0.") && !r.percentAfter(last):
		if groupsOfThree(clean, '.') {
			clean = strings.ReplaceAll(clean, ".", "") // 600.000: European grouping
		} else {
			return 0, s, last, true // 14.3.2: a number of a list, kept as written
		}
	}
	n, err := strconv.ParseFloat(clean, 64)
	if err != nil {
		return 0, "", 0, false
	}
	return n, "", last, true
}

// percentAfter reports a percent sign or word after token i: a share with
// one dot is a decimal share (50.001% is just over half), never a
// European thousand.
func (r *reader) percentAfter(i int) bool {
	if r.sym(i+1) == "%" && r.glued(i) {
		return true
	}
	k := r.next(i)
	if k < 0 {
		return false
	}
	switch w := r.word(k); {
	case r.sym(k) == "%", w == "percent", w == "percentage":
		return true
	case w == "per":
		k2 := r.next(k)
		return k2 > 0 && r.word(k2) == "cent"
	}
	return false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// groupsOfThree reports 1-3 digits, then groups of exactly three digits
// after each sep.
func groupsOfThree(s string, sep byte) bool {
	parts := strings.Split(s, string(sep))
	if len(parts) < 2 || len(parts[0]) == 0 || len(parts[0]) > 3 || !isDigits(parts[0]) {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 || !isDigits(p) {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------- numbers in words

var smallNumbers = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var tens = map[string]float64{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

var wordScales = map[string]float64{"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

// fractions are shares written in words, in per cent.
var fractions = map[string]float64{"half": 50, "third": 100.0 / 3, "thirds": 100.0 / 3, "quarter": 25, "quarters": 25}

// spelled reads a number written in words at token i: twenty-five, one
// hundred, six hundred thousand; or a fraction (half, a third, two thirds)
// followed by "of" or "the", as a share. It returns the value, the last
// token and whether it is a fraction.
func (r *reader) spelled(i int) (float64, int, bool, bool) {
	w := r.word(i)
	// Fractions: half the, half of, a third of, two thirds of.
	if f, ok := fractions[w]; ok && (w == "half") {
		if r.fractionFollows(i) {
			return f, i, true, true
		}
		// Half a year: half of one unit, which the caller reads after "a".
		if k := r.next(i); r.word(k) == "a" && timeUnits[r.word(r.next(k))] != "" {
			return 0.5, k, false, true
		}
		return 0, 0, false, false
	}
	if (w == "a" || w == "one") && r.next(i) > 0 {
		k := r.next(i)
		if f, ok := fractions[r.word(k)]; ok && r.word(k) != "half" && r.fractionFollows(k) {
			return f, k, true, true
		}
		if w == "a" {
			if timeUnits[r.word(k)] != "" {
				return 1, i, false, true // a year, a month: one of the unit
			}
			if s, ok := wordScales[r.word(k)]; ok && s >= 100 {
				// "a hundred", "a million"
				total, last, ok := r.spelledFrom(k, 1)
				if ok {
					return total, last, false, true
				}
			}
			return 0, 0, false, false
		}
	}
	if n, ok := smallNumbers[w]; ok && n >= 2 && n <= 4 {
		if k := r.next(i); k > 0 {
			if f, ok := fractions[r.word(k)]; ok && strings.HasSuffix(r.word(k), "s") && r.fractionFollows(k) {
				return n * f, k, true, true
			}
		}
	}
	if _, ok := smallNumbers[w]; !ok {
		if _, ok := tens[w]; !ok {
			return 0, 0, false, false
		}
	}
	total, last, ok := r.spelledFrom(i, 0)
	// One and a half years, two and a half million.
	if h := r.andAHalf(last); ok && h > 0 && total < 100 {
		return total + 0.5, h, false, true
	}
	return total, last, false, ok
}

// andAHalf returns the index of "half" when "and a half" follows token i,
// else -1.
func (r *reader) andAHalf(i int) int {
	k := r.next(i)
	if r.word(k) != "and" {
		return -1
	}
	if k = r.next(k); r.word(k) != "a" {
		return -1
	}
	if k = r.next(k); r.word(k) != "half" {
		return -1
	}
	return k
}

// fractionFollows reports "of" or "the" after token i.
func (r *reader) fractionFollows(i int) bool {
	k := r.next(i)
	w := r.word(k)
	return w == "of" || w == "the"
}

// spelledFrom reads the words of a number from token i (twenty-five, one
// hundred and five, six hundred thousand); start, when non-zero, is a value
// already read ("a" before "hundred"). It returns the value and the last
// token read.
func (r *reader) spelledFrom(i int, start float64) (float64, int, bool) {
	const (
		sStart = iota
		sSmall
		sTens
		sHundred
		sScale
	)
	state := sStart
	if start != 0 {
		state = sSmall
	}
	total, cur := 0.0, start
	last := -1
	for j := i; j < len(r.toks); {
		w := r.word(j)
		small, isSmall := smallNumbers[w]
		ten, isTen := tens[w]
		scale, isScale := wordScales[w]
		switch {
		case isSmall && (state == sStart || state == sHundred || state == sScale || state == sTens && small > 0 && small < 10):
			cur += small
			state = sSmall
		case isTen && (state == sStart || state == sHundred || state == sScale):
			cur += ten
			state = sTens
			if r.sym(j+1) == "-" && r.glued(j) && r.glued(j+1) {
				if u, ok := smallNumbers[r.word(j+2)]; ok && u > 0 && u < 10 {
					cur += u
					j += 2
					state = sSmall
				}
			}
		case isScale && scale == 100 && (state == sSmall || state == sTens) && cur < 100:
			cur *= 100
			state = sHundred
		case isScale && scale > 100 && state != sStart && state != sScale:
			total += cur * scale
			cur = 0
			state = sScale
		case w == "and" && (state == sHundred || state == sScale) && last >= 0:
			k := r.next(j)
			if nw := r.word(k); k < 0 || smallNumbers[nw] == 0 && tens[nw] == 0 {
				return total + cur, last, true
			}
			j = k
			continue
		default:
			return total + cur, last, last >= 0
		}
		last = j
		k := r.next(j)
		if k < 0 {
			break
		}
		j = k
	}
	return total + cur, last, last >= 0
}
