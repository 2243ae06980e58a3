package diff_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
)

var benchSizes = []int{300, 3000, 30000}

func benchPair(b *testing.B, n int) *synth.Pair {
	b.Helper()
	p, err := synth.Generate(synth.Config{Clauses: n, Seed: 1, Rates: synth.DefaultRates()})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkCompare times Compare alone, in content mode (the expensive one),
// on generated pairs with the default mutation mix. It also reports
// cpu-ms/op, the process's CPU time (user + system, all goroutines and the
// garbage collector) per compare, which a loaded machine disturbs less than
// wall time.
func BenchmarkCompare(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			p := benchPair(b, n)
			b.ReportAllocs()
			cpu0, cpuOK := processCPU()
			for b.Loop() {
				if _, err := diff.Compare(context.Background(), p.Old, p.New, diff.Options{Match: diff.MatchContent}); err != nil {
					b.Fatal(err)
				}
			}
			if cpu1, ok := processCPU(); ok && cpuOK && b.N > 0 {
				b.ReportMetric(float64((cpu1-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
			}
		})
	}
}

// BenchmarkParseCompare times what `plandiff diff old.yaml new.yaml` does
// before rendering: parse both files, then compare.
func BenchmarkParseCompare(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			p := benchPair(b, n)
			var old, nu bytes.Buffer
			if err := synth.WriteYAML(&old, p.Old); err != nil {
				b.Fatal(err)
			}
			if err := synth.WriteYAML(&nu, p.New); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(old.Len() + nu.Len()))
			b.ReportAllocs()
			for b.Loop() {
				po, err := plan.Parse(context.Background(), "old.yaml", old.Bytes(), plan.Options{})
				if err != nil {
					b.Fatal(err)
				}
				pn, err := plan.Parse(context.Background(), "new.yaml", nu.Bytes(), plan.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := diff.Compare(context.Background(), po, pn, diff.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
