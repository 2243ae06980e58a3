package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/plandiff/plandiff/pkg/changed"
)

// The writers of a changed.Report (`plandiff changed`): each format is a type
// whose WriteReport writes the whole report. Every string from the report is
// sanitised or escaped as the diff writers treat data.

// ChangedText writes a changed.Report for a terminal: a line per file with
// what happened to it, its validation problems, and its diff as Text writes
// it with Diff.
type ChangedText struct {
	Report *changed.Report
	Diff   TextOptions
}

// WriteReport writes the report to w.
func (t ChangedText) WriteReport(w io.Writer) error {
	rep := t.Report
	p := &printer{w: w}
	since := SanitizeTerminalLine(rep.Base.Since())
	if len(rep.Files) == 0 {
		p.str("no plan files changed since " + since + "\n")
		return p.flush()
	}
	n := len(rep.Files)
	p.str(fmt.Sprintf("%d plan %s changed since %s\n", n, changed.Plural(n, "file", "files"), since))
	for _, f := range rep.Files {
		head := f.Path + ": " + f.StatusText()
		if f.Status == changed.StatusDeleted {
			head = f.Path + ": " + f.DeletedText()
		}
		if !f.Valid() {
			head += fmt.Sprintf(", fails validation (%d %s)", len(f.Problems), changed.Plural(len(f.Problems), "problem", "problems"))
		}
		p.str("\n=== " + SanitizeTerminalLine(head) + "\n")
		for _, pe := range f.Problems {
			p.str(SanitizeTerminal(pe.Error()) + "\n")
		}
		if f.Note != "" {
			p.str("note: " + SanitizeTerminalLine(f.Note) + "\n")
		}
		if f.Result != nil {
			p.str("\n")
			if err := p.flush(); err != nil {
				return err
			}
			if err := Text(w, f.Result, t.Diff); err != nil {
				return err
			}
		}
	}
	return p.flush()
}

// ChangedMarkdown writes a changed.Report as a pull-request comment: a
// marker to find the comment by (ChangedMarker), a table of the files, then a
// section per file with its problems and its diff as Markdown writes it,
// folded when long. With MaxBytes, the comment keeps under that size: the
// table and every file's section stay, and the diffs share what is left, in
// file order, each shortened as Markdown shortens a diff; files whose
// section cannot fit even so are left out, with a note saying how many.
type ChangedMarkdown struct {
	Report        *changed.Report
	ShowUnchanged bool
	// MaxBytes bounds the comment's size; 0 means no bound.
	MaxBytes int
}

// changedFoldLines is the length from which a file's diff is folded.
const changedFoldLines = 40

// changedWhole is the command that prints the whole report.
const changedWhole = "plandiff changed --format markdown --max-bytes 0"

// ChangedMarker opens the Markdown report, so that a workflow can find its
// earlier comment and update it. Data never produces it: < is escaped.
const ChangedMarker = "<!-- plandiff changed -->"

// WriteReport writes the report to w.
func (m ChangedMarkdown) WriteReport(w io.Writer) error {
	rep := m.Report
	var b strings.Builder
	b.WriteString(ChangedMarker + "\n")
	if len(rep.Files) == 0 {
		b.WriteString("## plandiff: no plan files changed\n\nCompared with " + mdText(rep.Base.Since()) + ".\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	n := len(rep.Files)
	fmt.Fprintf(&b, "## plandiff: %d plan %s changed", n, changed.Plural(n, "file", "files"))
	if bad := rep.Invalid(); bad > 0 {
		fmt.Fprintf(&b, ", %d %s validation", bad, changed.Plural(bad, "fails", "fail"))
	}
	b.WriteString("\n\nCompared with " + mdText(rep.Base.Since()) + ".\n\n")
	b.WriteString("| file | change | validation | clauses |\n|---|---|---|---|\n")
	for _, f := range rep.Files {
		valid, clauses := "ok", "—"
		switch {
		case !f.Valid():
			valid = fmt.Sprintf("**%d %s**", len(f.Problems), changed.Plural(len(f.Problems), "problem", "problems"))
		case f.Status == changed.StatusDeleted:
			valid = "—"
		}
		if f.Result != nil {
			clauses = mdText(changed.ClauseCounts(f.Result))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", mdText(f.Path), mdText(f.StatusText()), valid, clauses)
	}

	secs := make([]string, len(rep.Files))
	total := b.Len()
	for i, f := range rep.Files {
		sec, err := m.section(f, 0)
		if err != nil {
			return err
		}
		secs[i] = sec
		total += len(sec)
	}
	omitted := 0
	if m.MaxBytes > 0 && total > m.MaxBytes {
		// Each file's section at its shortest (every change a heading),
		// so that the diffs before it leave room for it.
		least := make([]int, len(rep.Files))
		for i, f := range rep.Files {
			sec, err := m.section(f, 1)
			if err != nil {
				return err
			}
			least[i] = len(sec)
		}
		note := len(changedOmittedNote(len(rep.Files)))
		used := b.Len()
		for i, f := range rep.Files {
			after := 0
			for _, n := range least[i+1:] {
				after += n
			}
			budget := m.MaxBytes - used - after - note
			if least[i] > budget {
				secs[i] = ""
				omitted++
				continue
			}
			if len(secs[i]) > budget {
				sec, err := m.section(f, budget)
				if err != nil {
					return err
				}
				secs[i] = sec
			}
			used += len(secs[i])
		}
	}
	for _, sec := range secs {
		b.WriteString(sec)
	}
	if omitted > 0 {
		b.WriteString(changedOmittedNote(omitted))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// changedOmittedNote says how many files' sections were left out.
func changedOmittedNote(n int) string {
	return fmt.Sprintf("\n%d %s left out to keep this comment within GitHub's size limit: `%s` shows %s.\n",
		n, changed.Plural(n, "file is", "files are"), changedWhole, changed.Plural(n, "it", "them"))
}

// section is one file's part of the Markdown report, at most maxBytes long
// if it can be (0: no bound): the diff inside is shortened to fit.
func (m ChangedMarkdown) section(f *changed.File, maxBytes int) (string, error) {
	var sec strings.Builder
	sec.WriteString("\n### " + mdText(f.Path) + "\n")
	switch f.Status {
	case changed.StatusDeleted:
		sec.WriteString("\n" + capitalize(mdText(f.DeletedText())) + ".\n")
	case changed.StatusRenamed:
		sec.WriteString("\nRenamed from " + mdText(f.OldPath) + ".\n")
	case changed.StatusAdded:
		sec.WriteString("\nA new plan file.\n")
	}
	if !f.Valid() {
		fmt.Fprintf(&sec, "\n**Fails validation** (%d %s):\n\n", len(f.Problems), changed.Plural(len(f.Problems), "problem", "problems"))
		for _, p := range f.Problems {
			sec.WriteString("- " + mdText(p.Error()) + "\n")
		}
	}
	if f.Note != "" {
		sec.WriteString("\n> " + capitalize(mdText(f.Note)) + ".\n")
	}
	if f.Result != nil {
		summary := mdText(changed.ClauseCounts(f.Result))
		wrapper := len("\n<details open><summary>Clauses: </summary>\n\n") + len(summary) + len("\n</details>\n")
		diffMax := 0
		if maxBytes > 0 {
			// demoteHeadings adds two bytes to each heading: the
			// diff's title and one per change at most.
			demoted := 2 * (len(f.Result.Changes) + 1)
			diffMax = max(maxBytes-sec.Len()-wrapper-demoted, 1)
		}
		var d bytes.Buffer
		if err := Markdown(&d, f.Result, MarkdownOptions{ShowUnchanged: m.ShowUnchanged, MaxBytes: diffMax, Whole: changedWhole}); err != nil {
			return "", err
		}
		open := ""
		if bytes.Count(d.Bytes(), []byte("\n")) <= changedFoldLines {
			open = " open"
		}
		fmt.Fprintf(&sec, "\n<details%s><summary>Clauses: %s</summary>\n\n", open, summary)
		sec.WriteString(demoteHeadings(d.String(), 2))
		sec.WriteString("\n</details>\n")
	}
	return sec.String(), nil
}

// demoteHeadings moves the ATX headings of a Markdown report n levels down
// (to at most 6), so that a report nests under a file's heading. Only
// headings start with '#': data never does, since Markdown escapes it.
func demoteHeadings(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		level := len(l) - len(strings.TrimLeft(l, "#"))
		if level == 0 || level > 6 || len(l) > level && l[level] != ' ' {
			continue
		}
		lines[i] = strings.Repeat("#", min(level+n, 6)) + l[level:]
	}
	return strings.Join(lines, "")
}

// ChangedJSON writes a changed.Report as the "plandiff/changed/v1" envelope
// (docs/formats.md §6), each file's diff in JSON's own encoding of the
// "plandiff/diff/v1" contract.
type ChangedJSON struct {
	Report *changed.Report
}

// The JSON envelope (docs/formats.md §6).
type changedJSONReport struct {
	Schema  string            `json:"schema"`
	Base    changedJSONBase   `json:"base"`
	Summary changedJSONCounts `json:"summary"`
	Files   []changedJSONFile `json:"files"`
}

type changedJSONBase struct {
	Rev       string `json:"rev"`
	Commit    string `json:"commit"`
	MergeBase bool   `json:"merge_base"`
}

type changedJSONCounts struct {
	Files   int `json:"files"`
	Invalid int `json:"invalid"`
	Differ  int `json:"differ"`
}

type changedJSONFile struct {
	Path     string               `json:"path"`
	OldPath  string               `json:"old_path,omitempty"`
	Status   string               `json:"status"`
	Valid    bool                 `json:"valid"`
	Problems []changedJSONProblem `json:"problems"`
	Note     string               `json:"note,omitempty"`
	Diff     json.RawMessage      `json:"diff"`
}

type changedJSONProblem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

// WriteReport writes the report to w.
func (j ChangedJSON) WriteReport(w io.Writer) error {
	rep := j.Report
	out := changedJSONReport{
		Schema: changed.Schema,
		Base:   changedJSONBase{Rev: rep.Base.Rev, Commit: rep.Base.Commit, MergeBase: rep.Base.MergeBase},
		Files:  []changedJSONFile{},
	}
	for _, f := range rep.Files {
		jf := changedJSONFile{Path: f.Path, Status: f.Status, Valid: f.Valid(), Problems: []changedJSONProblem{}, Note: f.Note, Diff: json.RawMessage("null")}
		if f.Status == changed.StatusRenamed {
			jf.OldPath = f.OldPath
		}
		for _, p := range f.Problems {
			jf.Problems = append(jf.Problems, changedJSONProblem{File: p.Pos.File, Line: p.Pos.Line, Col: p.Pos.Col, Message: p.Msg})
		}
		if f.Result != nil {
			var d bytes.Buffer
			if err := JSON(&d, f.Result); err != nil {
				return err
			}
			jf.Diff = d.Bytes()
		}
		out.Summary.Files++
		if !f.Valid() {
			out.Summary.Invalid++
		}
		if f.Differs() {
			out.Summary.Differ++
		}
		out.Files = append(out.Files, jf)
	}
	return EncodeJSON(w, out)
}
