package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testPlan = `plandiff: 1
version:
  id: v1
  title: A version
  surfaced: 2025-01-01
  sources:
    - {id: s, outlet: An outlet}
clauses:
  - id: own
    text: Ukraine keeps an army of 800,000 in peacetime.
    sources: [s]
  - id: copied
    text: The size of Ukraine's armed forces will be limited to 600,000 personnel in every case.
    sources: [s]
    clauses:
      - id: gone
        removed: true
        sources: [s]
`

func setup(t *testing.T) (plansDir, pagesDir string) {
	t.Helper()
	plansDir, pagesDir = t.TempDir(), t.TempDir()
	write := func(dir, name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(plansDir, "v1.yaml", testPlan)
	write(plansDir, "events.yaml", "plandiff: 1\nsources: [{id: s, outlet: O}]\nevents:\n  - {id: talks, date: 2025-01-01, what: Kyiv keeps an army of 800000 it says, versions: [v1], sources: [s]}\n")
	write(pagesDir, "a.txt", "# https://example.org/a\n# second header line\nDraft: the size of Ukraine's armed forces will be limited to 600,000 personnel in every case, it says.")
	write(pagesDir, "b.txt", "Kyiv keeps an army of 800,000.")
	write(pagesDir, "notes.md", "the size of Ukraine's armed forces will be limited to 600,000 personnel in every case")
	return plansDir, pagesDir
}

func TestRun(t *testing.T) {
	t.Parallel()
	plansDir, pagesDir := setup(t)
	var out strings.Builder
	found, err := run([]string{"-pages", pagesDir, "-plans", plansDir}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Errorf("the copied clause was not reported:\n%s", out.String())
	}
	got := out.String()
	for _, want := range []string{
		"   5  v1#own", "b.txt", "keeps an army of 800,000",
		"! 15  v1#copied", "a.txt",
		"   5  events#talks", "3 clauses and events compared with 2 pages; 1 share a run of 12 words or more",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "gone") || strings.Contains(got, "https://") {
		t.Errorf("removed entries and header lines must not be compared:\n%s", got)
	}
}

func TestRunQuietAndOnly(t *testing.T) {
	t.Parallel()
	plansDir, pagesDir := setup(t)
	var out strings.Builder
	found, err := run([]string{"-pages", pagesDir, "-plans", plansDir, "-q", "-only", "v1#own"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if found || out.String() != "1 clauses and events compared with 2 pages; 0 share a run of 12 words or more\n" {
		t.Errorf("found=%v, output:\n%s", found, out.String())
	}
	out.Reset()
	found, err = run([]string{"-pages", pagesDir, "-plans", plansDir, "-min", "16"}, &out)
	if err != nil || found {
		t.Errorf("a 15-word run must pass -min 16: found=%v err=%v\n%s", found, err, out.String())
	}
}

func TestRunErrors(t *testing.T) {
	t.Parallel()
	plansDir, pagesDir := setup(t)
	for _, args := range [][]string{
		{},
		{"-plans", plansDir},
		{"-pages", pagesDir, "-min", "0"},
		{"-pages", pagesDir, "extra"},
		{"-pages", t.TempDir(), "-plans", plansDir},
		{"-pages", pagesDir, "-plans", t.TempDir() + "/missing"},
		{"-nosuchflag"},
	} {
		if _, err := run(args, &strings.Builder{}); err == nil {
			t.Errorf("run(%q): no error", args)
		}
	}
}
