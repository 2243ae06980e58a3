package render

import (
	"io"
	"math"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
	"github.com/plandiff/plandiff/pkg/plan"
)

// JSON writes r as the "plandiff/diff/v1" contract (spec §3): the struct
// encoding of diff.Result with two-space indentation, HTML escaping off (so
// "<", ">" and "&" stay readable), and a trailing newline. The same Result
// always gives the same bytes, and decoding the output into a diff.Result and
// encoding that again gives the same bytes.
//
// The bytes are those encoding/json would give for r once normalised (the
// tests hold the two to that), where normalising means:
//
//   - every array of the contract prints as [] rather than null when empty
//     (old, new, old_numbers, new_numbers, edits, figures, sources.old,
//     sources.new and each version's sources);
//   - similarity is rounded by diff.RoundSimilarity (to
//     diff.SimilarityDecimals decimals, half away from zero) and printed in
//     Go's shortest form, so 0.7142857 prints 0.714 and 1 prints 1; a NaN
//     or infinite score prints 0, and -0 prints 0;
//   - an empty schema is filled with diff.Schema;
//   - each byte of invalid UTF-8 in any string becomes U+FFFD, written as the
//     character itself (encoding/json would write "\ufffd", which decodes to
//     a character that then encodes differently: the round trip would not
//     hold).
//
// Strings are otherwise escaped as encoding/json does: control characters
// (\u001b) and U+2028 and U+2029. The summary is printed as r holds it (see
// Filter to recompute it).
//
// The encoder is written out field by field rather than left to
// encoding/json: a 30,000-clause comparison is some 50 MB of JSON, and
// marshalling it whole, then indenting it, took longer than aligning it.
// Output is streamed in pieces of about 32 KB; r is never modified.
func JSON(w io.Writer, r *diff.Result) error {
	if r == nil {
		return errNilResult
	}
	e := &jsonEncoder{w: w, buf: make([]byte, 0, 2*flushAt), first: true}
	e.open('{')
	schema := r.Schema
	if schema == "" {
		schema = diff.Schema
	}
	e.key("schema")
	e.str(schema)
	e.key("old")
	e.version(&r.Old)
	e.key("new")
	e.version(&r.New)
	e.key("match")
	e.str(r.Match)
	e.key("summary")
	e.summary(&r.Summary)
	e.key("changes")
	e.open('[')
	e.changes(r.Changes)
	e.close(']')
	e.close('}')
	e.buf = append(e.buf, '\n')
	return e.flush()
}

// jsonChunk is how many changes one goroutine encodes at a time.
const jsonChunk = 128

// changes writes the members of the changes array. A change's JSON depends
// on nothing but the change and the depth, so on a machine with several
// cores chunks of changes are encoded side by side, a few chunks ahead of
// the one being written, and written in order: the same bytes.
func (e *jsonEncoder) changes(cs []diff.Change) {
	n := (len(cs) + jsonChunk - 1) / jsonChunk
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range cs {
			e.elem()
			e.change(&cs[i])
			if len(e.buf) >= flushAt {
				e.flush()
			}
		}
		return
	}
	// ahead bounds the chunks encoded and not yet written; their buffers
	// are reused.
	ahead := 2 * workers
	done := make([]chan []byte, n)
	for k := range done {
		done[k] = make(chan []byte, 1)
	}
	free := make(chan []byte, ahead)
	for range ahead {
		free <- make([]byte, 0, 2*flushAt)
	}
	stop := make(chan struct{})
	var next atomic.Int32
	var wg sync.WaitGroup
	depth, first := e.depth, e.first
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				var buf []byte
				select {
				case buf = <-free:
				case <-stop:
					return
				}
				k := int(next.Add(1)) - 1
				if k >= n {
					return
				}
				c := jsonEncoder{buf: buf[:0], depth: depth, first: first && k == 0}
				for i := k * jsonChunk; i < min((k+1)*jsonChunk, len(cs)); i++ {
					c.elem()
					c.change(&cs[i])
				}
				done[k] <- c.buf
			}
		}()
	}
	for k := range n {
		buf := <-done[k]
		e.flush()
		e.buf, buf = buf, e.buf
		if e.flush() != nil {
			break
		}
		free <- buf
	}
	close(stop)
	wg.Wait()
	e.first = first && n == 0
}

// jsonEncoder appends indented JSON to buf and hands it to w in pieces. It
// tracks only the nesting depth and whether the current object or array has
// a member yet, which is all the indentation needs.
type jsonEncoder struct {
	w     io.Writer
	buf   []byte
	err   error
	depth int
	first bool // nothing written yet in the innermost open object or array
}

func (e *jsonEncoder) flush() error {
	if e.err == nil && len(e.buf) > 0 {
		n, err := e.w.Write(e.buf)
		if err == nil && n < len(e.buf) {
			err = io.ErrShortWrite
		}
		e.err = err
	}
	e.buf = e.buf[:0]
	return e.err
}

func (e *jsonEncoder) newline() {
	e.buf = append(e.buf, '\n')
	for range e.depth {
		e.buf = append(e.buf, ' ', ' ')
	}
}

func (e *jsonEncoder) open(c byte) {
	e.buf = append(e.buf, c)
	e.depth++
	e.first = true
}

// close ends an object or array; an empty one prints as {} or [].
func (e *jsonEncoder) close(c byte) {
	e.depth--
	if !e.first {
		e.newline()
	}
	e.buf = append(e.buf, c)
	e.first = false
}

// elem starts an array element.
func (e *jsonEncoder) elem() {
	if !e.first {
		e.buf = append(e.buf, ',')
	}
	e.newline()
	e.first = false
}

// key starts an object member; the value follows.
func (e *jsonEncoder) key(k string) {
	e.elem()
	e.buf = append(e.buf, '"')
	e.buf = append(e.buf, k...)
	e.buf = append(e.buf, '"', ':', ' ')
}

func (e *jsonEncoder) strField(k, v string) {
	e.key(k)
	e.str(v)
}

// optStr writes a member that encoding/json would leave out when empty
// (omitempty).
func (e *jsonEncoder) optStr(k, v string) {
	if v != "" {
		e.strField(k, v)
	}
}

func (e *jsonEncoder) intField(k string, v int) {
	e.key(k)
	e.buf = strconv.AppendInt(e.buf, int64(v), 10)
}

func (e *jsonEncoder) boolField(k string, v bool) {
	e.key(k)
	e.buf = strconv.AppendBool(e.buf, v)
}

func (e *jsonEncoder) strs(k string, list []string) {
	e.key(k)
	e.open('[')
	for _, s := range list {
		e.elem()
		e.str(s)
	}
	e.close(']')
}

func (e *jsonEncoder) version(v *diff.VersionRef) {
	e.open('{')
	e.strField("id", v.ID)
	e.strField("title", v.Title)
	e.strField("completeness", v.Completeness)
	e.optStr("subclauses", v.Subclauses)
	e.optStr("surfaced", v.Surfaced)
	e.optStr("status", v.Status)
	e.optStr("name", v.Name)
	e.key("sources")
	e.open('[')
	for i := range v.Sources {
		s := &v.Sources[i]
		e.elem()
		e.open('{')
		e.strField("id", s.ID)
		e.strField("outlet", s.Outlet)
		e.optStr("date", s.Date)
		e.optStr("url", s.URL)
		e.optStr("covers", s.Covers)
		e.optStr("version", s.Version)
		e.close('}')
	}
	e.close(']')
	if v.Carried != 0 {
		e.intField("carried", v.Carried)
	}
	e.optStr("carried_from", v.CarriedFrom)
	e.close('}')
}

func (e *jsonEncoder) summary(s *diff.Summary) {
	e.open('{')
	e.intField("unchanged", s.Unchanged)
	e.intField("modified", s.Modified)
	e.intField("merged", s.Merged)
	e.intField("split", s.Split)
	e.intField("added", s.Added)
	e.intField("removed", s.Removed)
	e.intField("unreported", s.Unreported)
	e.intField("moved", s.Moved)
	e.intField("removed_reported", s.RemovedReported)
	e.intField("removed_absent", s.RemovedAbsent)
	if tcs := s.Types.List(); len(tcs) > 0 {
		e.key("types")
		e.open('{')
		for _, tc := range tcs {
			e.intField(tc.Type, tc.Count)
		}
		e.close('}')
	}
	e.close('}')
}

func (e *jsonEncoder) change(c *diff.Change) {
	e.open('{')
	e.strField("kind", string(c.Kind))
	e.strs("old", c.Old)
	e.strs("new", c.New)
	e.strs("old_numbers", c.OldNumbers)
	e.strs("new_numbers", c.NewNumbers)
	e.boolField("moved", c.Moved)
	e.boolField("renumbered", c.Renumbered)
	e.key("similarity")
	e.float(diff.RoundSimilarity(c.Similarity))
	e.optStr("topic", c.Topic)
	e.key("edits")
	e.open('[')
	for _, ed := range c.Edits {
		e.elem()
		e.open('{')
		e.strField("op", string(ed.Op))
		e.strField("text", ed.Text)
		e.close('}')
	}
	e.close(']')
	e.key("figures")
	e.open('[')
	for _, f := range c.Figures {
		e.elem()
		e.figure(f)
	}
	e.close(']')
	e.key("sources")
	e.open('{')
	e.strs("old", c.Sources.Old)
	e.strs("new", c.Sources.New)
	e.close('}')
	e.strField("rule", c.Rule)
	e.optStr("old_text", c.OldText)
	e.optStr("new_text", c.NewText)
	e.intField("depth", c.Depth)
	e.delta("confidence", c.Confidence)
	e.delta("proposed_by", c.ProposedBy)
	e.delta("status", c.Status)
	if len(c.OldNotes) > 0 {
		e.strs("old_notes", c.OldNotes)
	}
	if len(c.NewNotes) > 0 {
		e.strs("new_notes", c.NewNotes)
	}
	e.optStr("removed_entry", c.RemovedEntry)
	e.optStr("evidence", c.Evidence)
	e.optStr("unreported_under", c.UnreportedUnder)
	if len(c.Carried) > 0 {
		e.strs("carried", c.Carried)
	}
	if c.Variants != nil {
		e.key("variants")
		e.open('{')
		e.variants("old", c.Variants.Old)
		e.variants("new", c.Variants.New)
		e.close('}')
	}
	e.delta("reading", c.Reading)
	if c.ReadingOnly {
		e.boolField("reading_only", true)
	}
	if len(c.Signals) > 0 {
		e.strs("signals", c.Signals)
	}
	if c.LevelChanged {
		e.boolField("level_changed", true)
	}
	if c.OldDepth != nil {
		e.intField("old_depth", *c.OldDepth)
	}
	if len(c.Types) > 0 {
		e.key("types")
		e.open('[')
		for _, t := range c.Types {
			e.elem()
			e.changeType(t)
		}
		e.close(']')
	}
	if n := c.Nearest; n != nil {
		e.key("nearest")
		e.open('{')
		e.strField("clause", n.Clause)
		e.optStr("number", n.Number)
		e.key("similarity")
		e.float(diff.RoundSimilarity(n.Similarity))
		if len(n.PairedWith) > 0 {
			e.strs("paired_with", n.PairedWith)
		}
		e.close('}')
	}
	e.close('}')
}

// changeType writes one type of a change with the fields that are set.
func (e *jsonEncoder) changeType(t changetype.Type) {
	e.open('{')
	e.strField("type", t.Type)
	e.optStr("direction", t.Direction)
	e.optStr("detail", t.Detail)
	if len(t.Added) > 0 {
		e.strs("added", t.Added)
	}
	if len(t.Removed) > 0 {
		e.strs("removed", t.Removed)
	}
	e.close('}')
}

func (e *jsonEncoder) variants(k string, vs []diff.VariantRef) {
	e.key(k)
	e.open('[')
	for _, v := range vs {
		e.elem()
		e.open('{')
		e.strField("clause", v.Clause)
		e.strField("reading", v.Reading)
		e.strs("sources", v.Sources)
		if v.Followed {
			e.boolField("followed", true)
		}
		e.close('}')
	}
	e.close(']')
}

// figure writes a figure pair with the additions that are set.
func (e *jsonEncoder) figure(f words.Figure) {
	e.open('{')
	e.strField("old", f.Old)
	e.strField("new", f.New)
	e.optStr("kind", f.Kind)
	e.optStr("direction", f.Direction)
	e.optStr("change", f.Change)
	e.optStr("note", f.Note)
	e.optStr("instead", f.Instead)
	e.close('}')
}

func (e *jsonEncoder) pair(old, new string) {
	e.open('{')
	e.strField("old", old)
	e.strField("new", new)
	e.close('}')
}

func (e *jsonEncoder) delta(k string, d *diff.Delta) {
	if d != nil {
		e.key(k)
		e.pair(d.Old, d.New)
	}
}

// float formats f as encoding/json does: the shortest form that reads back
// as f, with an exponent only for very small or very large magnitudes.
func (e *jsonEncoder) float(f float64) {
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	e.buf = strconv.AppendFloat(e.buf, f, format, -1, 64)
	if format == 'e' {
		// 1e-07 prints as 1e-7, as encoding/json has it.
		if n := len(e.buf); n >= 4 && e.buf[n-4] == 'e' && e.buf[n-3] == '-' && e.buf[n-2] == '0' {
			e.buf[n-2] = e.buf[n-1]
			e.buf = e.buf[:n-1]
		}
	}
}

// str writes s as a JSON string, escaped as encoding/json escapes with HTML
// escaping off, except that invalid UTF-8 becomes the character U+FFFD
// itself (see JSON).
func (e *jsonEncoder) str(s string) {
	const hexDigits = "0123456789abcdef"
	b := append(e.buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != 0x7f {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = utf8.AppendRune(b, utf8.RuneError)
		case plan.IsHiddenControl(r):
			// U+2028 and U+2029 as encoding/json escapes them, and the
			// other controls a terminal or log must not get raw.
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	e.buf = append(b, '"')
}

// cleanFloat maps NaN and ±Inf to 0.
func cleanFloat(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
