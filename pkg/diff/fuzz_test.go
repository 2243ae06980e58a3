package diff_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
)

// FuzzCompare builds two small plans from text, one clause a line, and checks
// the contract on their comparison: every clause once, kinds that fit, a
// summary that counts the list, and the same result twice.
//
// A line is [>…][!][~][#id ][<ref ]text: each ">" nests one level deeper
// (at most one below the line before), "!" makes a removed entry, "~" a
// clause whose sub-points are known in part (subclauses: partial), "#id"
// gives the clause that id (so ids can meet across the versions), "<ref" a
// derives_from link to the old version's clause ref. flags picks the match
// mode (bits 0–1), a partial new version (bit 2), a high threshold (bit 3)
// and a new version complete at point level only (bit 4).
func FuzzCompare(f *testing.F) {
	for seed := uint64(1); seed <= 4; seed++ {
		p := generate(f, 5, seed)
		f.Add(lines(p.Old), lines(p.New), byte(seed))
	}
	f.Add("#a Ukraine's sovereignty is confirmed.\n#b 600,000 personnel\n>#c a sub-point", "#a Sovereignty confirmed.\n!#b\n#d <c 800,000 personnel", byte(0))
	f.Add("one two three\nfour five six", "one two three four five six", byte(2))
	f.Add("one two three four five six", "one two three\nfour five six\n!gone", byte(6))
	f.Add("#p point one\n>#a sub a\n>#b sub b\n>>#c sub c\n#q point two\n>#d sub d", "~#p point one\n>#a sub a\n#q point two\n!#x", byte(0))
	f.Add("#p point one\n>#a sub a\n>#b sub b\n#q point two\n>#d sub d", "#p point one\n#r other", byte(16))
	f.Fuzz(func(t *testing.T, a, b string, flags byte) {
		old := fuzzPlan("old", a)
		nu := fuzzPlan("new", b)
		if flags&4 != 0 {
			nu.Version.Completeness = plan.CompletenessPartial
		}
		opts := diff.Options{Match: diff.Matches[int(flags&3)%len(diff.Matches)]}
		if flags&8 != 0 {
			opts.Threshold = 0.8
		}
		if flags&16 != 0 {
			nu.Version.Subclauses = plan.CompletenessPartial
		}
		r, err := diff.Compare(context.Background(), old, nu, opts)
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, old, nu, r)
		for _, p := range []*plan.Plan{old, nu} {
			checkSelf(t, p, opts)
		}
		again, err := diff.Compare(context.Background(), old, nu, opts)
		if err != nil {
			t.Fatal(err)
		}
		j1, _ := json.Marshal(r)
		j2, _ := json.Marshal(again)
		if !bytes.Equal(j1, j2) {
			t.Fatal("two runs differ")
		}
	})
}

// checkSelf checks that p compared with itself is all unchanged: every
// clause and every removed entry paired with itself, nothing moved or
// renumbered.
func checkSelf(t *testing.T, p *plan.Plan, opts diff.Options) {
	t.Helper()
	r, err := diff.Compare(context.Background(), p, p, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, p, p, r)
	if want := (diff.Summary{Unchanged: p.Count()}); r.Summary != want || r.HasChanges() {
		t.Errorf("%s with itself, match %s: summary %+v, want %+v", p.Version.ID, opts.Match, r.Summary, want)
	}
	for _, c := range r.Changes {
		if c.Kind != diff.KindUnchanged || c.Moved || c.Renumbered || !slices.Equal(c.Old, c.New) {
			t.Errorf("%s with itself, match %s: %s", p.Version.ID, opts.Match, describe(c))
		}
	}
}

// fuzzPlan builds a plan from the line format of FuzzCompare.
func fuzzPlan(id, s string) *plan.Plan {
	p := version(id)
	seen := map[string]bool{}
	var stack []*plan.Clause // stack[d] is the last clause at depth d
	for i, line := range strings.Split(strings.ToValidUTF8(s, "?"), "\n") {
		if i == 64 {
			break
		}
		depth := 0
		for strings.HasPrefix(line, ">") && depth < len(stack) {
			line = line[1:]
			depth++
		}
		c := cl(fmt.Sprintf("%s%d", id, i), fmt.Sprint(i+1), "")
		if rest, ok := strings.CutPrefix(line, "!"); ok {
			c.Removed = true
			line = rest
		}
		if rest, ok := strings.CutPrefix(line, "~"); ok {
			if !c.Removed {
				c.Subclauses = plan.CompletenessPartial
			}
			line = rest
		}
		if rest, ok := strings.CutPrefix(line, "#"); ok {
			cid, text, _ := strings.Cut(rest, " ")
			if cid != "" && !seen[cid] {
				c.ID = cid
			}
			line = text
		}
		if rest, ok := strings.CutPrefix(line, "<"); ok {
			ref, text, _ := strings.Cut(rest, " ")
			c.DerivesFrom = []string{"old#" + ref}
			line = text
		}
		if seen[c.ID] {
			c.ID = fmt.Sprintf("%s-%d", c.ID, i)
		}
		seen[c.ID] = true
		c.Text = strings.TrimSpace(line)
		if c.Text == "" && !c.Removed {
			c.Text = "-"
		}
		if depth == 0 {
			p.Clauses = append(p.Clauses, c)
		} else {
			parent := stack[depth-1]
			parent.Clauses = append(parent.Clauses, c)
		}
		stack = append(stack[:depth], c)
	}
	return p
}

// lines writes a plan in the line format of FuzzCompare.
func lines(p *plan.Plan) string {
	var b strings.Builder
	p.Walk(func(c, _ *plan.Clause, depth int) {
		b.WriteString(strings.Repeat(">", depth))
		if c.Removed {
			b.WriteString("!")
		}
		if c.Subclauses == plan.CompletenessPartial {
			b.WriteString("~")
		}
		fmt.Fprintf(&b, "#%s %s\n", c.ID, strings.ReplaceAll(c.Text, "\n", " "))
	})
	return b.String()
}
