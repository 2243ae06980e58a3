package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/plandiff/plandiff/plans"
)

// brokenCase is one entry of the catalogue of broken inputs
// (testdata/broken/): the exact problems validate must print.
type brokenCase struct {
	name string
	gen  func() []byte // nil: read testdata/broken/<name>.yaml
	want []string      // problems, without the file name prefix
	// crossFile: the problem is a link to another version, so the file loads
	// on its own (show succeeds) and fails only beside that version.
	crossFile bool
}

var brokenCatalogue = []brokenCase{
	{name: "malformed-yaml", want: []string{"11:1: YAML syntax: found unexpected end of stream"}},
	{name: "wrong-types", want: []string{
		`11:13: number must be a string, not a number; quote it: "6"`,
		`12:11: text must be a string, not a list`,
		`13:14: sources must be a list, not a string`}},
	{name: "unknown-key", want: []string{`13:5: unknown key "confidense" in clause (did you mean "confidence"?)`}},
	{name: "duplicate-key", want: []string{`12:5: duplicate key "text" in clause (first at line 11, column 5)`}},
	{name: "duplicate-id", want: []string{`13:9: duplicate clause id "army" (first at line 10, column 9)`}},
	{name: "dangling-source", want: []string{`12:20: source "reuters" is not listed in version.sources`}},
	{name: "dangling-derives-from", crossFile: true, want: []string{`13:20: derives_from "us-28-draft#army-size": version us-28-draft has no clause "army-size"`}},
	{name: "bad-date", want: []string{`5:13: surfaced: "2025-11-31" is not a real date (want YYYY-MM-DD)`}},
	{name: "missing-text", want: []string{`10:5: clause "army" has no text (give text, or mark it removed: true)`}},
	{name: "invalid-utf8", want: []string{`13:12: invalid UTF-8 (byte 0xE9): plan files are UTF-8 text`}},
	{name: "byte-order-mark", want: []string{`13:5: unknown key "confidense" in clause (did you mean "confidence"?)`}},
	{name: "crlf-line-ends", want: []string{`13:5: unknown key "confidense" in clause (did you mean "confidence"?)`}},
	{name: "tab-indentation", want: []string{`11:1: YAML syntax: a tab character in indentation: indent with spaces`}},
	{name: "empty-file", want: []string{`1:1: file is empty: want a plan (plandiff: 1, version, clauses)`}},
	{name: "binary-junk", want: []string{`1:6: binary data (a NUL byte): not a YAML text file`}},
	{name: "billion-laughs", want: []string{`1:5: anchor &a0: anchors and aliases are not allowed in plan files (anchors: 10, aliases: 81)`}},
	{name: "nesting-thousands-deep", gen: func() []byte {
		return []byte(brokenHeader + "  - id: army\n    text: " + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + "\n    sources: [src]\n")
	}, want: []string{`11:11: text must be a string, not a list`}},
	{name: "nesting-beyond-the-parser", gen: func() []byte {
		return []byte(brokenHeader + "  - id: army\n    text: " + strings.Repeat("[", 20000) + "\n")
	}, want: []string{`11:1: YAML syntax: exceeded max depth of 10000`}},
	{name: "over-size-limit", gen: func() []byte {
		var b bytes.Buffer
		b.WriteString(brokenHeader)
		line := "  - {id: c%07d, text: The Parties shall keep the line of contact under monitoring., sources: [src]}\n"
		for i := 0; b.Len() <= 33<<20; i++ {
			fmt.Fprintf(&b, line, i)
		}
		return b.Bytes()
	}, want: []string{`1:1: file is 34603097 bytes, over the limit of 33554432 bytes`}},
	{name: "enormous-line", gen: func() []byte {
		return []byte(brokenHeader + "  - id: army\n    text: " + strings.Repeat("very long ", 210000) + "\n    sources: [src]\n")
	}, want: []string{`11:1: line is 2100010 bytes long, over the limit of 1048576 bytes`}},
}

const brokenHeader = `plandiff: 1
version:
  id: broken
  title: Broken example
  surfaced: 2025-11-20
  sources:
    - id: src
      outlet: Example outlet
clauses:
`

// TestBrokenInputCatalogue runs every broken input through validate (exit 1),
// show (exit 2) and diff -o (exit 2, no output file written, an existing one
// left alone), in-process so that a panic fails the test. It logs time and
// memory per case; it asserts no timing.
func TestBrokenInputCatalogue(t *testing.T) {
	for _, tc := range brokenCatalogue {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := tc.name + ".yaml"
			data := []byte(nil)
			if tc.gen != nil {
				data = tc.gen()
			} else {
				var err error
				if data, err = os.ReadFile(filepath.Join("..", "..", "testdata", "broken", file)); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(filepath.Join(dir, file), data, 0o644); err != nil {
				t.Fatal(err)
			}
			want := ""
			for _, w := range tc.want {
				want += file + ":" + w + "\n"
			}

			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			code, stdout, stderr := runIn(dir, "validate", file)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			t.Logf("%d bytes: validate took %v, allocated %d KiB", len(data), time.Since(start).Round(time.Millisecond), (after.TotalAlloc-before.TotalAlloc)>>10)
			if code != 1 || stdout != want {
				t.Errorf("validate: exit %d, stdout:\n%s\nwant exit 1, stdout:\n%s", code, stdout, want)
			}
			if !strings.HasPrefix(stderr, "plandiff: ") {
				t.Errorf("validate stderr = %q", stderr)
			}

			code, stdout, stderr = runIn(dir, "show", file)
			switch {
			case tc.crossFile:
				if code != 0 {
					t.Errorf("show: exit %d, stderr %s; a file whose only problem is a link loads on its own", code, stderr)
				}
			case code != 2 || stderr != want || stdout != "":
				t.Errorf("show: exit %d, stdout %q, stderr:\n%s\nwant exit 2, stderr:\n%s", code, stdout, stderr, want)
			}

			out := filepath.Join(dir, "out.json")
			code, _, stderr = runIn(dir, "diff", "--format", "json", "-o", "new.json", "us-28-draft", file)
			if code != 2 || stderr != want {
				t.Errorf("diff: exit %d, stderr:\n%s\nwant exit 2, stderr:\n%s", code, stderr, want)
			}
			if err := os.WriteFile(out, []byte("previous"), 0o644); err != nil {
				t.Fatal(err)
			}
			runIn(dir, "diff", "--format", "json", "-o", "out.json", "us-28-draft", file)
			ents, _ := os.ReadDir(dir)
			if len(ents) != 2 {
				var names []string
				for _, e := range ents {
					names = append(names, e.Name())
				}
				t.Errorf("directory holds %v: a failed diff left a file behind", names)
			}
			if got, _ := os.ReadFile(out); string(got) != "previous" {
				t.Errorf("a failed diff -o replaced the existing output with %q", got)
			}
		})
	}
}

// TestBrokenSupersedesCycle covers the catalogue's cross-file case.
func TestBrokenSupersedesCycle(t *testing.T) {
	code, stdout, _ := runIn("../../testdata/broken", "--plans", "cycle", "validate")
	want := "cycle/b.yaml:6:16: supersedes forms a cycle: draft-a -> draft-b -> draft-a\n"
	if code != 1 || stdout != want {
		t.Errorf("exit %d, stdout %q; want 1, %q", code, stdout, want)
	}
	code, _, stderr := runIn("../../testdata/broken", "--plans", "cycle", "list")
	if code != 2 || stderr != want {
		t.Errorf("list: exit %d, stderr %q; want 2, %q", code, stderr, want)
	}
}

// runIn runs plandiff in-process with dir as the working directory.
func runIn(dir string, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	e := &env{
		stdin:          strings.NewReader(""),
		stdout:         &out,
		stderr:         &errb,
		getenv:         func(string) string { return "" },
		stdoutTerminal: func() (bool, int) { return false, 0 },
		plans:          plans.FS,
		workDir:        dir,
	}
	code = run(args, e)
	return code, out.String(), errb.String()
}
