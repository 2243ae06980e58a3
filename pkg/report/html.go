package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"html/template"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"

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

var tmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"dash":          dashHTML,
	"versionAnchor": versionAnchor,
	"clauseLabel":   func(c ClauseRef) string { return orID(c) },
	"refLabel":      refLabel,
	"short":         func(s string) string { return short(s, 160) },
	"shorter":       func(s string) string { return short(s, 100) },
	"figureCell":    func(e *FigureEntry) string { return figureCell(e, func(s string) string { return s }) },
	"evidence":      func(c *ChangeRow) string { return evidenceText(c, false) },
	"redline":       func(c *ChangeRow) []render.Run { return c.redline() },
	"side":          render.RedlineSide,
	"unchangedList": func(cs []*ChangeRow) []*ChangeRow { return filterChanges(cs, diff.KindUnchanged) },
	"unreportedList": func(cs []*ChangeRow) []*ChangeRow {
		return filterChanges(cs, diff.KindUnreported)
	},
	"refs":  func(c *ChangeRow) []ClauseRef { return pick(c.New, c.Old) },
	"depth": func(d int) int { return min(d, 4) },
	"join":  strings.Join,
}).Parse(htmlTemplate))

type page struct {
	R       *Report
	CSP     template.HTMLAttr
	CSS     template.CSS
	Kinds   []string // labels of the counts table's columns
	Partial bool
}

// HTML writes the report as one self-contained HTML page: inline CSS, no
// script, no request to any host (see CSP), readable on a phone and
// printable. Every data string is cleaned of control characters and escaped
// by html/template; only http(s) source URLs become links. Anchors are listed
// in the package comment; every clause links to the clauses it came from and
// became, and every change to both sides.
func HTML(w io.Writer, r *Report) error {
	c := sanitized(r)
	p := &page{R: c, CSP: template.HTMLAttr(`content="` + CSP + `"`), CSS: template.CSS(css)}
	for _, k := range (diff.Summary{}).Counts() {
		p.Kinds = append(p.Kinds, k.Label)
	}
	for _, v := range c.Versions {
		if v.Completeness == "partial" {
			p.Partial = true
		}
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, p); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// sanitized returns a copy of r with every string cleaned of control
// characters, escape sequences and bidi overrides, and source links
// recomputed from the cleaned URLs.
func sanitized(r *Report) *Report {
	data, err := json.Marshal(r)
	if err != nil {
		panic(err) // a Report always encodes
	}
	var c Report
	if err := json.Unmarshal(data, &c); err != nil {
		panic(err)
	}
	cleanStrings(reflect.ValueOf(&c).Elem())
	for _, s := range c.Sources {
		s.Link = render.SafeURL(s.URL)
	}
	return &c
}

func cleanStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(cleanText(v.String()))
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			cleanStrings(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				cleanStrings(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			cleanStrings(v.Index(i))
		}
	}
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
