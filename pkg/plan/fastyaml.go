package plan

import (
	"context"
	"encoding/binary"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// fastParse parses the simple subset of YAML that plan files use into the
// node tree yaml.v3's Decoder builds for them (comments are left out: nothing
// reads them), several times faster. It declines, returning nil and the
// number of the line it was on (0 for the characters check), whenever the
// input steps outside the subset or anything is in doubt; the caller then
// uses yaml.v3, so every error message stays the YAML library's own. When
// the tree would hold more than maxNodes nodes it stops, and returns nil and
// minus the number of the line. It looks at ctx every thousand nodes
// and stops as soon as it is done (returning nil and 0; the caller checks
// ctx), so that a cancelled run does not wait for a large file's tree.
//
// The subset: block mappings with plain keys ([A-Za-z_][A-Za-z0-9_-]*);
// block sequences (indented, indentless, or of compact "- key: value"
// mappings); single-line plain, single-quoted and double-quoted scalars;
// one-line flow sequences of scalars and flow mappings, and flow mappings of
// scalars; literal and folded block scalars with clip or strip chomping and
// no more-indented lines (folded) or leading blank lines; empty values;
// comments and blank lines. Declined: anchors, aliases, tags, directives,
// document markers, complex keys, multi-line plain, quoted and flow scalars,
// deeper flow nesting, tabs, and characters yaml.v3 treats specially (CR
// but in CRLF, NEL, LS, PS, BOM) or rejects.
func fastParse(ctx context.Context, data []byte, maxNodes int) (*yaml.Node, int) {
	doc, _, line := fastParseStream(ctx, data, maxNodes, nil)
	return doc, line
}

// fastParseStream is fastParse handing each item of the top mapping's
// clauses list to item as soon as it is parsed, instead of keeping it in the
// tree: the list (seq, returned when there was one) is left empty, and the
// item's nodes are reused for the next one, so item must not keep them. A
// plan's tree is then a few clauses big instead of hundreds of bytes per
// clause of garbage, which on a large file cost more in page faults on fresh
// memory and in collection than the parse itself. Only the first clauses key
// of the top mapping is handed over, as the walker reads only that one. When
// the parse then declines or fails, whatever item made of the items is to be
// thrown away: the input is parsed again, whole, by yaml.v3.
func fastParseStream(ctx context.Context, data []byte, maxNodes int, item func(*yaml.Node)) (doc, seq *yaml.Node, line int) {
	p := &fastParser{maxNodes: maxNodes, ctx: ctx, item: item}
	doc, line = p.parse(data)
	switch {
	case p.stopped:
		return nil, nil, 0
	case p.over:
		return nil, nil, -p.num
	case doc == nil:
		return nil, nil, line
	}
	return doc, p.seq, line
}

func (p *fastParser) parse(data []byte) (*yaml.Node, int) {
	if !fastChars(data) {
		return nil, 0
	}
	p.src, p.num, p.colLine = copyString(data), 1, -1
	p.load(0)
	p.skip()
	if p.eof {
		return nil, p.num // yaml.v3 reports an empty document
	}
	root, ok := p.block()
	if !ok || !p.eof {
		return nil, p.num
	}
	doc := p.node(yaml.DocumentNode, 0, "", "", root.Line, root.Column)
	doc.Content = []*yaml.Node{root}
	return doc, 0
}

// copyString is string(data), copied in pieces of 64 KB, each by a call the
// scheduler can interrupt before (copyPiece is never inlined): one copy of a
// large file, which first touches every page, cannot be interrupted, and a
// collection that starts meanwhile (the first large allocation of a run
// starts one) spins on the other core until it ends, or holds that core in
// its stop-the-world (see ReadLimited).
func copyString(data []byte) string {
	const piece = 64 << 10
	if len(data) <= piece {
		return string(data)
	}
	var b strings.Builder
	b.Grow(len(data))
	for i := 0; i < len(data); i += piece {
		copyPiece(&b, data[i:min(i+piece, len(data))])
	}
	return b.String()
}

//go:noinline
func copyPiece(b *strings.Builder, p []byte) { b.Write(p) }

// fastChars reports whether data holds only characters the fast parser
// handles: printable UTF-8, LF and CRLF, without the other characters yaml.v3
// reads as line breaks (CR, NEL, LS, PS), the byte-order mark, or what it
// rejects.
func fastChars(data []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(data); {
		if i+8 <= len(data) {
			// Skip eight bytes at a time while none is below ' ', DEL or
			// non-ASCII: the bit tricks flag a byte below n, or a zero byte.
			x := binary.LittleEndian.Uint64(data[i:])
			y := x ^ ones*0x7f
			if (x-ones*' ')&^x&highs|x&highs|(y-ones)&^y&highs == 0 {
				i += 8
				continue
			}
		}
		c := data[i]
		if c < utf8.RuneSelf {
			crlf := c == '\r' && i+1 < len(data) && data[i+1] == '\n'
			if c < ' ' && c != '\n' && !crlf || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1, r <= 0x9f, r == 0x2028, r == 0x2029, r == 0xfeff, r == 0xfffe, r == 0xffff:
			return false
		}
		i += size
	}
	return true
}

// fastMaxDepth bounds the nesting of block collections; deeper input goes to
// yaml.v3 (and to the walker's MaxDepth check).
const fastMaxDepth = 64

type fastParser struct {
	src string
	// The current line is src[start:end], without its line break, numbered
	// num from 1, with indent leading spaces; the next one starts at next
	// (past the end of src if this one has no line break).
	start, end, next, indent, num int
	eof                           bool
	depth                         int
	// Rune column cache for the current line: offset colOff is at colN.
	colLine, colOff, colN int

	nodes []yaml.Node  // slab the nodes are cut from
	used  int          // nodes of the slab taken
	made  int          // nodes made so far, to size the next slab
	ptrs  []*yaml.Node // slab the Content slices are cut from
	// slabs and ptrSlabs count the slabs made, so that a streamed item's
	// nodes are given back only to the slab they came from (release).
	slabs, ptrSlabs int
	kids            []*yaml.Node // children of the open collections, innermost last
	buf             []byte       // scratch for scalars that need unescaping or folding

	// maxNodes bounds made; over says it was passed, and every loop then
	// stops (one line's nodes at most are made beyond it).
	maxNodes int
	over     bool
	// ctx is looked at with each new slab of nodes; stopped says it was
	// done, and over is set too so that every loop stops.
	ctx     context.Context
	stopped bool

	// item, when set, takes the items of the top mapping's first clauses
	// list (fastParseStream); stream tells the next block sequence that it
	// is that list, and seq is the list once met.
	item   func(*yaml.Node)
	stream bool
	seq    *yaml.Node
	keyed  bool // the top mapping's clauses key was met
}

// slabMark is where the slabs stood before a streamed item.
type slabMark struct {
	slabs, used, ptrSlabs int
	ptrs                  []*yaml.Node
}

func (p *fastParser) mark() slabMark {
	return slabMark{p.slabs, p.used, p.ptrSlabs, p.ptrs}
}

// release gives the nodes and Content slots taken since m back to the slabs
// for reuse, as far as they came from the slabs current then.
func (p *fastParser) release(m slabMark) {
	if p.slabs == m.slabs {
		p.used = m.used
	}
	if p.ptrSlabs == m.ptrSlabs {
		p.ptrs = m.ptrs
	}
}

// load makes the line that starts at offset i current.
func (p *fastParser) load(i int) {
	if i >= len(p.src) {
		p.start, p.end, p.next, p.indent, p.eof = len(p.src), len(p.src), len(p.src)+1, 0, true
		return
	}
	p.start = i
	if j := strings.IndexByte(p.src[i:], '\n'); j >= 0 {
		p.end, p.next = i+j, i+j+1
		if p.end > i && p.src[p.end-1] == '\r' {
			p.end-- // CRLF; fastChars let no other CR through
		}
	} else {
		p.end, p.next = len(p.src), len(p.src)+1
	}
	n := i
	for n < p.end && p.src[n] == ' ' {
		n++
	}
	p.indent = n - i
}

func (p *fastParser) nextLine() {
	p.num++
	p.load(p.next)
}

// skip moves past blank and comment lines to the next content line.
func (p *fastParser) skip() {
	for !p.eof && (p.start+p.indent == p.end || p.src[p.start+p.indent] == '#') {
		p.nextLine()
	}
}

// blank reports whether the current line holds only spaces.
func (p *fastParser) blank() bool { return p.start+p.indent == p.end }

// col is the 1-based column of offset i on the current line. yaml.v3 counts
// columns in characters, not bytes.
func (p *fastParser) col(i int) int {
	if p.colLine != p.start || i < p.colOff {
		p.colLine, p.colOff, p.colN = p.start, p.start, 1
	}
	p.colN += utf8.RuneCountInString(p.src[p.colOff:i])
	p.colOff = i
	return p.colN
}

func (p *fastParser) node(kind yaml.Kind, style yaml.Style, tag, value string, line, col int) *yaml.Node {
	if p.used == len(p.nodes) {
		p.nodes, p.used = make([]yaml.Node, min(max(p.made, 32), 4096)), 0
		p.slabs++
	}
	n := &p.nodes[p.used]
	p.used++
	if p.made++; p.made > p.maxNodes {
		p.over = true
	}
	// Streamed items reuse the slab, so the context is looked at every
	// thousand nodes rather than with each new slab.
	if p.made%1024 == 0 && p.ctx.Err() != nil {
		p.stopped, p.over = true, true
	}
	*n = yaml.Node{Kind: kind, Style: style, Tag: tag, Value: value, Line: line, Column: col}
	return n
}

// content pops the children collected since from into a Content slice.
func (p *fastParser) content(from int) []*yaml.Node {
	k := p.kids[from:]
	if len(k) == 0 {
		return nil // as yaml.v3 leaves an empty collection
	}
	if len(p.ptrs) < len(k) {
		p.ptrs = make([]*yaml.Node, max(len(k), min(p.made, 8192)))
		p.ptrSlabs++
	}
	c := p.ptrs[:len(k):len(k)]
	p.ptrs = p.ptrs[len(k):]
	copy(c, k)
	clear(k)
	p.kids = p.kids[:from]
	return c
}

// block parses the block mapping or sequence on the current line.
func (p *fastParser) block() (*yaml.Node, bool) {
	at := p.start + p.indent
	if isEntry(p.src, at, p.end) {
		return p.sequence(p.indent)
	}
	if keyLen(p.src, at, p.end) > 0 {
		return p.mapping(p.indent, at)
	}
	return nil, false
}

// isEntry reports whether a block sequence entry ("- " or a lone "-")
// starts at offset i of a line ending at end.
func isEntry(s string, i, end int) bool {
	return i < end && s[i] == '-' && (i+1 == end || s[i+1] == ' ')
}

// keyLen is the length of the plain key followed by ": " (or ':' at the end
// of the line) at offset i, or 0 if there is none. Keys are kept short: yaml.v3
// limits an implicit key to 1024 characters.
func keyLen(s string, i, end int) int {
	j := i
	for j < end && j-i < 256 && isKeyByte(s[j], j == i) {
		j++
	}
	if j == i || j >= end || s[j] != ':' || (j+1 < end && s[j+1] != ' ') {
		return 0
	}
	return j - i
}

func isKeyByte(c byte, first bool) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_':
		return true
	case '0' <= c && c <= '9', c == '-':
		return !first
	}
	return false
}

func skipSpaces(s string, i, end int) int {
	for i < end && s[i] == ' ' {
		i++
	}
	return i
}

// restIsComment reports whether the current line from offset i holds only
// spaces, or spaces and then a comment.
func (p *fastParser) restIsComment(i int) bool {
	j := skipSpaces(p.src, i, p.end)
	return j == p.end || (j > i && p.src[j] == '#')
}

// mapping parses a block mapping whose keys are at indentation col, the
// first one at offset at of the current line.
func (p *fastParser) mapping(col, at int) (*yaml.Node, bool) {
	if p.depth >= fastMaxDepth {
		return nil, false
	}
	p.depth++
	defer func() { p.depth-- }()
	p.stream = false
	m := p.node(yaml.MappingNode, 0, "!!map", "", p.num, p.col(at))
	base := len(p.kids)
	for {
		if p.over {
			return nil, false
		}
		k := keyLen(p.src, at, p.end)
		if k == 0 {
			return nil, false
		}
		key := p.src[at : at+k]
		p.kids = append(p.kids, p.node(yaml.ScalarNode, 0, plainTag(key), key, p.num, p.col(at)))
		if p.item != nil && p.depth == 1 && key == "clauses" && !p.keyed {
			p.keyed, p.stream = true, true
		}
		v, ok := p.value(col, at+k+1)
		p.stream = false
		if !ok {
			return nil, false
		}
		p.kids = append(p.kids, v)
		// value left the cursor on the next content line.
		if p.eof || p.indent < col {
			break
		}
		if p.indent > col {
			return nil, false
		}
		at = p.start + col
	}
	m.Content = p.content(base)
	return m, true
}

// value parses the value of a key of a mapping at indentation col; i is just
// after the key's ':'. It leaves the cursor on the next content line.
func (p *fastParser) value(col, i int) (*yaml.Node, bool) {
	line, after := p.num, p.col(i)
	j := skipSpaces(p.src, i, p.end)
	if j == p.end || p.src[j] == '#' {
		// The value is on the lines below, or empty.
		p.nextLine()
		p.skip()
		switch {
		case !p.eof && p.indent > col:
			return p.block()
		case !p.eof && p.indent == col && isEntry(p.src, p.start+col, p.end):
			return p.sequence(col) // an indentless sequence
		}
		return p.node(yaml.ScalarNode, 0, "!!null", "", line, after), true
	}
	if c := p.src[j]; c == '|' || c == '>' {
		return p.blockScalar(col, j)
	}
	return p.inlineValue(col, j)
}

// inlineValue parses a scalar or flow collection at offset i that must end
// its line, in a collection at indentation col, and moves to the next content
// line, which must not be indented more than col (or it would continue a
// multi-line scalar, or be an error).
func (p *fastParser) inlineValue(col, i int) (*yaml.Node, bool) {
	var n *yaml.Node
	var ok bool
	switch p.src[i] {
	case '[':
		n, i, ok = p.flowSequence(i)
	case '{':
		n, i, ok = p.flowMapping(i)
	case '"', '\'':
		n, i, ok = p.quoted(i)
	default:
		n, i, ok = p.plain(i, false)
	}
	if !ok || !p.restIsComment(i) {
		return nil, false
	}
	p.nextLine()
	p.skip()
	if !p.eof && p.indent > col {
		return nil, false
	}
	return n, true
}

// sequence parses a block sequence whose "-" entries are at indentation col.
func (p *fastParser) sequence(col int) (*yaml.Node, bool) {
	if p.depth >= fastMaxDepth {
		return nil, false
	}
	p.depth++
	defer func() { p.depth-- }()
	stream := p.stream
	p.stream = false
	s := p.node(yaml.SequenceNode, 0, "!!seq", "", p.num, p.col(p.start+col))
	if stream {
		p.seq = s
	}
	base := len(p.kids)
	for {
		if p.over {
			return nil, false
		}
		m := p.mark()
		i := p.start + col + 1
		j := skipSpaces(p.src, i, p.end)
		var item *yaml.Node
		ok := true
		switch {
		case j == p.end || p.src[j] == '#':
			// The entry is on the lines below, or empty.
			line, after := p.num, p.col(i)
			p.nextLine()
			p.skip()
			if !p.eof && p.indent > col {
				item, ok = p.block()
			} else {
				item = p.node(yaml.ScalarNode, 0, "!!null", "", line, after)
			}
		case isEntry(p.src, j, p.end), p.src[j] == '|', p.src[j] == '>':
			return nil, false // "- - x" and "- |" are left to yaml.v3
		case keyLen(p.src, j, p.end) > 0:
			item, ok = p.mapping(j-p.start, j)
		default:
			item, ok = p.inlineValue(col, j)
		}
		if !ok {
			return nil, false
		}
		if stream {
			p.item(item)
			p.release(m)
		} else {
			p.kids = append(p.kids, item)
		}
		if p.eof || p.indent < col {
			break
		}
		if p.indent > col {
			return nil, false
		}
		if !isEntry(p.src, p.start+col, p.end) {
			break // the mapping this indentless sequence is a value of goes on
		}
	}
	s.Content = p.content(base)
	return s, true
}

// blockScalar parses a literal (|) or folded (>) scalar whose indicator is
// at offset i, the value of a key in a mapping at indentation col. Only clip
// and strip chomping, no indentation indicator, no leading blank lines, and
// for folded scalars no more-indented lines: their folding rules are subtle.
func (p *fastParser) blockScalar(col, i int) (*yaml.Node, bool) {
	literal := p.src[i] == '|'
	line, column := p.num, p.col(i)
	j := i + 1
	strip := j < p.end && p.src[j] == '-'
	if strip {
		j++
	}
	if !p.restIsComment(j) {
		return nil, false
	}
	p.nextLine()
	if p.eof || p.blank() || p.indent <= col {
		return nil, false
	}
	ind := p.indent
	b := p.buf[:0]
	lines, breaks := 0, 0
	var first string
	endsInBreak := false
	for !p.eof {
		if p.blank() && p.end-p.start <= ind {
			breaks++
			p.nextLine()
			continue
		}
		if p.indent < ind && !p.blank() {
			break
		}
		if !literal && (p.indent > ind || p.blank()) {
			return nil, false
		}
		text := p.src[p.start+ind : p.end]
		switch {
		case lines == 0:
			first = text
		case lines == 1:
			b = append(b, first...)
			fallthrough
		default:
			switch {
			case literal:
				b = append(b, '\n')
				for range breaks {
					b = append(b, '\n')
				}
			case breaks == 0:
				b = append(b, ' ')
			default:
				for range breaks {
					b = append(b, '\n')
				}
			}
			b = append(b, text...)
		}
		lines++
		breaks = 0
		endsInBreak = p.next <= len(p.src)
		p.nextLine()
	}
	value := first
	if lines > 1 || (!strip && endsInBreak) {
		if lines == 1 {
			b = append(b, first...)
		}
		if !strip && endsInBreak {
			b = append(b, '\n')
		}
		value = string(b)
	}
	p.buf = b
	style := yaml.FoldedStyle
	if literal {
		style = yaml.LiteralStyle
	}
	n := p.node(yaml.ScalarNode, style, "!!str", value, line, column)
	p.skip()
	if !p.eof && p.indent > col {
		return nil, false
	}
	return n, true
}

// plain parses a single-line plain scalar at offset i, in a flow collection
// or not, and returns the offset after it.
func (p *fastParser) plain(i int, flow bool) (*yaml.Node, int, bool) {
	s, end := p.src, p.end
	switch s[i] {
	case '-', '?', ':':
		// These start a plain scalar only before a non-space character, and
		// in a flow collection only '-' does.
		if i+1 == end || s[i+1] == ' ' || flow && (s[i] != '-' || isFlowIndicator(s[i+1])) {
			return nil, 0, false
		}
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ':
		return nil, 0, false
	}
	j := i
	for ; j < end; j++ {
		c := s[j]
		if c == ':' && (j+1 == end || s[j+1] == ' ' || flow && isFlowIndicator(s[j+1])) {
			return nil, 0, false // a key, or an error
		}
		if c == ' ' && j+1 < end && s[j+1] == '#' {
			if flow {
				return nil, 0, false // a comment inside a flow collection
			}
			break
		}
		if flow && isFlowIndicator(c) {
			if c != ',' && c != ']' && c != '}' {
				return nil, 0, false
			}
			break
		}
	}
	if flow && j == end {
		return nil, 0, false // the collection goes on to the next line
	}
	e := j
	for e > i && s[e-1] == ' ' {
		e--
	}
	v := s[i:e]
	return p.node(yaml.ScalarNode, 0, plainTag(v), v, p.num, p.col(i)), j, true
}

func isFlowIndicator(c byte) bool {
	switch c {
	case ',', '[', ']', '{', '}', '?':
		return true
	}
	return false
}

// quoted parses a single-line single- or double-quoted scalar at offset i and
// returns the offset after its closing quote.
func (p *fastParser) quoted(i int) (*yaml.Node, int, bool) {
	s, end := p.src, p.end
	q := s[i]
	style := yaml.DoubleQuotedStyle
	if q == '\'' {
		style = yaml.SingleQuotedStyle
	}
	// The common case: no escapes, the value is a substring of the input.
	j := strings.IndexByte(s[i+1:end], q)
	if j < 0 {
		return nil, 0, false
	}
	j += i + 1
	if k := strings.IndexByte(s[i+1:j], '\\'); k >= 0 {
		j = i + 1 + k
	}
	var v string
	switch {
	case s[j] == q && (q == '"' || j+1 == end || s[j+1] != '\''):
		v = s[i+1 : j]
		j++
	case q == '\'':
		v, j = p.unquoteSingle(i+1, j)
	default:
		v, j = p.unquoteDouble(i+1, j)
	}
	if j < 0 {
		return nil, 0, false
	}
	return p.node(yaml.ScalarNode, style, "!!str", v, p.num, p.col(i)), j, true
}

// unquoteSingle reads a single-quoted scalar from offset from; at j is the
// first quote. It returns the value and the offset after the closing quote,
// or -1 if the scalar does not end on this line.
func (p *fastParser) unquoteSingle(from, j int) (string, int) {
	s, end := p.src, p.end
	b := append(p.buf[:0], s[from:j]...)
	for j < end {
		c := s[j]
		if c != '\'' {
			b = append(b, c)
			j++
			continue
		}
		if j+1 < end && s[j+1] == '\'' {
			b = append(b, '\'')
			j += 2
			continue
		}
		p.buf = b
		return string(b), j + 1
	}
	p.buf = b
	return "", -1
}

// unquoteDouble reads a double-quoted scalar from offset from, applying
// yaml.v3's escapes; at j is the first backslash or the closing quote. It
// returns the value and the offset after the closing quote, or -1 if the
// scalar does not end on this line or has an escape yaml.v3 rejects.
func (p *fastParser) unquoteDouble(from, j int) (string, int) {
	s, end := p.src, p.end
	b := append(p.buf[:0], s[from:j]...)
	defer func() { p.buf = b }()
	for j < end {
		c := s[j]
		if c == '"' {
			return string(b), j + 1
		}
		if c != '\\' {
			b = append(b, c)
			j++
			continue
		}
		if j+1 == end {
			return "", -1 // an escaped line break
		}
		j += 2
		switch s[j-1] {
		case '0':
			b = append(b, 0)
		case 'a':
			b = append(b, '\a')
		case 'b':
			b = append(b, '\b')
		case 't':
			b = append(b, '\t')
		case 'n':
			b = append(b, '\n')
		case 'v':
			b = append(b, '\v')
		case 'f':
			b = append(b, '\f')
		case 'r':
			b = append(b, '\r')
		case 'e':
			b = append(b, 0x1b)
		case ' ', '"', '\'', '\\':
			b = append(b, s[j-1])
		case 'N':
			b = append(b, "\u0085"...)
		case '_':
			b = append(b, "\u00a0"...)
		case 'L':
			b = append(b, "\u2028"...)
		case 'P':
			b = append(b, "\u2029"...)
		case 'x', 'u', 'U':
			n := 2
			if s[j-1] == 'u' {
				n = 4
			} else if s[j-1] == 'U' {
				n = 8
			}
			if j+n > end {
				return "", -1
			}
			// ParseUint with base 16 takes exactly hex digits, as yaml.v3 does.
			r, err := strconv.ParseUint(s[j:j+n], 16, 32)
			if err != nil || 0xd800 <= r && r <= 0xdfff || r > 0x10ffff {
				return "", -1
			}
			b = utf8.AppendRune(b, rune(r))
			j += n
		default:
			return "", -1 // yaml.v3 rejects the escape (\/ among them)
		}
	}
	return "", -1
}

// flowSequence parses a one-line flow sequence of scalars and flow mappings
// at offset i and returns the offset after its ']'.
func (p *fastParser) flowSequence(i int) (*yaml.Node, int, bool) {
	n := p.node(yaml.SequenceNode, yaml.FlowStyle, "!!seq", "", p.num, p.col(i))
	base := len(p.kids)
	j := skipSpaces(p.src, i+1, p.end)
	if j < p.end && p.src[j] == ']' {
		return n, j + 1, true
	}
	for {
		var item *yaml.Node
		var k int
		var ok bool
		if j < p.end && p.src[j] == '{' {
			item, k, ok = p.flowMapping(j)
		} else {
			item, k, ok = p.flowScalar(j)
		}
		if !ok {
			return nil, 0, false
		}
		p.kids = append(p.kids, item)
		var closed bool
		if j, closed, ok = p.flowNext(k, ']'); !ok {
			return nil, 0, false
		}
		if closed {
			n.Content = p.content(base)
			return n, j, true
		}
	}
}

// flowNext reads what follows an entry of a flow collection at offset i: a
// ',' and the next entry's offset, or the closer and the offset after it.
func (p *fastParser) flowNext(i int, closer byte) (next int, closed, ok bool) {
	j := skipSpaces(p.src, i, p.end)
	switch {
	case j == p.end, p.over:
		return 0, false, false
	case p.src[j] == ',':
		return skipSpaces(p.src, j+1, p.end), false, true
	case p.src[j] == closer:
		return j + 1, true, true
	}
	return 0, false, false
}

// flowMapping parses a one-line flow mapping of plain keys and scalar values
// at offset i and returns the offset after its '}'.
func (p *fastParser) flowMapping(i int) (*yaml.Node, int, bool) {
	n := p.node(yaml.MappingNode, yaml.FlowStyle, "!!map", "", p.num, p.col(i))
	base := len(p.kids)
	j := skipSpaces(p.src, i+1, p.end)
	if j < p.end && p.src[j] == '}' {
		return n, j + 1, true
	}
	for {
		k := keyLen(p.src, j, p.end)
		if k == 0 || j+k+1 == p.end {
			return nil, 0, false
		}
		key := p.src[j : j+k]
		p.kids = append(p.kids, p.node(yaml.ScalarNode, 0, plainTag(key), key, p.num, p.col(j)))
		item, e, ok := p.flowScalar(skipSpaces(p.src, j+k+1, p.end))
		if !ok {
			return nil, 0, false
		}
		p.kids = append(p.kids, item)
		var closed bool
		if j, closed, ok = p.flowNext(e, '}'); !ok {
			return nil, 0, false
		}
		if closed {
			n.Content = p.content(base)
			return n, j, true
		}
	}
}

// flowScalar parses a scalar entry of a flow collection at offset i.
func (p *fastParser) flowScalar(i int) (*yaml.Node, int, bool) {
	if i >= p.end {
		return nil, 0, false
	}
	if c := p.src[i]; c == '"' || c == '\'' {
		return p.quoted(i)
	}
	return p.plain(i, true)
}

// plainTag is the tag yaml.v3 resolves a plain scalar to (its resolve and
// parser.scalar, for the tag alone), using the same library calls.
func plainTag(s string) string {
	if s == "<<" {
		return "!!merge"
	}
	if s == "" {
		return "!!null"
	}
	var hint byte
	switch c := s[0]; {
	case c == '+' || c == '-':
		hint = 'S'
	case '0' <= c && c <= '9':
		hint = 'D'
	case strings.IndexByte("yYnNtTfFoO~", c) >= 0:
		hint = 'M'
	case c == '.':
		hint = '.'
	default:
		return "!!str"
	}
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case "~", "null", "Null", "NULL":
		return "!!null"
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return "!!float"
	}
	switch hint {
	case '.':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "!!float"
		}
	case 'D', 'S':
		if isYAMLTimestamp(s) {
			return "!!timestamp"
		}
		plain := strings.ReplaceAll(s, "_", "")
		if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return "!!int"
		}
		if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return "!!int"
		}
		if yamlFloatRE.MatchString(plain) {
			if _, err := strconv.ParseFloat(plain, 64); err == nil {
				return "!!float"
			}
		}
		if isYAMLRadixInt(plain, "0b", 2) || isYAMLRadixInt(plain, "0o", 8) {
			return "!!int"
		}
	}
	return "!!str"
}

var yamlFloatRE = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// isYAMLRadixInt is yaml.v3's check for 0b/0o integers (and their negatives).
func isYAMLRadixInt(s, prefix string, base int) bool {
	if rest, ok := strings.CutPrefix(s, prefix); ok {
		if _, err := strconv.ParseInt(rest, base, 64); err == nil {
			return true
		}
		_, err := strconv.ParseUint(rest, base, 64)
		return err == nil
	}
	if rest, ok := strings.CutPrefix(s, "-"+prefix); ok {
		_, err := strconv.ParseInt("-"+rest, base, 64)
		return err == nil
	}
	return false
}

// isYAMLTimestamp is yaml.v3's parseTimestamp.
func isYAMLTimestamp(s string) bool {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c < '0' || c > '9' {
			break
		}
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, format := range []string{
		"2006-1-2T15:4:5.999999999Z07:00",
		"2006-1-2t15:4:5.999999999Z07:00",
		"2006-1-2 15:4:5.999999999",
		"2006-1-2",
	} {
		if _, err := time.Parse(format, s); err == nil {
			return true
		}
	}
	return false
}
