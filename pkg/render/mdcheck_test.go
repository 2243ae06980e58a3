package render

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// The Markdown tests parse the output with goldmark, a CommonMark parser with
// GitHub's extensions (tables, strikethrough, autolinks), rendering raw HTML
// as it is (the worst case), and check what a reader would get: which HTML,
// links and blocks the output makes, and that every piece of data reads back
// as the text it was.

var gfm = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
)

// allowedRawHTML is the only HTML the Markdown renderer writes itself.
var allowedRawHTML = map[string]bool{"<del>": true, "</del>": true, "<strong>": true, "</strong>": true}

// mdDoc is a parsed Markdown report.
type mdDoc struct {
	src  []byte
	root ast.Node
}

func parseMD(src []byte) mdDoc {
	return mdDoc{src, gfm.Parser().Parse(text.NewReader(src))}
}

// htmlOf renders one node of the document.
func (d mdDoc) htmlOf(t testing.TB, n ast.Node) string {
	t.Helper()
	var b bytes.Buffer
	if err := gfm.Renderer().Render(&b, d.src, n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// textOf is what a reader sees of a node: its HTML without tags, entities
// decoded, white space collapsed, word joiners dropped.
func (d mdDoc) textOf(t testing.TB, n ast.Node) string {
	return readable(html.UnescapeString(tagRE.ReplaceAllString(d.htmlOf(t, n), "")))
}

// readable collapses white space and drops the word joiners the renderer
// adds after @ and #.
func readable(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u2060", "")), " ")
}

// checkMarkdownSafe fails if the report would render anything but text,
// tables, lists, quotes, headings, emphasis and http(s) links: raw HTML other
// than the renderer's own tags, an image, an HTML block, a link elsewhere,
// an autolink, a mention. It returns the parsed document.
func checkMarkdownSafe(t testing.TB, md []byte) mdDoc {
	t.Helper()
	stripped := md
	for tag := range allowedRawHTML {
		stripped = bytes.ReplaceAll(stripped, []byte(tag), nil)
	}
	if i := bytes.IndexByte(stripped, '<'); i >= 0 {
		t.Errorf("raw < in Markdown output: %q", stripped[max(i-20, 0):min(i+40, len(stripped))])
	}
	d := parseMD(md)
	err := ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			t.Errorf("image in output: %s", n.Destination)
		case *ast.HTMLBlock:
			t.Errorf("HTML block in output: %q", d.htmlOf(t, n))
		case *ast.RawHTML:
			var raw strings.Builder
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				raw.Write(seg.Value(d.src))
			}
			if !allowedRawHTML[raw.String()] {
				t.Errorf("raw HTML in output: %q", raw.String())
			}
		case *ast.Link:
			if !isHTTPURL(string(n.Destination)) {
				t.Errorf("link to %q", n.Destination)
			}
		case *ast.AutoLink:
			t.Errorf("autolink to %q", n.URL(d.src))
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	rendered := html.UnescapeString(tagRE.ReplaceAllString(d.htmlOf(t, d.root), ""))
	if loc := mentionRE.FindStringIndex(rendered); loc != nil {
		t.Errorf("mention or issue reference survives: %q", rendered[loc[0]:min(loc[1]+10, len(rendered))])
	}
	return d
}

// mentionRE matches what GitHub would turn into a mention or issue link.
var mentionRE = regexp.MustCompile(`(^|[^\w\x{2060}])(@[A-Za-z0-9]|#[0-9])`)

func isHTTPURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// nodes lists the nodes of a kind in document order.
func (d mdDoc) nodes(kind ast.NodeKind) []ast.Node {
	var out []ast.Node
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == kind {
			out = append(out, n)
		}
		return ast.WalkContinue, nil
	})
	return out
}

// cells lists the text of every cell of a table, row by row.
func (d mdDoc) cells(t testing.TB, table ast.Node) [][]string {
	var rows [][]string
	for row := table.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Kind() == east.KindTableCell {
				cells = append(cells, d.textOf(t, c))
			}
		}
		rows = append(rows, cells)
	}
	return rows
}

var (
	delRE    = regexp.MustCompile(`(?s)<del>(.*?)</del>`)
	strongRE = regexp.MustCompile(`(?s)<strong>(.*?)</strong>`)
)

// marked lists the texts a rendered fragment strikes through and
// emphasises.
func marked(fragment string) (dels, inss []string) {
	for _, m := range delRE.FindAllStringSubmatch(fragment, -1) {
		dels = append(dels, readable(html.UnescapeString(tagRE.ReplaceAllString(m[1], ""))))
	}
	for _, m := range strongRE.FindAllStringSubmatch(fragment, -1) {
		inss = append(inss, readable(html.UnescapeString(tagRE.ReplaceAllString(m[1], ""))))
	}
	return dels, inss
}

// expectedText is what a reader should see of a redline: every piece's
// text, a space between a deletion and the insertion after it.
func expectedText(edits []words.Edit) string {
	var b strings.Builder
	pieces := Redline(edits)
	for i, p := range pieces {
		if i > 0 && p.Op == words.OpInsert && pieces[i-1].Op == words.OpDelete {
			b.WriteByte(' ')
		}
		b.WriteString(p.Text)
	}
	return readable(b.String())
}

// expectedMarks lists the deleted and inserted texts of a redline, as a
// reader should see them.
func expectedMarks(edits []words.Edit) (dels, inss []string) {
	for _, p := range Redline(edits) {
		switch p.Op {
		case words.OpDelete:
			dels = append(dels, readable(p.Text))
		case words.OpInsert:
			inss = append(inss, readable(p.Text))
		}
	}
	return dels, inss
}

// oneField builds a Result with s in every one-line field and as the
// deleted, inserted and equal text of one change.
func oneField(s string) *diff.Result {
	return &diff.Result{
		Old: diff.VersionRef{ID: "old", Title: s, Status: s, Surfaced: s, Name: s,
			Sources: []diff.SourceRef{{ID: "src", Outlet: s, Date: s, URL: s, Covers: s}}},
		New:     diff.VersionRef{ID: "new", Title: "t", Completeness: "partial"},
		Match:   s,
		Summary: diff.Summary{Modified: 1},
		Changes: []diff.Change{{
			Kind: diff.KindModified, Old: []string{"a"}, New: []string{"a"},
			OldNumbers: []string{s}, NewNumbers: []string{"2"}, Topic: s,
			// s starts a paragraph, and the marked runs touch their
			// neighbours, so flanking and block starts are exercised.
			Edits:      []words.Edit{eq(s + "\n\n" + s + "x"), del(s), ins(s), eq("y" + s)},
			Figures:    []words.Figure{{Old: s, New: s}},
			Sources:    diff.SidePair{Old: []string{"src"}},
			Confidence: &diff.Delta{Old: s, New: "c"},
			OldNotes:   []string{s},
			Rule:       diff.RuleContent,
		}},
	}
}

// checkFields checks, for a oneField(s) report, that every field reads back
// as its sanitised text and that the blocks are those the renderer made.
func checkFields(t testing.TB, s string, md []byte) {
	t.Helper()
	d := checkMarkdownSafe(t, md)
	want := readable(collapseSpace(SanitizeTerminalLine(s)))

	headings := d.nodes(ast.KindHeading)
	if len(headings) != 2 {
		t.Fatalf("%q: %d headings, want 2:\n%s", s, len(headings), md)
	}
	wantHead := "Modified: " + orWord(want, "-") + " → 2"
	if s == "" {
		wantHead = "Modified: a → 2" // the clause id stands in for a missing number
	}
	if want != "" {
		wantHead += " · topic: " + want
	}
	if got := d.textOf(t, headings[1]); got != readable(wantHead) {
		t.Errorf("%q: heading reads %q, want %q", s, got, readable(wantHead))
	}

	tables := d.nodes(east.KindTable)
	if len(tables) != 2 {
		t.Fatalf("%q: %d tables, want 2:\n%s", s, len(tables), md)
	}
	rows := d.cells(t, tables[0])
	if s == "" { // no "read from" column
		rows[1] = append(rows[1], "")
	}
	if len(rows) != 3 || len(rows[1]) != 7 {
		t.Fatalf("%q: version table %q", s, rows)
	}
	for i, col := range []int{2, 4, 5, 6} { // title, status, surfaced, read from
		if rows[1][col] != want {
			t.Errorf("%q: version table column %d (%d) reads %q, want %q", s, col, i, rows[1][col], want)
		}
	}

	lists := d.nodes(ast.KindList)
	if len(lists) != 1 {
		t.Fatalf("%q: %d lists, want 1:\n%s", s, len(lists), md)
	}
	items := map[string]string{}
	for it := lists[0].FirstChild(); it != nil; it = it.NextSibling() {
		label, value, _ := strings.Cut(d.textOf(t, it), ": ")
		items[label] = value
	}
	checks := map[string]string{
		"Figures":    readable(orNone(want) + " → " + orNone(want)),
		"Note (old)": want,
		"Confidence": readable(orNone(want) + " → c"),
	}
	for label, w := range checks {
		if items[label] != w {
			t.Errorf("%q: item %q reads %q, want %q", s, label, items[label], w)
		}
	}
	if src := items["Old sources"]; !strings.HasPrefix(src, orWord(want, "src")) {
		t.Errorf("%q: sources read %q, want the outlet %q first", s, src, want)
	}

	quotes := d.nodes(ast.KindBlockquote)
	if len(quotes) != 2 {
		t.Fatalf("%q: %d quotes, want 2:\n%s", s, len(quotes), md)
	}
	if got, want := d.textOf(t, quotes[1]), expectedText(oneField(s).Changes[0].Edits); got != want {
		t.Errorf("%q: redline reads %q, want %q\nmarkdown:\n%s", s, got, want, md)
	}
	fragment := d.htmlOf(t, quotes[1])
	gotDel, gotIns := marked(fragment)
	wantDel, wantIns := expectedMarks(oneField(s).Changes[0].Edits)
	if strings.Join(gotDel, "\x00") != strings.Join(wantDel, "\x00") ||
		strings.Join(gotIns, "\x00") != strings.Join(wantIns, "\x00") {
		t.Errorf("%q: redline marks\n deleted %q, want %q\n inserted %q, want %q\nmarkdown:\n%s\nhtml:\n%s",
			s, gotDel, wantDel, gotIns, wantIns, md, fragment)
	}
}

func orWord(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// TestMarkdownFields puts each hostile string in every field and checks the
// report parses into the expected blocks, with each field reading back as
// its sanitised text.
func TestMarkdownFields(t *testing.T) {
	t.Parallel()
	extra := []string{
		"", "plain", "a*b*c", "*emphasis*", "__strong__", "x_y_z", "~single~", "```fence", "~~~fence",
		"- list", "+ list", "* list", "1. ordered", "1) ordered", "123456789. big", "> quote", "    indent",
		"---", "***", "___", "===", "a\n===", "a\n---", "| a | b |\n|---|---|", "<div>block</div>",
		"<https://example.org>", "www.evil.example", "mail@evil.example", "[a]: /url", "[^1]", "\\", "\\*",
		"&amp;", "&#42;", "&copy", "AT&T", "100%", "$5 and $6", "(a)", "'quoted'", "\"quoted\"", "«ру»",
		"Україна’s", "600,000.", ".", ",", "→", "€5", "a → b", "@", "@-", "#", "# ", "#1", "!", "![x]",
		"\t\ttabs", "line\nbreak", "para\n\npara", "trailing  ", "  leading", "x\u00a0y", "混合 text",
	}
	for _, s := range append(append([]string{}, hostileStrings...), extra...) {
		var b bytes.Buffer
		if err := Markdown(&b, oneField(s), MarkdownOptions{}); err != nil {
			t.Fatal(err)
		}
		checkFields(t, s, b.Bytes())
	}
}

// TestMarkdownHostileFixture checks the hostile golden fixture as a whole:
// one heading per change, two tables, nothing unsafe.
func TestMarkdownHostileFixture(t *testing.T) {
	t.Parallel()
	r := hostile()
	var b bytes.Buffer
	if err := Markdown(&b, r, MarkdownOptions{}); err != nil {
		t.Fatal(err)
	}
	d := checkMarkdownSafe(t, b.Bytes())
	if n := len(d.nodes(ast.KindHeading)); n != 1+len(r.Changes) {
		t.Errorf("%d headings, want %d", n, 1+len(r.Changes))
	}
	if n := len(d.nodes(east.KindTable)); n != 2 {
		t.Errorf("%d tables, want 2", n)
	}
	// Only the http(s) URLs of the fixture are links.
	var links []string
	for _, n := range d.nodes(ast.KindLink) {
		links = append(links, string(n.(*ast.Link).Destination))
	}
	want := []string{
		"https://example.org/a%20b%28c%29%22%27%3C%3E%7C%5Bx%5D%60%5C%C3%BC",
		// As written in the Markdown: "&amp;amp;" reads back as the
		// data's own "&amp;".
		"https://EXAMPLE.ORG/Upper?q=1&amp;amp;x=2",
	}
	// Each source appears once per side it is cited on: twice.
	var got []string
	seen := map[string]bool{}
	for _, l := range links {
		if !seen[l] {
			seen[l] = true
			got = append(got, l)
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("links %q, want %q", got, want)
	}
}

func TestLinkURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"https://example.org/path?q=1#frag", "https://example.org/path?q=1#frag", true},
		{"  http://example.org  ", "http://example.org", true},
		{"HTTPS://Example.org/X", "https://Example.org/X", true},
		{"https://example.org/a b(c)", "https://example.org/a%20b%28c%29", true},
		{"https://example.org/?a=1&lt;b", "https://example.org/?a=1&amp;lt;b", true},
		{"https://example.org/Київ", "https://example.org/%D0%9A%D0%B8%D1%97%D0%B2", true},
		{"https://example.org/a|b", "https://example.org/a%7Cb", true},
		{"javascript:alert(1)", "", false},
		{"JAVASCRIPT:alert(1)", "", false},
		{" javascript:alert(1)", "", false},
		{"java\tscript:alert(1)", "", false},
		{"data:text/html,x", "", false},
		{"vbscript:x", "", false},
		{"file:///etc/passwd", "", false},
		{"//evil.example/x", "", false},
		{"/relative", "", false},
		{"http://user:pass@evil.example/", "", false},
		{"http:evil.example", "", false},
		{"http://", "", false},
		{"https://example.org/\x1b]8;;x\x07", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		got, ok := linkURL(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("linkURL(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestMdEscape pins the exact escapes of a few strings, including those no
// CommonMark parser checks (GitHub's math and mentions).
func TestMdEscape(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"plain text, 600,000.", "plain text, 600,000."},
		{"$x$ and $5", `\$x\$ and \$5`},
		{"@everyone @org/team a@b", "@&#8288;everyone @&#8288;org/team a@&#8288;b"},
		{"@ alone", "@ alone"},
		{"#12 and # x", `\#&#8288;12 and \# x`},
		{"GH-12, gh-3 and GH-x, BGH-4, gh-", "GH-&#8288;12, gh-&#8288;3 and GH-x, BGH-4, gh-&#8288;"},
		{"<b>&amp;AT&T", "&lt;b&gt;&amp;amp;AT&T"},
		{"[a](b) ![c]", `\[a\](b) \!\[c\]`},
		{"*_~`|\\", `\*\_\~` + "\\`" + `\|\\`},
		{"see https://x.org or www.x.org", "see https&#8288;://x.org or www&#8288;.x.org"},
		{"awww.x", "awww.x"},
	}
	for _, tc := range tests {
		if got := mdEscape(tc.in, false); got != tc.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for in, want := range map[string]string{
		"- a": `\- a`, "+ a": `\+ a`, "= a": `\= a`, "1. a": `1\. a`, "12) a": `12\) a`,
		"1234567890. a": "1234567890. a", "1.5 a": `1\.5 a`, "a- b": "a- b",
	} {
		if got := mdEscape(in, true); got != want {
			t.Errorf("mdEscape(%q, line start) = %q, want %q", in, got, want)
		}
	}
}
