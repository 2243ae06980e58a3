package asyncwrite

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
)

// TestOrder writes pieces of every size around the buffer's and requires
// the same bytes, in order, once Close returns.
func TestOrder(t *testing.T) {
	for _, sizes := range [][]int{{}, {1}, {chunk}, {chunk - 1, 2}, {3*chunk + 5}, {7, chunk, 1, chunk + 1, 0, 13}} {
		var want, got bytes.Buffer
		a := New(&got)
		r := rand.New(rand.NewPCG(1, 2))
		for _, n := range sizes {
			p := make([]byte, n)
			for i := range p {
				p[i] = byte(r.IntN(256))
			}
			want.Write(p)
			if k, err := a.Write(p); k != n || err != nil {
				t.Fatalf("Write(%d bytes) = %d, %v", n, k, err)
			}
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("sizes %v: got %d bytes, want %d, or not in order", sizes, got.Len(), want.Len())
		}
		if _, err := a.Write([]byte("x")); err == nil {
			t.Error("Write after Close succeeded")
		}
		if err := a.Close(); err == nil {
			t.Error("second Close succeeded")
		}
	}
}

// failAfter accepts n bytes, then fails.
type failAfter struct{ n int }

var errFull = errors.New("disk full")

func (w *failAfter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	k := w.n
	w.n = 0
	return k, errFull
}

type short struct{}

func (short) Write(p []byte) (int, error) { return len(p) / 2, nil }

// TestErrors checks that a failing or short underlying writer is reported
// by a later Write and by Close.
func TestErrors(t *testing.T) {
	for name, w := range map[string]io.Writer{"fail": &failAfter{n: chunk / 2}, "short": short{}} {
		a := New(w)
		p := make([]byte, 1000)
		var werr error
		for range 10 * chunk / len(p) {
			if _, werr = a.Write(p); werr != nil {
				break
			}
		}
		cerr := a.Close()
		if werr == nil {
			t.Errorf("%s: no Write reported the failure", name)
		}
		if cerr == nil || !errors.Is(cerr, werr) {
			t.Errorf("%s: Close = %v, Write = %v", name, cerr, werr)
		}
	}
	// A failure in the last buffer is Close's to report.
	a := New(&failAfter{n: 10})
	if _, err := a.Write(make([]byte, 100)); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); !errors.Is(err, errFull) {
		t.Errorf("Close = %v, want %v", err, errFull)
	}
}
