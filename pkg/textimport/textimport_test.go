package textimport

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/plan"
)

// outline renders clauses as "number id: text" lines, sub-points indented.
func outline(cs []*plan.Clause, depth int) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(strings.Repeat("  ", depth) + c.Number + " " + c.ID + ": " + c.Text + "\n")
		b.WriteString(outline(c.Clauses, depth+1))
	}
	return b.String()
}

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, title, want string
	}{
		{
			name:  "dot and paren numbering, heading, wrapped lines",
			in:    "The 28-point plan\n\n1. Ukraine's sovereignty will be\n   confirmed.\n2) A non-aggression agreement\nwill be concluded.\n",
			title: "The 28-point plan",
			want:  "1 p1: Ukraine's sovereignty will be confirmed.\n2 p2: A non-aggression agreement will be concluded.\n",
		},
		{
			name: "sub-points: 10a. and a) and (b)",
			in:   "10. The US guarantee.\n10a. The US is compensated.\n11. EU membership.\na) first part\n(b) second part\n",
			want: "10 p10: The US guarantee.\n  10a p10a: The US is compensated.\n11 p11: EU membership.\n  11a p11a: first part\n  11b p11b: second part\n",
		},
		{
			name: "dotted sub-points",
			in:   "14. Frozen assets:\n14.1 $100bn to rebuilding.\n14.2. The US takes half the profit.\n",
			want: "14 p14: Frozen assets:\n  14.1 p14-1: $100bn to rebuilding.\n  14.2 p14-2: The US takes half the profit.\n",
		},
		{
			name: "bullets become sub-points of the point before",
			in:   "12. A reconstruction package:\n- a development fund;\n• gas infrastructure;\n13. Sanctions.\n",
			want: "12 p12: A reconstruction package:\n   p12-b1: a development fund;\n   p12-b2: gas infrastructure;\n13 p13: Sanctions.\n",
		},
		{
			name: "a wrapped line starting with a year stays text",
			in:   "1. Elections are held in\n2026. The parties agree.\n2. Next point.\n",
			want: "1 p1: Elections are held in 2026. The parties agree.\n2 p2: Next point.\n",
		},
		{
			name: "hyphenated line break is joined",
			in:   "1. Peace-\nkeeping forces are deployed.\n",
			want: "1 p1: Peace-keeping forces are deployed.\n",
		},
		{
			name: "repeated number gets a unique id",
			in:   "1. One.\n2. Two.\n2a. Sub.\n2a. Sub again.\n",
			want: "1 p1: One.\n2 p2: Two.\n  2a p2a: Sub.\n  2a p2a-2: Sub again.\n",
		},
		{
			name: "bullets only",
			in:   "- first\n- second\n",
			want: " item-1: first\n item-2: second\n",
		},
		{
			name: "number with no text",
			in:   "1.\n2. Two.\n",
			want: "1 p1: (no text in the source)\n2 p2: Two.\n",
		},
		{
			name: "CRLF, tabs and control characters",
			in:   "1.\tOne\x1b[31m.\r\n2. Two\u202e.\r\n",
			want: "1 p1: One[31m.\n2 p2: Two.\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := Parse(tc.in, Options{ID: "x", Surfaced: "2025-11-20"})
			if err != nil {
				t.Fatal(err)
			}
			if got := outline(p.Clauses, 0); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			if tc.title != "" && p.Version.Title != tc.title {
				t.Errorf("title = %q, want %q", p.Version.Title, tc.title)
			}
			checkValid(t, p)
		})
	}
}

func TestParseOptions(t *testing.T) {
	t.Parallel()
	p, err := Parse("Heading line\nA preamble sentence.\n1. One.\n", Options{ID: "leak", Title: "Given title", Surfaced: "2025-11-20"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Version.Title != "Given title" || p.Version.Note != "A preamble sentence." {
		t.Errorf("title %q note %q", p.Version.Title, p.Version.Note)
	}
	for _, bad := range []Options{{ID: "Bad Id", Surfaced: "2025-11-20"}, {ID: "ok", Surfaced: "20 Nov"}} {
		if _, err := Parse("1. One.\n", bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
	if _, err := Parse("just prose\n", Options{ID: "x", Surfaced: "2025-11-20"}); err != ErrEmpty {
		t.Errorf("prose: err = %v, want ErrEmpty", err)
	}
}

// TestCompleteness checks that a skeleton is partial unless Complete says
// otherwise, and that its header says which and what it means.
func TestCompleteness(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		complete bool
		want     string
		header   string
	}{
		{false, plan.CompletenessPartial, "completeness is partial: a clause\n#     missing from this text reads as unreported"},
		{true, plan.CompletenessFull, "completeness is full (--complete):\n#     every clause missing from this text reads as removed"},
	} {
		p, err := Parse("1. One.\n2. Two.\n", Options{ID: "leak", Surfaced: "2025-11-20", Complete: tc.complete})
		if err != nil {
			t.Fatal(err)
		}
		if p.Version.Completeness != tc.want {
			t.Errorf("Complete %v: completeness %q, want %q", tc.complete, p.Version.Completeness, tc.want)
		}
		var buf bytes.Buffer
		if err := Write(&buf, p); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tc.header) || !strings.Contains(buf.String(), "\n  completeness: "+tc.want+"\n") {
			t.Errorf("Complete %v: output lacks %q or completeness %s:\n%s", tc.complete, tc.header, tc.want, buf.String())
		}
		checkValid(t, p)
	}
}

// checkValid writes p and parses it back strictly.
func checkValid(t *testing.T, p *plan.Plan) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, p); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "# yaml-language-server: $schema=") {
		t.Error("no schema comment")
	}
	back, err := plan.Parse(context.Background(), "out.yaml", buf.Bytes(), plan.Options{})
	if err != nil {
		t.Fatalf("output does not validate: %v\n%s", err, buf.String())
	}
	if back.Count() != p.Count() {
		t.Errorf("round trip: %d clauses, want %d", back.Count(), p.Count())
	}
}

func FuzzImport(f *testing.F) {
	for _, s := range []string{
		"Heading\n1. One.\n2) Two\nwrapped.\n2a. Sub.\na) letter\n- bullet\n14.3 dotted\n",
		"(1) a\n(b) c\n\u2028x\r\ny",
		"- \"quoted\": yes\n- &anchor *alias\n- 'single' # comment\n",
		"1. ---\n2. ...\n3. {a: b}\n4. [x]\n5. !tag\n6. @at `tick` %pct\n",
		"1. \x00\x01\x85\u200b\ufeff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s, Options{ID: "fuzz", Surfaced: "2025-01-01"})
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, p); err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(buf.Bytes()) {
			t.Fatal("invalid UTF-8 output")
		}
		if _, err := plan.Parse(context.Background(), "out.yaml", buf.Bytes(), plan.Options{}); err != nil {
			t.Fatalf("output does not parse: %v\ninput %q\n%s", err, s, buf.String())
		}
	})
}
