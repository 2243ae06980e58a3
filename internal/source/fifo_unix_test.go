//go:build unix

package source

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestReadInputFIFO: a named pipe nobody writes to reads as empty at once
// instead of blocking the run.
func TestReadInputFIFO(t *testing.T) {
	name := filepath.Join(t.TempDir(), "fifo.yaml")
	if err := syscall.Mkfifo(name, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if data, err := ReadInput(name, "fifo.yaml", 0); err != nil || len(data) != 0 {
			t.Errorf("got %q, %v; want empty", data, err)
		}
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("reading a FIFO nobody writes to blocked")
	}
}
