package atomicfile

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestWriteReplacesOnlyOnSuccess(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(context.Background(), p, false, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	assertFile(t, p, "old")
	assertOnlyFile(t, dir, "out.txt")

	if err := Write(context.Background(), p, false, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	assertFile(t, p, "new")
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want the replaced file's 0600", st.Mode().Perm())
	}
	assertOnlyFile(t, dir, "out.txt")
}

func TestWriteNoClobber(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "plan.yaml")
	fill := func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }
	if err := Write(context.Background(), p, true, fill); err != nil {
		t.Fatal(err)
	}
	err := Write(context.Background(), p, true, func(w io.Writer) error { _, err := io.WriteString(w, "y"); return err })
	if !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v, want ErrExists", err)
	}
	assertFile(t, p, "x")
	assertOnlyFile(t, dir, "plan.yaml")
}

func TestWriteMissingDirectory(t *testing.T) {
	p := filepath.Join(t.TempDir(), "no", "such", "out.txt")
	err := Write(context.Background(), p, false, func(io.Writer) error { return nil })
	if err == nil {
		t.Fatal("want an error for a missing directory")
	}
	if want := "write " + p + ": no such file or directory"; err.Error() != want {
		t.Errorf("error %q, want %q (the path asked for, no temporary name)", err, want)
	}
}

// A failure while filling, which names the temporary file, is reported with
// the path asked for.
func TestWriteErrorNamesThePath(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.md")
	err := Write(context.Background(), p, false, func(w io.Writer) error {
		f := w.(interface{ Flush() error })
		_ = f.Flush()
		return &os.PathError{Op: "write", Path: tmpIn(t, dir), Err: syscall.ENOSPC}
	})
	if err == nil || strings.Contains(err.Error(), ".tmp-") || !strings.Contains(err.Error(), p) {
		t.Fatalf("error %v: want %s named and no temporary name", err, p)
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("error %v lost its cause", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("directory holds %d files after a failed write", len(ents))
	}
}

// tmpIn returns the one temporary file in dir.
func tmpIn(t *testing.T, dir string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	if len(m) != 1 {
		t.Fatalf("temporary files in %s: %v", dir, m)
	}
	return m[0]
}

func assertFile(t *testing.T, p, want string) {
	t.Helper()
	got, err := os.ReadFile(p)
	if err != nil || string(got) != want {
		t.Fatalf("%s = %q, %v; want %q", p, got, err, want)
	}
}

func assertOnlyFile(t *testing.T, dir, name string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || ents[0].Name() != name {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Fatalf("directory holds %v, want only %s (no temporary files left)", names, name)
	}
}

// TestWriteCancelled: a context done while the content is written leaves
// the target as it was and no temporary file, even when fill does not
// notice and returns nil.
func TestWriteCancelled(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	err := Write(ctx, p, false, func(w io.Writer) error {
		io.WriteString(w, "new")
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	assertFile(t, p, "old")
	assertOnlyFile(t, dir, "out.txt")
}

// TestWriteRemovesStale: temporary files of killed writers (process gone,
// unchanged for a minute) are removed by the next Write of the same file;
// those of live writers, recent ones and other files are left alone.
func TestWriteRemovesStale(t *testing.T) {
	if _, err := exec.LookPath("true"); err != nil {
		t.Skip("no true(1) to make a process id that is gone")
	}
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	gone := dead.Process.Pid
	if running(gone) {
		t.Skipf("process id %d was reused", gone)
	}
	dir := t.TempDir()
	old := time.Now().Add(-2 * staleAge)
	files := map[string]bool{ // name: should survive
		tempPrefix("out.txt", gone) + "123":          false,
		tempPrefix("out.txt", os.Getppid()) + "456":  true, // a live writer
		tempPrefix("other.txt", gone) + "789":        true, // another file's
		".out.txt.tmp-12345":                         true, // not our naming
		tempPrefix("out.txt", gone) + "not-digits":   true,
		tempPrefix("out.txt", gone) + "111" + ".bak": true,
	}
	for name := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	recent := tempPrefix("out.txt", gone) + "999"
	if err := os.WriteFile(filepath.Join(dir, recent), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	files[recent] = true
	if err := Write(context.Background(), filepath.Join(dir, "out.txt"), false, func(w io.Writer) error {
		_, err := io.WriteString(w, "new")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for name, survive := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if exists := err == nil; exists != survive {
			t.Errorf("%s: exists %v, want %v", name, exists, survive)
		}
	}
	assertFile(t, filepath.Join(dir, "out.txt"), "new")
}
