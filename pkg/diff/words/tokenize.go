package words

import (
	"unicode"
	"unicode/utf8"
)

// tokenKind says what a token is made of; similarity counts only words, and
// figures are found among words.
type tokenKind uint8

const (
	kindSpace tokenKind = iota // a run of white space
	kindWord                   // letters and digits, with the joiners Tokenize lists
	kindOther                  // one punctuation mark, symbol, control character or invalid byte
)

// Tokenize splits s into the tokens Diff compares. Concatenating the tokens
// gives back s byte for byte, for any s, invalid UTF-8 included; no token is
// empty.
//
// A token is one of:
//
//   - a run of white space (unicode.IsSpace);
//   - a word: letters, digits and combining marks, which carries on across
//     an apostrophe (' ’) or hyphen (- ‐ ‑) followed by a letter or digit
//     (Ukraine's, 20-point, non-aggression); across one of , . : / or a
//     no-break or thin space between two digits (600,000  14.3  50:50
//     33/33/33); and across a zero-width (non-)joiner before a letter;
//     a currency sign right before a digit starts a word ($100bn, €5m), and
//     a percent sign right after a digit ends one (50%);
//   - one character of a script written without spaces (Han, Hiragana,
//     Katakana, Thai, Lao, Khmer, Myanmar), so such text diffs by character;
//   - any other single character: punctuation, symbol, emoji, control
//     character, or one byte of invalid UTF-8.
//
// Combining marks, emoji modifiers and zero-width-joiner sequences stay with
// the character they follow, and two regional indicators (a flag) make one
// token, so no token splits what a reader sees as one character. Joining
// is decided from the characters inside a token and the one after it, so
// tokenising a run of whole tokens gives back the same tokens.
//
// It deliberately does not join across ordinary spaces ("600 000" with a
// plain space is two numbers), and does not treat "U.S." or "e.g." as one
// word: a word never contains a full stop unless digits surround it.
func Tokenize(s string) []string {
	var toks []string
	for i := 0; i < len(s); {
		j, _ := scan(s, i)
		toks = append(toks, s[i:j])
		i = j
	}
	return toks
}

// appendBounds appends the start offset of every token of s, then len(s),
// so token k is s[b[k]:b[k+1]]; dst is reused to keep Differ allocation-free.
func appendBounds(dst []int, s string) []int {
	dst = append(dst, 0)
	for i := 0; i < len(s); {
		i, _ = scan(s, i)
		dst = append(dst, i)
	}
	return dst
}

// appendTokens is appendBounds that also appends the kind of every token
// to kinds.
func appendTokens(dst []int, kinds []tokenKind, s string) ([]int, []tokenKind) {
	dst = append(dst, 0)
	for i := 0; i < len(s); {
		var k tokenKind
		i, k = scan(s, i)
		dst = append(dst, i)
		kinds = append(kinds, k)
	}
	return dst, kinds
}

// scan returns the end of the token that starts at s[i] (i < len(s)) and its
// kind.
func scan(s string, i int) (int, tokenKind) {
	r, n := decode(s, i)
	j := i + n
	switch {
	case r == utf8.RuneError && n == 1:
		return j, kindOther
	case unicode.IsSpace(r):
		for j < len(s) {
			r, n = decode(s, j)
			if !unicode.IsSpace(r) {
				break
			}
			j += n
		}
		return j, kindSpace
	case isSolid(r):
		return extend(s, j), kindWord
	case isWordRune(r):
		return scanWord(s, j, r), kindWord
	case unicode.Is(unicode.Sc, r) && isDigitAt(s, j):
		return scanWord(s, j, r), kindWord
	case isRegional(r):
		if r2, n2 := decode(s, j); isRegional(r2) {
			j += n2
		}
		return extend(s, j), kindOther
	default:
		return extend(s, j), kindOther
	}
}

// scanWord continues a word after its rune prev, which ends at s[j].
func scanWord(s string, j int, prev rune) int {
	for j < len(s) {
		r, n := decode(s, j)
		switch {
		case isWordRune(r) || isMark(r):
			j += n
			prev = r
		case r == '%' && isDigit(prev):
			return j + n
		default:
			next, m := decode(s, j+n)
			if !joins(prev, r, next) {
				return j
			}
			j += n + m
			prev = next
		}
	}
	return j
}

// joins reports whether r, between prev and next, keeps a word going.
func joins(prev, r, next rune) bool {
	switch r {
	case ',', '.', ':', '/', '\u00a0', '\u2009', '\u202f':
		return isDigit(prev) && isDigit(next)
	case '\'', '’', '-', '‐', '‑', '\u200c', '\u200d':
		return isWordRune(next)
	}
	return false
}

// extend takes the marks, emoji modifiers and zero-width-joiner sequences that
// belong to the character ending at s[j].
func extend(s string, j int) int {
	for j < len(s) {
		r, n := decode(s, j)
		switch {
		case isMark(r) || isEmojiModifier(r):
			j += n
		case r == '\u200d':
			next, m := decode(s, j+n)
			if m == 0 || next == utf8.RuneError || unicode.IsSpace(next) || isWordRune(next) {
				return j
			}
			j += n + m
		default:
			return j
		}
	}
	return j
}

// decode is utf8.DecodeRuneInString(s[i:]) with an ASCII fast path; past the
// end it returns (utf8.RuneError, 0).
func decode(s string, i int) (rune, int) {
	if i < len(s) && s[i] < utf8.RuneSelf {
		return rune(s[i]), 1
	}
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

func isDigitAt(s string, i int) bool {
	r, _ := decode(s, i)
	return isDigit(r)
}

// isWordRune reports a letter or number outside the scripts isSolid covers.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return (unicode.IsLetter(r) || unicode.IsNumber(r)) && !isSolid(r)
}

func isMark(r rune) bool {
	return r >= 0x300 && unicode.IsMark(r)
}

// isSolid reports a character of a script written without spaces between
// words; 0x0E00 is where the first of them (Thai) begins.
func isSolid(r rune) bool {
	return r >= 0x0e00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

func isEmojiModifier(r rune) bool { return 0x1f3fb <= r && r <= 0x1f3ff }

func isRegional(r rune) bool { return 0x1f1e6 <= r && r <= 0x1f1ff }
