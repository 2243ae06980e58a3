package synth

import (
	"bufio"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/plan"
)

// WriteYAML writes p as a plan file (format 1) that plan.Parse reads back to
// an equal plan (texts trimmed, as the loader trims them). Every string is a
// double-quoted scalar with escapes, which is valid YAML for any text, so no
// value can be misread as a number, a date, a boolean or a comment. Empty
// optional fields, and the default confidence, are left out.
func WriteYAML(w io.Writer, p *plan.Plan) error {
	e := &emitter{w: bufio.NewWriterSize(w, 64<<10)}
	e.line(0, "plandiff: "+strconv.Itoa(p.Format))
	v := p.Version
	e.line(0, "version:")
	e.field(1, "id", v.ID)
	e.field(1, "title", v.Title)
	e.field(1, "short", v.Short)
	e.field(1, "surfaced", v.Surfaced)
	e.field(1, "status", v.Status)
	e.field(1, "completeness", v.Completeness)
	e.list(1, "proposed_by", v.ProposedBy)
	e.list(1, "supersedes", v.Supersedes)
	e.field(1, "note", v.Note)
	e.line(1, "sources:")
	for _, s := range v.Sources {
		e.item(2, "id", s.ID)
		e.field(3, "outlet", s.Outlet)
		e.field(3, "date", s.Date)
		e.field(3, "url", s.URL)
		e.field(3, "covers", s.Covers)
		e.field(3, "note", s.Note)
	}
	e.line(0, "clauses:")
	e.clauses(1, p.Clauses)
	if e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

type emitter struct {
	w   *bufio.Writer
	err error
}

func (e *emitter) clauses(depth int, cs []*plan.Clause) {
	for _, c := range cs {
		e.item(depth, "id", c.ID)
		d := depth + 1
		e.field(d, "number", c.Number)
		e.field(d, "topic", c.Topic)
		e.field(d, "text", c.Text)
		if c.Removed {
			e.line(d, "removed: true")
		}
		e.field(d, "status", c.Status)
		e.list(d, "proposed_by", c.ProposedBy)
		e.list(d, "sources", c.Sources)
		if c.Confidence != "" && c.Confidence != plan.ConfidenceReported {
			e.field(d, "confidence", c.Confidence)
		}
		e.list(d, "derives_from", c.DerivesFrom)
		e.field(d, "note", c.Note)
		if len(c.Clauses) > 0 {
			e.line(d, "clauses:")
			e.clauses(d+1, c.Clauses)
		}
	}
}

// line writes one line indented by depth levels of two spaces.
func (e *emitter) line(depth int, s string) {
	if e.err != nil {
		return
	}
	for range depth {
		e.w.WriteString("  ")
	}
	e.w.WriteString(s)
	_, e.err = e.w.WriteString("\n")
}

func (e *emitter) field(depth int, key, value string) {
	if value != "" {
		e.line(depth, key+": "+quote(value))
	}
}

// item starts a sequence entry (a mapping) with its first key.
func (e *emitter) item(depth int, key, value string) {
	e.line(depth, "- "+key+": "+quote(value))
}

func (e *emitter) list(depth int, key string, values []string) {
	if len(values) == 0 {
		return
	}
	s := key + ": ["
	for i, v := range values {
		if i > 0 {
			s += ", "
		}
		s += quote(v)
	}
	e.line(depth, s+"]")
}

// quote returns s as a YAML double-quoted scalar. Printable characters stay
// as they are; the quote, the backslash and everything YAML does not allow
// raw (control characters, DEL, the byte-order mark, line and paragraph
// separators) are escaped. A byte of invalid UTF-8, which no plan can hold,
// comes out as \xNN, which YAML reads as the code point U+00NN.
func quote(s string) string {
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\x`...)
			b = append(b, hex(s[i]>>4), hex(s[i]&15))
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\t':
			b = append(b, `\t`...)
		case r < 0x20 || r == 0x7f || (0x80 <= r && r < 0xa0) || r == 0xfeff || r == 0x2028 || r == 0x2029:
			b = append(b, `\u`...)
			for sh := 12; sh >= 0; sh -= 4 {
				b = append(b, hex(byte(r>>sh)&15))
			}
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(append(b, '"'))
}

func hex(n byte) byte { return "0123456789abcdef"[n] }
