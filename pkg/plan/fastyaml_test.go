package plan_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/plan"
)

// decodeYAML is what the loader's yaml.v3 path does: the first document, and
// an error unless it is the only one. A panic in yaml.v3 is an error too.
func decodeYAML(data []byte) (doc *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml.v3 panicked: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	doc = new(yaml.Node)
	if err := dec.Decode(doc); err != nil {
		return nil, err
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("not a single document: %v", err)
	}
	return doc, nil
}

// treeDiff describes the first difference between two node trees, or is "".
// Comments are not compared: nothing reads them.
func treeDiff(got, want *yaml.Node, path string) string {
	switch {
	case got == nil || want == nil:
		if got != want {
			return fmt.Sprintf("%s: node %v, want %v", path, got, want)
		}
		return ""
	case got.Kind != want.Kind, got.Style != want.Style, got.Tag != want.Tag, got.Value != want.Value,
		got.Line != want.Line, got.Column != want.Column, got.Anchor != want.Anchor,
		got.Alias != nil, len(got.Content) != len(want.Content):
		return fmt.Sprintf("%s:\n got kind %d style %d tag %q value %q at %d:%d anchor %q, %d children\nwant kind %d style %d tag %q value %q at %d:%d anchor %q, %d children",
			path, got.Kind, got.Style, got.Tag, got.Value, got.Line, got.Column, got.Anchor, len(got.Content),
			want.Kind, want.Style, want.Tag, want.Value, want.Line, want.Column, want.Anchor, len(want.Content))
	}
	for i := range got.Content {
		if d := treeDiff(got.Content[i], want.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkFast fails when the fast path accepts data but yaml.v3 fails on it or
// builds another tree, or when Parse with and without the fast path differ.
// It reports whether the fast path accepted.
func checkFast(t *testing.T, data []byte) bool {
	t.Helper()
	got, ok := plan.FastYAML(data)
	want, err := decodeYAML(data)
	if ok {
		if err != nil {
			t.Fatalf("fast path accepts what yaml.v3 rejects (%v):\n%s", err, data)
		}
		if d := treeDiff(got, want, "doc"); d != "" {
			t.Fatalf("fast path and yaml.v3 differ at %s\ninput:\n%s", d, data)
		}
	}
	// The bound that guards yaml.v3's memory must never count fewer nodes
	// than the tree has.
	if n := countNodes(want); err == nil && plan.NodeBound(data, n-1) == 0 {
		t.Fatalf("nodeBound counts at most %d nodes, yaml.v3 made %d:\n%s", n-1, n, data)
	}
	p1, err1 := plan.Parse(context.Background(), "f.yaml", data, plan.Options{MaxBytes: 1 << 20})
	p2, err2 := plan.Parse(context.Background(), "f.yaml", data, plan.Options{MaxBytes: 1 << 20, YAMLv3: true})
	if fmt.Sprint(err1) != fmt.Sprint(err2) {
		t.Fatalf("Parse errors differ with the fast path:\n got %v\nwant %v\ninput:\n%s", err1, err2, data)
	}
	if !reflect.DeepEqual(p1, p2) {
		t.Fatalf("Parse results differ with the fast path\ninput:\n%s", data)
	}
	return ok
}

// countNodes counts the nodes of a tree yaml.v3 decoded (0 for nil).
func countNodes(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	c := 1
	for _, k := range n.Content {
		c += countNodes(k)
	}
	return c
}

// yamlFiles lists every .yaml file under the directories, recursively.
func yamlFiles(tb testing.TB, dirs ...string) []string {
	tb.Helper()
	var files []string
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".yaml") {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	if len(files) == 0 {
		tb.Fatalf("no .yaml files under %v", dirs)
	}
	return files
}

// synthPair is a generated pair of plan files of n clauses.
func synthPair(tb testing.TB, n int, seed uint64) (old, nu []byte) {
	tb.Helper()
	p, err := synth.Generate(synth.Config{Clauses: n, Seed: seed, Rates: synth.DefaultRates()})
	if err != nil {
		tb.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := synth.WriteYAML(&a, p.Old); err != nil {
		tb.Fatal(err)
	}
	if err := synth.WriteYAML(&b, p.New); err != nil {
		tb.Fatal(err)
	}
	return a.Bytes(), b.Bytes()
}

const planHead = "plandiff: 1\nversion:\n  id: v\n  title: T\n  surfaced: 2025-01-01\n  sources:\n    - id: s\n      outlet: O\nclauses:\n"

// fastCases are hand-made inputs at the edges of the subset, with whether the
// fast path takes them. Either way, checkFast holds.
var fastCases = []struct {
	name, in string
	fast     bool
}{
	{"escapes", `a: "\0\a\b\t\n\v\f\r\e\ \"\\\N\_\L\P\x41\xe9\u00e9\u2603\U0001F600\'"` + "\n", true},
	{"slash escape", `a: "\/"` + "\n", false}, // yaml.v3 v3.0.1 rejects \/
	{"unknown escape", `a: "\q"` + "\n", false},
	{"short hex escape", `a: "\x4"` + "\n", false},
	{"surrogate escape", `a: "\uD800"` + "\n", false},
	{"escape past unicode", `a: "\U00110000"` + "\n", false},
	{"escaped line break", "a: \"x\\\n  y\"\n", false},
	{"unterminated double", "a: \"x\n", false},
	{"unterminated single", "a: 'x\n", false},
	{"quotes inside plain", "a: say \"hi\", it's 'ok'\n", true},
	{"key in value", "key: a: b\n", false},
	{"colon at end of value", "key: a:\n", false},
	{"colon without space", "key: a:b http://x.org/p?q=1#f\n", true},
	{"comment after value", "key: value #c\n", true},
	{"comment as value", "a: # c\nb: 1\n", true},
	{"long plain", "a: " + strings.Repeat("word ", 400) + "\n- " + strings.Repeat("x", 2000) + "\n", false},
	{"long values", "a: " + strings.Repeat("word ", 400) + "\nb: [" + strings.Repeat("x, ", 600) + "y]\nc: \"" + strings.Repeat("q", 2000) + "\"\n", true},
	{"long entries", "- " + strings.Repeat("x", 2000) + "\n- k: " + strings.Repeat("y", 2000) + "\n", true},
	{"hash inside value", "key: value#c\n", true},
	{"comment after quoted", "key: 'x' # c\nk2: \"y\"   # d\n", true},
	{"comment glued to quote", "key: \"x\"#c\n", false},
	{"single quote escape", "key: 'it''s'\n", true},
	{"single quote at end", "key: 'x'''\n", true},
	{"empty quoted", "a: ''\nb: \"\"\nc: ' '\nd: [\"\", '']\n", true},
	{"two quoted", "a: \"a\" \"b\"\n", false},
	{"two quoted top", "\"a\" \"b\"\n", false},
	{"text after quoted", "a: \"x\"y\n", false},
	{"nested compact sequence", "- - nested\n", false},
	{"inconsistent mapping indent", "a:\n  b: 1\n   c: 2\n", false},
	{"inconsistent sequence indent", "a:\n  - x\n - y\n", false},
	{"dedent between levels", "a:\n  b: 1\n c: 2\n", false},
	{"indented second key", "a: 1\n b: 2\n", false},
	{"trailing spaces", "a: b   \nc:   \nd:  b  c  \n", true},
	{"keys without values", "a:\nb:\n", true},
	{"unicode", "a: Кириллица, ελληνικά, 日本語 🙂\nb: [é, 日本, \"ü\", 'ö', x]\n", true},
	{"unicode columns", "a: [é, 日本, \"ü\", 'ö', x]\nb: {k: é, l: 日本, m: x}\n", true},
	{"lone dashes", "-\n- a\n-\n", true},
	{"dash with trailing space", "- \n- a\n", true},
	{"key without space", "key:value\n", false},
	{"multi-line plain", "a: b\n  c\n", false},
	{"multi-line plain after blank", "a: b\n\n  c\n", false},
	{"multi-line quoted", "a: \"b\n  c\"\n", false},
	{"plain on next line", "a:\n  b\n", false},
	{"more indented comment", "a: b\n  # comment\nc: d\n", true},
	{"comments everywhere", "# head\n\na: 1 # line\n# foot\n\n  # indented\nb:\n  # inside\n  - x # c\n  -   # c\n    y: 1\n# end\n", true},
	{"anchor and alias", "a: &x 1\nb: *x\n", false},
	{"tag", "a: !!str 1\n", false},
	{"document start", "---\na: 1\n", false},
	{"document end", "a: 1\n...\n", false},
	{"second document", "a: 1\n---\nb: 2\n", false},
	{"directive", "%YAML 1.2\n---\na: 1\n", false},
	{"complex key", "? a\n: b\n", false},
	{"tab after colon", "a:\t1\n", false},
	{"tab indentation", "a:\n\t- b\n", false},
	{"crlf", "a: 1\r\nb: >\r\n  x\r\n\r\n  y\r\nc: [p, q]  \r\n\r\nd:\r\n- \r\n", true},
	{"crlf plan", strings.ReplaceAll(planHead+"  - id: a\n    text: >-\n      x\n      y\n    sources: [s] # c\n", "\n", "\r\n"), true},
	{"crlf at end", "a: |\r\n  x\r\n", true},
	{"cr before crlf", "a: x\r\r\n", false},
	{"lone cr", "a: 1\rb: 2\n", false},
	{"bom", "\ufeffa: 1\n", false},
	{"line separator", "a: x\u2028y\n", false},
	{"del", "a: x\x7f\n", false},
	{"invalid utf-8", "a: \xff\n", false},
	{"flow mapping", "- {id: x, outlet: \"y z\", n: 1}\n- {}\n", true},
	{"nested flow mapping", "a: {b: {c: d}}\n", false},
	{"nested flow sequence", "a: [b, [c]]\n", false},
	{"flow mappings in flow sequence", "a: [{id: x, n: 1}, {}, y, {k: \"é\"}]\n", true},
	{"flow sequence in flow mapping", "a: {k: [x]}\n", false},
	{"empty flow", "a: {}\nb: []\nc: [ ]\n", true},
	{"trailing comma", "a: [a, b,]\n", false},
	{"empty entry", "a: [a,, b]\n", false},
	{"spaces in flow", "a: [ a , b  c ,d ]\n", true},
	{"pair in flow sequence", "a: [a: b]\n", false},
	{"colon in flow plain", "a: [a:b, c]\n", true},
	{"colon before comma", "a: [a:, b]\n", false},
	{"dash in flow", "a: [-1, -x]\n", true},
	{"lone dash in flow", "a: [-]\n", false},
	{"question mark in flow", "a: [what?]\n", false},
	{"comment after flow", "a: [x] # c\n", true},
	{"comment glued to flow", "a: [x]#c\n", false},
	{"comment in flow", "a: [x #c\n  ]\n", false},
	{"multi-line flow", "a: [x,\n  y]\n", false},
	{"flow mapping empty value", "a: {b: }\n", false},
	{"flow mapping glued value", "a: {b:c}\n", false},
	{"resolved tags", "a: 1\nb: 1.5\nc: true\nd: ~\ne: null\nf: 2025-11-21\ng: 0x1F\nh: 1_000\ni: .inf\nj: -.5\nk: 0b-1\nl: 0o17\nm: 2025-1-2 3:4:5\nn: +1\no: 1e3\np: yes\nq: <<\nr: -\u00e9\ns: 99999999999999999999\nt: 2025-13-01\nu: .x\nv: False\nw: 0b102\nx: 1.2.3\n", true},
	{"special keys", "true: 1\nnull: 2\nN: 3\ny: 4\n", true},
	{"compact mappings", "- a: 1\n  b: 2\n-   c: 3\n    d: 4\n", true},
	{"indentless sequence", "a:\n- x\n- y\nb: 1\n", true},
	{"indentless in compact", "- a:\n  - x\n  b: 1\n", true},
	{"entry on next line", "a:\n  - x\n  -\n    b: 1\n  -\n    - y\n", true},
	{"top-level list", "- a\n- b\n", true},
	{"top-level scalar", "hello\n", false},
	{"empty", "", false},
	{"only comments", "# c\n\n", false},
	{"indented top level", "  a: 1\n  b: 2\n", true},
	{"dash value", "a: -\n", false},
	{"entry in value", "a: - b\n", false},
	{"reserved indicators", "a: @x\n", false},
	{"backquote", "a: `x`\n", false},
	{"percent value", "a: %x\n", false},
	{"leading colon", "a: :x\n", true},
	{"leading question mark", "a: ?x\n", true},
	{"merge key", "<<: {a: 1}\n", false},
	{"duplicate keys", "a: 1\na: 2\n", true},
	{"long key", strings.Repeat("k", 300) + ": 1\n", false},
	{"no final newline", "a: b", true},
	{"folded", "a: >\n  x\n  y\n\n  z\nb: >-\n  p\n  q\n\n\n  r\n\n\nc: 1\n", true},
	{"literal", "a: |\n  x\n   y\n\n  z\nb: |-\n  p\n\n     \n  q\n", true},
	{"literal spaces line", "a: |\n  x\n     \n  y\n", true},
	{"folded spaces line", "a: >\n  x\n     \n  y\n", false},
	{"folded more indented", "a: >\n  x\n   y\n", false},
	{"keep chomping", "a: |+\n  x\n\n", false},
	{"indentation indicator", "a: >2\n  x\n", false},
	{"leading blank line", "a: >-\n\n  x\n", false},
	{"empty block scalar", "a: >-\nb: 1\n", false},
	{"block scalar at end", "a: >-", false},
	{"block scalar no final newline", "a: >\n  x", true},
	{"block scalar header comment", "a: >- # c\n  x\n", true},
	{"block scalar hash content", "a: >-\n  x #not a comment\n  # content too\n # a comment\nb: 1\n", true},
	{"block scalar in compact", "- a: >-\n    x\n    y\n  b: |\n    z\n", true},
	{"block scalar entry", "- |\n  x\n", false},
	{"block scalar then deeper", "a: >-\n    x\n  b: 1\n", false},
	{"block scalar trailing blank at eof", "a: >\n  x\n  ", true},
	{"literal trailing spaces at eof", "a: |\n  x\n    ", true},
	{"plan", planHead + "  - id: a\n    text: x\n    sources: [s]\n", true},
	{"plan with errors", planHead + "  - id: a\n    number: 1\n    removed: yes\n    sources: []\n  - x\n", true},
	// The top-level clauses are handed to the walker one by one
	// (fastParseStream): the same plan and problems whatever the order of
	// the keys, a second clauses key, or where the parse gives up.
	{"plan clauses first", "plandiff: 1\nclauses:\n  - id: a\n    text: x\n    sources: [s]\n" + strings.TrimSuffix(strings.TrimPrefix(planHead, "plandiff: 1\n"), "clauses:\n"), true},
	{"plan clauses twice", planHead + "  - id: a\n    text: x\n    sources: [s]\nclauses:\n  - id: b\n    text: y\n    sources: [s]\n", true},
	{"plan clauses scalar then list", "plandiff: 1\nclauses: none\n" + strings.TrimPrefix(planHead, "plandiff: 1\n") + "  - id: a\n    text: x\n    sources: [s]\n", true},
	{"plan clauses mapping", planHead + "  id: a\n  text: x\n", true},
	{"plan clauses empty", planHead, true},
	{"plan indentless clauses", planHead + "- id: a\n  text: x\n  sources: [s]\n  clauses:\n  - id: a1\n    text: y\n    sources: [s]\n- id: b\n  colour: red\n  sources: [s]\n", true},
	{"plan odd clause items", planHead + "  -\n  - x\n  - [a, b]\n  - id: a\n    id: b\n    text: x\n    sources: [s]\n", true},
	{"plan declined after clauses", planHead + "  - id: a\n    text: x\n    sources: [s]\n  - id: b\n    text: &t y\n    sources: [s]\n", false},
	{"plan broken after clauses", planHead + "  - id: a\n    text: x\n    colour: red\n    sources: [s]\n  - id: b\n    text: \"y\n", false},
	{"plan clauses under version", "plandiff: 1\nversion:\n  id: v\n  clauses:\n    - id: a\n      text: x\n", true},
	{"top-level list with clauses", "- clauses:\n    - id: a\n      text: x\n", true},
}

func deepMapping(levels int) string {
	var b strings.Builder
	for i := range levels {
		b.WriteString(strings.Repeat("  ", i) + "a:\n")
	}
	b.WriteString(strings.Repeat("  ", levels) + "b: 1\n")
	return b.String()
}

// TestFastYAMLCases checks the hand-made cases against yaml.v3 and that the
// fast path takes the ones it should.
func TestFastYAMLCases(t *testing.T) {
	cases := append(fastCases[:len(fastCases):len(fastCases)],
		struct {
			name, in string
			fast     bool
		}{"nesting 20", deepMapping(20), true},
		struct {
			name, in string
			fast     bool
		}{"nesting 100", deepMapping(100), false})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := checkFast(t, []byte(c.in)); got != c.fast {
				t.Errorf("fast path taken: %v, want %v, for\n%s", got, c.fast, c.in)
			}
		})
	}
}

// TestFastYAMLTakesPlanFiles checks that the fast path takes generated files
// and the files of the corpus, and says where any other file is declined.
func TestFastYAMLTakesPlanFiles(t *testing.T) {
	for _, n := range []int{1, 10, 200} {
		old, nu := synthPair(t, n, uint64(n))
		for i, data := range [][]byte{old, nu} {
			if !checkFast(t, data) {
				_, line := plan.FastYAMLLine(data)
				t.Errorf("synth %d (file %d): fast path declines at line %d", n, i, line)
			}
		}
	}
	// The files of the corpus, and the valid examples, must all take it.
	must := yamlFiles(t, "../../plans", "testdata/schema/valid", "../../testdata/corpus")
	for _, name := range must {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !checkFast(t, data) {
			_, line := plan.FastYAMLLine(data)
			t.Errorf("%s: fast path declines at line %d: %s", name, line, lineOf(data, line))
		}
	}
	// The rest: report which decline, for the record.
	for _, name := range yamlFiles(t, "../../testdata/broken", "testdata/schema/invalid") {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !checkFast(t, data) {
			_, line := plan.FastYAMLLine(data)
			t.Logf("%s: fast path declines at line %d: %s", name, line, lineOf(data, line))
		}
	}
}

// lineOf quotes line n of data, where the fast path declined; line 0 means
// its characters check.
func lineOf(data []byte, n int) string {
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return "a character outside the subset (tab, lone CR, BOM, control, invalid UTF-8)"
	}
	return fmt.Sprintf("%q", lines[n-1])
}

// TestFastYAMLKeepsErrors checks that every file yaml.v3 rejects is declined
// by the fast path, and that Parse reports exactly the same problems with and
// without the fast path, for every file of the repository.
func TestFastYAMLKeepsErrors(t *testing.T) {
	files := yamlFiles(t, "../../plans", "../../testdata", "testdata")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) {
			_, yerr := decodeYAML(data)
			fast := checkFast(t, data)
			if yerr != nil && fast {
				t.Errorf("yaml.v3 rejects it (%v) but the fast path takes it", yerr)
			}
			got, gotErr := plan.Parse(context.Background(), name, data, plan.Options{})
			want, wantErr := plan.Parse(context.Background(), name, data, plan.Options{YAMLv3: true})
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
				t.Errorf("Parse differs with the fast path:\n got %v\nwant %v", gotErr, wantErr)
			}
		})
	}
}

// FuzzFastYAML checks the fast path against yaml.v3: whatever it accepts,
// yaml.v3 must parse to the same tree, and Parse must give the same result
// with and without it.
func FuzzFastYAML(f *testing.F) {
	for _, name := range yamlFiles(f, "../../plans", "../../testdata", "testdata") {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	for _, n := range []int{1, 3, 8} {
		old, nu := synthPair(f, n, uint64(n))
		f.Add(old)
		f.Add(nu)
	}
	for _, c := range fastCases {
		f.Add([]byte(c.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFast(t, data)
	})
}

var (
	randomDocs = flag.Int("fastyaml.docs", 3000, "random documents TestFastYAMLRandom checks")
	randomSeed = flag.Uint64("fastyaml.seed", 1, "seed of TestFastYAMLRandom")
)

// TestFastYAMLRandom checks random documents made of the pieces plan files
// are made of, and of pieces at the edges of the subset, against yaml.v3:
// byte-level fuzzing rarely builds such structure.
func TestFastYAMLRandom(t *testing.T) {
	values := []string{
		"word", "two words", "it's", "a: b", "a:b", "x #c", "x#c", "x  ", "'it''s'", "''", `""`,
		`"esc\n\"\\ \u00e9"`, `"\/"`, `"unterminated`, "'x'y", `"x" #c`, "1", "-1", "1.5", "2025-01-01",
		"~", "null", "true", "yes", "-x", "?x", ":x", "-", "- a", "é", "日本語 🙂", "<<", "0x1F", "0b-1",
		"[a, b]", "[]", "[ a , 'b' , \"c\" ]", "[a, {b: c}]", "{a: b, c: 'd'}", "{}", "[a,]", "[a: b]",
		"[é, x]", "{k: [x]}", "!tag x", "&a x", "*a", "@x", "%x", "a, b", "a [b] {c}", "http://x.y/z?q#f",
		"#", "a\tb",
	}
	good := values[:8]
	keys := []string{"a", "b", "id", "text", "sources", "true", "null", "y", "x-y", "_k", "k1", "a b", `"q"`, "?", "<<"}
	headers := []string{">-", ">", "|", "|-", "|+", ">2", "> # c", ">-  "}
	scalarLines := []string{"text", "more text", "#not a comment", "  indented", "", "   ", "x: y", "- z"}
	r := rand.New(rand.NewPCG(*randomSeed, 2))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	accepted := 0
	for range *randomDocs {
		var b strings.Builder
		levels := []int{0} // indentations a line may take, innermost last
		for range 1 + r.IntN(16) {
			if len(levels) > 1 && r.IntN(4) == 0 {
				levels = levels[:1+r.IntN(len(levels)-1)]
			}
			n := levels[len(levels)-1]
			if r.IntN(20) == 0 {
				n = r.IntN(7)
			}
			ind := strings.Repeat(" ", n)
			value := pick(good)
			if r.IntN(3) == 0 {
				value = pick(values)
			}
			switch r.IntN(13) {
			case 0, 1, 2:
				b.WriteString(ind + pick(keys[:10]) + ": " + value)
			case 3:
				b.WriteString(ind + pick(keys) + ": " + value)
			case 4, 5:
				b.WriteString(ind + pick(keys[:10]) + ":")
				levels = append(levels, n+[]int{2, 2, 0, 1, 4}[r.IntN(5)])
			case 6:
				b.WriteString(ind + "- " + value)
			case 7:
				b.WriteString(ind + "- " + pick(keys[:10]) + ": " + value)
				levels = append(levels, n+2)
			case 8:
				b.WriteString(ind + "-")
				levels = append(levels, n+2)
			case 9:
				b.WriteString(strings.Repeat(" ", r.IntN(5)) + "# comment")
			case 10:
				b.WriteString(ind[:len(ind)/2])
			case 11:
				b.WriteString(ind + pick(keys[:10]) + ": " + pick(headers))
				in := strings.Repeat(" ", n+1+r.IntN(3))
				for range r.IntN(4) {
					b.WriteString("\n" + in + pick(scalarLines))
				}
			default:
				b.WriteString(ind + value)
			}
			b.WriteString("\n")
		}
		s := b.String()
		if r.IntN(8) == 0 {
			s = strings.TrimSuffix(s, "\n")
		}
		if r.IntN(8) == 0 {
			s = strings.ReplaceAll(s, "\n", "\r\n")
		}
		if checkFast(t, []byte(s)) {
			accepted++
		}
	}
	t.Logf("fast path took %d of %d", accepted, *randomDocs)
	// A fast path that declined everything would pass every comparison
	// above: a good share of these documents is in its subset.
	// (About one in nine is, with the default seed.)
	if accepted < *randomDocs/20 {
		t.Errorf("the fast path took only %d of %d documents, want one in twenty at least", accepted, *randomDocs)
	}
}

// TestFastYAMLLargePlans covers plans whose nodes fill several of the fast
// path's slabs: the same plan as without the fast
// path, and, with problems planted in clauses far apart (unknown and
// duplicate keys, a missing text, a dangling source, an empty clause), the
// same problems at the same places.
func TestFastYAMLLargePlans(t *testing.T) {
	old, nu := synthPair(t, 1500, 7)
	for _, data := range [][]byte{old, nu} {
		if !checkFast(t, data) {
			t.Fatal("the fast path declined a generated plan")
		}
	}
	lines := strings.Split(string(old), "\n")
	var b strings.Builder
	items := 0
	for _, line := range lines {
		if strings.HasPrefix(strings.TrimLeft(line, " "), "- id: ") {
			items++
			indent := strings.Repeat(" ", len(line)-len(strings.TrimLeft(line, " "))+2)
			b.WriteString(line + "\n")
			switch {
			case items%97 == 0:
				b.WriteString(indent + "colour: red\n")
			case items%131 == 0:
				b.WriteString(indent + "note: one\n" + indent + "note: two\n")
			case items%173 == 0:
				b.WriteString(indent + "sources: [nowhere]\n")
			}
			continue
		}
		if items%211 == 0 && strings.HasPrefix(strings.TrimLeft(line, " "), "text: ") {
			continue
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("  -\n")
	broken := []byte(b.String())
	if !checkFast(t, broken) {
		t.Fatal("the fast path declined the plan with planted problems")
	}
	_, err := plan.Parse(context.Background(), "f.yaml", broken, plan.Options{MaxBytes: 1 << 20})
	var list plan.ErrorList
	if !errors.As(err, &list) || len(list) < 40 {
		t.Fatalf("want dozens of problems, got %v", err)
	}
}
