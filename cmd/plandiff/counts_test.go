package main

import (
	"encoding/json"
	"testing"

	"github.com/plandiff/plandiff/pkg/diff"
)

// TestDiffCountsMatchReport checks, for every step of the corpus's lineage,
// that `plandiff diff PARENT CHILD` and the report's step PARENT → CHILD give
// the same counts and say the same about what the parent carries: one count
// per step, whichever command a reader uses.
func TestDiffCountsMatchReport(t *testing.T) {
	code, out, stderr := runIn(".", "report", "--format", "json")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	var rep struct {
		Steps []struct {
			Parent, Child string
			Summary       diff.Summary
			ParentCarried int    `json:"parent_carried"`
			CarriedFrom   string `json:"carried_from"`
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Steps) < 4 {
		t.Fatalf("the report has %d steps, want the corpus's four or more", len(rep.Steps))
	}
	for _, s := range rep.Steps {
		code, out, stderr := runIn(".", "diff", "--format", "json", s.Parent, s.Child)
		if code != 0 {
			t.Fatalf("diff %s %s: exit %d: %s", s.Parent, s.Child, code, stderr)
		}
		var res diff.Result
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		if res.Summary != s.Summary {
			t.Errorf("%s → %s: diff counts %+v, report counts %+v", s.Parent, s.Child, res.Summary, s.Summary)
		}
		if res.Old.Carried != s.ParentCarried || res.Old.CarriedFrom != s.CarriedFrom {
			t.Errorf("%s → %s: diff carries %d from %q, the report %d from %q", s.Parent, s.Child,
				res.Old.Carried, res.Old.CarriedFrom, s.ParentCarried, s.CarriedFrom)
		}
	}
	// --no-carry is the bare comparison: for a partial parent it differs.
	_, bare, _ := runIn(".", "diff", "--format", "json", "--no-carry", "geneva-19", "framework-20")
	var res diff.Result
	if err := json.Unmarshal([]byte(bare), &res); err != nil {
		t.Fatal(err)
	}
	if res.Old.Carried != 0 || res.Summary.Added == 0 {
		t.Errorf("--no-carry: carried %d, summary %+v: want the bare texts compared", res.Old.Carried, res.Summary)
	}
}
