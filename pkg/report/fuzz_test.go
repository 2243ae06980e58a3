package report

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/lineage"
	"github.com/plandiff/plandiff/pkg/plan"
)

// addViewSeeds gives the fuzz targets of this package their seeds.
func addViewSeeds(f *testing.F) {
	f.Add("Army capped at 600,000.", "Army capped at 800,000 in peacetime.", "AP", "https://example.org/x", true)
	f.Add(hostile, "<b>&amp;", "\x1b[31m\u202e", "javascript:alert(1)", false)
	f.Add("", "a\n\nb", "|*_`", "http://[::1", true)
	f.Add("\x1b]8;;https://evil.test\x07link\x1b]8;;\x07 \r overwritten", "@everyone [x](javascript:y) <!-- c -->", "\x9b2J", "https://a.test/\"><script>", false)
}

// fuzzLineage builds a two-version lineage from fuzzed strings: clause a
// changes from old to new, b is dropped and c added, and the new version
// is partial when asked, so every kind of step and view has content.
func fuzzLineage(t *testing.T, old, new, outlet, url string, partial bool) *lineage.Lineage {
	if strings.TrimSpace(old) == "" {
		old = "x"
	}
	if strings.TrimSpace(new) == "" {
		new = "y"
	}
	comp := "full"
	if partial {
		comp = "partial"
	}
	srcs := []plan.Source{{ID: "s", Outlet: outlet, URL: url}}
	v1 := &plan.Plan{Format: 1, Version: plan.Version{ID: "v1", Title: old, Surfaced: "2025-01-01", Completeness: "full", Sources: srcs},
		Clauses: []*plan.Clause{{ID: "a", Topic: "military", Text: old, Sources: []string{"s"}, Note: outlet}, {ID: "b", Text: new + " " + old, Sources: []string{"s"}}}}
	v2 := &plan.Plan{Format: 1, Version: plan.Version{ID: "v2", Title: new, Surfaced: "2025-01-02", Completeness: comp, Supersedes: []string{"v1"}, Sources: srcs},
		Clauses: []*plan.Clause{{ID: "a", Topic: "military", Text: new, Sources: []string{"s"}}, {ID: "c", Text: outlet + " " + old, Sources: []string{"s"}}}}
	l, err := lineage.Build(context.Background(), []*plan.Plan{v1, v2}, lineage.Options{})
	if err != nil {
		t.Skip(err)
	}
	return l
}

func FuzzReportHTML(f *testing.F) {
	addViewSeeds(f)
	f.Fuzz(func(t *testing.T, old, new, outlet, url string, partial bool) {
		r := Build(fuzzLineage(t, old, new, outlet, url, partial), Options{Title: outlet})
		var h, m bytes.Buffer
		if err := HTML(&h, r); err != nil {
			t.Fatal(err)
		}
		for _, p := range checkHTML(h.String()) {
			t.Fatal(p)
		}
		if err := Markdown(&m, r); err != nil {
			t.Fatal(err)
		}
		checkMarkdown(t, m.String())
	})
}

// FuzzViews renders every other view of this package (annotate and history
// as text, coloured text, Markdown and JSON; the report as JSON) from fuzzed
// strings: none may fail or panic, the JSON must be valid, Markdown must
// hold no raw HTML, and text must hold no control character but the line
// feed and, when coloured, the writer's own colour codes.
func FuzzViews(f *testing.F) {
	addViewSeeds(f)
	f.Fuzz(func(t *testing.T, old, new, outlet, url string, partial bool) {
		l := fuzzLineage(t, old, new, outlet, url, partial)
		a, err := Annotate(l, "v2")
		if err != nil {
			t.Fatal(err)
		}
		views := []any{a, Build(l, Options{Title: outlet})}
		for _, h := range []*History{
			NewHistory(l, l.ThreadsOf("a"), "a", ""),
			NewHistory(l, l.ThreadsOf("b"), "b", ""),
			NewHistory(l, l.TopicThreads("military"), "", "military"),
		} {
			views = append(views, h)
			for _, color := range []bool{false, true} {
				var b bytes.Buffer
				if err := HistoryText(&b, h, TextOptions{Color: color, Width: 40}); err != nil {
					t.Fatal(err)
				}
				checkTerminal(t, b.String(), color)
			}
			var m bytes.Buffer
			if err := HistoryMarkdown(&m, h); err != nil {
				t.Fatal(err)
			}
			checkMarkdown(t, m.String())
		}
		for _, color := range []bool{false, true} {
			var b bytes.Buffer
			if err := AnnotateText(&b, a, TextOptions{Color: color}); err != nil {
				t.Fatal(err)
			}
			checkTerminal(t, b.String(), color)
		}
		var m bytes.Buffer
		if err := AnnotateMarkdown(&m, a); err != nil {
			t.Fatal(err)
		}
		checkMarkdown(t, m.String())
		for _, v := range views {
			var j bytes.Buffer
			if err := JSON(&j, v); err != nil {
				t.Fatal(err)
			}
			if !json.Valid(j.Bytes()) {
				t.Fatalf("invalid JSON:\n%s", j.Bytes())
			}
		}
	})
}

// checkTerminal fails on a control character in text meant for a
// terminal, other than the line feed and, when colour is on, the SGR
// sequences (ESC [ digits m) the writers emit.
func checkTerminal(t *testing.T, s string, color bool) {
	t.Helper()
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\x1b' && color {
			j := i + 1
			if j < len(s) && s[j] == '[' {
				j++
				for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';') {
					j++
				}
				if j < len(s) && s[j] == 'm' {
					i = j + 1
					continue
				}
			}
		}
		if r != '\n' && (r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == utf8.RuneError && size == 1) {
			t.Fatalf("control character %U in terminal output: %q", r, s[max(0, i-30):min(len(s), i+30)])
		}
		i += size
	}
}
