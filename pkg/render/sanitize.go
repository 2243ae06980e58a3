package render

import (
	"strings"
	"unicode/utf8"
)

// SanitizeTerminal returns s made safe to print on a terminal, keeping its
// line breaks. Plan files are data that anyone can edit (and a diff can read a
// plan from any git revision), so nothing in them may move the cursor, change
// colours, set the window title, write the clipboard or reorder text:
//
//   - escape sequences are removed whole: CSI (ESC [ … final, and the 8-bit
//     U+009B), OSC/DCS/SOS/PM/APC strings (ESC ] … BEL or ST, and their 8-bit
//     introducers) and two- or three-character ESC sequences; an unterminated
//     string sequence swallows the rest of s, as a terminal would;
//   - every other C0 and C1 control and DEL is removed, except that a tab
//     becomes one space and a carriage return (alone, not in CRLF) becomes a
//     line break, so "safe\rEVIL" shows both halves instead of overwriting;
//   - CRLF, U+2028 and U+2029 become "\n";
//   - the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
//     U+2066–U+2069) are removed (the "Trojan Source" characters); the marks
//     LRM, RLM and ALM are kept, as they cannot reorder a run;
//   - invalid UTF-8 becomes U+FFFD, so no stray byte can act as an 8-bit
//     control on a terminal that is not in UTF-8 mode.
//
// Text that needs none of this is returned unchanged (and not copied).
func SanitizeTerminal(s string) string { return sanitize(s, true) }

// SanitizeTerminalLine is SanitizeTerminal for one-line fields (titles,
// outlets, ids): every line break, including CR, CRLF, U+2028 and U+2029,
// becomes one space.
func SanitizeTerminalLine(s string) string { return sanitize(s, false) }

func sanitize(s string, keepNewlines bool) string {
	if isPlainPrintable(s, keepNewlines) {
		return s
	}
	nl := " "
	if keepNewlines {
		nl = "\n"
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case r == '\n':
			b.WriteString(nl)
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			b.WriteString(nl)
		case r == '\u2028' || r == '\u2029':
			b.WriteString(nl)
		case r == '\t':
			b.WriteByte(' ')
		case r == 0x1b:
			i = skipEscape(s, i)
		case r == 0x9b: // 8-bit CSI
			i = skipCSI(s, i)
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f: // DCS SOS OSC PM APC
			i = skipString(s, i)
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			// Other controls (BEL, BS, NUL, …): dropped.
		case isBidiControl(r):
			// Dropped.
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isPlainPrintable reports whether s is printable ASCII (plus "\n" when
// newlines are kept), the common case that needs no copy.
func isPlainPrintable(s string, keepNewlines bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			continue
		}
		if c == '\n' && keepNewlines {
			continue
		}
		return false
	}
	return true
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// skipEscape skips the rest of an escape sequence whose ESC ended at i and
// returns the index after it.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipCSI(s, i+1)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipString(s, i+1)
	case c >= 0x20 && c <= 0x2f: // intermediates, then one final byte
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7e: // two-character sequence (ESC c, ESC 7, …)
		return i + 1
	default:
		return i // a lone ESC: dropped, the next rune is handled normally
	}
}

// skipCSI skips the parameters, intermediates and final byte of a control
// sequence whose introducer ended at i.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString skips a control string (OSC, DCS, …) up to and including its
// terminator: BEL, ESC \ or the 8-bit ST (U+009C). Without a terminator it
// runs to the end of s.
func skipString(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x07 || r == 0x9c:
			return i + size
		case r == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i // ESC aborts the string and starts a new sequence
		}
		i += size
	}
	return i
}
