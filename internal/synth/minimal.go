package synth

import (
	"bufio"
	"fmt"
	"io"
)

// WriteMinimal writes a plan of n clauses as small as the format allows
// (an id, a one-word text, one source), the most clauses a file of a given
// size can hold: the worst case for memory per byte of input. With flow,
// each clause is a flow mapping inside one flow sequence that spans many
// lines, which the fast YAML path leaves to yaml.v3.
func WriteMinimal(w io.Writer, n int, flow bool) error {
	b := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(b, "plandiff: 1\nversion:\n  id: minimal\n  title: Minimal clauses\n  surfaced: 2025-01-01\n  sources: [{id: s, outlet: O}]\n")
	if flow {
		b.WriteString("clauses: [\n")
		for i := range n {
			sep := ","
			if i == n-1 {
				sep = ""
			}
			fmt.Fprintf(b, "{id: c%d, text: x, sources: [s]}%s\n", i, sep)
		}
		b.WriteString("]\n")
	} else {
		b.WriteString("clauses:\n")
		for i := range n {
			fmt.Fprintf(b, "- id: c%d\n  text: x\n  sources: [s]\n", i)
		}
	}
	return b.Flush()
}
