package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/invopop/jsonschema"
	sjs "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/plandiff/plandiff/pkg/render"
	evolution "github.com/plandiff/plandiff/pkg/report"
)

// schemaDir holds the JSON Schemas of the commands' JSON output.
const schemaDir = "../../schema"

// Documents as the commands print them: the schema name first, then the
// body (render.JSONEnvelope).
type (
	listDoc struct {
		Schema string `json:"schema"`
		listJSON
	}
	listEventsDoc struct {
		Schema string `json:"schema"`
		eventsJSON
	}
	validateDoc struct {
		Schema string `json:"schema"`
		render.ValidateJSONReport
	}
	variantsDoc struct {
		Schema string `json:"schema"`
		evolution.Variants
	}
)

// jsonSchemas are the JSON outputs with a schema in schema/: the Go type
// it is generated from and command lines whose output must match it.
var jsonSchemas = []struct {
	name, file string
	v          any
	runs       [][]string
}{
	{render.SchemaList, "list.schema.json", &listDoc{}, [][]string{{"list", "--format", "json"}}},
	{render.SchemaListEvents, "list-events.schema.json", &listEventsDoc{}, [][]string{{"list", "--events", "--format", "json"}}},
	{render.SchemaValidate, "validate.schema.json", &validateDoc{}, [][]string{
		{"validate", "--format", "json"},
		{"validate", "--format", "json", "../../testdata/broken/unknown-key.yaml", "../../testdata/broken/wrong-types.yaml"},
	}},
	{evolution.AnnotateSchema, "annotate.schema.json", &evolution.Annotation{}, [][]string{
		{"annotate", "--format", "json", "framework-20"},
		{"annotate", "--format", "json", "--topic", "territory", "eu-counterproposal"},
	}},
	{evolution.HistorySchema, "history.schema.json", &evolution.History{}, [][]string{
		{"history", "--format", "json", "armed-forces-size"},
		{"history", "--format", "json", "--topic", "elections"},
	}},
	{evolution.VariantsSchema, "variants.schema.json", &variantsDoc{}, [][]string{
		{"variants", "--format", "json"},
		{"variants", "--format", "json", "framework-20"},
	}},
	{evolution.Schema, "report.schema.json", &evolution.Report{}, [][]string{
		{"report", "--format", "json"},
		{"report", "--format", "json", "us-28-draft", "framework-20"},
	}},
}

// genSchema is the JSON Schema of v's JSON: generated from the Go type, so
// that it cannot drift from it, with "schema" fixed to the name. Objects
// allow keys the schema does not list: a new key is an optional extension
// of a format (docs/formats.md), not a new version.
func genSchema(name, file string, v any) ([]byte, error) {
	r := jsonschema.Reflector{AllowAdditionalProperties: true, ExpandedStruct: true}
	s := r.Reflect(v)
	s.ID = jsonschema.ID("https://github.com/plandiff/plandiff/schema/" + file)
	s.Title = name
	// "plandiff/list-events/v1" is the JSON of `plandiff list --events`.
	command := strings.Replace(strings.Split(name, "/")[1], "-", " --", 1)
	s.Description = "The JSON of `plandiff " + command + " --format json` (docs/formats.md)."
	s.Properties.Set("schema", &jsonschema.Schema{Type: "string", Const: name})
	if !strings.Contains(strings.Join(s.Required, ","), "schema") {
		s.Required = append([]string{"schema"}, s.Required...)
	}
	out, err := json.MarshalIndent(s, "", "  ")
	return append(out, '\n'), err
}

// TestJSONSchemas: schema/*.schema.json are what the Go types generate
// (make docs rewrites them), and the commands' JSON matches them.
func TestJSONSchemas(t *testing.T) {
	for _, js := range jsonSchemas {
		t.Run(js.file, func(t *testing.T) {
			want, err := genSchema(js.name, js.file, js.v)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(schemaDir, js.file)
			have, _ := os.ReadFile(path)
			if *updateDocs && !bytes.Equal(have, want) {
				if err := os.WriteFile(path, want, 0o644); err != nil {
					t.Fatal(err)
				}
				have = want
			}
			if !bytes.Equal(have, want) {
				t.Fatalf("schema/%s is stale: run make docs", js.file)
			}
			c := sjs.NewCompiler()
			sch, err := c.Compile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, args := range js.runs {
				code, out, errs := runIn(".", args...)
				if code > 1 {
					t.Fatalf("plandiff %v: exit %d: %s", args, code, errs)
				}
				doc, err := sjs.UnmarshalJSON(strings.NewReader(out))
				if err != nil {
					t.Fatalf("plandiff %v: %v", args, err)
				}
				if err := sch.Validate(doc); err != nil {
					t.Errorf("plandiff %v does not match schema/%s: %v", args, js.file, err)
				}
				// The schema says something: the output with another
				// schema name, or without its first array, fails it.
				m := doc.(map[string]any)
				m["schema"] = "plandiff/other/v9"
				if sch.Validate(m) == nil {
					t.Errorf("schema/%s accepts any schema name", js.file)
				}
			}
		})
	}
}
