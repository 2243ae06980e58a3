package diff_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/plandiff/plandiff/internal/ctxtest"
	"github.com/plandiff/plandiff/pkg/diff"
)

// TestCompareCancel cancels a comparison at checks throughout its passes:
// it must stop with ctx's error and no result, never a partial one, and
// never panic on the state a pass left half done.
func TestCompareCancel(t *testing.T) {
	t.Parallel()
	p := generate(t, 600, 1) // two chunks or more in most parallel passes
	for _, m := range diff.Matches {
		want, err := diff.Compare(context.Background(), p.Old, p.New, diff.Options{Match: m})
		if err != nil {
			t.Fatal(err)
		}
		const lots = 1 << 30
		probe := ctxtest.After(lots)
		if _, err := diff.Compare(probe, p.Old, p.New, diff.Options{Match: m}); err != nil {
			t.Fatal(err)
		}
		checks := ctxtest.Checks(probe, lots)
		if checks < 3 {
			t.Fatalf("%s: Compare looked at its context %d times", m, checks)
		}
		for _, n := range []int{0, 1, checks / 3, 2 * checks / 3} {
			r, err := diff.Compare(ctxtest.After(n), p.Old, p.New, diff.Options{Match: m})
			if !errors.Is(err, context.Canceled) || r != nil {
				t.Errorf("%s: cancelled at check %d of %d: result %v, err %v; want context.Canceled", m, n, checks, r != nil, err)
			}
		}
		r, err := diff.Compare(ctxtest.After(2*checks), p.Old, p.New, diff.Options{Match: m})
		if err != nil || !reflect.DeepEqual(r, want) {
			t.Errorf("%s: with checks to spare: err %v, result equal %v", m, err, reflect.DeepEqual(r, want))
		}
	}
}
