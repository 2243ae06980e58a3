// Package ctxtest gives tests a context that is cancelled at a chosen check,
// so that every place a long operation looks at its context can be reached
// deterministically, without timing.
package ctxtest

import (
	"context"
	"sync/atomic"
)

// After returns a context whose Err is nil for its first n calls and
// context.Canceled from then on (Done is closed at the same moment).
// Checks made from several goroutines count together.
func After(n int) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	c := &countdown{Context: ctx, cancel: cancel}
	c.left.Store(int64(n))
	return c
}

type countdown struct {
	context.Context
	cancel context.CancelFunc
	left   atomic.Int64
}

func (c *countdown) Err() error {
	if c.left.Add(-1) < 0 {
		c.cancel()
		return context.Canceled
	}
	return nil
}

// Checks returns how many times Err was called on a context made by After.
func Checks(ctx context.Context, n int) int {
	c := ctx.(*countdown)
	return n - int(c.left.Load())
}
