package plan

import (
	"path"
	"regexp"
	"strings"
)

// planKeyRE finds a top-level `plandiff:` key: at the start of a line (after a
// byte-order mark on the first), plain or quoted, in block style.
var planKeyRE = regexp.MustCompile(`(?m)^(?:\x{FEFF})?(?:plandiff|"plandiff"|'plandiff')[ \t]*:`)

// LooksLikePlan reports whether data looks like a plan file: YAML with a
// top-level `plandiff:` key in block style. It does not parse: a file that
// looks like a plan may still fail to load, which is the point of checking
// it. Commands that pick plan files out of a repository (plandiff changed)
// use it to leave other YAML alone.
func LooksLikePlan(data []byte) bool {
	return planKeyRE.Match(data)
}

// IsPlanFileName reports whether name (a path, '/' or OS separators) has a
// plan file's extension, .yaml or .yml, and is not a corpus's topics or
// events file.
func IsPlanFileName(name string) bool {
	base := baseName(name)
	return (strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml")) && base != TopicsFile && base != EventsFile
}

// baseName is the last element of a path written with '/' or '\'.
func baseName(name string) string { return path.Base(strings.ReplaceAll(name, `\`, "/")) }
