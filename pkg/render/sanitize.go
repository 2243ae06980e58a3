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
//   - every C0 and C1 control and DEL is removed, itself alone, except that a
//     tab becomes one space and a carriage return (alone, not in CRLF)
//     becomes a line break, so "safe\rEVIL" shows both halves instead of
//     overwriting. An escape sequence loses its ESC (or 8-bit introducer,
//     such as U+009B or U+009D) and so does nothing, and its other
//     characters show as text: removing the sequence whole, as a terminal
//     would read it, let an unterminated OSC or a CSI hide the printable
//     text after it from a review while the JSON still held it (issue 12);
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
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			// Controls (ESC, CSI, OSC, BEL, BS, NUL, …): dropped.
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
