package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/plan"
)

func TestGen(t *testing.T) {
	dir := t.TempDir()
	if err := run([]string{"gen", "-n", "40", "-seed", "9", "-o", dir}, nil); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"old.yaml", "new.yaml"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := plan.Parse(context.Background(), name, data, plan.Options{}); err != nil {
			t.Errorf("%s does not load: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "truth.json")); err != nil {
		t.Error(err)
	}
	for _, name := range []string{"old.txt", "new.txt"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		pl, err := plan.Parse(context.Background(), name, mustRead(t, filepath.Join(dir, strings.TrimSuffix(name, ".txt")+".yaml")), plan.Options{})
		if err != nil {
			t.Fatal(err)
		}
		paras := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n\n")
		if len(paras) != pl.Count() {
			t.Errorf("%s: %d paragraphs for %d clauses", name, len(paras), pl.Count())
		}
		if first := pl.Clauses[0]; paras[0] != first.Number+" "+first.Text {
			t.Errorf("%s starts %q, want the first clause %q", name, paras[0], first.Number+" "+first.Text)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestScore(t *testing.T) {
	var out strings.Builder
	if err := run([]string{"score", "-n", "60", "-runs", "2"}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2 runs of 60 clauses", "pairs", "moved", "merged", "split"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"frob"}, {"score", "-match", "fuzzy"}, {"eval"}, {"eval", "-truth", "x.json"}, {"eval", "-diff", "x.json"}} {
		if err := run(args, nil); err == nil {
			t.Errorf("synth %q: no error", args)
		}
	}
}
