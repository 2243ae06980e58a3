package synth

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/plan"
)

// TestWriteLimits writes the limit cases for small caps and checks that
// they are what the benchmark says they are: the valid files load under the
// caps and fill them (the clause limit, or the flow node budget with one
// more clause refused, and the size limit less a little for the padded
// ones), the two sides of a pair share no id, and the problems file holds
// ten problems a clause.
func TestWriteLimits(t *testing.T) {
	t.Parallel()
	opts := plan.Options{MaxBytes: 256 << 10, MaxClauses: 400}
	dir := t.TempDir()
	cases, err := WriteLimits(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	load := func(name string) (*plan.Plan, []byte, error) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		p, err := plan.Parse(ctx, name, data, opts)
		return p, data, err
	}
	var names []string
	for _, c := range cases {
		names = append(names, c.Name)
		if !c.Valid {
			_, _, err := load(c.Files[0])
			var l plan.ErrorList
			if !errors.As(err, &l) || len(l) != 10*opts.MaxClauses {
				t.Errorf("%s: %d problems (%v), want %d", c.Name, len(l), err, 10*opts.MaxClauses)
			}
			continue
		}
		if len(c.Files) != 2 {
			t.Fatalf("%s: files %v, want a pair", c.Name, c.Files)
		}
		ids := map[string]bool{}
		for k, f := range c.Files {
			p, data, err := load(f)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if len(data) > opts.MaxBytes {
				t.Errorf("%s: %d bytes, over the limit %d", f, len(data), opts.MaxBytes)
			}
			if strings.HasPrefix(c.Name, "bytes-") && len(data) < opts.MaxBytes-2*limitSlack {
				t.Errorf("%s: %d bytes, not near the limit %d", f, len(data), opts.MaxBytes)
			}
			if k == 0 && p.Count() != c.Clauses {
				t.Errorf("%s: %d clauses, the case says %d", f, p.Count(), c.Clauses)
			}
			if p.Count() > opts.MaxClauses {
				t.Errorf("%s: %d clauses, over the limit", f, p.Count())
			}
			p.Walk(func(cl, _ *plan.Clause, _ int) {
				if k == 0 {
					ids[cl.ID] = true
				} else if ids[cl.ID] {
					t.Errorf("%s: id %s is on both sides", c.Name, cl.ID)
				}
			})
		}
		switch {
		case strings.HasSuffix(c.Name, "-block"):
			if c.Clauses != opts.MaxClauses {
				t.Errorf("%s: %d clauses, want the limit %d", c.Name, c.Clauses, opts.MaxClauses)
			}
		case strings.HasSuffix(c.Name, "-flow"):
			var b bytes.Buffer
			if err := WriteMinimal(&b, c.Clauses+1, true); err != nil {
				t.Fatal(err)
			}
			if _, err := plan.Parse(ctx, "more.yaml", b.Bytes(), opts); err == nil {
				t.Errorf("%s: %d flow clauses, but %d load too", c.Name, c.Clauses, c.Clauses+1)
			}
		}
	}
	if got, want := strings.Join(names, " "), "clauses-block clauses-flow bytes-block bytes-flow problems realistic"; got != want {
		t.Errorf("cases %s, want %s", got, want)
	}
}

// TestMinimalOther: the other side of a padded pair is the same size, with
// one word of each text changed.
func TestMinimalOther(t *testing.T) {
	t.Parallel()
	for _, flow := range []bool{false, true} {
		m := Minimal{N: 20, Flow: flow, TextBytes: 120}
		var a, b bytes.Buffer
		if err := m.Write(&a); err != nil {
			t.Fatal(err)
		}
		m.Other = true
		if err := m.Write(&b); err != nil {
			t.Fatal(err)
		}
		if a.Len() != b.Len() || int64(a.Len()) != m.Size() {
			t.Errorf("flow %v: sizes %d and %d, Size %d", flow, a.Len(), b.Len(), m.Size())
		}
		m.Other = false
		for i := range m.N {
			x := m.text(i)
			m.Other = true
			y := m.text(i)
			m.Other = false
			if len(x) != m.TextBytes || x == y || len(strings.Fields(x)) != len(strings.Fields(y)) {
				t.Errorf("clause %d: %q and %q", i, x, y)
			}
		}
	}
}
