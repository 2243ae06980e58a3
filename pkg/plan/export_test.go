package plan

import (
	"context"

	"gopkg.in/yaml.v3"
)

// The external tests (package plan_test) use internal/synth, which imports
// this package; these give them the fast YAML path, and Parse without it.

func FastYAML(data []byte) (*yaml.Node, bool) { return fastParse(data) }

func ParseYAMLOnly(ctx context.Context, name string, data []byte, opts Options) (*Plan, error) {
	return parse(ctx, name, data, opts, false)
}

func FastYAMLLine(data []byte) (*yaml.Node, int) { return fastParseLine(data) }
