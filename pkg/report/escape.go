package report

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/render"
)

// SafeURL returns raw if it is an absolute http or https URL with a host and
// no user information, with every byte outside a conservative set
// percent-encoded; otherwise "". Only such URLs become links in the
// Markdown and HTML reports; anything else (javascript:, data:, relative)
// is shown as text.
func SafeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.Opaque != "" {
		return ""
	}
	raw = u.Scheme + raw[len(u.Scheme):]
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			strings.IndexByte("-._~:/?#@!$&*+,;=%", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// clean removes control characters, escape sequences and bidi overrides
// (render.SanitizeTerminalLine) and collapses white space: every data
// string goes through it before any writer escapes it for its format.
func clean(s string) string {
	return strings.Join(strings.Fields(render.SanitizeTerminalLine(s)), " ")
}

// cleanText is clean for clause text, keeping paragraph breaks, and one
// space where the text began or ended with white space (so that the runs of
// a redline stay apart).
func cleanText(s string) string {
	if s == "" {
		return ""
	}
	lead, trail := isSpace(s[0]), isSpace(s[len(s)-1])
	s = render.SanitizeTerminal(s)
	paras := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n")
	out := paras[:0]
	for _, p := range paras {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	t := strings.Join(out, "\n\n")
	if t == "" {
		if lead || trail {
			return " "
		}
		return ""
	}
	if lead {
		t = " " + t
	}
	if trail {
		t += " "
	}
	return t
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// md escapes a one-line data string for Markdown: control characters are
// removed, the ASCII characters that can start Markdown syntax are
// backslash-escaped, < > & are written as entities (so no raw HTML comes
// from data), and @ and # before a name or number get an invisible word
// joiner (no mentions or issue links), as do "://" and "www." (no
// autolinks).
//
// This duplicates what pkg/render does for single diffs; it lives here until
// render exports its escaper.
func md(s string) string { return mdEscape(clean(s)) }

const wordJoiner = "&#8288;"

func mdEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '\\', '`', '*', '_', '~', '[', ']', '|', '!', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '#', '@':
			b.WriteRune(r)
			b.WriteString(wordJoiner)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case ':':
			b.WriteByte(':')
			if strings.HasPrefix(s[i:], "//") {
				b.WriteString(wordJoiner)
			}
		case '.':
			b.WriteByte('.')
			if i >= 4 && strings.EqualFold(s[i-4:i], "www.") {
				b.WriteString(wordJoiner)
			}
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	// A line that starts like a list, heading, quote or rule is escaped.
	if out != "" && strings.IndexByte("-+=>", out[0]) >= 0 {
		out = "\\" + out
	}
	if j := strings.IndexFunc(out, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && j < len(out) && (out[j] == '.' || out[j] == ')') {
		out = out[:j] + "\\" + out[j:]
	}
	return out
}

// mdLink writes a Markdown link to a safe URL, or the escaped text and the
// escaped URL when it is not safe.
func mdLink(text, rawURL string) string {
	if rawURL == "" {
		return md(text)
	}
	if u := SafeURL(rawURL); u != "" {
		return "[" + md(text) + "](<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(u) + ">)"
	}
	return md(text) + " (URL not linked: " + md(rawURL) + ")"
}
