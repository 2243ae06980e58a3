package report

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"text/template/parse"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/render"
)

//go:embed report.html.tmpl
var htmlTemplate string

//go:embed report.css
var css string

// CSP is the Content-Security-Policy of the HTML report: nothing may load
// from anywhere (no scripts, images, fonts, frames or connections), only the
// report's own inline style applies, and no form or base URL can redirect.
// View switching works with CSS alone (radio buttons), so no script runs.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'"

var tmpl = cleanOutput(template.Must(template.New("report").Funcs(template.FuncMap{
	"clean":         clean1,
	"dash":          dashHTML,
	"versionAnchor": versionAnchor,
	"clauseLabel":   func(c ClauseRef) string { return orID(c) },
	"refLabel":      refLabel,
	"short":         func(s string) string { return short(s, 160) },
	"shorter":       func(s string) string { return short(s, 100) },
	"figureCell":    func(e *FigureEntry) string { return figureCell(e, func(s string) string { return s }) },
	"evidence":      func(c *ChangeRow) string { return evidenceText(c, false) },
	"redline":       func(c *ChangeRow) []render.Run { return c.redline() },
	"spaced":        spaced,
	"side":          render.RedlineSide,
	"unchangedList": func(cs []*ChangeRow) []*ChangeRow { return filterChanges(cs, diff.KindUnchanged) },
	"unreportedList": func(cs []*ChangeRow) []*ChangeRow {
		return filterChanges(cs, diff.KindUnreported)
	},
	"refs":         func(c *ChangeRow) []ClauseRef { return pick(c.New, c.Old) },
	"depth":        func(d int) int { return min(d, 4) },
	"join":         strings.Join,
	"sourceGroups": groupSources,
}).Parse(htmlTemplate)))

// cleanOutput makes every action of t that prints a value print it through
// clean1 before html/template escapes it, so each string reaches the page
// sanitised once, whichever field or function it comes from, and no field
// added to the model later can slip through.
func cleanOutput(t *template.Template) *template.Template {
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			cleanActions(tt.Tree.Root)
		}
	}
	return t
}

func cleanActions(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				cleanActions(c)
			}
		}
	case *parse.ActionNode:
		if len(n.Pipe.Decl) == 0 { // {{$x := ...}} prints nothing
			n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{
				NodeType: parse.NodeCommand, Pos: n.Pos,
				Args: []parse.Node{parse.NewIdentifier("clean").SetPos(n.Pos)},
			})
		}
	case *parse.IfNode:
		cleanActions(n.List)
		cleanActions(n.ElseList)
	case *parse.RangeNode:
		cleanActions(n.List)
		cleanActions(n.ElseList)
	case *parse.WithNode:
		cleanActions(n.List)
		cleanActions(n.ElseList)
	}
}

// clean1 is what every printed value goes through: text is cleaned of
// control characters, escape sequences and bidi overrides, its white space
// collapsed but for paragraph breaks (cleanText); the page's own CSS and
// attributes pass as they are.
func clean1(v any) any {
	switch v := v.(type) {
	case string:
		return cleanText(v)
	case int, bool, float64, template.CSS, template.HTMLAttr:
		return v
	}
	return cleanText(fmt.Sprint(v))
}

type page struct {
	R       *Report
	CSP     template.HTMLAttr
	CSS     template.CSS
	Kinds   []string // labels of the counts table's columns
	Types   []string // the types of change, the columns of the types table
	Partial bool
}

// HTML writes the report as one self-contained HTML page: inline CSS, no
// script, no request to any host (see CSP), readable on a phone and
// printable. Every data string is cleaned of control characters and escaped
// by html/template; only http(s) source URLs become links. Anchors are listed
// in the package comment; every clause links to the clauses it came from and
// became, and every change to both sides.
func HTML(w io.Writer, r *Report) error {
	p := &page{R: r, CSP: template.HTMLAttr(`content="` + CSP + `"`), CSS: template.CSS(css)}
	for _, k := range (diff.Summary{}).Counts() {
		p.Kinds = append(p.Kinds, k.Label)
	}
	p.Types = changetype.Names
	for _, v := range r.Versions {
		if v.Completeness == "partial" {
			p.Partial = true
		}
	}
	// Straight to w, not built in memory first: the page of a corpus at the
	// clause limit is hundreds of MB (issue 12). An error can leave part of
	// the page written; the command's -o replaces its file only on success.
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := tmpl.Execute(bw, p); err != nil {
		return err
	}
	return bw.Flush()
}

func dashHTML(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

func refLabel(r ClauseRef) string {
	if r.Number != "" {
		return r.Version + " " + r.Number + " " + r.ID
	}
	return r.Version + " " + r.ID
}

// short cuts a text to about max characters at a word boundary.
func short(s string, max int) string {
	s = clean(s)
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut := 0
	for i := range s {
		if utf8.RuneCountInString(s[:i]) > max {
			break
		}
		if s[i] == ' ' {
			cut = i
		}
	}
	if cut == 0 {
		cut = len(s)
	}
	return s[:cut] + " …"
}

func filterChanges(cs []*ChangeRow, k diff.Kind) []*ChangeRow {
	var out []*ChangeRow
	for _, c := range cs {
		if c.Kind == k && !c.Detailed() {
			out = append(out, c)
		}
	}
	return out
}

func pick(a, b []ClauseRef) []ClauseRef {
	if len(a) > 0 {
		return a
	}
	return b
}
