package render

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/plandiff/plandiff/pkg/plan"
)

func validateFixture() ValidateReport {
	var l plan.ErrorList
	l.Add(plan.Pos{File: "plans/a b.yaml", Line: 3, Col: 5}, "unknown key %q in clause", "x")
	l.Add(plan.Pos{File: "plans/a b.yaml", Line: 9, Col: 15}, "source %q is not listed in version.sources", "s")
	l.Add(plan.Pos{File: "/abs/c.yaml"}, "file is empty: want a plan")
	l.Add(plan.Pos{File: "plans/d.yaml", Line: 1, Col: 1}, "something \x1b[31m new")
	return ValidateReport{Files: 3, Clauses: 7, Problems: l}
}

// TestValidateSARIF checks what GitHub code scanning needs of a SARIF 2.1.0
// upload: the version, one run naming the tool, rules with unique ids, and
// results whose rule, message and location are set, the location a
// relative, percent-encoded URI with a 1-based line.
func TestValidateSARIF(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := ValidateSARIF(&b, validateFixture(), "v1.2.3"); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct{ ID string }
				}
			}
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region *struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						}
					} `json:"physicalLocation"`
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Schema == "" {
		t.Fatalf("version %q, %d runs, $schema %q", log.Version, len(log.Runs), log.Schema)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "plandiff" || run.Tool.Driver.Version != "v1.2.3" {
		t.Errorf("driver %+v", run.Tool.Driver)
	}
	ids := map[string]int{}
	for i, r := range run.Tool.Driver.Rules {
		if _, dup := ids[r.ID]; dup || r.ID == "" {
			t.Errorf("rule id %q empty or repeated", r.ID)
		}
		ids[r.ID] = i
	}
	want := []struct {
		rule, uri, base string
		line, col       int
	}{
		{"unknown-key", "plans/a%20b.yaml", "%SRCROOT%", 3, 5},
		{"source-ref", "plans/a%20b.yaml", "%SRCROOT%", 9, 15},
		{"document", "file:///abs/c.yaml", "", 0, 0},
		{"format", "plans/d.yaml", "%SRCROOT%", 1, 1},
	}
	if len(run.Results) != len(want) {
		t.Fatalf("%d results, want %d", len(run.Results), len(want))
	}
	for i, r := range run.Results {
		w := want[i]
		loc := r.Locations[0].PhysicalLocation
		if r.RuleID != w.rule || ids[r.RuleID] != r.RuleIndex || r.Level != "error" || r.Message.Text == "" {
			t.Errorf("result %d: rule %s (index %d), level %s, message %q", i, r.RuleID, r.RuleIndex, r.Level, r.Message.Text)
		}
		if loc.ArtifactLocation.URI != w.uri || loc.ArtifactLocation.URIBaseID != w.base {
			t.Errorf("result %d: location %+v", i, loc.ArtifactLocation)
		}
		switch {
		case w.line == 0 && loc.Region != nil:
			t.Errorf("result %d: a region for a problem with no line", i)
		case w.line > 0 && (loc.Region == nil || loc.Region.StartLine != w.line || loc.Region.StartColumn != w.col):
			t.Errorf("result %d: region %+v, want %d:%d", i, loc.Region, w.line, w.col)
		}
	}
	if bytes.Contains(b.Bytes(), []byte("\\u001b")) {
		t.Error("an escape sequence from a message reached the log")
	}
}

func TestValidateJSON(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := ValidateJSON(&b, validateFixture()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema   string
		Files    int
		Clauses  int
		Valid    bool
		Problems []ValidateProblem
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != SchemaValidate || doc.Files != 3 || doc.Clauses != 7 || doc.Valid || len(doc.Problems) != 4 {
		t.Errorf("%+v", doc)
	}
	if p := doc.Problems[0]; p != (ValidateProblem{File: "plans/a b.yaml", Line: 3, Col: 5, Rule: "unknown-key", Message: `unknown key "x" in clause`}) {
		t.Errorf("first problem %+v", p)
	}
	b.Reset()
	if err := ValidateJSON(&b, ValidateReport{Files: 2}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte(`"valid": true`)) || !bytes.Contains(b.Bytes(), []byte(`"problems": []`)) {
		t.Errorf("a clean run:\n%s", b.String())
	}
}
