package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

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
func EncodeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(plan.EscapeHidden(b.Bytes(), jsonEscape))
	return err
}

// jsonEscape is the \uXXXX escape of r, in encoding/json's lower case.
func jsonEscape(r rune) string { return fmt.Sprintf(`\u%04x`, r) }
