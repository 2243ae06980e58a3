// Package plans embeds the corpus: one YAML file per reported version of the
// 2025 US-led Russia-Ukraine peace plan. It is the default corpus of every
// plandiff command.
package plans

import "embed"

// FS holds the plan files at its root (and topics.yaml, if the corpus adds
// topics).
//
//go:embed *.yaml
var FS embed.FS
