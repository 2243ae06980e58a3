package report

import (
	"encoding/json"
	"io"
)

// JSON writes v as indented JSON with HTML escaping off and a final newline.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
