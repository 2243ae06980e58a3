package plan_test

import (
	"context"
	"errors"
	"testing"

	"github.com/plandiff/plandiff/internal/ctxtest"
	"github.com/plandiff/plandiff/pkg/plan"
)

// TestParseCancel cancels Parse at checks throughout a file, on the fast
// path and through yaml.v3: it must stop with ctx's error and no plan.
func TestParseCancel(t *testing.T) {
	t.Parallel()
	data, _ := synthPair(t, 3000, 1)
	for _, v := range []struct {
		name  string
		parse func(context.Context, string, []byte, plan.Options) (*plan.Plan, error)
	}{{"fast", plan.Parse}, {"yaml.v3", parseYAMLv3}} {
		const lots = 1 << 30
		probe := ctxtest.After(lots)
		if _, err := v.parse(probe, "old.yaml", data, plan.Options{}); err != nil {
			t.Fatal(err)
		}
		checks := ctxtest.Checks(probe, lots)
		if checks < 4 {
			t.Fatalf("%s: Parse looked at its context %d times", v.name, checks)
		}
		for _, n := range []int{0, 1, checks / 2, checks - 2} {
			p, err := v.parse(ctxtest.After(n), "old.yaml", data, plan.Options{})
			if !errors.Is(err, context.Canceled) || p != nil {
				t.Errorf("%s: cancelled at check %d of %d: plan %v, err %v; want context.Canceled", v.name, n, checks, p != nil, err)
			}
		}
	}
}

// parseYAMLv3 is Parse with Options.YAMLv3.
func parseYAMLv3(ctx context.Context, name string, data []byte, opts plan.Options) (*plan.Plan, error) {
	opts.YAMLv3 = true
	return plan.Parse(ctx, name, data, opts)
}
