package main

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeExample runs the command the README opens with and checks its
// sample output against what plandiff prints now: every line shown must
// appear, in order; "..." stands for lines left out, and a line ending in
// "; ..." for a line cut short.
func TestReadmeExample(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "```\n$ go run ./cmd/plandiff ")
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("README has no example block starting with $ go run ./cmd/plandiff")
	}
	lines := strings.Split(strings.TrimRight(block, "\n"), "\n")
	code, stdout, stderr := runIn(".", strings.Fields(lines[0])...)
	if code != 0 {
		t.Fatalf("plandiff %s: exit %d\n%s", lines[0], code, stderr)
	}
	out := strings.Split(stdout, "\n")
	k := 0
	for _, want := range lines[1:] {
		if want == "..." {
			continue
		}
		prefix, cut := strings.CutSuffix(want, "; ...")
		for k < len(out) && !(out[k] == want || cut && strings.HasPrefix(out[k], prefix)) {
			k++
		}
		if k == len(out) {
			t.Fatalf("README example line not in the output (in order):\n%s\noutput:\n%s", want, stdout)
		}
		k++
	}
}
