package plan

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Encode writes p as a plan file, keys in the format's order, two-space
// indents, defaults filled in. Parse(Encode(p)) gives back the same plan.
// The characters IsHiddenControl reports are written as escapes, never as
// they are.
func Encode(w io.Writer, p *Plan) error {
	return encode(w, &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{planNode(p)}})
}

// EncodeClause writes one clause (with its sub-points) as YAML, as Encode
// does.
func EncodeClause(w io.Writer, c *Clause) error {
	return encode(w, clauseNode(c))
}

// encode writes n. yaml.v3 writes characters such as U+202E as they are,
// even in double quotes (YAML counts them printable): every string holding
// one is double-quoted (str), and they are escaped in the output, where
// they can be nowhere else.
func encode(w io.Writer, n *yaml.Node) error {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := w.Write(EscapeHidden(b.Bytes(), func(r rune) string { return fmt.Sprintf(`\u%04x`, r) }))
	return err
}

// IsHiddenControl reports the characters that output escapes wherever it
// can (JSON, YAML) and a terminal never gets: DEL and the C1 controls (NEL,
// the 8-bit CSI...), the line and paragraph separators, and the
// bidirectional embeddings, overrides and isolates that reorder what is
// shown ("Trojan Source").
func IsHiddenControl(r rune) bool {
	return r >= 0x7f && r < 0xa0 || r == 0x2028 || r == 0x2029 ||
		r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// EscapeHidden returns b with every character IsHiddenControl reports
// replaced by escape(r); b itself when there is none.
func EscapeHidden(b []byte, escape func(rune) string) []byte {
	var out []byte
	start := 0
	for i := 0; i < len(b); {
		if b[i] < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if IsHiddenControl(r) {
			out = append(out, b[start:i]...)
			out = append(out, escape(r)...)
			start = i + size
		}
		i += size
	}
	if out == nil {
		return b
	}
	return append(out, b[start:]...)
}

// str is a string scalar, double-quoted when it holds a character that
// must be escaped (see encode).
func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if s == "<<" {
		// yaml.v3 writes it plain, where it reads back as a merge key
		// (FuzzImport found it).
		n.Style = yaml.DoubleQuotedStyle
		return n
	}
	for _, r := range s {
		if IsHiddenControl(r) {
			n.Style = yaml.DoubleQuotedStyle
			break
		}
	}
	return n
}

func planNode(p *Plan) *yaml.Node {
	m := mapping()
	addInt(m, "plandiff", FormatVersion)
	v := mapping()
	addStr(v, "id", p.Version.ID)
	addStr(v, "title", p.Version.Title)
	addStr(v, "short", p.Version.Short)
	addStr(v, "surfaced", p.Version.Surfaced)
	addStr(v, "status", p.Version.Status)
	addStr(v, "completeness", p.Version.Completeness)
	addStr(v, "subclauses", p.Version.Subclauses)
	addList(v, "proposed_by", p.Version.ProposedBy)
	addList(v, "supersedes", p.Version.Supersedes)
	addStr(v, "note", p.Version.Note)
	srcs := &yaml.Node{Kind: yaml.SequenceNode}
	for _, s := range p.Version.Sources {
		sm := mapping()
		addStr(sm, "id", s.ID)
		addStr(sm, "outlet", s.Outlet)
		addStr(sm, "date", s.Date)
		addStr(sm, "url", s.URL)
		addStr(sm, "covers", s.Covers)
		addStr(sm, "note", s.Note)
		srcs.Content = append(srcs.Content, sm)
	}
	add(v, "sources", srcs)
	add(m, "version", v)
	add(m, "clauses", clausesNode(p.Clauses))
	return m
}

func clausesNode(cs []*Clause) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, c := range cs {
		seq.Content = append(seq.Content, clauseNode(c))
	}
	return seq
}

func clauseNode(c *Clause) *yaml.Node {
	m := mapping()
	addStr(m, "id", c.ID)
	addStr(m, "number", c.Number)
	addStr(m, "topic", c.Topic)
	addStr(m, "text", c.Text)
	if c.Removed {
		add(m, "removed", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	addStr(m, "status", c.Status)
	addList(m, "proposed_by", c.ProposedBy)
	addFlowList(m, "sources", c.Sources)
	addStr(m, "confidence", c.Confidence)
	addList(m, "derives_from", c.DerivesFrom)
	addStr(m, "note", c.Note)
	addStr(m, "subclauses", c.Subclauses)
	if len(c.Variants) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, v := range c.Variants {
			vm := mapping()
			addStr(vm, "reading", v.Reading)
			addFlowList(vm, "sources", v.Sources)
			if v.Followed {
				add(vm, "followed", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
			}
			seq.Content = append(seq.Content, vm)
		}
		add(m, "variants", seq)
	}
	if len(c.Clauses) > 0 {
		add(m, "clauses", clausesNode(c.Clauses))
	}
	return m
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

// addStr adds a string, always tagged !!str so that values such as "1.10",
// "yes" or "2025-11-20" are quoted where they would otherwise read as
// numbers, booleans or dates.
func addStr(m *yaml.Node, key, val string) {
	if val == "" {
		return
	}
	add(m, key, str(val))
}

func addInt(m *yaml.Node, key string, val int) {
	add(m, key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(val)})
}

func addList(m *yaml.Node, key string, vals []string) {
	if len(vals) == 0 {
		return
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, v := range vals {
		seq.Content = append(seq.Content, str(v))
	}
	add(m, key, seq)
}

func addFlowList(m *yaml.Node, key string, vals []string) {
	addList(m, key, vals)
	if len(vals) > 0 {
		m.Content[len(m.Content)-1].Style = yaml.FlowStyle
	}
}
