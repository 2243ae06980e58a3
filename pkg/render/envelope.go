package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/plan"
)

// Schema names of the JSON that commands other than diff print; each is
// described in docs/formats.md and checked against schema/NAME.schema.json.
const (
	SchemaList       = "plandiff/list/v1"
	SchemaListEvents = "plandiff/list-events/v1" // list --events
	SchemaValidate   = "plandiff/validate/v1"
)

// JSONEnvelope writes v as the JSON object a plandiff command prints: a
// "schema" key first, naming the format and its version (schema, such as
// SchemaList), then the keys of v, which must encode as an object without a
// "schema" key of its own. The output is indented by two spaces, with HTML
// escaping off (so "&" and "<" in plan text stay readable) and a final
// newline, like every other JSON plandiff writes.
func JSONEnvelope(w io.Writer, schema string, v any) error {
	var body bytes.Buffer
	if err := EncodeJSON(&body, v); err != nil {
		return err
	}
	b := body.Bytes()
	if len(b) < 2 || b[0] != '{' {
		return errors.New("render: JSONEnvelope wants a value that encodes as an object")
	}
	name, err := json.Marshal(schema)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	out.WriteString("{\n  \"schema\": ")
	out.Write(name)
	if rest := bytes.TrimSpace(b[1:]); len(rest) > 1 { // more than "}"
		out.WriteString(",")
		out.Write(b[1:])
	} else {
		out.WriteString("\n}\n")
	}
	_, err = w.Write(out.Bytes())
	return err
}

// EncodeJSON writes v as every JSON object of plandiff is written: indented
// by two spaces, HTML escaping off (so "&" and "<" in plan text stay
// readable), a final newline, and the characters plan.IsHiddenControl
// reports (DEL, C1 controls, bidirectional overrides...) escaped as \uXXXX,
// which encoding/json leaves as they are: the decoded value is the same,
// but a terminal or log showing the JSON gets none of them.
//
// Objects and arrays down to streamLevels deep are written a member at a
// time (jsonStream), each member encoded compactly and indented on its way
// out, so no whole copy of the output is held: a report's JSON can be ten
// times its corpus, and encoding/json holds the compact and the indented
// document at once (report --format json at the clause limit: 2.3 GB; issue
// 12). The bytes are those of json.Encoder with SetIndent("", "  ").
// Because output is written as it is encoded, an encoding error can leave
// part of the document written to w.
func EncodeJSON(w io.Writer, v any) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	s := newJSONStream(hiddenEscaper{bw})
	if err := s.value(reflect.ValueOf(v), 0, streamLevels); err != nil {
		return err
	}
	if err := s.str("\n"); err != nil {
		return err
	}
	return bw.Flush()
}

// hiddenEscaper writes to w what is written to it, with the characters
// plan.IsHiddenControl reports escaped (jsonEscape). A json.Encoder writes
// each value in one call, so no character is split between two writes.
type hiddenEscaper struct{ w io.Writer }

func (h hiddenEscaper) Write(b []byte) (int, error) {
	start := 0
	for i := 0; i < len(b); {
		if b[i] < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if plan.IsHiddenControl(r) {
			if _, err := h.w.Write(b[start:i]); err != nil {
				return start, err
			}
			if _, err := io.WriteString(h.w, jsonEscape(r)); err != nil {
				return i, err
			}
			start = i + size
		}
		i += size
	}
	if _, err := h.w.Write(b[start:]); err != nil {
		return start, err
	}
	return len(b), nil
}

// jsonEscape is the \uXXXX escape of r, in encoding/json's lower case.
func jsonEscape(r rune) string { return fmt.Sprintf(`\u%04x`, r) }
