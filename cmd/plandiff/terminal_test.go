package main

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/plans"
)

// terminalRun runs plandiff as if standard output were a terminal of the
// given width, with the environment vars.
func terminalRun(t *testing.T, width int, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{
		stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
		getenv:         func(k string) string { return vars[k] },
		stdoutTerminal: func() (bool, int) { return true, width },
		plans:          plans.FS,
	}
	code := run(args, e)
	return code, out.String(), errb.String()
}

// TestDiffDefaultFits is the target of the short layout: the main job,
// us-28-draft against framework-20, fits in under 200 lines of a
// 100-column terminal, and still shows every change, every figure, every
// topic and every change's types.
func TestDiffDefaultFits(t *testing.T) {
	code, js, _ := runIn(".", "diff", "--format", "json", "us-28-draft", "framework-20")
	if code != 0 {
		t.Fatal("diff --format json failed")
	}
	var r diff.Result
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		t.Fatal(err)
	}
	for _, color := range []string{"always", "never"} {
		code, out, errs := terminalRun(t, 100, map[string]string{"PLANDIFF_PAGER": "cat"},
			"--color", color, "diff", "us-28-draft", "framework-20")
		if code != 0 {
			t.Fatalf("diff: exit %d: %s", code, errs)
		}
		plain := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(out, "")
		lines := strings.Split(strings.TrimSuffix(plain, "\n"), "\n")
		// The target is for a terminal, where colour marks deletions and
		// insertions; without colour the [-...-]{+...+} markers take a few
		// more lines.
		if limit := map[string]int{"always": 200, "never": 210}[color]; len(lines) >= limit {
			t.Errorf("--color %s: %d lines at 100 columns, want fewer than %d", color, len(lines), limit)
		}
		for i, l := range lines {
			if w := len([]rune(l)); w > 100 {
				t.Errorf("line %d is %d columns: %q", i+1, w, l)
			}
		}
		// Every change has its heading, in order, with its topic.
		headings := 0
		for _, l := range lines {
			if regexp.MustCompile(`^[~=<>+\-?] `).MatchString(l) {
				headings++
			}
		}
		unwrapped := regexp.MustCompile(`\n +`).ReplaceAllString(plain, " ")
		shownChanges := 0
		for _, c := range r.Changes {
			if c.Kind != diff.KindUnchanged || c.Moved || c.Renumbered {
				shownChanges++
				if c.Topic != "" && !strings.Contains(plain, "["+c.Topic+"]") {
					t.Errorf("topic %s missing", c.Topic)
				}
			}
			// and its types of change, as the heading gives them (perhaps
			// wrapped)
			if len(c.Types) > 0 && !strings.Contains(unwrapped, "["+changetype.Labels(c.Types)+"]") {
				t.Errorf("types [%s] of %v missing", changetype.Labels(c.Types), c.New)
			}
			for _, f := range c.Figures {
				for _, v := range []string{f.Old, f.New} {
					if v != "" && !strings.Contains(plain, v) {
						t.Errorf("figure %q (%s → %s) missing", v, f.Old, f.New)
					}
				}
			}
		}
		if headings != shownChanges {
			t.Errorf("--color %s: %d change headings, want %d", color, headings, shownChanges)
		}
	}
}

// TestPager: text to a terminal goes through $PLANDIFF_PAGER, else $PAGER;
// --no-pager, "cat", an output file, another format or a pipe turn it off.
func TestPager(t *testing.T) {
	const mark = "sed 's/^/|/'"
	paged := func(out string) bool { return strings.HasPrefix(out, "|") }
	for _, tc := range []struct {
		name  string
		vars  map[string]string
		args  []string
		paged bool
	}{
		{"PLANDIFF_PAGER", map[string]string{"PLANDIFF_PAGER": mark, "PAGER": "false"}, nil, true},
		{"PAGER", map[string]string{"PAGER": mark}, nil, true},
		{"--no-pager", map[string]string{"PLANDIFF_PAGER": mark}, []string{"--no-pager"}, false},
		{"cat", map[string]string{"PLANDIFF_PAGER": "cat", "PAGER": mark}, nil, false},
		{"json", map[string]string{"PLANDIFF_PAGER": mark}, []string{"--format", "json"}, false},
		{"stat", map[string]string{"PLANDIFF_PAGER": mark}, []string{"--stat"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{"diff"}, tc.args...), "us-28-draft", "framework-20")
			code, out, errs := terminalRun(t, 80, tc.vars, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if got := paged(out); got != tc.paged {
				t.Errorf("paged %v, want %v; output starts %.80q", got, tc.paged, out)
			}
		})
	}
}

// TestDiffMarkdownUnderLimit: for every pair of corpus versions, the
// default Markdown is within GitHub's comment limit and keeps every change's
// heading (as many as the unbounded Markdown has). Each pair once, older
// first: the reverse diff has the same changes.
func TestDiffMarkdownUnderLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: diffs every pair of the corpus")
	}
	code, list, _ := runIn(".", "list", "--format", "json")
	if code != 0 {
		t.Fatal("list failed")
	}
	var ids []string
	for _, m := range regexp.MustCompile(`(?m)^      "id": "([^"]+)"`).FindAllStringSubmatch(list, -1) {
		ids = append(ids, m[1])
	}
	if len(ids) < 5 {
		t.Fatalf("only %d versions listed", len(ids))
	}
	largest, pair := 0, ""
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			code, md, errs := runIn(".", "diff", "--format", "markdown", a, b)
			if code != 0 {
				t.Fatalf("%s %s: %s", a, b, errs)
			}
			if len(md) > 65000 {
				t.Errorf("%s → %s: %d bytes of Markdown, over 65,000", a, b, len(md))
			}
			_, whole, _ := runIn(".", "diff", "--format", "markdown", "--max-bytes", "0", a, b)
			if n, want := strings.Count(md, "\n### "), strings.Count(whole, "\n### "); n != want {
				t.Errorf("%s → %s: %d change headings, want %d", a, b, n, want)
			}
			if len(whole) > largest {
				largest, pair = len(whole), a+" → "+b
			}
		}
	}
	t.Logf("largest unbounded Markdown: %s, %d bytes", pair, largest)
}
