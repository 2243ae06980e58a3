package report

import (
	"io"

	"github.com/plandiff/plandiff/pkg/render"
)

// JSON writes v as indented JSON, as every plandiff JSON is written
// (render.EncodeJSON).
func JSON(w io.Writer, v any) error { return render.EncodeJSON(w, v) }
