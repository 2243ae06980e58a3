package plan_test

import (
	"context"
	"errors"
	"runtime"
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

// TestParseCancelDuringTree cancels Parse at its second look at the
// context, which is inside the fast path's tree building: it must stop
// there, having allocated a small part of what the whole parse does, rather
// than build the tree of the whole file first (issue 12.3: a Ctrl-C during
// the load of a 30 MB file cost a second of CPU). Not parallel: it counts
// the process's allocations.
func TestParseCancelDuringTree(t *testing.T) {
	data, _ := synthPair(t, 3000, 1)
	alloc := func(ctx context.Context) (uint64, error) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := plan.Parse(ctx, "old.yaml", data, plan.Options{})
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc, err
	}
	whole, err := alloc(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	part, err := alloc(ctxtest.After(1))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	t.Logf("%d bytes of YAML: %d bytes allocated by the whole parse, %d when cancelled", len(data), whole, part)
	// Beyond the copy of the text the fast path starts with.
	if part > uint64(len(data))+whole/10 {
		t.Errorf("cancelled at its second check, Parse allocated %d bytes, the whole parse %d", part, whole)
	}
}

// parseYAMLv3 is Parse with Options.YAMLv3.
func parseYAMLv3(ctx context.Context, name string, data []byte, opts plan.Options) (*plan.Plan, error) {
	opts.YAMLv3 = true
	return plan.Parse(ctx, name, data, opts)
}

// TestParseStreamsClauses checks that the fast path does not keep a node
// tree of the whole file: each top-level clause's nodes are reused for the
// next (fastParseStream). The tree cost about 170 bytes a node, 14 nodes a
// clause, more than the text itself: a whole-file tree made Parse allocate
// ten times the file's size, streaming about three (the copy of the text,
// the clauses, the strings some of them need). Not parallel: it counts the
// process's allocations.
func TestParseStreamsClauses(t *testing.T) {
	data, _ := synthPair(t, 3000, 1)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	p, err := plan.Parse(context.Background(), "old.yaml", data, plan.Options{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if p.Count() < 3000 {
		t.Fatalf("%d clauses, want 3000 or more", p.Count())
	}
	got := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d bytes of YAML, %d clauses: Parse allocated %d bytes (%.1fx)", len(data), p.Count(), got, float64(got)/float64(len(data)))
	if got > 5*uint64(len(data)) {
		t.Errorf("Parse allocated %d bytes for %d bytes of YAML, over 5x: is the whole tree built?", got, len(data))
	}
}
