package plan_test

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/plan"
)

// minimal is a plan of n of the smallest clauses (synth.WriteMinimal).
func minimal(tb testing.TB, n int, flow bool) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := synth.WriteMinimal(&b, n, flow); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// problems is the ErrorList of err as lines, or fails.
func problems(t *testing.T, err error) string {
	t.Helper()
	var l plan.ErrorList
	if !errors.As(err, &l) {
		t.Fatalf("err = %v, want an ErrorList", err)
	}
	return l.Error()
}

// TestParseClauseLimit: a file of more clauses than MaxClauses is refused,
// with the clause where it goes over, on both YAML paths.
func TestParseClauseLimit(t *testing.T) {
	for _, v3 := range []bool{false, true} {
		data := minimal(t, 5, false)
		if _, err := plan.Parse(context.Background(), "m.yaml", data, plan.Options{MaxClauses: 5, YAMLv3: v3}); err != nil {
			t.Fatalf("yaml.v3 %v: 5 clauses, limit 5: %v", v3, err)
		}
		_, err := plan.Parse(context.Background(), "m.yaml", data, plan.Options{MaxClauses: 4, YAMLv3: v3})
		if got, want := problems(t, err), "m.yaml:20:3: more than 4 clauses (sub-points included), the limit; --max-clauses raises it"; got != want {
			t.Errorf("yaml.v3 %v:\n got %s\nwant %s", v3, got, want)
		}
	}
}

// TestParseNodeLimit: YAML that holds more nodes than a plan of MaxClauses
// clauses would is refused before it is all in memory: counted as the fast
// path builds it, and from the punctuation before yaml.v3 does.
func TestParseNodeLimit(t *testing.T) {
	// One clause, then a list under an unknown key: a few clauses' worth
	// of YAML, but thousands of nodes.
	big := string(minimal(t, 1, false)) + "junk: [" + strings.Repeat("a, ", 20000) + "a]\n"
	_, err := plan.Parse(context.Background(), "n.yaml", []byte(big), plan.Options{MaxClauses: 10})
	if got := problems(t, err); !strings.HasPrefix(got, "n.yaml:11:1: more YAML than a plan of at most 10 clauses holds: over 16544 keys, values, lists and mappings by this line") {
		t.Errorf("fast path: %s", got)
	}
	_, err = plan.Parse(context.Background(), "n.yaml", []byte(big), plan.Options{MaxClauses: 10, YAMLv3: true})
	if got := problems(t, err); !strings.HasPrefix(got, "n.yaml:11:1: too much YAML to read in this style") {
		t.Errorf("yaml.v3: %s", got)
	}
	// Within the limit it is only an unknown key.
	_, err = plan.Parse(context.Background(), "n.yaml", []byte(big), plan.Options{})
	if got := problems(t, err); !strings.Contains(got, `unknown key "junk"`) {
		t.Errorf("default limit: %s", got)
	}
}

// TestParseMemoryBounded parses the largest files of the smallest clauses
// that a size limit allows, in block style (the fast path) and in flow style
// (yaml.v3): each is refused having allocated a bounded amount (issue 12.4:
// 2.6 GB and 1.76 GB at the default limits), and a file at the clause limit
// loads within a bounded amount too. It runs at a tenth of the default
// limits; make bench measures peak memory at the real ones (the Limits
// section of BENCHMARKS.md, from synth limits).
func TestParseMemoryBounded(t *testing.T) {
	opts := plan.Options{MaxBytes: plan.DefaultMaxBytes / 10, MaxClauses: plan.DefaultMaxClauses / 10}
	for _, tc := range []struct {
		n    int
		flow bool
		ok   bool
		mb   uint64 // at most this many MB allocated
	}{
		{86_000, false, false, 40},
		{88_000, true, false, 8},
		{opts.MaxClauses, false, true, 24},
	} {
		data := minimal(t, tc.n, tc.flow)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := plan.Parse(context.Background(), "m.yaml", data, opts)
		runtime.ReadMemStats(&after)
		got := after.TotalAlloc - before.TotalAlloc
		if (err == nil) != tc.ok {
			t.Errorf("%d clauses, flow %v: err %v", tc.n, tc.flow, err)
		}
		t.Logf("%d clauses, flow %v: %.1f MB of input, %.1f MB allocated", tc.n, tc.flow, float64(len(data))/1e6, float64(got)/1e6)
		if got > tc.mb<<20 {
			t.Errorf("%d clauses, flow %v: %.1f MB allocated, over %d MB", tc.n, tc.flow, float64(got)/(1<<20), tc.mb)
		}
	}
}
