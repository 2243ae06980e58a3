//go:build unix

package plan_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/plandiff/plandiff/pkg/plan"
)

// cpuTime is the processor time the process has used, which a loaded
// machine inflates much less than wall time.
func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestCheckRefsLinear: eight times the links must cost about eight times the
// processor time, not sixty-four (issue 12.2: every link walked its target
// version; 40,000 links took 21 s). The bound is loose.
func TestCheckRefsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("times CheckRefs on 40,000 links")
	}
	// best of five runs, stopping as soon as one is within bound.
	timeOf := func(plans []*plan.Plan, bound time.Duration) time.Duration {
		best := time.Duration(1 << 62)
		for range 5 {
			start := cpuTime(t)
			if errs := plan.CheckRefs(plans, true); len(errs) > 0 {
				t.Fatal(errs)
			}
			if best = min(best, cpuTime(t)-start); best <= bound {
				break
			}
		}
		return best
	}
	small, _ := linkedCorpus(t, 5000)
	large, _ := linkedCorpus(t, 40000)
	ts := max(timeOf(small, 0), time.Millisecond)
	tl := timeOf(large, 30*ts)
	if tl > 30*ts {
		t.Errorf("CheckRefs took %v on 5,000 links and %v on 40,000: %.0f times as long, want about 8", ts, tl, float64(tl)/float64(ts))
	}
	t.Logf("CheckRefs: %v on 5,000 links, %v on 40,000", ts, tl)
}
