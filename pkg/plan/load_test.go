package plan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

const header = `plandiff: 1
version:
  id: v
  title: T
  surfaced: 2025-01-01
  sources:
    - id: s
      outlet: O
clauses:
`

// manyKeys gives n unknown keys k0..k(n-1) of a clause, one a line.
func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "    k%d: v\n", i)
	}
	return b.String()
}

// manyKeyErrors gives the problems of manyKeys(n) starting at line.
func manyKeyErrors(n, line int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf(`f.yaml:%d:5: unknown key "k%d" in clause (known keys: id, number, topic, text, removed, status, proposed_by, sources, confidence, derives_from, note, subclauses, variants, clauses)`, line+i, i))
	}
	return out
}

// citedTwice gives the problems of a sources list of 1+n times s on line 12.
func citedTwice(n int) []string {
	var out []string
	for i := 1; i <= n; i++ {
		out = append(out, fmt.Sprintf(`f.yaml:12:%d: source "s" is cited twice in clause "a"`, 15+3*i))
	}
	return out
}

// TestParseErrors checks the exact message and position of each kind of
// problem the loader reports.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // every problem, in order
	}{
		{"line and paragraph separators", header + "  - id: a\n    text: x\u2028  y\n    sources: [s]\n    note: \u2029\n    colour: red\n",
			[]string{"f.yaml:11:12: line separator U+2028 is not allowed; write it escaped in a double-quoted string (\\L) if you mean it",
				"f.yaml:13:11: paragraph separator U+2029 is not allowed; write it escaped in a double-quoted string (\\P) if you mean it"}},
		{"non-specific tag", strings.Replace(header, "title: T", "title: ! T", 1) + "  - id: a\n    text: \"Hello! x\"\n    note: ! \"é ! y\"\n    sources: [! s]\n",
			[]string{"f.yaml:4:10: the tag ! is not allowed in plan files",
				"f.yaml:12:11: the tag ! is not allowed in plan files",
				"f.yaml:13:15: the tag ! is not allowed in plan files"}},
		{"unknown key with suggestion", header + "  - id: a\n    txet: x\n    sources: [s]\n",
			[]string{`f.yaml:10:5: clause "a" has no text (give text, or mark it removed: true)`,
				`f.yaml:11:5: unknown key "txet" in clause (did you mean "text"?)`}},
		{"unknown key without suggestion", header + "  - id: a\n    text: x\n    sources: [s]\n    colour: red\n",
			[]string{`f.yaml:13:5: unknown key "colour" in clause (known keys: id, number, topic, text, removed, status, proposed_by, sources, confidence, derives_from, note, subclauses, variants, clauses)`}},
		{"subclauses not an enum", header + "  - id: a\n    text: x\n    sources: [s]\n    subclauses: some\n",
			[]string{`f.yaml:13:17: subclauses "some" is not one of full, partial`}},
		{"version subclauses not an enum", strings.Replace(header, "  sources:", "  subclauses: none\n  sources:", 1) + "  - id: a\n    text: x\n    sources: [s]\n",
			[]string{`f.yaml:6:15: subclauses "none" is not one of full, partial`}},
		{"removed entry with subclauses", header + "  - id: a\n    removed: true\n    subclauses: partial\n    sources: [s]\n",
			[]string{`f.yaml:10:5: removed clause "a" cannot say how complete its sub-points are (subclauses)`}},
		{"variants", header + "  - id: a\n    text: x\n    sources: [s]\n    variants:\n" +
			"      - {reading: jets, sources: [s, s, t], followed: true}\n" +
			"      - {reading: Jets, sources: [s], followed: true}\n" +
			"      - {reading: troops, sources: [], colour: red}\n" +
			"      - {sources: [s], followed: yes}\n",
			[]string{
				`f.yaml:14:38: source "s" is cited twice in variant "jets"`,
				`f.yaml:14:41: source "t" is not listed in version.sources`,
				`f.yaml:15:9: clause "a" follows two variant readings: mark followed: true on the one the text follows`,
				`f.yaml:15:9: variant reading "Jets" of clause "a" is listed twice (first at line 14, column 9)`,
				`f.yaml:16:36: variant "troops" cites no source: every reading needs at least one`,
				`f.yaml:16:40: unknown key "colour" in variant (known keys: reading, sources, followed)`,
				`f.yaml:17:9: variant is missing required key "reading"`,
				`f.yaml:17:34: followed must be true or false, not "yes"`,
			}},
		{"one variant", header + "  - id: a\n    text: x\n    sources: [s]\n    variants:\n      - reading: jets\n        sources: [s]\n",
			[]string{`f.yaml:14:9: clause "a" lists one variant: variants record a disagreement, so give every reading (two or more)`}},
		{"variants on a removed entry", header + "  - id: a\n    removed: true\n    sources: [s]\n    variants:\n      - {reading: a, sources: [s]}\n      - {reading: b, sources: [s]}\n",
			[]string{`f.yaml:14:9: removed clause "a" cannot have variant readings`}},
		{"variants not a list", header + "  - id: a\n    text: x\n    sources: [s]\n    variants: jets\n",
			[]string{`f.yaml:13:15: variants must be a list, not a string`}},
		{"number must be a string", header + "  - id: a\n    number: 10\n    text: x\n    sources: [s]\n",
			[]string{`f.yaml:11:13: number must be a string, not a number; quote it: "10"`}},
		{"duplicate key", header + "  - id: a\n    text: x\n    text: y\n    sources: [s]\n",
			[]string{`f.yaml:12:5: duplicate key "text" in clause (first at line 11, column 5)`}},
		// Past smallMapping keys, duplicates are found with a map: the same
		// messages, the first occurrence named, unknown keys included.
		{"duplicate keys in a large mapping", header + "  - id: a\n    text: x\n    sources: [s]\n" + manyKeys(40) + "    k3: again\n    text: y\n",
			append(manyKeyErrors(40, 13), `f.yaml:53:5: duplicate key "k3" in clause (first at line 16, column 5)`,
				`f.yaml:54:5: duplicate key "text" in clause (first at line 11, column 5)`)},
		{"source cited twice", header + "  - id: a\n    text: x\n    sources: [s, s]\n",
			[]string{`f.yaml:12:18: source "s" is cited twice in clause "a"`}},
		{"source cited twice in a long list", header + "  - id: a\n    text: x\n    sources: [s" + strings.Repeat(", s", 19) + "]\n",
			citedTwice(19)},
		{"duplicate clause id across nesting", header + "  - id: a\n    text: x\n    sources: [s]\n    clauses:\n      - id: a\n        text: y\n        sources: [s]\n",
			[]string{`f.yaml:14:13: duplicate clause id "a" (first at line 10, column 9)`}},
		{"dangling source", header + "  - id: a\n    text: x\n    sources: [t]\n",
			[]string{`f.yaml:12:15: source "t" is not listed in version.sources`}},
		{"unknown topic", header + "  - id: a\n    topic: natto\n    text: x\n    sources: [s]\n",
			[]string{`f.yaml:11:12: unknown topic "natto" (did you mean "nato"?)`}},
		{"missing text", header + "  - id: a\n    sources: [s]\n",
			[]string{`f.yaml:10:5: clause "a" has no text (give text, or mark it removed: true)`}},
		{"removed may omit text", header + "  - id: a\n    removed: true\n    sources: [s]\n", nil},
		{"removed must be a boolean", header + "  - id: a\n    removed: Y\n    sources: [s]\n",
			[]string{`f.yaml:10:5: clause "a" has no text (give text, or mark it removed: true)`,
				`f.yaml:11:14: removed must be true or false, not "Y"`}},
		{"impossible date", strings.Replace(header, "2025-01-01", "2025-02-30", 1) + "  []\n",
			[]string{`f.yaml:5:13: surfaced: "2025-02-30" is not a real date (want YYYY-MM-DD)`}},
		{"bad derives_from", header + "  - id: a\n    text: x\n    sources: [s]\n    derives_from: [v#a, other, x#y#z]\n",
			[]string{`f.yaml:13:20: derives_from "v#a" must name another version, not this one`,
				`f.yaml:13:25: derives_from "other" must be VERSION#CLAUSE`,
				`f.yaml:13:32: derives_from "x#y#z" must be VERSION#CLAUSE`}},
		{"supersedes itself", strings.Replace(header, "  title: T\n", "  title: T\n  supersedes: [v]\n", 1) + "  []\n",
			[]string{`f.yaml:5:16: version "v" supersedes itself`}},
		{"anchor and alias", header + "  - &c\n    id: a\n    text: x\n    sources: [s]\n  - *c\n",
			[]string{`f.yaml:10:5: anchor &c: anchors and aliases are not allowed in plan files (anchors: 1, aliases: 1)`}},
		{"merge key", header + "  - <<: {id: a}\n    text: x\n    sources: [s]\n",
			[]string{`f.yaml:10:5: clause is missing required key "id"`, `f.yaml:10:5: merge key << is not allowed in plan files`}},
		{"explicit tag", header + "  - id: !!binary YQ==\n    text: x\n    sources: [s]\n",
			[]string{`f.yaml:10:9: explicit tag !!binary is not allowed in plan files`}},
		{"wrong format version", strings.Replace(header, "plandiff: 1", "plandiff: 2", 1) + "  []\n",
			[]string{`f.yaml:1:11: plandiff: format version "2" is not supported (want 1)`}},
		{"second document", header + "  []\n---\nx: 1\n",
			[]string{`f.yaml:11:1: a second YAML document: a plan file holds exactly one`}},
		{"empty file", "", []string{`f.yaml:1:1: file is empty: want a plan (plandiff: 1, version, clauses)`}},
		{"comments only", "# nothing\n\n", []string{`f.yaml:1:1: file is empty: want a plan (plandiff: 1, version, clauses)`}},
		{"tab indentation", header + "  - id: a\n\ttext: x\n",
			[]string{`f.yaml:11:1: YAML syntax: a tab character in indentation: indent with spaces`}},
		{"invalid utf-8", header + "  - id: a\n    text: caf\xe9\n    sources: [s]\n",
			[]string{`f.yaml:11:14: invalid UTF-8 (byte 0xE9): plan files are UTF-8 text`}},
		{"nul byte", "plandiff: 1\x00\x01\x02", []string{`f.yaml:1:12: binary data (a NUL byte): not a YAML text file`}},
		{"raw escape character", header + "  - id: a\n    text: \x1b[31mred\n    sources: [s]\n",
			[]string{`f.yaml:11:11: control character U+001B is not allowed; remove it, or name it in words (such as [U+001B]) if the source really has it`}},
		{"escaped controls in strings", header + "  - id: a\n    text: \"a\\x9b b\"\n    note: \"x\\u202ey\"\n    sources: [s]\n" +
			"  - id: b\n    text: \"\\e[31mred\"\n    sources: [\"s\\x7f\"]\n  - id: c\n    text: \"\\u2066c\\r\"\n    sources: [s]\n",
			[]string{
				`f.yaml:11:11: text holds the control character U+009B, which terminals and pull-request comments hide or act on; remove it, or name it in words (such as [U+009B]) if the source really has it`,
				`f.yaml:12:11: note holds the control character U+202E, which terminals and pull-request comments hide or act on; remove it, or name it in words (such as [U+202E]) if the source really has it`,
				`f.yaml:15:11: text holds the control character U+001B, which terminals and pull-request comments hide or act on; remove it, or name it in words (such as [U+001B]) if the source really has it`,
				`f.yaml:16:15: sources entry holds the control character U+007F, which terminals and pull-request comments hide or act on; remove it, or name it in words (such as [U+007F]) if the source really has it`,
				`f.yaml:18:11: text holds the control character U+2066, which terminals and pull-request comments hide or act on; remove it, or name it in words (such as [U+2066]) if the source really has it`,
			}},
		{"tab, newline, bidi marks and escaped separators stay allowed",
			header + "  - id: a\n    text: \"a\\tb\\nc \\u200fd\\u200e \\L e\"\n    sources: [s]\n", nil},
		{"javascript url", strings.Replace(header, "      outlet: O\n", "      outlet: O\n      url: javascript:alert(1)\n", 1) + "  []\n",
			[]string{`f.yaml:9:12: url "javascript:alert(1)" must be an http or https address`}},
		{"not a mapping", "- a\n- b\n", []string{`f.yaml:1:1: the plan must be a mapping, not a list`}},
		{"clauses not a list", header + "  id: a\n", []string{`f.yaml:10:3: clauses must be a list, not a mapping`}},
		{"missing required keys", "plandiff: 1\nversion:\n  id: v\nclauses: []\n",
			[]string{`f.yaml:3:3: version is missing required key "sources"`,
				`f.yaml:3:3: version is missing required key "surfaced"`,
				`f.yaml:3:3: version is missing required key "title"`}},
		{"syntax error", header + "  - id: [a\n", []string{`f.yaml:9:1: YAML syntax: did not find expected ',' or ']'`}},
		{"crlf line ends keep positions", strings.ReplaceAll(header+"  - id: a\n    txet: x\n    sources: [s]\n", "\n", "\r\n"),
			[]string{`f.yaml:10:5: clause "a" has no text (give text, or mark it removed: true)`,
				`f.yaml:11:5: unknown key "txet" in clause (did you mean "text"?)`}},
		{"byte-order mark keeps positions", "\ufeff" + header + "  - id: a\n    txet: x\n    sources: [s]\n",
			[]string{`f.yaml:10:5: clause "a" has no text (give text, or mark it removed: true)`,
				`f.yaml:11:5: unknown key "txet" in clause (did you mean "text"?)`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse(context.Background(), "f.yaml", []byte(tc.in), Options{})
			if tc.want == nil {
				if err != nil {
					t.Fatalf("unexpected error:\n%v", err.(ErrorList).Lines())
				}
				return
			}
			// A plan may come with the errors, for checking its links.
			if p != nil && p.Name != "f.yaml" {
				t.Errorf("the plan that came with the errors is named %q", p.Name)
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want an ErrorList", err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Error())
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	t.Run("file size", func(t *testing.T) {
		_, err := Parse(context.Background(), "big.yaml", bytes.Repeat([]byte("# x\n"), 300), Options{MaxBytes: 1000})
		wantErr(t, err, "big.yaml:1:1: file is 1200 bytes, over the limit of 1000 bytes")
	})
	t.Run("line length", func(t *testing.T) {
		in := header + "  - id: a\n    text: " + strings.Repeat("x", 2000) + "\n    sources: [s]\n"
		_, err := Parse(context.Background(), "long.yaml", []byte(in), Options{MaxLineBytes: 1000})
		wantErr(t, err, "long.yaml:11:1: line is 2010 bytes long, over the limit of 1000 bytes")
	})
	t.Run("sub-point depth", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(header)
		indent := "  "
		for i := 0; i < 5; i++ {
			fmt.Fprintf(&b, "%s- id: c%d\n%s  text: x\n%s  sources: [s]\n%s  clauses:\n", indent, i, indent, indent, indent)
			indent += "    "
		}
		b.WriteString(indent + "[]\n")
		_, err := Parse(context.Background(), "deep.yaml", []byte(b.String()), Options{MaxDepth: 3})
		wantErr(t, err, "deep.yaml:22:15: sub-points nest more than 3 levels deep")
	})
	t.Run("alias bomb", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
		for i := 1; i < 10; i++ {
			fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
		}
		_, err := Parse(context.Background(), "bomb.yaml", []byte(b.String()), Options{})
		var list ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("err = %v", err)
		}
		for _, e := range list {
			if strings.Contains(e.Msg, "alias") || strings.Contains(e.Msg, "anchor") {
				return
			}
		}
		t.Errorf("anchors not reported: %v", list.Lines())
	})
	t.Run("nesting thousands deep", func(t *testing.T) {
		in := header + "  - id: a\n    text: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n    sources: [s]\n"
		_, err := Parse(context.Background(), "nest.yaml", []byte(in), Options{})
		wantErr(t, err, "nest.yaml:11:11: text must be a string, not a list")
	})
}

func wantErr(t *testing.T, err error, want string) {
	t.Helper()
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want an ErrorList", err)
	}
	if got := list[0].Error(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestParseDefaultsAndValues(t *testing.T) {
	in := header + `  - id: a
    number: "1.10"
    text: >
      Folded
      text.
    sources: [s]
    clauses:
      - id: b
        removed: true
        sources: [s]
`
	p, err := Parse(context.Background(), "f.yaml", []byte(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Version.Completeness != CompletenessFull {
		t.Errorf("completeness = %q, want full by default", p.Version.Completeness)
	}
	a := p.Clauses[0]
	if a.Number != "1.10" || a.Text != "Folded text." || a.Confidence != ConfidenceReported {
		t.Errorf("clause = %+v", a)
	}
	if a.Pos != (Pos{"f.yaml", 10, 5}) || a.IDPos != (Pos{"f.yaml", 10, 9}) {
		t.Errorf("positions = %v %v", a.Pos, a.IDPos)
	}
	if got := p.Count(); got != 2 {
		t.Errorf("count = %d", got)
	}
	if !a.Clauses[0].Removed || p.Find("b") != a.Clauses[0] {
		t.Errorf("sub-point not found or not removed")
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("../../plans/*.yaml")
	files = append(files, "testdata/schema/valid/full.yaml")
	for _, f := range files {
		if !IsPlanFileName(f) {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(context.Background(), f, data, Options{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var buf bytes.Buffer
		if err := Encode(&buf, p); err != nil {
			t.Fatal(err)
		}
		q, err := Parse(context.Background(), f, buf.Bytes(), Options{})
		if err != nil {
			t.Fatalf("%s: re-encoded plan does not parse: %v\n%s", f, err, buf.String())
		}
		var again bytes.Buffer
		if err := Encode(&again, q); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Errorf("%s: encoding is not stable", f)
		}
		if !samePlan(p, q) {
			t.Errorf("%s: round trip changed the plan", f)
		}
	}
}

// samePlan compares plans ignoring positions.
func samePlan(a, b *Plan) bool {
	strip := func(p *Plan) *Plan {
		c := *p
		c.Name = ""
		c.Version.Pos, c.Version.IDPos, c.Version.SupersedesPos = Pos{}, Pos{}, nil
		srcs := append([]Source(nil), c.Version.Sources...)
		for i := range srcs {
			srcs[i].Pos = Pos{}
		}
		c.Version.Sources = srcs
		var cl func([]*Clause) []*Clause
		cl = func(cs []*Clause) []*Clause {
			out := make([]*Clause, len(cs))
			for i, x := range cs {
				y := *x
				y.Pos, y.IDPos, y.SourcesPos, y.DerivesFromPos = Pos{}, Pos{}, nil, nil
				if x.Variants != nil {
					y.Variants = append([]Variant(nil), x.Variants...)
					for j := range y.Variants {
						y.Variants[j].Pos, y.Variants[j].SourcesPos = Pos{}, nil
					}
				}
				y.Clauses = cl(x.Clauses)
				out[i] = &y
			}
			return out
		}
		c.Clauses = cl(c.Clauses)
		return &c
	}
	return reflect.DeepEqual(strip(a), strip(b))
}

func mkPlan(id string, supersedes []string, clauses string) string {
	sup := ""
	if len(supersedes) > 0 {
		sup = "  supersedes: [" + strings.Join(supersedes, ", ") + "]\n"
	}
	return fmt.Sprintf("plandiff: 1\nversion:\n  id: %s\n  title: %s\n  surfaced: 2025-01-01\n%s  sources:\n    - id: s\n      outlet: O\nclauses:\n%s", id, id, sup, clauses)
}

func TestCorpusRules(t *testing.T) {
	clause := func(id string, derives ...string) string {
		d := ""
		if len(derives) > 0 {
			d = "    derives_from: [" + strings.Join(derives, ", ") + "]\n"
		}
		return fmt.Sprintf("  - id: %s\n    text: x\n    sources: [s]\n%s", id, d)
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"valid lineage", map[string]string{
			"a.yaml": mkPlan("a", nil, clause("x")),
			"b.yaml": mkPlan("b", []string{"a"}, clause("y", "a#x")),
		}, nil},
		{"unknown version and clause", map[string]string{
			"a.yaml": mkPlan("a", nil, clause("x")),
			"b.yaml": mkPlan("b", []string{"aa"}, clause("y", "a#z", "c#x")),
		}, []string{
			`p/b.yaml:6:16: supersedes: version "aa" is not in the corpus (did you mean "a"?)`,
			`p/b.yaml:14:20: derives_from "a#z": version a has no clause "z"`,
			`p/b.yaml:14:25: derives_from "c#x": version "c" is not in the corpus`,
		}},
		{"supersedes cycle", map[string]string{
			"a.yaml": mkPlan("a", []string{"b"}, "  []\n"),
			"b.yaml": mkPlan("b", []string{"a"}, "  []\n"),
		}, []string{`p/b.yaml:6:16: supersedes forms a cycle: a -> b -> a`}},
		{"derives_from cycle", map[string]string{
			"a.yaml": mkPlan("a", nil, clause("x", "b#y")),
			"b.yaml": mkPlan("b", nil, clause("y", "a#x")),
		}, []string{`p/b.yaml:13:20: derives_from forms a cycle: a#x -> b#y -> a#x`}},
		{"duplicate version id", map[string]string{
			"a.yaml": mkPlan("a", nil, "  []\n"),
			"b.yaml": mkPlan("a", nil, "  []\n"),
		}, []string{`p/b.yaml:3:7: version id "a" is also used by p/a.yaml`}},
		{"topics file adds topics", map[string]string{
			"topics.yaml": "topics: [cyber]\n",
			"a.yaml":      mkPlan("a", nil, "  - id: x\n    topic: cyber\n    text: x\n    sources: [s]\n"),
		}, nil},
		{"topics file errors", map[string]string{
			"topics.yaml": "topics: [Cyber Security]\ntopicz: []\n",
		}, []string{
			`p/topics.yaml:1:10: topic "Cyber Security" must be a slug: lower-case letters, digits and '-'`,
			`p/topics.yaml:2:1: unknown key "topicz" in the topics file (did you mean "topics"?)`,
		}},
		{"problems of every file together", map[string]string{
			"a.yaml": mkPlan("a", nil, "  - id: x\n    sources: [s]\n"),
			"b.yaml": mkPlan("b", nil, "  - id: x\n    text: y\n    sources: [q]\n"),
		}, []string{
			`p/a.yaml:10:5: clause "x" has no text (give text, or mark it removed: true)`,
			`p/b.yaml:12:15: source "q" is not listed in version.sources`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tc.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			c, err := LoadDir(context.Background(), fsys, ".", "p", Options{})
			if tc.want == nil {
				if err != nil {
					t.Fatalf("unexpected: %v", err)
				}
				if c == nil || len(c.Plans) == 0 && len(tc.files) > 1 {
					t.Fatalf("no plans")
				}
				return
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want an ErrorList", err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Error())
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

func TestLineageOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"d.yaml": {Data: []byte(strings.Replace(mkPlan("d", []string{"b", "c"}, "  []\n"), "2025-01-01", "2025-01-02", 1))},
		"c.yaml": {Data: []byte(strings.Replace(mkPlan("c", []string{"a"}, "  []\n"), "2025-01-01", "2025-03-01", 1))},
		"b.yaml": {Data: []byte(mkPlan("b", []string{"a"}, "  []\n"))},
		"a.yaml": {Data: []byte(strings.Replace(mkPlan("a", nil, "  []\n"), "2025-01-01", "2025-06-01", 1))},
		"z.yaml": {Data: []byte(strings.Replace(mkPlan("z", nil, "  []\n"), "2025-01-01", "2024-01-01", 1))},
	}
	c, err := LoadDir(context.Background(), fsys, ".", "p", Options{})
	if err != nil {
		t.Fatal(err)
	}
	// a revision comes after what it revises even when it surfaced earlier;
	// otherwise dates, then ids, decide.
	if got, want := strings.Join(c.IDs(), " "), "z a b c d"; got != want {
		t.Errorf("order = %s, want %s", got, want)
	}
}

func TestEmbeddedCorpusLoads(t *testing.T) {
	c, err := LoadDir(context.Background(), os.DirFS("../../plans"), ".", "plans", Options{})
	if err != nil {
		var list ErrorList
		if errors.As(err, &list) {
			t.Fatalf("corpus:\n%s", list.Lines())
		}
		t.Fatal(err)
	}
	for _, id := range []string{"us-28-draft", "eu-counterproposal", "geneva-19", "framework-20"} {
		if c.Get(id) == nil {
			t.Errorf("corpus lacks %s", id)
		}
	}
}
