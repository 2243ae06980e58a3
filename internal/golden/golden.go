// Package golden compares test output with golden files, for the tests of
// every package that keeps them (refreshed with `go test -update`, or `make
// golden`). A mismatch is reported as a unified diff, so a reviewer reads what
// changed instead of hunting for a line and column.
package golden

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
)

// maxDiffLines bounds the diff printed for one file: past it, the rest is
// counted, not shown.
const maxDiffLines = 200

// Check compares got with the file at path. With update it rewrites the file
// instead (creating its directory), so that `git diff` shows the change for
// review.
func Check(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it; then review git diff):\n%s",
			path, Diff(path, want, "got", got))
	}
}

// Diff is a unified diff of two outputs, with control characters shown
// (\e for ESC, \r, \a, \b, \t) so that coloured or hostile output reads, cut
// after maxDiffLines lines.
func Diff(oldName string, old []byte, newName string, new []byte) string {
	d := string(diff.Diff(oldName, visible(old), newName, visible(new)))
	if d == "" { // equal once made visible: only invisible bytes differ
		return "(the outputs differ only in bytes the diff cannot show)"
	}
	lines := strings.SplitAfter(d, "\n")
	if len(lines) > maxDiffLines {
		d = strings.Join(lines[:maxDiffLines], "") + fmt.Sprintf("… %d more lines of diff\n", len(lines)-maxDiffLines)
	}
	return d
}

// visible shows control characters, so that a diff of coloured output reads.
func visible(b []byte) []byte {
	r := strings.NewReplacer("\x1b", `\e`, "\r", `\r`, "\a", `\a`, "\b", `\b`, "\t", `\t`)
	return []byte(r.Replace(string(b)))
}
