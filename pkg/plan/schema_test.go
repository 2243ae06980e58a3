package plan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// TestSchemaAgreesWithLoader runs the JSON Schema that editors use and the
// loader over the same examples: both must accept every file in
// testdata/schema/valid and both must reject every file in
// testdata/schema/invalid. The invalid examples are limited to what a schema
// can express; cross-reference rules are covered by the loader's own tests.
func TestSchemaAgreesWithLoader(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile("../../schema/plan.schema.json")
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	for _, dir := range []string{"valid", "invalid"} {
		files, _ := filepath.Glob(filepath.Join("testdata", "schema", dir, "*.yaml"))
		if len(files) == 0 {
			t.Fatalf("no examples in testdata/schema/%s", dir)
		}
		for _, f := range files {
			t.Run(dir+"/"+filepath.Base(f), func(t *testing.T) {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				_, loadErr := Parse(context.Background(), f, data, Options{})
				schemaErr := validateSchema(sch, data)
				if dir == "valid" {
					if loadErr != nil {
						t.Errorf("loader rejects a valid example:\n%v", loadErr.(ErrorList).Lines())
					}
					if schemaErr != nil {
						t.Errorf("schema rejects a valid example: %v", schemaErr)
					}
					return
				}
				if loadErr == nil {
					t.Errorf("loader accepts an invalid example")
				}
				if schemaErr == nil {
					t.Errorf("schema accepts an invalid example")
				}
			})
		}
	}
}

// TestCorpusMatchesSchema checks the embedded plans against the schema too.
func TestCorpusMatchesSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile("../../schema/plan.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	events := compileEventsSchema(t)
	files, _ := filepath.Glob("../../plans/*.yaml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := sch
		if filepath.Base(f) == EventsFile {
			s = events
		}
		if err := validateSchema(s, data); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// compileEventsSchema compiles schema/events.schema.json, which takes the
// source definition from plan.schema.json by its $id.
func compileEventsSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	f, err := os.Open("../../schema/plan.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("https://github.com/plandiff/plandiff/schema/plan.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("../../schema/events.schema.json")
	if err != nil {
		t.Fatalf("compile events schema: %v", err)
	}
	return sch
}

// TestEventsSchemaAgreesWithLoader is TestSchemaAgreesWithLoader for events
// files (testdata/schema-events).
func TestEventsSchemaAgreesWithLoader(t *testing.T) {
	sch := compileEventsSchema(t)
	for _, dir := range []string{"valid", "invalid"} {
		files, _ := filepath.Glob(filepath.Join("testdata", "schema-events", dir, "*.yaml"))
		if len(files) == 0 {
			t.Fatalf("no examples in testdata/schema-events/%s", dir)
		}
		for _, f := range files {
			t.Run(dir+"/"+filepath.Base(f), func(t *testing.T) {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				_, loadErr := ParseTimeline(context.Background(), f, data, Options{})
				schemaErr := validateSchema(sch, data)
				if dir == "valid" {
					if loadErr != nil {
						t.Errorf("loader rejects a valid example:\n%v", loadErr.(ErrorList).Lines())
					}
					if schemaErr != nil {
						t.Errorf("schema rejects a valid example: %v", schemaErr)
					}
					return
				}
				if loadErr == nil {
					t.Errorf("loader accepts an invalid example")
				}
				if schemaErr == nil {
					t.Errorf("schema accepts an invalid example")
				}
			})
		}
	}
}

func validateSchema(sch *jsonschema.Schema, data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return err
	}
	if len(doc.Content) == 0 {
		return os.ErrInvalid
	}
	return sch.Validate(toJSON(doc.Content[0]))
}

// toJSON converts a YAML node to the value a JSON parser would give for the
// same document, keeping dates as strings (as editors' YAML servers do).
func toJSON(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = toJSON(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			s = append(s, toJSON(c))
		}
		return s
	case yaml.AliasNode:
		return toJSON(n.Alias)
	}
	switch n.Tag {
	case "!!int", "!!float":
		var v float64
		if err := n.Decode(&v); err == nil {
			return v
		}
	case "!!bool":
		return strings.EqualFold(n.Value, "true")
	case "!!null":
		return nil
	}
	return n.Value
}
