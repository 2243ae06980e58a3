package plan_test

import (
	"context"
	"fmt"
	"testing"

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
		}{{"fast", plan.Parse}, {"yaml.v3", plan.ParseYAMLOnly}} {
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
