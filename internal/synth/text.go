package synth

import (
	"bufio"
	"io"
	"strings"

	"github.com/plandiff/plandiff/pkg/plan"
)

// WriteText writes p as plain text for line- and word-based diff tools: one
// paragraph per clause in document order (a clause before its sub-points),
// each "number text" on one line, paragraphs separated by a blank line.
// Runs of white space inside a text (line breaks included) become one space,
// so a clause is always exactly one line; a clause without a number is
// written as its text alone, and `removed: true` entries, which have no
// text, are left out.
func WriteText(w io.Writer, p *plan.Plan) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	first := true
	var err error
	p.Walk(func(c, _ *plan.Clause, _ int) {
		if err != nil || c.Removed {
			return
		}
		line := strings.Join(strings.Fields(c.Text), " ")
		if c.Number != "" {
			line = strings.TrimSpace(c.Number + " " + line)
		}
		if !first {
			bw.WriteString("\n")
		}
		first = false
		bw.WriteString(line)
		_, err = bw.WriteString("\n")
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}
