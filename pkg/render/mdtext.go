package render

// MarkdownText escapes a one-line string (a file name, a validation message)
// for inline Markdown exactly as Markdown escapes the strings it takes from a
// Result: control characters and line breaks are removed, Markdown syntax,
// HTML, mentions, issue references and bare URLs are neutralised. Commands
// that wrap Markdown reports in a larger document (plandiff changed) use it
// for their own data.
func MarkdownText(s string) string { return mdText(s) }
