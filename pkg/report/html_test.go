package report

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/lineage"
	"github.com/plandiff/plandiff/pkg/plan"
)

// tag is one start tag of an HTML document.
type tag struct {
	name  string
	attrs map[string]string
	off   int
}

// scanHTML is a small tokenizer for the HTML this package writes (every
// attribute value double-quoted, as html/template writes them). It returns
// the start tags, and an error for anything it cannot read: a '<' in text
// that does not open a tag, an unquoted attribute, an unclosed tag.
func scanHTML(doc string) ([]tag, error) {
	var tags []tag
	i := 0
	for {
		j := strings.IndexByte(doc[i:], '<')
		if j < 0 {
			return tags, nil
		}
		i += j
		switch {
		case strings.HasPrefix(doc[i:], "<!DOCTYPE html>"):
			i += len("<!DOCTYPE html>")
			continue
		case strings.HasPrefix(doc[i:], "</"):
			k := strings.IndexByte(doc[i:], '>')
			if k < 0 {
				return nil, fmt.Errorf("offset %d: unclosed end tag", i)
			}
			name := doc[i+2 : i+k]
			if !isName(name) {
				return nil, fmt.Errorf("offset %d: bad end tag %q", i, name)
			}
			i += k + 1
			continue
		}
		// A start tag: <name attr="value" ...>
		k := i + 1
		for k < len(doc) && (doc[k] >= 'a' && doc[k] <= 'z' || doc[k] >= '0' && doc[k] <= '9') {
			k++
		}
		name := doc[i+1 : k]
		if name == "" {
			return nil, fmt.Errorf("offset %d: '<' in text: %q", i, snippet(doc, i))
		}
		t := tag{name: name, attrs: map[string]string{}, off: i}
		for {
			for k < len(doc) && doc[k] == ' ' {
				k++
			}
			if k >= len(doc) {
				return nil, fmt.Errorf("offset %d: unclosed tag", i)
			}
			if doc[k] == '>' {
				k++
				break
			}
			a := k
			for k < len(doc) && doc[k] != '=' && doc[k] != ' ' && doc[k] != '>' {
				k++
			}
			attr := doc[a:k]
			if !isName(attr) {
				return nil, fmt.Errorf("offset %d: bad attribute name %q", a, attr)
			}
			val := ""
			if k < len(doc) && doc[k] == '=' {
				if k+1 >= len(doc) || doc[k+1] != '"' {
					return nil, fmt.Errorf("offset %d: unquoted value of %s", k, attr)
				}
				end := strings.IndexByte(doc[k+2:], '"')
				if end < 0 {
					return nil, fmt.Errorf("offset %d: unterminated value", k)
				}
				val = html.UnescapeString(doc[k+2 : k+2+end])
				if strings.ContainsAny(doc[k+2:k+2+end], "<>") {
					return nil, fmt.Errorf("offset %d: raw < or > in attribute %s=%q", k, attr, val)
				}
				k += 2 + end + 1
			}
			if _, dup := t.attrs[attr]; dup {
				return nil, fmt.Errorf("offset %d: attribute %s twice", a, attr)
			}
			t.attrs[attr] = val
		}
		tags = append(tags, t)
		i = k
		if name == "style" {
			end := strings.Index(doc[i:], "</style>")
			if end < 0 {
				return nil, fmt.Errorf("unclosed style")
			}
			i += end
		}
	}
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func snippet(s string, i int) string {
	return s[max(0, i-40):min(len(s), i+40)]
}

// checkHTML checks what a self-contained, safe report must hold.
func checkHTML(doc string) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	tags, err := scanHTML(doc)
	if err != nil {
		return []string{err.Error()}
	}
	ids := map[string]bool{}
	var hrefs []string
	csp := false
	for _, t := range tags {
		switch t.name {
		case "script", "iframe", "img", "link", "object", "embed", "base", "form", "frame", "video", "audio", "source", "svg", "math":
			bad("element <%s> at %d", t.name, t.off)
		case "meta":
			if t.attrs["http-equiv"] == "Content-Security-Policy" {
				csp = strings.Contains(t.attrs["content"], "default-src 'none'") && !strings.Contains(t.attrs["content"], "script-src 'self'")
			}
		}
		for a, v := range t.attrs {
			switch {
			case strings.HasPrefix(a, "on"):
				bad("event handler %s on <%s>", a, t.name)
			case a == "style", a == "src", a == "srcset", a == "action", a == "formaction", a == "xlink:href":
				bad("attribute %s on <%s>", a, t.name)
			case a == "id":
				if ids[v] {
					bad("id %q twice", v)
				}
				ids[v] = true
			case a == "href":
				switch {
				case strings.HasPrefix(v, "#"):
					hrefs = append(hrefs, v[1:])
				case t.name == "a" && (strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "http://")):
				default:
					bad("href %q on <%s>", v, t.name)
				}
			}
		}
	}
	if !csp {
		bad("no restrictive Content-Security-Policy meta tag")
	}
	// Data is cleaned before it is escaped: no control character but the
	// line feed, no bidi embedding, override or isolate, no invalid UTF-8.
	if !utf8.ValidString(doc) {
		bad("invalid UTF-8")
	}
	for i, r := range doc {
		if (r < 0x20 && r != '\n') || (r >= 0x7f && r < 0xa0) || (r >= 0x202a && r <= 0x202e) ||
			(r >= 0x2066 && r <= 0x2069) {
			bad("character %U at %d: %q", r, i, snippet(doc, i))
			break
		}
	}
	for _, h := range hrefs {
		if !ids[h] {
			bad("link to #%s, which no element has", h)
		}
	}
	if strings.Contains(strings.ToLower(doc), "javascript:") && strings.Contains(strings.ToLower(doc), `href="javascript:`) {
		bad("javascript: link")
	}
	return problems
}

func TestHTMLCorpus(t *testing.T) {
	var buf bytes.Buffer
	if err := HTML(&buf, Build(corpusLineage(t), Options{Timeline: corpusTimeline(t)})); err != nil {
		t.Fatal(err)
	}
	for _, p := range checkHTML(buf.String()) {
		t.Error(p)
	}
}

const hostile = `<script>alert(1)</script> "><img src=x onerror=alert(2)> ' onmouseover='x' </style><script>`

// hostilePlans builds two versions whose every string is hostile.
func hostilePlans() []*plan.Plan {
	src := func(url string) []plan.Source {
		return []plan.Source{
			{ID: "s", Outlet: hostile + " outlet", URL: url, Date: "2025-01-01"},
			{ID: "t", Outlet: "plain", URL: "https://example.org/a?b=<c>&d=\"e\""},
		}
	}
	v1 := &plan.Plan{Format: 1, Version: plan.Version{ID: "v1", Title: hostile + " title", Surfaced: "2025-01-01", Completeness: "full",
		Note: hostile, Sources: src("javascript:alert(3)")},
		Clauses: []*plan.Clause{
			{ID: "a", Number: hostile, Topic: "military", Text: "Army capped at 600,000. " + hostile, Sources: []string{"s"}, Confidence: "reported",
				Clauses: []*plan.Clause{{ID: "a1", Text: "Sub " + hostile, Sources: []string{"t"}, Note: hostile}}},
			{ID: "b", Topic: "other", Text: "Elections within 100 days.\x1b[31m\u202e", Sources: []string{"s"}},
		}}
	v2 := &plan.Plan{Format: 1, Version: plan.Version{ID: "v2", Title: "V2", Surfaced: "2025-02-01", Completeness: "partial",
		Supersedes: []string{"v1"}, Sources: src("data:text/html,<script>alert(4)</script>")},
		Clauses: []*plan.Clause{
			{ID: "a", Topic: "military", Text: "Army capped at 800,000. " + hostile + " javascript:alert(5)", Sources: []string{"s"}},
			{ID: "c", Topic: "other", Text: "New " + hostile, Sources: []string{"t"}},
			{ID: "b", Removed: true, Text: hostile, Sources: []string{"s"}},
		}}
	return []*plan.Plan{v1, v2}
}

// hostileTimeline is an events file whose every string is hostile.
func hostileTimeline() *plan.Timeline {
	return &plan.Timeline{Format: 1,
		Sources: []plan.Source{{ID: "s", Outlet: hostile + " outlet", URL: "javascript:alert(6)", Date: "2025-01-15"}},
		Events: []*plan.Event{
			{ID: "e", Date: "2025-01-15", What: hostile + " what", Who: []string{hostile}, Where: hostile,
				Versions: []string{"v1", "v2"}, Sources: []string{"s"}, Note: hostile + "\x1b[31m\u202e"},
			{ID: "f", Date: "2025-03-01", What: "After " + hostile, Sources: []string{"s"}},
		}}
}

func TestHTMLHostile(t *testing.T) {
	l, err := lineage.Build(context.Background(), hostilePlans(), lineage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := HTML(&buf, Build(l, Options{Title: hostile, Timeline: hostileTimeline()})); err != nil {
		t.Fatal(err)
	}
	doc := buf.String()
	for _, p := range checkHTML(doc) {
		t.Error(p)
	}
	for _, s := range []string{"<script>alert", "<img src=x", `href="javascript:`, `href="data:`, "onerror=alert(2)>"} {
		if strings.Contains(doc, s) {
			t.Errorf("output holds %q unescaped", s)
		}
	}
	if !strings.Contains(doc, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("hostile text not shown escaped")
	}
	if !strings.Contains(doc, `href="https://example.org/a?b=%3Cc%3E&amp;d=%22e%22"`) {
		t.Error("safe URL not linked with its unsafe bytes encoded")
	}
	if !strings.Contains(doc, `id="timeline"`) {
		t.Error("no timeline section")
	}
	var md bytes.Buffer
	if err := Markdown(&md, Build(l, Options{Timeline: hostileTimeline()})); err != nil {
		t.Fatal(err)
	}
	checkMarkdown(t, md.String())
	// The annotate and history views, in every format.
	a, err := Annotate(l, "v2")
	if err != nil {
		t.Fatal(err)
	}
	h := NewHistory(l, l.ThreadsOf("a"), "a", "")
	var am, hm, at, ht bytes.Buffer
	if err := AnnotateMarkdown(&am, a); err != nil {
		t.Fatal(err)
	}
	if err := HistoryMarkdown(&hm, h); err != nil {
		t.Fatal(err)
	}
	checkMarkdown(t, am.String())
	checkMarkdown(t, hm.String())
	if err := AnnotateText(&at, a, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := HistoryText(&ht, h, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{at.String(), ht.String()} {
		if strings.ContainsAny(out, "\x1b\u202e") {
			t.Errorf("text view holds an escape or bidi control: %q", out)
		}
	}
	for _, s := range []string{"<script", "<img", "](javascript:", "](data:"} {
		if strings.Contains(md.String(), s) {
			t.Errorf("markdown holds %q", s)
		}
	}
}

func TestScanHTMLFindsProblems(t *testing.T) {
	for _, doc := range []string{
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none'"><a href="#nowhere">x</a>`,
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none'"><img src="https://x.test/a.png">`,
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none'"><p>a < b</p>`,
		`<p onclick="x">no csp</p>`,
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none'"><a href="javascript:x">x</a>`,
	} {
		if len(checkHTML(doc)) == 0 {
			t.Errorf("no problem found in %s", doc)
		}
	}
}

// checkMarkdown fails on any raw '<' in Markdown output other than the
// tags the writer itself uses.
func checkMarkdown(t *testing.T, md string) {
	t.Helper()
	for i := 0; i < len(md); i++ {
		if md[i] != '<' {
			continue
		}
		ok := false
		// The tags a redline falls back to where Markdown emphasis cannot
		// mark a run (render.MarkdownRedline), and annotate's line breaks.
		for _, tag := range []string{"<del>", "</del>", "<strong>", "</strong>", "<br>"} {
			if strings.HasPrefix(md[i:], tag) {
				ok = true
			}
		}
		if !ok {
			t.Fatalf("raw '<' in markdown: %q", md[max(0, i-30):min(len(md), i+30)])
		}
	}
}

// A report of one version has no steps, counts or figures; its page must
// still be whole (every link resolves, no empty section left behind).
func TestHTMLSingleVersion(t *testing.T) {
	l, err := lineage.Build(context.Background(), hostilePlans()[:1], lineage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := HTML(&buf, Build(l, Options{})); err != nil {
		t.Fatal(err)
	}
	for _, p := range checkHTML(buf.String()) {
		t.Error(p)
	}
	for _, s := range []string{`id="steps"`, `id="counts"`, `href="#steps"`, `class="views"`, `id="timeline"`, `href="#timeline"`} {
		if strings.Contains(buf.String(), s) {
			t.Errorf("single-version page holds %s", s)
		}
	}
}
