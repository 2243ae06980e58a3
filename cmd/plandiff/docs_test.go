package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/plandiff/plandiff/plans"
)

// The command reference is generated from the command tree itself, by this
// test, so that it is the tree plandiff runs: package main cannot be
// imported by a separate generator, and a copy of the tree would drift.
// `make docs` runs it with -update-docs.
var updateDocs = flag.Bool("update-docs", false, "rewrite docs/man and docs/commands from the command tree (make docs)")

// docsDir is where the generated reference lives, relative to this package.
const docsDir = "../../docs"

// manDate is the date the man pages carry. cobra would use the current date,
// which would make every regeneration a change; move it on at a release.
var manDate = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// docKinds are the generated directories and the one extension each holds;
// anything else there is left alone.
var docKinds = []struct{ dir, ext string }{{"man", ".1"}, {"commands", ".md"}}

// genDocs writes the man pages and the Markdown reference of the command
// tree into dir/man and dir/commands.
func genDocs(dir string) error {
	e := &env{
		stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
		getenv:         func(string) string { return "" },
		stdoutTerminal: func() (bool, int) { return false, 0 },
		plans:          plans.FS,
	}
	root := newRootCmd(e)
	// Execute adds the completion command; the reference documents it too.
	root.InitDefaultCompletionCmd()
	var visit func(c *cobra.Command)
	visit = func(c *cobra.Command) {
		c.DisableAutoGenTag = true // no "Auto generated ... on DATE" line
		for _, sub := range c.Commands() {
			visit(sub)
		}
	}
	visit(root)
	for _, k := range docKinds {
		if err := os.MkdirAll(filepath.Join(dir, k.dir), 0o755); err != nil {
			return err
		}
	}
	if err := doc.GenMarkdownTree(root, filepath.Join(dir, "commands")); err != nil {
		return err
	}
	date := manDate
	return doc.GenManTree(root, &doc.GenManHeader{
		Section: "1",
		Date:    &date,
		Source:  "plandiff",
		Manual:  "plandiff manual",
	}, filepath.Join(dir, "man"))
}

// readDocs returns the generated files of one kind in dir, by name.
func readDocs(t *testing.T, dir, ext string) map[string][]byte {
	t.Helper()
	files := make(map[string][]byte)
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ext) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = data
	}
	return files
}

// TestDocs fails when docs/man or docs/commands differ from what the command
// tree generates: a command, flag or help text changed without `make docs`.
func TestDocs(t *testing.T) {
	gen := t.TempDir()
	if err := genDocs(gen); err != nil {
		t.Fatal(err)
	}
	var stale []string
	for _, k := range docKinds {
		want := readDocs(t, filepath.Join(gen, k.dir), k.ext)
		have := readDocs(t, filepath.Join(docsDir, k.dir), k.ext)
		if *updateDocs {
			writeDocs(t, filepath.Join(docsDir, k.dir), want, have)
			continue
		}
		for name, data := range want {
			if old, ok := have[name]; !ok {
				stale = append(stale, "docs/"+k.dir+"/"+name+" is missing")
			} else if !bytes.Equal(old, data) {
				stale = append(stale, "docs/"+k.dir+"/"+name+" is out of date")
			}
		}
		for name := range have {
			if _, ok := want[name]; !ok {
				stale = append(stale, "docs/"+k.dir+"/"+name+" documents no command")
			}
		}
	}
	if len(stale) > 0 {
		sort.Strings(stale)
		t.Errorf("the generated command reference is stale: run make docs\n\t%s", strings.Join(stale, "\n\t"))
	}
}

func writeDocs(t *testing.T, dir string, want, have map[string][]byte) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name := range have {
		if _, ok := want[name]; !ok {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, data := range want {
		if bytes.Equal(have[name], data) {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDocsDeterministic generates twice, under different environments, and
// requires the same bytes: no date, no terminal width, no user data leaks in.
func TestDocsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := genDocs(a); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "0")
	t.Setenv("COLUMNS", "33")
	t.Setenv("NO_COLOR", "1")
	if err := genDocs(b); err != nil {
		t.Fatal(err)
	}
	for _, k := range docKinds {
		x, y := readDocs(t, filepath.Join(a, k.dir), k.ext), readDocs(t, filepath.Join(b, k.dir), k.ext)
		if len(x) == 0 || len(x) != len(y) {
			t.Fatalf("%s: %d and %d files", k.dir, len(x), len(y))
		}
		for name, data := range x {
			if !bytes.Equal(data, y[name]) {
				t.Errorf("%s/%s differs between two runs", k.dir, name)
			}
		}
	}
	man := string(readDocs(t, filepath.Join(a, "man"), ".1")["plandiff-changed.1"])
	if !strings.Contains(man, `"Jan 2026"`) || strings.Contains(man, "Auto generated") {
		t.Errorf("plandiff-changed.1 header: %.200q", man)
	}
}
