package plan_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/plan"
)

var benchSizes = []int{300, 3000, 30000}

// BenchmarkParse times Parse on the old file of generated pairs (as `synth
// gen -seed 1` writes them); the yaml.v3 sub-benchmarks keep off the fast
// path, for comparison.
func BenchmarkParse(b *testing.B) {
	for _, n := range benchSizes {
		data, _ := synthPair(b, n, 1)
		for _, v := range []struct {
			name  string
			parse func(context.Context, string, []byte, plan.Options) (*plan.Plan, error)
		}{{"fast", plan.Parse}, {"yaml.v3", parseYAMLv3}} {
			b.Run(fmt.Sprintf("%d/%s", n, v.name), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := v.parse(context.Background(), "old.yaml", data, plan.Options{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkFastYAML times the fast YAML parser alone.
func BenchmarkFastYAML(b *testing.B) {
	for _, n := range benchSizes {
		data, _ := synthPair(b, n, 1)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := plan.FastYAML(data); !ok {
					b.Fatal("fast path declined")
				}
			}
		})
	}
}

// linkedCorpus is a generated corpus of two versions with about links
// derives_from links between them (synth.AddLinks).
func linkedCorpus(tb testing.TB, links int) ([]*plan.Plan, int) {
	tb.Helper()
	p, err := synth.Generate(synth.Config{Clauses: links * 11 / 10, Seed: 1, Rates: synth.DefaultRates()})
	if err != nil {
		tb.Fatal(err)
	}
	n := synth.AddLinks(p)
	return []*plan.Plan{p.Old, p.New}, n
}

// BenchmarkCheckRefs times the checks that span files on corpora of about
// 10,000, 40,000 and 80,000 derives_from links (issue 12.2: they were
// quadratic, 115 s at 80,000).
func BenchmarkCheckRefs(b *testing.B) {
	for _, links := range []int{10000, 40000, 80000} {
		plans, n := linkedCorpus(b, links)
		b.Run(fmt.Sprintf("links=%dk", links/1000), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if errs := plan.CheckRefs(plans, true); len(errs) > 0 {
					b.Fatal(errs)
				}
			}
			b.ReportMetric(float64(n), "links")
		})
	}
}
