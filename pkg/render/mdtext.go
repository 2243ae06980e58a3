package render

import (
	"fmt"
	"net/url"
	"strings"
)

// MarkdownText escapes a one-line string (a file name, a validation message,
// a title) for inline Markdown exactly as Markdown escapes the strings it
// takes from a Result: control characters and line breaks are removed,
// Markdown syntax, HTML, mentions, issue references and bare URLs are
// neutralised. Every Markdown writer of plandiff (diff, changed, report,
// annotate, history) escapes its data with it.
func MarkdownText(s string) string { return mdText(s) }

// MarkdownID writes a clause or version id: as a code span when it is a
// plain slug, as escaped text otherwise (a code span cannot be escaped), "-"
// when empty.
func MarkdownID(id string) string { return mdID(id) }

// MarkdownLink writes text as a link to rawURL when SafeURL accepts it, and
// otherwise the escaped text followed by the escaped URL, not linked. Text is
// escaped as MarkdownText escapes it.
func MarkdownLink(text, rawURL string) string { return mdLink(mdText(text), rawURL) }

// mdLink is MarkdownLink for text already escaped.
func mdLink(name, rawURL string) string {
	if rawURL == "" {
		return name
	}
	u, ok := linkURL(rawURL)
	if !ok {
		return name + " (URL not linked: " + mdText(rawURL) + ")"
	}
	return "[" + name + "](" + u + ")"
}

// SafeURL returns raw if it is an absolute http or https URL with a host and
// no user information, with its scheme in lower case and every byte outside
// unreserved characters and a few URL delimiters percent-encoded (so no
// space, bracket, parenthesis, quote, backslash, pipe or non-ASCII byte is
// left); otherwise "". Only such URLs become links in Markdown and HTML;
// anything else (javascript:, data:, relative) is shown as text.
func SafeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.Opaque != "" {
		return ""
	}
	// The scheme as written may be upper case; keep the lower-case one.
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

// linkURL returns SafeURL(raw) as a Markdown link destination, with an "&"
// that would start an entity written as &amp;.
func linkURL(raw string) (string, bool) {
	u := SafeURL(raw)
	if u == "" {
		return "", false
	}
	if !strings.Contains(u, "&") {
		return u, true
	}
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		if u[i] == '&' && looksLikeEntity(u[i+1:]) {
			b.WriteString("&amp;")
		} else {
			b.WriteByte(u[i])
		}
	}
	return b.String(), true
}
