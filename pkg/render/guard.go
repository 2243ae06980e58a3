package render

import (
	"bytes"
	"io"
)

// CommandGuard is a writer that lets no line begin with "::", so that data
// printed to a CI log cannot be read as a workflow command. GitHub Actions
// looks for "::" after trimming a line's leading white space (clause text
// "x\n::add-mask::..." printed indented is still a command): a guarded line
// gets a backslash before its "::", which shows what it was and is no
// command. Everything else passes through unchanged, so JSON, whose lines
// never start with "::", is byte for byte the same.
//
// Output meant as workflow commands (validate --format github) must not go
// through it. Flush writes what a line's start held back; call it at the end.
type CommandGuard struct {
	w io.Writer
	// mid says the current line has had something other than blanks;
	// held that a ':' right after the blanks is held back, to see the next
	// byte.
	mid, held bool
	buf       []byte
}

// NewCommandGuard returns a CommandGuard writing to w.
func NewCommandGuard(w io.Writer) *CommandGuard { return &CommandGuard{w: w} }

// Write passes p on, guarding the lines that begin with "::". It returns
// len(p) unless the underlying writer fails. Output that needs no guard is
// written as it is, in one write.
func (g *CommandGuard) Write(p []byte) (int, error) {
	n := len(p)
	out := g.buf[:0]
	copied := false // out holds p[:from], changed
	from := 0
	if g.held && len(p) > 0 {
		g.held, copied, g.mid = false, true, true
		if p[0] == ':' {
			out = append(out, '\\', ':', ':')
			from = 1
		} else {
			out = append(out, ':')
		}
	}
	for i := from; i < len(p); i++ {
		if g.mid {
			// Past a line's start nothing is guarded: go to the next line
			// at once (most of a large output is line bodies).
			j := bytes.IndexByte(p[i:], '\n')
			if j < 0 {
				break
			}
			i += j
		}
		switch c := p[i]; {
		case c == '\n':
			g.mid = false
		case c == ' ', c == '\t':
		case c == ':' && i+1 == len(p):
			// A ':' at a line's start, at the end of p: hold it back.
			out = append(out, p[from:i]...)
			from, copied, g.held = len(p), true, true
		case c == ':' && p[i+1] == ':':
			out = append(out, p[from:i]...)
			out = append(out, '\\')
			from, copied, g.mid = i, true, true
		default:
			g.mid = true
		}
	}
	var err error
	if copied {
		out = append(out, p[from:]...)
		if len(out) > 0 {
			_, err = g.w.Write(out)
		}
		g.buf = out[:0]
	} else if len(p) > 0 {
		_, err = g.w.Write(p)
	}
	if err != nil {
		return 0, err
	}
	return n, nil
}

// Flush writes the ':' held back at the end of the last write, if any.
func (g *CommandGuard) Flush() error {
	if !g.held {
		return nil
	}
	g.held, g.mid = false, true
	_, err := g.w.Write([]byte{':'})
	return err
}
