package render_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/pkg/render"
)

// benchSizes are the clause counts of the old side of the generated pairs
// (synth.Generate, seed 1, default rates), as in pkg/diff's benchmarks.
var benchSizes = []int{300, 3000, 30000}

// benchCase is a generated pair with what the benchmarks need of it,
// generated once per size and shared by every benchmark of this file.
type benchCase struct {
	pair     *synth.Pair
	old, new []byte       // the pair as YAML, as `synth gen` writes it
	result   *diff.Result // content-mode comparison of the pair (see resultFor)
}

var benchCases = map[int]*benchCase{}

func benchFor(b *testing.B, n int) *benchCase {
	b.Helper()
	if c := benchCases[n]; c != nil {
		return c
	}
	p, err := synth.Generate(synth.Config{Clauses: n, Seed: 1, Rates: synth.DefaultRates()})
	if err != nil {
		b.Fatal(err)
	}
	c := &benchCase{pair: p}
	var old, nu bytes.Buffer
	if err := synth.WriteYAML(&old, p.Old); err != nil {
		b.Fatal(err)
	}
	if err := synth.WriteYAML(&nu, p.New); err != nil {
		b.Fatal(err)
	}
	c.old, c.new = old.Bytes(), nu.Bytes()
	benchCases[n] = c
	return c
}

// resultFor is benchFor with the comparison done too. BenchmarkDiffJSON
// does not need it, so that a CPU profile of that benchmark alone has no
// comparison outside its loop.
func resultFor(b *testing.B, n int) *benchCase {
	b.Helper()
	c := benchFor(b, n)
	if c.result == nil {
		r, err := diff.Compare(context.Background(), c.pair.Old, c.pair.New, diff.Options{Match: diff.MatchContent})
		if err != nil {
			b.Fatal(err)
		}
		c.result = r
	}
	return c
}

// benchRender times one renderer writing the content-mode diff of each
// generated pair to io.Discard; b.SetBytes is the size of one output, so
// MB/s is the output rate.
func benchRender(b *testing.B, render func(io.Writer, *diff.Result) error) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			c := resultFor(b, n)
			var cw countWriter
			if err := render(&cw, c.result); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(cw.n)
			b.ReportAllocs()
			for b.Loop() {
				if err := render(io.Discard, c.result); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// BenchmarkText times the terminal report without colour or wrapping (what
// `plandiff diff` prints into a pipe).
func BenchmarkText(b *testing.B) {
	benchRender(b, func(w io.Writer, r *diff.Result) error { return render.Text(w, r, render.TextOptions{}) })
}

// BenchmarkMarkdown times the pull-request comment (`--format markdown`).
func BenchmarkMarkdown(b *testing.B) {
	benchRender(b, func(w io.Writer, r *diff.Result) error { return render.Markdown(w, r, render.MarkdownOptions{}) })
}

// BenchmarkJSON times the JSON contract (`--format json`).
func BenchmarkJSON(b *testing.B) {
	benchRender(b, render.JSON)
}

// BenchmarkDiffJSON times, in process, the work of
// `plandiff diff --match content --format json old.yaml new.yaml`: parse
// both files, compare by content, write the JSON contract. It leaves out
// only reading the files and starting the process, so it is the benchmark
// to profile for where the command's time goes (scripts/bench.sh does, at
// 30,000 clauses). b.SetBytes is the YAML of both sides.
//
// Each phase runs under a pprof label phase=parse|compare|render (inherited
// by the goroutines it starts), so a CPU profile can be split by phase with
// `go tool pprof -tagfocus phase=compare`; the wall time of each phase is
// reported as parse-ms/op, compare-ms/op and render-ms/op.
func BenchmarkDiffJSON(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			c := benchFor(b, n)
			b.SetBytes(int64(len(c.old) + len(c.new)))
			b.ReportAllocs()
			var parse, compare, rend time.Duration
			phase := func(name string, d *time.Duration, f func()) {
				start := time.Now()
				pprof.Do(context.Background(), pprof.Labels("phase", name), func(context.Context) { f() })
				*d += time.Since(start)
			}
			ops := 0
			for b.Loop() {
				ops++
				var po, pn *plan.Plan
				var r *diff.Result
				var err error
				phase("parse", &parse, func() {
					if po, err = plan.Parse(context.Background(), "old.yaml", c.old, plan.Options{}); err == nil {
						pn, err = plan.Parse(context.Background(), "new.yaml", c.new, plan.Options{})
					}
				})
				if err != nil {
					b.Fatal(err)
				}
				phase("compare", &compare, func() { r, err = diff.Compare(context.Background(), po, pn, diff.Options{Match: diff.MatchContent}) })
				if err != nil {
					b.Fatal(err)
				}
				phase("render", &rend, func() { err = render.JSON(io.Discard, r) })
				if err != nil {
					b.Fatal(err)
				}
			}
			ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) / float64(max(ops, 1)) }
			b.ReportMetric(ms(parse), "parse-ms/op")
			b.ReportMetric(ms(compare), "compare-ms/op")
			b.ReportMetric(ms(rend), "render-ms/op")
		})
	}
}
