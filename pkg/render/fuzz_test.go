package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/changed"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
	"github.com/plandiff/plandiff/pkg/plan"
)

// fuzzResult builds a Result with the fuzzer's strings in every field the
// renderers print, one change of each kind plus one of kind c.
func fuzzResult(a, b, c string, sim float64) *diff.Result {
	src := []diff.SourceRef{{ID: a, Outlet: b, Date: c, URL: a, Covers: b}, {ID: "s", Outlet: c, URL: b}}
	r := &diff.Result{
		Schema: c,
		Old:    diff.VersionRef{ID: a, Title: b, Completeness: c, Surfaced: a, Status: b, Name: c, Sources: src},
		New:    diff.VersionRef{ID: b, Title: c, Completeness: "partial", Surfaced: b, Status: a, Name: a, Sources: src},
		Match:  a,
	}
	kinds := append(append([]diff.Kind{}, diff.Kinds...), diff.Kind(c))
	for i, k := range kinds {
		ch := diff.Change{
			Kind: k, Old: []string{a, b}, New: []string{c}, OldNumbers: []string{b}, NewNumbers: []string{a, c},
			Moved: i%2 == 0, Renumbered: i%3 == 0, Similarity: sim, Topic: c,
			Edits:      []words.Edit{eq(a), del(b), ins(c), eq(" "), {Op: words.Op(c), Text: a}, ins(a), del(c)},
			Figures:    []words.Figure{{Old: a, New: b}, {Old: c}},
			Sources:    diff.SidePair{Old: []string{a, "s"}, New: []string{b}},
			Rule:       []string{diff.RuleID, diff.RuleContent, diff.RuleDerivesFrom, diff.RuleMergeSplit, diff.RuleRemovedMark, diff.RuleNone, c}[i%7],
			OldText:    a,
			NewText:    b,
			Confidence: &diff.Delta{Old: a, New: b},
			ProposedBy: &diff.Delta{Old: c},
			Status:     &diff.Delta{New: a},
			OldNotes:   []string{b},
			NewNotes:   []string{c, a},
		}
		if i%2 == 1 {
			ch.RemovedEntry = a
		}
		r.Changes = append(r.Changes, ch)
	}
	r.Summary = diff.Summarize(r.Changes)
	return r
}

func addSeeds(f *testing.F) {
	for i, s := range hostileStrings {
		f.Add(s, hostileStrings[(i+1)%len(hostileStrings)], hostileURLs[i%len(hostileURLs)], float64(i)/7)
	}
	f.Add("", "", "", 0.0)
	f.Add("Ukraine's army: 600,000.", "800,000 in peacetime", "modified", 0.71)
}

func FuzzText(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, a, b, c string, sim float64) {
		r := fuzzResult(a, b, c, sim)
		for _, opts := range []TextOptions{
			{},
			{Color: true, ShowUnchanged: true},
			{Width: 1 + len(a)%100, ShowUnchanged: true},
			{Color: true, Width: 1 + len(b)%100},
		} {
			var out bytes.Buffer
			if err := Text(&out, r, opts); err != nil {
				t.Fatal(err)
			}
			checkTextOutput(t, out.String(), opts.Color)
			if !opts.Color && bytes.ContainsAny(out.Bytes(), "\x1b\x07\r") {
				t.Fatalf("ESC, BEL or CR in plain output: %q", out.String())
			}
			if opts.Width > 0 {
				checkWrapped(t, out.String(), opts.Width)
			}
		}
	})
}

func FuzzMarkdown(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, a, b, c string, sim float64) {
		var out bytes.Buffer
		if err := Markdown(&out, fuzzResult(a, b, c, sim), MarkdownOptions{ShowUnchanged: true}); err != nil {
			t.Fatal(err)
		}
		checkMarkdownSafe(t, out.Bytes())

		// One string in every field: each reads back as itself. A string
		// that reads as blank is left out: no plan holds one (the loader
		// refuses it, "text is empty"), and Markdown has no way to show it.
		out.Reset()
		if err := Markdown(&out, oneField(a), MarkdownOptions{}); err != nil {
			t.Fatal(err)
		}
		if a == "" || readable(SanitizeTerminalLine(a)) != "" {
			checkFields(t, a, out.Bytes())
		} else {
			checkMarkdownSafe(t, out.Bytes())
		}
	})
}

func FuzzJSON(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, a, b, c string, sim float64) {
		r := fuzzResult(a, b, c, sim)
		var out bytes.Buffer
		if err := JSON(&out, r); err != nil {
			t.Fatal(err)
		}
		if !json.Valid(out.Bytes()) {
			t.Fatalf("invalid JSON:\n%s", out.Bytes())
		}
		if !strings.HasSuffix(out.String(), "}\n") {
			t.Fatalf("no trailing newline")
		}
		checkJSONRoundTrip(t, out.Bytes())
		checkReference(t, r)
		var again bytes.Buffer
		if err := JSON(&again, r); err != nil || !bytes.Equal(out.Bytes(), again.Bytes()) {
			t.Fatalf("second render differs (err %v)", err)
		}
	})
}

// FuzzChanged writes a changed report whose paths, base, note and problem
// come from the fuzzer, in every format: no format lets data through raw.
func FuzzChanged(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, a, b, c string, sim float64) {
		file := &changed.File{FileChange: changed.FileChange{Status: changed.StatusRenamed, Path: a, OldPath: b},
			Note: c, Result: fuzzResult(a, b, c, sim)}
		file.Problems.Add(plan.Pos{File: a, Line: 1, Col: 2}, "%s", c)
		rep := &changed.Report{Base: changed.Base{Rev: b, Commit: c}, Files: []*changed.File{file,
			{FileChange: changed.FileChange{Status: changed.StatusDeleted, Path: b, OldPath: b}}}}
		var text, md, js bytes.Buffer
		if err := (ChangedText{Report: rep, Diff: TextOptions{Color: true}}).WriteReport(&text); err != nil {
			t.Fatal(err)
		}
		checkTextOutput(t, text.String(), true)
		if err := (ChangedMarkdown{Report: rep}).WriteReport(&md); err != nil {
			t.Fatal(err)
		}
		for _, tag := range rawHTML.FindAllString(md.String(), -1) {
			if !changedTags[tag] {
				t.Fatalf("raw HTML from data: %q", tag)
			}
		}
		if err := (ChangedJSON{Report: rep}).WriteReport(&js); err != nil || !json.Valid(js.Bytes()) {
			t.Fatalf("invalid JSON (%v):\n%s", err, js.Bytes())
		}
	})
}
