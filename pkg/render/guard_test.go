package render

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// guardWhole is what CommandGuard must write for s, as a whole.
func guardWhole(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		rest := strings.TrimLeft(l, " \t")
		if strings.HasPrefix(rest, "::") {
			lines[i] = l[:len(l)-len(rest)] + `\` + rest
		}
	}
	return strings.Join(lines, "")
}

func TestCommandGuard(t *testing.T) {
	cases := map[string]string{
		"":                                "",
		"plain\n":                         "plain\n",
		"::add-mask::x\n":                 "\\::add-mask::x\n",
		"One.\n::add-mask::secret\n":      "One.\n\\::add-mask::secret\n",
		"    text\n      ::error::x\n  y": "    text\n      \\::error::x\n  y",
		"\t::warning::x":                  "\t\\::warning::x",
		"a::b\n x::y\n: :z\n:\n::":        "a::b\n x::y\n: :z\n:\n\\::",
		"{\n  \"a\": \"::x\"\n}\n":        "{\n  \"a\": \"::x\"\n}\n",
	}
	for in, want := range cases {
		if got := guardWhole(in); got != want {
			t.Fatalf("reference: %q -> %q, want %q", in, got, want)
		}
		var b bytes.Buffer
		g := NewCommandGuard(&b)
		g.Write([]byte(in))
		g.Flush()
		if b.String() != want {
			t.Errorf("%q -> %q, want %q", in, b.String(), want)
		}
	}
	// Any split into writes gives the same output.
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{":", ":", " ", "\t", "\n", "a", "::", "\n::", "x"}
	for range 2000 {
		var sb strings.Builder
		for range r.IntN(30) {
			sb.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		in := sb.String()
		var b bytes.Buffer
		g := NewCommandGuard(&b)
		for rest := []byte(in); len(rest) > 0; {
			k := 1 + r.IntN(len(rest))
			if n, err := g.Write(rest[:k]); n != k || err != nil {
				t.Fatalf("Write = %d, %v", n, err)
			}
			rest = rest[k:]
		}
		g.Flush()
		if want := guardWhole(in); b.String() != want {
			t.Fatalf("%q in pieces -> %q, want %q", in, b.String(), want)
		}
	}
}

// BenchmarkCommandGuard passes indented JSON-like output, the common case
// (a large diff or report written to a CI log), through the guard.
func BenchmarkCommandGuard(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 1<<20; i++ {
		sb.WriteString("    {\n      \"op\": \"equal\",\n      \"text\": \"the Parties shall within 30 days: withdraw all forces\"\n    },\n")
	}
	p := []byte(sb.String())
	b.SetBytes(int64(len(p)))
	g := NewCommandGuard(io.Discard)
	for b.Loop() {
		g.Write(p)
	}
}
