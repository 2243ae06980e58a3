// Package asyncwrite hands output to its destination on a goroutine of its
// own, so that a renderer goes on producing the next bytes while the kernel
// takes the last ones: writing the 50 MB of JSON of a 30,000-clause
// comparison to a file costs about as much time as encoding it.
package asyncwrite

import (
	"errors"
	"io"
	"sync"
)

// chunk is the size of the buffers handed over; two are in use at a time.
const chunk = 256 << 10

// Writer is an io.Writer whose writes reach the underlying writer later, in
// order, from another goroutine. Once the underlying writer fails, Write
// returns its error (at the latest a buffer or two later), and so does
// Close. A Writer is for one goroutine; Close must be called.
type Writer struct {
	w    io.Writer
	buf  []byte
	full chan []byte // buffers to write, in order
	free chan []byte // buffers written, to fill again
	done chan struct{}

	mu  sync.Mutex
	err error // the underlying writer's first error
}

// New starts a Writer on w.
func New(w io.Writer) *Writer {
	a := &Writer{w: w, full: make(chan []byte, 1), free: make(chan []byte, 2), done: make(chan struct{})}
	a.free <- make([]byte, 0, chunk)
	a.free <- make([]byte, 0, chunk)
	a.buf = <-a.free
	go a.run()
	return a
}

func (a *Writer) run() {
	defer close(a.done)
	for b := range a.full {
		if a.failed() == nil {
			n, err := a.w.Write(b)
			if err == nil && n < len(b) {
				err = io.ErrShortWrite
			}
			if err != nil {
				a.mu.Lock()
				a.err = err
				a.mu.Unlock()
			}
		}
		a.free <- b[:0]
	}
}

func (a *Writer) failed() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}

var errClosed = errors.New("asyncwrite: write after Close")

// Write copies p into the current buffer, handing full buffers over.
func (a *Writer) Write(p []byte) (int, error) {
	if a.buf == nil {
		return 0, errClosed
	}
	n := len(p)
	for len(p) > 0 {
		k := copy(a.buf[len(a.buf):cap(a.buf)], p)
		a.buf = a.buf[:len(a.buf)+k]
		p = p[k:]
		if len(a.buf) == cap(a.buf) {
			if err := a.failed(); err != nil {
				return n - len(p), err
			}
			a.full <- a.buf
			a.buf = <-a.free
		}
	}
	return n, nil
}

// Close writes what is left and waits until every write is done; it
// returns the underlying writer's first error.
func (a *Writer) Close() error {
	if a.buf == nil {
		return errClosed
	}
	if len(a.buf) > 0 {
		a.full <- a.buf
	}
	a.buf = nil
	close(a.full)
	<-a.done
	return a.failed()
}
