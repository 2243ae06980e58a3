package plan

import "regexp"

// RuleInfo is a kind of problem validate reports: a stable id (the SARIF
// rule id, the "rule" of validate --format json) and what it covers.
type RuleInfo struct {
	ID          string
	Description string
}

// Rules lists every kind of problem, in the order Rule tries them; the last
// one, "format", is what a problem none of the others names falls under.
var Rules = []RuleInfo{
	{"yaml-syntax", "The file is not valid YAML."},
	{"yaml-anchor", "YAML anchors and aliases are not allowed in plan files."},
	{"encoding", "The file is not UTF-8 text: invalid bytes, binary data or control characters."},
	{"document", "The file is empty or holds more than one YAML document."},
	{"limit", "The file, a line or the nesting is over a size limit."},
	{"duplicate-key", "A key appears twice in one mapping."},
	{"unknown-key", "A key the plan format does not define."},
	{"missing-key", "A required key, or a clause's text, is missing."},
	{"wrong-type", "A value has the wrong type (a list where a string belongs, say)."},
	{"duplicate-id", "An id (clause, source, version, variant reading) is used twice, or a source is cited twice."},
	{"id-syntax", "An id is not a valid slug."},
	{"date", "A date is not a real YYYY-MM-DD date."},
	{"source-ref", "A clause cites a source the version does not list."},
	{"derives-from", "A derives_from link is malformed, dangling or cyclic."},
	{"supersedes", "A supersedes link is malformed, dangling or cyclic."},
	{"topic", "A topic is not a valid or known topic."},
	{"variants", "Variant readings of a clause are inconsistent."},
	{"removed-entry", "A removed: true entry carries what only a stated clause may."},
	{"internal", "plandiff failed on the file: please report it."},
	{"format", "Any other departure from the plan format."},
}

// rulePatterns match problem messages to rule ids, tried in order.
var rulePatterns = []struct {
	re   *regexp.Regexp
	rule string
}{
	{regexp.MustCompile(`^internal error`), "internal"},
	{regexp.MustCompile(`^YAML syntax`), "yaml-syntax"},
	{regexp.MustCompile(`\banchors?\b.*\baliases\b|\balias\b`), "yaml-anchor"},
	{regexp.MustCompile(`invalid UTF-8|binary data|control character|byte order mark`), "encoding"},
	{regexp.MustCompile(`^file is empty|YAML document`), "document"},
	{regexp.MustCompile(`over the limit|nest(ed|ing)`), "limit"},
	{regexp.MustCompile(`^duplicate key`), "duplicate-key"},
	{regexp.MustCompile(`^unknown key`), "unknown-key"},
	{regexp.MustCompile(`missing required key|has no text`), "missing-key"},
	{regexp.MustCompile(`must be an? [a-z ]+, not an? `), "wrong-type"},
	{regexp.MustCompile(`^duplicate (clause|source) id|listed twice|cited twice|is also used by`), "duplicate-id"},
	{regexp.MustCompile(`^derives_from`), "derives-from"},
	{regexp.MustCompile(`supersedes`), "supersedes"},
	{regexp.MustCompile(`\btopic\b`), "topic"},
	{regexp.MustCompile(`must be letters|must be a slug`), "id-syntax"},
	{regexp.MustCompile(`real date|YYYY-MM-DD`), "date"},
	{regexp.MustCompile(`not listed in version\.sources`), "source-ref"},
	{regexp.MustCompile(`\bvariants?\b`), "variants"},
	{regexp.MustCompile(`^removed clause`), "removed-entry"},
}

// Rule is the id of the kind of problem e is (see Rules).
func (e *Error) Rule() string {
	for _, p := range rulePatterns {
		if p.re.MatchString(e.Msg) {
			return p.rule
		}
	}
	return "format"
}
