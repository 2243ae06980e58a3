package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
	if err := doc.GenManTree(root, &doc.GenManHeader{
		Section: "1",
		Date:    &date,
		Source:  "plandiff",
		Manual:  "plandiff manual",
	}, filepath.Join(dir, "man")); err != nil {
		return err
	}
	// cobra's pages need three fixes: the synopsis loses its <operands>
	// (they pass through Markdown, where they read as HTML tags), there is
	// no EXIT STATUS, and the examples are under EXAMPLE.
	var fix func(c *cobra.Command) error
	fix = func(c *cobra.Command) error {
		name := strings.ReplaceAll(c.CommandPath(), " ", "-") + ".1"
		path := filepath.Join(dir, "man", name)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		page := string(data)
		start := strings.Index(page, ".SH SYNOPSIS\n")
		end := strings.Index(page, "\n.SH DESCRIPTION")
		if start < 0 || end < start {
			return fmt.Errorf("%s: no SYNOPSIS section", name)
		}
		page = page[:start] + ".SH SYNOPSIS\n" + manSynopsis(c) + "\n\n" + page[end:]
		page = strings.Replace(page, "\n.SH EXAMPLE\n", "\n.SH EXAMPLES\n", 1)
		status := ".SH EXIT STATUS\n" + manExitStatus(c) + "\n\n"
		if i := strings.Index(page, "\n.SH SEE ALSO"); i >= 0 {
			page = page[:i+1] + status + page[i+1:]
		} else {
			page += "\n" + status
		}
		if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
			return err
		}
		for _, sub := range c.Commands() {
			// The pages GenManTree writes.
			if !sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
				continue
			}
			if err := fix(sub); err != nil {
				return err
			}
		}
		return nil
	}
	return fix(root)
}

// manSynopsis is a command's SYNOPSIS in roff: the command in bold, then
// [options] and its operands as its Use line gives them, <operands> in
// italics.
func manSynopsis(c *cobra.Command) string {
	ops, extra := "", ""
	if _, rest, ok := strings.Cut(c.Use, " "); ok {
		ops = " " + rest
	}
	if c.HasAvailableSubCommands() {
		sub := "\\fB" + roffEscape(c.CommandPath()) + "\\fP [\\fIoptions\\fP] \\fIcommand\\fP [\\fIargs\\fP]"
		if c.Runnable() {
			extra = "\n.br\n" + sub
		} else {
			return sub
		}
	}
	var b strings.Builder
	for i := 0; i < len(ops); i++ {
		if ops[i] == '<' {
			if j := strings.IndexByte(ops[i:], '>'); j > 0 {
				b.WriteString("\\fI" + roffEscape(ops[i+1:i+j]) + "\\fP")
				i += j
				continue
			}
		}
		b.WriteString(roffEscape(string(ops[i])))
	}
	return "\\fB" + roffEscape(c.CommandPath()) + "\\fP [\\fIoptions\\fP]" + b.String() + extra
}

// roffEscape keeps hyphens and backslashes literal in roff.
func roffEscape(s string) string {
	return strings.NewReplacer("\\", "\\e", "-", "\\-").Replace(s)
}

// manExitStatus is a command's EXIT STATUS section (README, docs/formats.md
// section 5).
func manExitStatus(c *cobra.Command) string {
	one := map[string]string{
		"diff":     "with \\fB\\-\\-exit\\-code\\fP or \\fB\\-q\\fP, the versions differ (after any filter)",
		"changed":  "a changed plan file fails validation; with \\fB\\-\\-exit\\-code\\fP or \\fB\\-q\\fP, also when a plan file changed",
		"validate": "a file has problems (all of them are reported)",
	}[c.Name()]
	var b strings.Builder
	b.WriteString(".TP\n0\nsuccess")
	if c.Name() == "diff" {
		b.WriteString(", differences or not, unless \\fB\\-\\-exit\\-code\\fP")
	}
	b.WriteString("\n")
	if one != "" {
		b.WriteString(".TP\n1\n" + one + "\n")
	}
	b.WriteString(".TP\n2\nbad usage or unreadable input; the message says what and where\n")
	b.WriteString(".TP\n130, 143\ninterrupted (SIGINT) or terminated (SIGTERM); nothing is written")
	return b.String()
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

// TestManPages renders every page of docs/man with groff (or man -l) when
// one is installed: each renders without warnings, has a SYNOPSIS naming
// its command with its operands, EXAMPLES and EXIT STATUS.
func TestManPages(t *testing.T) {
	render := func(page string) (string, string, error) { return "", "", nil }
	switch {
	case haveTool("groff"):
		render = func(page string) (string, string, error) {
			var out, errb bytes.Buffer
			c := exec.Command("groff", "-man", "-Tutf8", "-ww", page)
			c.Stdout, c.Stderr = &out, &errb
			err := c.Run()
			return out.String(), errb.String(), err
		}
	case haveTool("man"):
		render = func(page string) (string, string, error) {
			var out, errb bytes.Buffer
			c := exec.Command("man", "-l", page)
			c.Env = append(os.Environ(), "MANPAGER=cat", "PAGER=cat", "MANWIDTH=100")
			c.Stdout, c.Stderr = &out, &errb
			err := c.Run()
			return out.String(), errb.String(), err
		}
	default:
		t.Skip("neither groff nor man is installed (Debian: apt-get install groff-base man-db)")
	}
	pages, _ := filepath.Glob(filepath.Join(docsDir, "man", "*.1"))
	if len(pages) < 10 {
		t.Fatalf("only %d man pages", len(pages))
	}
	overstrike := regexp.MustCompile(".\b|\x1b\\[[0-9;]*m")
	for _, page := range pages {
		out, warn, err := render(page)
		if err != nil || strings.TrimSpace(warn) != "" {
			t.Errorf("%s: %v %s", page, err, warn)
			continue
		}
		out = overstrike.ReplaceAllString(out, "")
		for _, sec := range []string{"NAME", "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "EXIT STATUS", "SEE ALSO"} {
			if !regexp.MustCompile(`(?m)^` + sec + `$`).MatchString(out) {
				t.Errorf("%s: no %s section", filepath.Base(page), sec)
			}
		}
		cmdName := strings.ReplaceAll(strings.TrimSuffix(filepath.Base(page), ".1"), "-", " ")
		cmdName = strings.Replace(cmdName, "git diff driver", "git-diff-driver", 1)
		_, synopsis, _ := strings.Cut(out, "\nSYNOPSIS\n")
		synopsis, _, _ = strings.Cut(synopsis, "\n\n")
		if !strings.Contains(strings.Join(strings.Fields(synopsis), " "), cmdName+" [options]") || strings.Contains(synopsis, "[flags]") {
			t.Errorf("%s: SYNOPSIS %q", filepath.Base(page), synopsis)
		}
	}
	// Operands survive: diff names its two versions.
	out, _, _ := render(filepath.Join(docsDir, "man", "plandiff-diff.1"))
	if !strings.Contains(overstrike.ReplaceAllString(out, ""), "plandiff diff [options] old new") {
		t.Error("plandiff-diff.1: the synopsis lost its operands")
	}
}

func haveTool(name string) bool {
	_, err := exec.LookPath(name)
	return err == nil
}
