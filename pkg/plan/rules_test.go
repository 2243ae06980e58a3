package plan

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestRulesNameEveryBrokenInput: each problem of the broken-input catalogue
// falls under a rule of its own kind, not the catch-all; every rule used is
// listed in Rules.
func TestRulesNameEveryBrokenInput(t *testing.T) {
	known := map[string]bool{}
	for _, r := range Rules {
		if known[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		known[r.ID] = true
	}
	for _, p := range rulePatterns {
		if !known[p.rule] {
			t.Errorf("pattern %s gives unlisted rule %s", p.re, p.rule)
		}
	}
	files, _ := filepath.Glob("../../testdata/broken/*.yaml")
	if len(files) < 10 {
		t.Fatalf("only %d broken inputs", len(files))
	}
	seen := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Parse(context.Background(), f, data, Options{})
		list, _ := err.(ErrorList)
		for _, e := range list {
			seen++
			if e.Rule() == "format" {
				t.Errorf("%s: %q falls under no specific rule", filepath.Base(f), e.Msg)
			}
		}
	}
	if seen == 0 {
		t.Fatal("the broken inputs gave no problems")
	}
	for msg, want := range map[string]string{
		`derives_from forms a cycle: a -> b -> a`:                 "derives-from",
		`supersedes: version "x" is not in the corpus`:            "supersedes",
		`source "s" is cited twice in clause "c"`:                 "duplicate-id",
		`topic "Bad Topic" must be a slug: lower-case letters`:    "topic",
		`clause "c" lists one variant: variants record a`:         "variants",
		`removed clause "c" cannot have sub-points`:               "removed-entry",
		`version id "X" must be a slug: lower-case letters, digi`: "id-syntax",
	} {
		if got := (&Error{Msg: msg}).Rule(); got != want {
			t.Errorf("%q: rule %s, want %s", msg, got, want)
		}
	}
}
