package synth

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteMinimal writes a plan of n clauses as small as the format allows
// (an id, a one-word text, one source), the most clauses a file of a given
// size can hold: the worst case for memory per byte of input. With flow,
// each clause is a flow mapping inside one flow sequence that spans many
// lines, which the fast YAML path leaves to yaml.v3.
func WriteMinimal(w io.Writer, n int, flow bool) error {
	return Minimal{N: n, Flow: flow}.Write(w)
}

// Minimal describes a plan of N clauses of the smallest shape (an id, a
// text, one source), one clause per line in flow style.
type Minimal struct {
	N    int
	Flow bool
	// TextBytes pads every text with words to exactly this many bytes
	// (0: the one-word text "x"), so that a file of the most clauses
	// allowed can also be as large as allowed.
	TextBytes int
	// Other is the other side of a pair: every id differs (d0, d1...
	// for c0, c1...) and one word of every padded text is changed, so a
	// diff has to pair every clause by content and show a word edit in
	// each. The file has the same size and punctuation as the first side.
	Other bool
}

// padWords are the words padded texts are made of: letters only, so that
// they are plain scalars in flow style too and add no YAML punctuation.
var padWords = strings.Fields("accord border ceasefire delegation embassy frontier guarantee hostage " +
	"inspection joint kilometre line monitor neutral observer protocol quota referendum sanction " +
	"treaty union verification withdrawal zone amnesty corridor deadline exchange grain harbour")

// text is the text of clause i.
func (m Minimal) text(i int) string {
	if m.TextBytes <= 1 {
		return "x"
	}
	var b strings.Builder
	b.Grow(m.TextBytes + 16)
	b.WriteString("x")
	for k := 0; b.Len() < m.TextBytes; k++ {
		w := padWords[(i*7+k*k+k)%len(padWords)]
		if m.Other && k == i%8 {
			// Same length, another word: a one-word edit.
			w = strings.ToUpper(w)
		}
		b.WriteByte(' ')
		b.WriteString(w)
	}
	s := b.String()[:m.TextBytes]
	if s[len(s)-1] == ' ' {
		// A plain scalar cannot end in a space.
		s = s[:len(s)-1] + "a"
	}
	return s
}

// Write writes the plan.
func (m Minimal) Write(w io.Writer) error {
	b := bufio.NewWriterSize(w, 64<<10)
	prefix := "c"
	if m.Other {
		prefix = "d"
	}
	fmt.Fprintf(b, "plandiff: 1\nversion:\n  id: minimal\n  title: Minimal clauses\n  surfaced: 2025-01-01\n  sources: [{id: s, outlet: O}]\n")
	if m.Flow {
		b.WriteString("clauses: [\n")
		for i := range m.N {
			sep := ","
			if i == m.N-1 {
				sep = ""
			}
			fmt.Fprintf(b, "{id: %s%d, text: %s, sources: [s]}%s\n", prefix, i, m.text(i), sep)
		}
		b.WriteString("]\n")
	} else {
		b.WriteString("clauses:\n")
		for i := range m.N {
			fmt.Fprintf(b, "- id: %s%d\n  text: %s\n  sources: [s]\n", prefix, i, m.text(i))
		}
	}
	return b.Flush()
}

// FirstClauseLine is the line of a Minimal plan's first clause in flow
// style: clause i is on line FirstClauseLine+i.
const FirstClauseLine = 8

// Size is the size of the plan in bytes.
func (m Minimal) Size() int64 {
	var c countWriter
	_ = m.Write(&c) // a countWriter never fails
	return int64(c)
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
