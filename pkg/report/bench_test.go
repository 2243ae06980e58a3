package report_test

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/lineage"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/pkg/report"
)

var benchLineages = map[int]*lineage.Lineage{}

// benchLineage returns the two-version lineage of the generated pair of n
// clauses (seed 1, default rates; the new version made to supersede the
// old), built once per size. Lineage compares in auto mode; the generated
// ids are all fresh, so the pairing is by content.
func benchLineage(b *testing.B, n int) *lineage.Lineage {
	b.Helper()
	if l := benchLineages[n]; l != nil {
		return l
	}
	p, err := synth.Generate(synth.Config{Clauses: n, Seed: 1, Rates: synth.DefaultRates()})
	if err != nil {
		b.Fatal(err)
	}
	nu := *p.New
	nu.Version.Supersedes = []string{p.Old.Version.ID}
	l, err := lineage.Build(context.Background(), []*plan.Plan{p.Old, &nu}, lineage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	benchLineages[n] = l
	return l
}

// benchReport times building the evolution report of a generated pair and
// writing it to io.Discard; the comparison itself (lineage.Build) is done
// once, outside the loop.
func benchReport(b *testing.B, write func(io.Writer, *report.Report) error) {
	for _, n := range []int{300, 3000, 30000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			l := benchLineage(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if err := write(io.Discard, report.Build(l, report.Options{Title: "bench"})); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReportHTML times `plandiff report --format html` on two versions.
func BenchmarkReportHTML(b *testing.B) { benchReport(b, report.HTML) }

// BenchmarkReportMarkdown times `plandiff report --format markdown` on two
// versions.
func BenchmarkReportMarkdown(b *testing.B) { benchReport(b, report.Markdown) }
