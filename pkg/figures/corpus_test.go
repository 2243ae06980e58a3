package figures_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/figures"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/plans"
)

// TestWindowsOnCorpus reads every clause text of the embedded corpus and of
// a generated pair both ways: windows and whole text agree.
func TestWindowsOnCorpus(t *testing.T) {
	var texts []string
	c, err := plan.LoadDir(context.Background(), plans.FS, ".", "plans", plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Plans {
		p.Walk(func(cl, _ *plan.Clause, _ int) { texts = append(texts, cl.Text) })
	}
	pair, err := synth.Generate(synth.Config{Clauses: 600, Seed: 3, Rates: synth.DefaultRates()})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*plan.Plan{pair.Old, pair.New} {
		p.Walk(func(cl, _ *plan.Clause, _ int) { texts = append(texts, cl.Text) })
	}
	for _, s := range texts {
		if got, want := figures.Read(s), figures.ReadWhole(s); !reflect.DeepEqual(got, want) {
			t.Errorf("Read(%q)\n got %v\nwant %v", s, got, want)
		}
	}
}
