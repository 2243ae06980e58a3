package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/render"
	"github.com/plandiff/plandiff/plans"
)

// The CI recipes are documentation that users copy; these tests keep them
// working: the example workflow is the one docs/ci.md shows, every plandiff
// command line in them parses against the real command tree, and the
// pre-commit hook names a real command and picks the right files.

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("../../" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestCIDocsShowTheExampleWorkflow(t *testing.T) {
	wf := readRepoFile(t, "docs/examples/plandiff-workflow.yml")
	if !strings.Contains(readRepoFile(t, "docs/ci.md"), "```yaml\n"+wf+"```\n") {
		t.Error("docs/ci.md does not show docs/examples/plandiff-workflow.yml as it is")
	}
	for _, want := range []string{"fetch-depth: 0", "validate --format github", "changed --base \"origin/$BASE_REF\" --format markdown", render.ChangedMarker} {
		if !strings.Contains(wf, want) {
			t.Errorf("the workflow lacks %q", want)
		}
	}
	if strings.Contains(wf, "${{ github.base_ref }}\"") || regexp.MustCompile(`run: .*\$\{\{`).MatchString(wf) {
		t.Error("the workflow interpolates ${{ }} into a shell script")
	}
}

// commandLines returns the plandiff command lines of a document: lines that
// start with "plandiff " in code, cut at a shell operator or comment.
func commandLines(doc string) [][]string {
	var out [][]string
	sc := bufio.NewScanner(strings.NewReader(doc))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "plandiff ") {
			continue
		}
		var args []string
		for _, w := range shellWords(line) {
			if w == "|" || w == ">" || w == ">>" || w == ";" || w == "&&" || w == "||" || strings.HasPrefix(w, "#") {
				break
			}
			args = append(args, w)
		}
		out = append(out, args)
	}
	return out
}

// shellBlocks returns the fenced code blocks of a Markdown document marked
// sh or yaml: the commands it tells users to run (output examples are not).
func shellBlocks(md string) string {
	var b strings.Builder
	fence, keep := false, false
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			if !fence {
				lang := strings.TrimSpace(strings.TrimPrefix(line, "```"))
				keep = lang == "sh" || lang == "yaml"
			}
			fence = !fence
			continue
		}
		if fence && keep {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// shellWords splits a command line into words, honouring quotes.
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	in, quote := false, rune(0)
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '"' || r == '\'':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				words = append(words, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteRune(r)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words
}

func TestCIDocsCommandsParse(t *testing.T) {
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
		getenv: func(string) string { return "" }, stdoutTerminal: func() (bool, int) { return false, 0 }, plans: plans.FS}
	n := 0
	for _, doc := range []string{"docs/ci.md", "docs/git.md", "docs/examples/plandiff-workflow.yml", ".pre-commit-hooks.yaml"} {
		text := readRepoFile(t, doc)
		switch {
		case doc == ".pre-commit-hooks.yaml":
			text = strings.ReplaceAll(text, "entry: ", "")
		case strings.HasSuffix(doc, ".md"):
			text = shellBlocks(text)
		}
		for _, args := range commandLines(text) {
			n++
			root := newRootCmd(e)
			cmd, rest, err := root.Find(args[1:])
			if err != nil || cmd == root {
				t.Errorf("%s: %q: no such command (%v)", doc, strings.Join(args, " "), err)
				continue
			}
			if err := cmd.ParseFlags(rest); err != nil {
				t.Errorf("%s: %q: %v", doc, strings.Join(args, " "), err)
			}
		}
	}
	if n < 8 {
		t.Errorf("found only %d plandiff command lines in the CI docs", n)
	}
}

func TestPreCommitHook(t *testing.T) {
	hooks := readRepoFile(t, ".pre-commit-hooks.yaml")
	field := func(key string) string {
		m := regexp.MustCompile(`(?m)^\s*-?\s*` + key + `: (.*)$`).FindStringSubmatch(hooks)
		if m == nil {
			t.Fatalf(".pre-commit-hooks.yaml has no %s", key)
		}
		return strings.TrimSpace(m[1])
	}
	for key, want := range map[string]string{"id": "plandiff-validate", "entry": "plandiff validate",
		"language": "golang", "pass_filenames": "true"} {
		if got := field(key); got != want {
			t.Errorf("%s: %q, want %q", key, got, want)
		}
	}
	// pre-commit uses Python's re.search; these patterns mean the same in Go.
	files := regexp.MustCompile(field("files"))
	exclude := regexp.MustCompile(field("exclude"))
	for path, want := range map[string]bool{
		"plans/us-28-draft.yaml":         true,
		"corpus/plans/a.yml":             true,
		"plans/topics.yaml":              false,
		"plans/sub/a.yaml":               false,
		".github/workflows/plandiff.yml": false,
		".pre-commit-config.yaml":        false,
		"plans/README.md":                false,
		"testdata/broken/plans-not.yaml": false,
	} {
		if got := files.MatchString(path) && !exclude.MatchString(path); got != want {
			t.Errorf("the hook runs on %s: %v, want %v", path, got, want)
		}
	}
	// The embedded corpus passes the hook's command.
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
		getenv: func(string) string { return "" }, stdoutTerminal: func() (bool, int) { return false, 0 }, plans: plans.FS}
	if code := run([]string{"validate"}, e); code != 0 {
		t.Errorf("plandiff validate: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
}
