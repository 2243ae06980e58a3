package render

import (
	"io"
	"net/url"
	"strings"

	"github.com/plandiff/plandiff/pkg/plan"
)

// ValidateReport is what `plandiff validate` found: how many files and
// clauses it checked and every problem, sorted.
type ValidateReport struct {
	Files    int
	Clauses  int
	Problems plan.ErrorList
}

// ValidateJSONReport is the "plandiff/validate/v1" object (docs/formats.md),
// without its "schema" key, which JSONEnvelope adds.
type ValidateJSONReport struct {
	Files    int               `json:"files"`
	Clauses  int               `json:"clauses"`
	Valid    bool              `json:"valid"`
	Problems []ValidateProblem `json:"problems"`
}

// ValidateProblem is one problem of ValidateJSONReport.
type ValidateProblem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// ValidateJSON writes r as the "plandiff/validate/v1" envelope.
func ValidateJSON(w io.Writer, r ValidateReport) error {
	out := ValidateJSONReport{Files: r.Files, Clauses: r.Clauses, Valid: len(r.Problems) == 0, Problems: []ValidateProblem{}}
	for _, p := range r.Problems {
		out.Problems = append(out.Problems, ValidateProblem{
			File: p.Pos.File, Line: p.Pos.Line, Col: p.Pos.Col, Rule: p.Rule(), Message: p.Msg,
		})
	}
	return JSONEnvelope(w, SchemaValidate, out)
}

// SARIF 2.1.0, the subset GitHub code scanning reads.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	DefaultConfiguration sarifConfig  `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// SARIFVersion is the version of the SARIF format ValidateSARIF writes.
const SARIFVersion = "2.1.0"

// ValidateSARIF writes r as a SARIF 2.1.0 log for GitHub code scanning:
// one run of the tool plandiff (toolVersion, if known), a rule per kind of
// problem (plan.Rules), and a result per problem at its file, line and
// column. File names are relative paths, resolved from the repository's
// root (%SRCROOT%).
func ValidateSARIF(w io.Writer, r ValidateReport, toolVersion string) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "plandiff", Version: toolVersion,
			InformationURI: "https://github.com/plandiff/plandiff",
		}},
		Results: []sarifResult{},
	}
	index := map[string]int{}
	for i, rule := range plan.Rules {
		index[rule.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID: rule.ID, ShortDescription: sarifMessage{rule.Description}, DefaultConfiguration: sarifConfig{"error"},
		})
	}
	for _, p := range r.Problems {
		loc := sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(p.Pos.File)}}
		if !strings.HasPrefix(loc.ArtifactLocation.URI, "file:") {
			loc.ArtifactLocation.URIBaseID = "%SRCROOT%"
		}
		if p.Pos.Line > 0 {
			loc.Region = &sarifRegion{StartLine: p.Pos.Line, StartColumn: max(p.Pos.Col, 0)}
		}
		rule := p.Rule()
		run.Results = append(run.Results, sarifResult{
			RuleID: rule, RuleIndex: index[rule], Level: "error",
			Message:   sarifMessage{SanitizeTerminal(p.Msg)},
			Locations: []sarifLocation{{PhysicalLocation: loc}},
		})
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: SARIFVersion,
		Runs:    []sarifRun{run},
	}
	return EncodeJSON(w, log)
}

// sarifURI turns a file name into a URI reference: a relative path with each
// segment percent-encoded, or a file: URI for an absolute path.
func sarifURI(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	segs := strings.Split(name, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	u := strings.Join(segs, "/")
	if strings.HasPrefix(name, "/") {
		return "file://" + u
	}
	return strings.TrimPrefix(u, "./")
}
