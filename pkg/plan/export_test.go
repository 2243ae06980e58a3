package plan

import (
	"context"

	"gopkg.in/yaml.v3"
)

// The external tests (package plan_test) use internal/synth, which imports
// this package; these give them the fast YAML path, and Parse without it.

func FastYAML(data []byte) (*yaml.Node, bool) {
	doc, _ := fastParse(context.Background(), data, 1<<40)
	return doc, doc != nil
}

// NodeBound is nodeBound: the line by which data could hold more than
// budget YAML nodes, or 0.
func NodeBound(data []byte, budget int) int { return nodeBound(data, budget) }

func FastYAMLLine(data []byte) (*yaml.Node, int) { return fastParse(context.Background(), data, 1<<40) }
