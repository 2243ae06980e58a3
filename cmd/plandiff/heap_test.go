package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/plans"
)

func TestHugeHeapBytes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		n       int64
		godebug string
		limit   int64
		want    int64
	}{
		{"nothing to read", 0, "", memoryLimit, 0},
		{"small input", minAdvisedInput - 1, "", memoryLimit, 0},
		{"at the threshold", minAdvisedInput, "", memoryLimit, minAdvisedInput * heapPerInputByte},
		{"the 30k pair", 17_500_000, "", memoryLimit, 17_500_000 * heapPerInputByte},
		{"at most the heap's limit", 58_300_000, "", memoryLimit, memoryLimit},
		{"a lower GOMEMLIMIT", 17_500_000, "", 100 << 20, 100 << 20},
		{"runtime told no huge pages", 17_500_000, "madvdontneed=1, disablethp=1", memoryLimit, 0},
		{"other GODEBUG settings", 17_500_000, "disablethp=0,gctrace=0", memoryLimit, 17_500_000 * heapPerInputByte},
	}
	for _, tc := range tests {
		if got := hugeHeapBytes(tc.n, tc.godebug, tc.limit); got != tc.want {
			t.Errorf("%s: hugeHeapBytes(%d, %q, %d) = %d, want %d", tc.name, tc.n, tc.godebug, tc.limit, got, tc.want)
		}
	}
}

// largePlan is a valid plan of about size bytes, every clause saying word.
func largePlan(id, word string, size int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "plandiff: 1\nversion:\n  id: %s\n  title: T\n  surfaced: 2025-01-01\n  sources: [{id: s, outlet: O}]\nclauses:\n", id)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "  - id: c%d\n    text: Clause %d of a long generated plan, with enough words to weigh %s.\n    sources: [s]\n", i, i, word)
	}
	return b.String()
}

// TestDiffPreparesTheHeapForLargeFiles: diff advises the heap for its two
// files' sizes together, annotate (and the other commands that build a
// lineage) for the files it is given, and neither does for corpus ids.
func TestDiffPreparesTheHeapForLargeFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var sizes []int64
	for i, id := range []string{"big-a", "big-b"} {
		p := filepath.Join(dir, id+".yaml")
		if err := os.WriteFile(p, []byte(largePlan(id, []string{"something", "anything"}[i], minAdvisedInput+1000)), 0o644); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, st.Size())
	}
	for _, tc := range []struct {
		args []string
		code int
		want []int64
	}{
		{[]string{"diff", "-q", "big-a.yaml", "big-b.yaml"}, exitFindings, []int64{(sizes[0] + sizes[1]) * heapPerInputByte}},
		{[]string{"diff", "-q", "us-28-draft", "framework-20"}, exitFindings, nil},
		{[]string{"annotate", "big-a.yaml"}, 0, []int64{sizes[0] * heapPerInputByte}},
		{[]string{"annotate", "framework-20"}, 0, nil},
	} {
		var advised []int64
		var stderr bytes.Buffer
		e := &env{
			stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr,
			getenv:         func(string) string { return "" },
			stdoutTerminal: func() (bool, int) { return false, 0 },
			plans:          plans.FS,
			workDir:        dir,
			adviseHeap:     func(n int64) { advised = append(advised, n) },
		}
		if code := run(tc.args, e); code != tc.code {
			t.Fatalf("%v: exit %d, want %d: %s", tc.args, code, tc.code, stderr.String())
		}
		if fmt.Sprint(advised) != fmt.Sprint(tc.want) {
			t.Errorf("%v: advised %v, want %v", tc.args, advised, tc.want)
		}
	}
}
