package plan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Options bounds and configures parsing. The zero value uses the defaults.
type Options struct {
	// MaxBytes caps the size of a file (default DefaultMaxBytes).
	MaxBytes int
	// MaxLineBytes caps the length of one line (default DefaultMaxLineBytes).
	MaxLineBytes int
	// MaxDepth caps how deeply sub-points nest (default DefaultMaxDepth).
	MaxDepth int
	// MaxClauses caps the clauses of a file, sub-points included (default
	// DefaultMaxClauses). It bounds the YAML too: a file may hold no more
	// keys, values, lists and mappings than NodesPerClause for each clause
	// allowed, so that memory stays a bounded multiple of the limit whatever
	// the file holds.
	MaxClauses int
	// MaxCorpusClauses and MaxCorpusBytes cap a corpus read by LoadDir: its
	// plan files' clauses and bytes all together (defaults
	// DefaultMaxCorpusClauses, DefaultMaxCorpusBytes).
	MaxCorpusClauses int
	MaxCorpusBytes   int64
	// YAMLv3 reads files with yaml.v3 alone, never the fast path (the
	// command's PLANDIFF_YAML=v3), to rule the fast path out.
	YAMLv3 bool
	// Topics is the topic vocabulary; nil means DefaultTopics.
	Topics []string
}

// Defaults for Options. A 30,000-clause plan is about 9 MB of YAML, so the size
// cap leaves room for large treaties while still bounding memory. A plan of
// DefaultMaxClauses clauses of that kind is about 30 MB.
const (
	DefaultMaxBytes     = 32 << 20
	DefaultMaxLineBytes = 1 << 20
	DefaultMaxDepth     = 16
	DefaultMaxClauses   = 100_000
	// A corpus (LoadDir) holds all its files at once, so it has caps of its
	// own, for all its plan files together: twice a file's, the pair a
	// diff or report of two files at the limits reads (issue 12: eight
	// files at the clause limit took 829 MB to validate).
	DefaultMaxCorpusClauses = 2 * DefaultMaxClauses
	DefaultMaxCorpusBytes   = 2 * DefaultMaxBytes
)

// NodesPerClause is how many YAML nodes (keys, values, lists, mappings) a
// file may hold per clause that MaxClauses allows, with room to spare: a
// clause with every key set and a few sources is about 25. A few thousand
// more are allowed for the version block.
const (
	NodesPerClause = 16
	nodesExtra     = 1 << 14
)

// maxNodes is the YAML node budget of a file.
func (o Options) maxNodes() int { return NodesPerClause*o.MaxClauses + nodesExtra }

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = DefaultMaxLineBytes
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxClauses <= 0 {
		o.MaxClauses = DefaultMaxClauses
	}
	if o.MaxCorpusClauses <= 0 {
		o.MaxCorpusClauses = DefaultMaxCorpusClauses
	}
	if o.MaxCorpusBytes <= 0 {
		o.MaxCorpusBytes = DefaultMaxCorpusBytes
	}
	if o.Topics == nil {
		o.Topics = DefaultTopics
	}
	return o
}

// Parse reads one plan file. name is how messages refer to the file. On any
// problem it returns an ErrorList holding every problem found, sorted by
// position, and with it the plan as far as it could be read (nil when the
// YAML itself could not be), which is good for nothing but checking more:
// the links of a file with other problems (validate reports every problem
// of every file at once). Parse never panics: a panic inside the YAML library is
// reported as an error of the file. When ctx is done, Parse stops between
// clauses and returns an error wrapping ctx.Err().
func Parse(ctx context.Context, name string, data []byte, opts Options) (p *Plan, err error) {
	opts = opts.withDefaults()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	defer func() {
		if r := recover(); r != nil {
			p = nil
			var l ErrorList
			l.Add(Pos{File: name, Line: 1, Col: 1}, "internal error while parsing (please report this file): %v", r)
			err = l
		}
	}()
	newWalker := func() *walker {
		w := &walker{name: name, opts: opts, topics: make(map[string]bool), ctx: ctx}
		if bytes.IndexByte(data, '!') >= 0 {
			// Positions are in the text yaml.v3 read: without a byte-order mark.
			w.src = bytes.TrimPrefix(data, []byte("\ufeff"))
		}
		for _, t := range opts.Topics {
			w.topics[t] = true
		}
		return w
	}
	// The fast parser hands the top-level clauses to the walker one by one
	// (fastParseStream); yaml.v3, or a failed parse, starts from a new one.
	w := newWalker()
	root, seq, errs := parseYAML(ctx, name, data, opts, func(item *yaml.Node) {
		if c := w.clause(item, 0); c != nil {
			w.streamed = append(w.streamed, c)
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	if seq == nil {
		w = newWalker()
	}
	w.streamedSeq = seq
	if w.anchors(root) {
		p = w.plan(root)
		w.errs = append(w.errs, checkPlan(p)...)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if p != nil {
		p.Name = name
	}
	if len(w.errs) > 0 {
		w.errs.Sort()
		return p, w.errs
	}
	return p, nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML checks the raw bytes, then parses them into a node tree. Checking
// bytes first gives exact positions for problems the YAML library reports
// without one (control characters, invalid UTF-8) and bounds what it sees.
// A file in the simple subset of YAML that plan files use is parsed by
// fastParse (unless opts.YAMLv3), the rest by yaml.v3. Either way the tree
// holds no more than opts.maxNodes() nodes: the fast path counts them, and
// for yaml.v3 an upper bound is counted from the punctuation first, since
// yaml.v3 builds the whole tree before anything can look at it.
//
// yaml.v3 reads the data through a reader that fails once ctx is done, so a
// cancelled run does not wait for the library to finish a large file (the
// caller checks ctx and discards the error list).
func parseYAML(ctx context.Context, name string, data []byte, opts Options, item func(*yaml.Node)) (root, seq *yaml.Node, errs ErrorList) {
	at := func(line, col int) Pos { return Pos{File: name, Line: line, Col: col} }
	if len(data) > opts.MaxBytes {
		return nil, nil, SizeError(name, int64(len(data)), opts.MaxBytes)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line := countLines(data[:i])
		col := utf8.RuneCount(data[bytes.LastIndexAny(data[:i], "\r\n")+1:i]) + 1
		errs.Add(at(line, col), "binary data (a NUL byte): not a YAML text file")
		return nil, nil, errs
	}
	if errs = scanBytes(name, data, opts); len(errs) > 0 {
		return nil, nil, errs
	}
	budget := opts.maxNodes()
	if !opts.YAMLv3 {
		doc, seq, line := fastParseStream(ctx, data, budget, item)
		switch {
		case doc != nil:
			return doc, seq, nil
		case ctx.Err() != nil:
			return nil, nil, nil // the caller reports the cancellation
		case line < 0:
			errs.Add(at(-line, 1), "more YAML than a plan of at most %d clauses holds: over %d keys, values, lists and mappings by this line; --max-clauses raises the limit", opts.MaxClauses, budget)
			return nil, nil, errs
		}
	}
	if line := nodeBound(data, budget); line > 0 {
		errs.Add(at(line, 1), "too much YAML to read in this style (flow collections over several lines, anchors, tags...): by this line it could hold over %d keys, values, lists and mappings, counted from its punctuation, the limit for %d clauses; write it in block style, as plandiff does, or raise --max-clauses", budget, opts.MaxClauses)
		return nil, nil, errs
	}
	dec := yaml.NewDecoder(ctxReader{ctx, bytes.NewReader(data)})
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			errs.Add(at(1, 1), "file is empty: want a plan (plandiff: 1, version, clauses)")
		} else {
			errs = append(errs, yamlError(name, data, err))
		}
		return nil, nil, errs
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		errs = append(errs, yamlError(name, data, err))
	default:
		errs.Add(at(max(next.Line, 1), 1), "a second YAML document: a plan file holds exactly one")
	}
	return &doc, nil, errs
}

// ctxReader is a reader that fails once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (r ctxReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}

// yamlError turns a YAML library error (a string with at best a line) into a
// positioned Error. For tab indentation the column of the tab is found.
func yamlError(name string, data []byte, err error) *Error {
	msg := err.Error()
	pos := Pos{File: name, Line: 1, Col: 1}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		lines := countLines(data)
		pos.Line = min(max(line, 1), lines)
		msg = m[2]
		if strings.Contains(msg, "tab character") {
			// The library names the line where the construct began; the tab
			// is on that line or soon after.
			for l := pos.Line; l <= min(pos.Line+3, lines); l++ {
				if col := tabColumn(data, l); col > 0 {
					pos.Line, pos.Col = l, col
					msg = "a tab character in indentation: indent with spaces"
					break
				}
			}
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	return &Error{Pos: pos, Msg: "YAML syntax: " + msg}
}

// tabColumn returns the column of a tab in the indentation of a line, or 0.
func tabColumn(data []byte, line int) int {
	for i := 1; i < line; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return 0
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	for j, c := range data {
		switch c {
		case '\t':
			return utf8.RuneCount(data[:j]) + 1
		case ' ', '-':
		default:
			return 0
		}
	}
	return 0
}

// controlAdvice says what to do instead of control character r in a plan
// string.
func controlAdvice(r rune) string {
	return fmt.Sprintf("remove it, or name it in words (such as [U+%04X]) if the source really has it", r)
}

// hiddenInString returns the first character of s that plan strings may not
// hold: a C0 control other than tab and newline, DEL, a C1 control, or a
// bidirectional embedding, override or isolate (U+202A–U+202E,
// U+2066–U+2069). Marks (LRM, RLM) and the line and paragraph separators,
// written escaped, are allowed.
func hiddenInString(s string) (rune, bool) {
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r < 0xa0 ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			return r, true
		}
	}
	return 0, false
}

// scanBytes rejects what must never reach the YAML parser: invalid UTF-8, NUL
// bytes (binary files), control characters and over-long lines. Columns count
// runes, as the YAML library's do.
func scanBytes(name string, data []byte, opts Options) ErrorList {
	var errs ErrorList
	line, col, lineStart := 1, 1, 0
	endLine := func(i int) bool {
		if i-lineStart > opts.MaxLineBytes {
			errs.Add(Pos{File: name, Line: line, Col: 1}, "line is %d bytes long, over the limit of %d bytes", i-lineStart, opts.MaxLineBytes)
			return false
		}
		return true
	}
	for i := 0; i < len(data); {
		c := data[i]
		if ' ' <= c && c < 0x7f {
			i++ // printable ASCII, the bulk of a file: nothing to check
			col++
			continue
		}
		pos := Pos{File: name, Line: line, Col: col}
		// YAML breaks lines at LF, CRLF and a lone CR.
		if c == '\n' || c == '\r' {
			if !endLine(i) {
				return errs
			}
			if c == '\r' && i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			i++
			line, col, lineStart = line+1, 1, i
			continue
		}
		if c < utf8.RuneSelf {
			switch {
			case c == 0:
				errs.Add(pos, "binary data (a NUL byte): not a YAML text file")
				return errs
			case c < 0x20 && c != '\t', c == 0x7f:
				errs.Add(pos, "control character U+%04X is not allowed; %s", c, controlAdvice(rune(c)))
				if len(errs) >= 10 {
					return errs
				}
			}
			i++
			col++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			errs.Add(pos, "invalid UTF-8 (byte 0x%02X): plan files are UTF-8 text", c)
			return errs
		}
		switch {
		case r >= 0x80 && r <= 0x9f:
			errs.Add(pos, "control character U+%04X is not allowed; %s", r, controlAdvice(r))
		case r == 0x2028 || r == 0x2029:
			// yaml.v3 breaks lines there, so positions after it would be
			// off and a plain scalar would lose the spaces after it.
			name := map[rune]string{0x2028: "line", 0x2029: "paragraph"}[r]
			errs.Add(pos, "%s separator U+%04X is not allowed; write it escaped in a double-quoted string (\\%c) if you mean it", name, r, map[rune]rune{0x2028: 'L', 0x2029: 'P'}[r])
		}
		if len(errs) >= 10 {
			return errs
		}
		i += size
		col++
	}
	endLine(len(data))
	return errs
}

// countLines counts lines as YAML does (LF, CRLF or a lone CR end a line).
func countLines(data []byte) int {
	n := 1
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\n':
			n++
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			n++
		}
	}
	return n
}

// walker converts a node tree into a Plan, collecting every problem. It never
// follows aliases and rejects anchors, aliases, merge keys and explicit tags:
// plan files need none of them, and refusing them removes alias bombs and the
// YAML library's merge-key panics.
type walker struct {
	name   string
	opts   Options
	topics map[string]bool
	errs   ErrorList
	// ctx is checked every ctxEvery clauses; once it is done, the walk
	// stops converting clauses (parse then returns ctx's error).
	ctx     context.Context
	clauseN int
	// src is the text the tree was read from when it may hold a '!' tag
	// (see bang), else nil; at caches where the last look found a column.
	src []byte
	at  struct{ line, col, off int }
	// streamedSeq is the top-level clauses list the fast parser streamed,
	// its items converted in streamed as they came (fastParseStream); nil
	// when the tree holds its items.
	streamedSeq *yaml.Node
	streamed    []*Clause
}

// bang reports whether node n starts with '!' in the source: the
// non-specific tag, which yaml.v3 drops without a trace (n.Tag is then the
// resolved one and n.Style has no TaggedStyle). Nodes are looked at in
// document order, so the search for a column goes on from the last one.
func (w *walker) bang(n *yaml.Node) bool {
	if w.src == nil || n.Line < 1 || n.Column < 1 {
		return false
	}
	a := &w.at
	if n.Line < a.line || n.Line == a.line && n.Column < a.col || a.line == 0 {
		a.line, a.col, a.off = 1, 1, 0
	}
	for a.line < n.Line && a.off < len(w.src) {
		if w.src[a.off] == '\n' {
			a.line, a.col = a.line+1, 0
		}
		a.off++
		a.col++
	}
	for a.col < n.Column && a.off < len(w.src) && w.src[a.off] != '\n' {
		_, size := utf8.DecodeRune(w.src[a.off:])
		a.off += size
		a.col++
	}
	return a.line == n.Line && a.col == n.Column && a.off < len(w.src) && w.src[a.off] == '!'
}

// ctxEvery is how many clauses the walker converts between looks at its
// context: about a millisecond of work.
const ctxEvery = 1 << 10

func (w *walker) pos(n *yaml.Node) Pos { return Pos{File: w.name, Line: n.Line, Col: n.Column} }

func (w *walker) errorf(n *yaml.Node, format string, args ...any) {
	w.errs.Add(w.pos(n), format, args...)
}

// plain reports YAML features plan files must not use; false means skip n.
func (w *walker) plain(n *yaml.Node) bool {
	switch {
	case n.Kind == yaml.AliasNode:
		w.errorf(n, "alias *%s: anchors and aliases are not allowed in plan files", n.Value)
		return false
	case n.Anchor != "":
		w.errorf(n, "anchor &%s: anchors and aliases are not allowed in plan files", n.Anchor)
		return false
	case n.Style&yaml.TaggedStyle != 0:
		w.errorf(n, "explicit tag %s is not allowed in plan files", n.Tag)
		return false
	case w.bang(n):
		w.errorf(n, "the tag ! is not allowed in plan files")
		return false
	}
	return true
}

// anchors reports the first anchor or alias anywhere in the tree (under
// unknown keys too), with how many there are, so that an alias bomb is named as
// such in one message. It never follows an alias. It returns false when the
// tree uses either.
func (w *walker) anchors(root *yaml.Node) bool {
	var first *yaml.Node
	nAnchors, nAliases := 0, 0
	stack := []*yaml.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Kind == yaml.AliasNode {
			nAliases++
		} else if n.Anchor != "" {
			nAnchors++
		}
		if first == nil && (n.Kind == yaml.AliasNode || n.Anchor != "") {
			first = n
		}
		if n.Kind == yaml.AliasNode {
			continue
		}
		for i := len(n.Content) - 1; i >= 0; i-- {
			stack = append(stack, n.Content[i])
		}
	}
	if first == nil {
		return true
	}
	what := "anchor &" + first.Anchor
	if first.Kind == yaml.AliasNode {
		what = "alias *" + first.Value
	}
	w.errorf(first, "%s: anchors and aliases are not allowed in plan files (anchors: %d, aliases: %d)", what, nAnchors, nAliases)
	return false
}

var (
	topKeys     = []string{"plandiff", "version", "clauses"}
	versionKeys = []string{"id", "title", "short", "surfaced", "status", "completeness", "subclauses", "proposed_by", "supersedes", "note", "sources"}
	sourceKeys  = []string{"id", "outlet", "date", "url", "covers", "note"}
	clauseKeys  = []string{"id", "number", "topic", "text", "removed", "status", "proposed_by", "sources", "confidence", "derives_from", "note", "subclauses", "variants", "clauses"}
	variantKeys = []string{"reading", "sources", "followed"}
)

// keySet is the set of known keys a mapping holds, as bits over the known
// list (fields' known keys number well under 64); ok is false when the node
// was not a usable mapping.
type keySet struct {
	known []string
	bits  uint64
	ok    bool
}

func (s keySet) has(key string) bool {
	for i, k := range s.known {
		if k == key {
			return s.bits&(1<<i) != 0
		}
	}
	return false
}

// smallMapping is the size up to which fields finds duplicate keys by
// looking back over the keys before, rather than with a map: plan mappings
// hold a dozen keys, and a hostile one with thousands still costs linear time.
const smallMapping = 32

// fields walks a mapping node: it checks that n is a mapping, that keys are
// plain known strings without duplicates, and calls fn for each known key.
// It returns the keys seen; its ok is false when n is not a usable mapping.
func (w *walker) fields(n *yaml.Node, what string, known []string, fn func(key string, v *yaml.Node)) keySet {
	seen := keySet{known: known}
	if !w.plain(n) {
		return seen
	}
	if n.Kind != yaml.MappingNode {
		w.errorf(n, "%s must be a mapping, not %s", what, kindName(n))
		return seen
	}
	seen.ok = true
	var first map[string]*yaml.Node // only for large mappings
	if len(n.Content) > 2*smallMapping {
		first = make(map[string]*yaml.Node, len(n.Content)/2)
	}
	// earlier finds the first plain key before position i that equals key.
	earlier := func(i int, key string) *yaml.Node {
		if first != nil {
			prev := first[key]
			if prev == nil {
				first[key] = n.Content[i]
			}
			return prev
		}
		for j := 0; j < i; j += 2 {
			if k := n.Content[j]; k.Value == key && k.Kind == yaml.ScalarNode && k.Alias == nil && k.Anchor == "" && k.Style&yaml.TaggedStyle == 0 && k.Tag != "!!merge" && k.Value != "<<" {
				return k
			}
		}
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !w.plain(k) {
			continue
		}
		if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" || k.Value == "<<" {
			if k.Tag == "!!merge" || k.Value == "<<" {
				w.errorf(k, "merge key << is not allowed in plan files")
			} else {
				w.errorf(k, "%s has a key that is not a plain string", what)
			}
			continue
		}
		key := k.Value
		if prev := earlier(i, key); prev != nil {
			w.errorf(k, "duplicate key %q in %s (first at line %d, column %d)", key, what, prev.Line, prev.Column)
			continue
		}
		bit := slices.Index(known, key)
		if bit < 0 {
			if s := suggest(key, known); s != "" {
				w.errorf(k, "unknown key %q in %s (did you mean %q?)", key, what, s)
			} else {
				w.errorf(k, "unknown key %q in %s (known keys: %s)", key, what, strings.Join(known, ", "))
			}
			continue
		}
		seen.bits |= 1 << bit
		fn(key, v)
	}
	return seen
}

func (w *walker) require(n *yaml.Node, what string, seen keySet, keys ...string) {
	if !seen.ok {
		return
	}
	for _, k := range keys {
		if !seen.has(k) {
			w.errorf(n, "%s is missing required key %q", what, k)
		}
	}
}

// root is the top mapping of a plan or events file; false (and an error)
// when the file is empty. want says what the file should hold.
func (w *walker) root(doc *yaml.Node, want string) (*yaml.Node, bool) {
	root := doc
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		root = doc.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		// At the start of the file: the library places the null of "---"
		// on a line after the input's last.
		w.errs.Add(Pos{File: w.name, Line: 1, Col: 1}, "file has no content: want %s", want)
		return root, false
	}
	return root, true
}

// formatVersion checks the plandiff: key of a file.
func (w *walker) formatVersion(v *yaml.Node) int {
	if w.plain(v) && (v.Kind != yaml.ScalarNode || v.Tag != "!!int" || v.Value != strconv.Itoa(FormatVersion)) {
		w.errorf(v, "plandiff: format version %q is not supported (want %d)", v.Value, FormatVersion)
	}
	return FormatVersion
}

func (w *walker) plan(doc *yaml.Node) *Plan {
	p := &Plan{}
	root, ok := w.root(doc, "a plan (plandiff: 1, version, clauses)")
	if !ok {
		return p
	}
	seen := w.fields(root, "the plan", topKeys, func(key string, v *yaml.Node) {
		switch key {
		case "plandiff":
			p.Format = w.formatVersion(v)
		case "version":
			w.version(v, &p.Version)
		case "clauses":
			if v == w.streamedSeq && v != nil {
				if w.seq(v, "clauses") {
					p.Clauses = w.streamed
					if p.Clauses == nil {
						p.Clauses = []*Clause{} // as clauses makes it
					}
				}
			} else {
				p.Clauses = w.clauses(v, 0)
			}
		}
	})
	w.require(root, "the plan", seen, topKeys...)
	return p
}

func (w *walker) version(n *yaml.Node, v *Version) {
	v.Pos = w.pos(n)
	seen := w.fields(n, "version", versionKeys, func(key string, x *yaml.Node) {
		switch key {
		case "id":
			v.ID = w.str(x, "version id")
			v.IDPos = w.pos(x)
		case "title":
			v.Title = w.str(x, "title")
		case "short":
			v.Short = w.str(x, "short")
		case "surfaced":
			v.Surfaced = w.date(x, "surfaced")
		case "status":
			v.Status = w.enum(x, "status", Statuses)
		case "completeness":
			v.Completeness = w.enum(x, "completeness", Completenesses)
		case "subclauses":
			v.Subclauses = w.enum(x, "subclauses", Completenesses)
		case "proposed_by":
			v.ProposedBy, _ = w.strList(x, "proposed_by")
		case "supersedes":
			v.Supersedes, v.SupersedesPos = w.strList(x, "supersedes")
		case "note":
			v.Note = w.str(x, "note")
		case "sources":
			w.sources(x, v)
		}
	})
	w.require(n, "version", seen, "id", "title", "surfaced", "sources")
	if v.Completeness == "" {
		v.Completeness = CompletenessFull
	}
}

func (w *walker) sources(n *yaml.Node, v *Version) {
	if !w.seq(n, "version sources") {
		return
	}
	if len(n.Content) == 0 {
		w.errorf(n, "version lists no sources: every clause must cite one")
	}
	for _, item := range n.Content {
		s := Source{Pos: w.pos(item)}
		seen := w.fields(item, "source", sourceKeys, func(key string, x *yaml.Node) {
			switch key {
			case "id":
				s.ID = w.str(x, "source id")
			case "outlet":
				s.Outlet = w.str(x, "outlet")
			case "date":
				s.Date = w.date(x, "source date")
			case "url":
				s.URL = w.url(x)
			case "covers":
				s.Covers = w.enum(x, "covers", Covers)
			case "note":
				s.Note = w.str(x, "note")
			}
		})
		w.require(item, "source", seen, "id", "outlet")
		v.Sources = append(v.Sources, s)
	}
}

func (w *walker) clauses(n *yaml.Node, depth int) []*Clause {
	if !w.seq(n, "clauses") {
		return nil
	}
	if depth >= w.opts.MaxDepth && len(n.Content) > 0 {
		w.errorf(n, "sub-points nest more than %d levels deep", w.opts.MaxDepth)
		return nil
	}
	out := make([]*Clause, 0, len(n.Content))
	for _, item := range n.Content {
		if c := w.clause(item, depth); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// clause converts one item of a clauses list at depth; nil means skip it
// (it was not a usable mapping, and the problem is recorded).
func (w *walker) clause(item *yaml.Node, depth int) *Clause {
	if w.clauseN++; w.clauseN%ctxEvery == 0 && w.ctx != nil && w.ctx.Err() != nil {
		return nil
	}
	if w.clauseN > w.opts.MaxClauses {
		if w.clauseN == w.opts.MaxClauses+1 {
			w.errorf(item, "more than %d clauses (sub-points included), the limit; --max-clauses raises it", w.opts.MaxClauses)
		}
		return nil
	}
	c := &Clause{Pos: w.pos(item)}
	seen := w.fields(item, "clause", clauseKeys, func(key string, x *yaml.Node) {
		switch key {
		case "id":
			c.ID = w.str(x, "clause id")
			c.IDPos = w.pos(x)
		case "number":
			c.Number = w.str(x, "number")
		case "topic":
			c.Topic = w.str(x, "topic")
			if c.Topic != "" && !w.topics[c.Topic] {
				if s := suggest(c.Topic, w.opts.Topics); s != "" {
					w.errorf(x, "unknown topic %q (did you mean %q?)", c.Topic, s)
				} else {
					w.errorf(x, "unknown topic %q (add it to topics.yaml beside the plans, or use one of: %s)", c.Topic, strings.Join(w.opts.Topics, ", "))
				}
			}
		case "text":
			c.Text = strings.TrimSpace(w.str(x, "text"))
		case "removed":
			c.Removed = w.boolean(x, "removed")
		case "status":
			c.Status = w.enum(x, "status", ClauseStatuses)
		case "proposed_by":
			c.ProposedBy, _ = w.strList(x, "proposed_by")
		case "sources":
			c.Sources, c.SourcesPos = w.strList(x, "sources")
			if x.Kind == yaml.SequenceNode && len(x.Content) == 0 {
				w.errorf(x, "clause %q cites no source: every clause needs at least one", c.ID)
			}
		case "confidence":
			c.Confidence = w.enum(x, "confidence", Confidences)
		case "derives_from":
			c.DerivesFrom, c.DerivesFromPos = w.strList(x, "derives_from")
		case "note":
			c.Note = w.str(x, "note")
		case "subclauses":
			c.Subclauses = w.enum(x, "subclauses", Completenesses)
		case "variants":
			c.Variants = w.variants(x)
		case "clauses":
			c.Clauses = w.clauses(x, depth+1)
		}
	})
	if !seen.ok {
		return nil
	}
	w.require(item, "clause", seen, "id", "sources")
	if !seen.has("text") && !c.Removed {
		w.errorf(item, "clause %q has no text (give text, or mark it removed: true)", c.ID)
	}
	if c.Confidence == "" {
		c.Confidence = ConfidenceReported
	}
	return c
}

// variants reads a clause's variants list: each item a reading, the sources
// that give it and whether the text follows it. Rules across the list (two
// readings at least, distinct, one followed at most) are checkPlan's.
func (w *walker) variants(n *yaml.Node) []Variant {
	if !w.seq(n, "variants") {
		return nil
	}
	out := make([]Variant, 0, len(n.Content))
	for _, item := range n.Content {
		v := Variant{Pos: w.pos(item)}
		seen := w.fields(item, "variant", variantKeys, func(key string, x *yaml.Node) {
			switch key {
			case "reading":
				v.Reading = strings.TrimSpace(w.str(x, "reading"))
			case "sources":
				v.Sources, v.SourcesPos = w.strList(x, "variant sources")
				if x.Kind == yaml.SequenceNode && len(x.Content) == 0 {
					w.errorf(x, "variant %q cites no source: every reading needs at least one", v.Reading)
				}
			case "followed":
				v.Followed = w.boolean(x, "followed")
			}
		})
		if !seen.ok {
			continue
		}
		w.require(item, "variant", seen, "reading", "sources")
		out = append(out, v)
	}
	return out
}

func (w *walker) seq(n *yaml.Node, what string) bool {
	if !w.plain(n) {
		return false
	}
	if n.Kind != yaml.SequenceNode {
		w.errorf(n, "%s must be a list, not %s", what, kindName(n))
		return false
	}
	return true
}

// str reads a string scalar. Numbers, booleans and dates must be quoted where
// a string is wanted, so that nothing is silently reinterpreted.
func (w *walker) str(n *yaml.Node, what string) string {
	if !w.plain(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		w.errorf(n, "%s must be a string, not %s", what, kindName(n))
		return ""
	}
	switch n.Tag {
	case "!!str":
		if strings.TrimSpace(n.Value) == "" {
			w.errorf(n, "%s is empty", what)
		}
		if r, ok := hiddenInString(n.Value); ok {
			// Escapes in a double-quoted string reach here; raw ones are
			// refused by scanBytes. A terminal or Markdown viewer hides
			// such a character, or acts on it, so the text around it
			// could read differently in a review than in the JSON.
			w.errorf(n, "%s holds the control character U+%04X, which terminals and pull-request comments hide or act on; %s", what, r, controlAdvice(r))
			return ""
		}
		return n.Value
	case "!!null":
		w.errorf(n, "%s is empty", what)
	default:
		w.errorf(n, "%s must be a string, not %s; quote it: %q", what, kindName(n), n.Value)
	}
	return ""
}

func (w *walker) date(n *yaml.Node, what string) string {
	if !w.plain(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!str" && n.Tag != "!!timestamp") {
		w.errorf(n, "%s must be a date (YYYY-MM-DD), not %s", what, kindName(n))
		return ""
	}
	if _, err := time.Parse("2006-01-02", n.Value); err != nil {
		w.errorf(n, "%s: %q is not a real date (want YYYY-MM-DD)", what, n.Value)
		return ""
	}
	return n.Value
}

func (w *walker) enum(n *yaml.Node, what string, allowed []string) string {
	s := w.str(n, what)
	if s == "" {
		return ""
	}
	if !contains(allowed, s) {
		if sug := suggest(s, allowed); sug != "" {
			w.errorf(n, "%s %q is not one of %s (did you mean %q?)", what, s, strings.Join(allowed, ", "), sug)
		} else {
			w.errorf(n, "%s %q is not one of %s", what, s, strings.Join(allowed, ", "))
		}
		return ""
	}
	return s
}

func (w *walker) boolean(n *yaml.Node, what string) bool {
	if !w.plain(n) {
		return false
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || (n.Value != "true" && n.Value != "false") {
		w.errorf(n, "%s must be true or false, not %q", what, n.Value)
		return false
	}
	return n.Value == "true"
}

func (w *walker) url(n *yaml.Node) string {
	s := w.str(n, "url")
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		w.errorf(n, "url %q must be an http or https address", s)
		return ""
	}
	return s
}

func (w *walker) strList(n *yaml.Node, what string) ([]string, []Pos) {
	if !w.seq(n, what) {
		return nil, nil
	}
	vals := make([]string, 0, len(n.Content))
	poss := make([]Pos, 0, len(n.Content))
	for _, item := range n.Content {
		s := w.str(item, what+" entry")
		if s == "" {
			continue
		}
		vals = append(vals, s)
		poss = append(poss, w.pos(item))
	}
	return vals, poss
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	case "!!null":
		return "empty"
	case "!!timestamp":
		return "a date"
	case "!!merge":
		return "a merge key (<<)"
	}
	return "a string"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest returns the known word closest to s when it is a likely typo.
func suggest(s string, known []string) string {
	best, bestD := "", 0
	for _, k := range known {
		d := editDistance(s, k)
		if best == "" || d < bestD {
			best, bestD = k, d
		}
	}
	// Replacing every letter is not a typo: "q" is not a misspelt "s".
	if best != "" && bestD < len(s) && bestD <= max(1, min(len(s), len(best))/3) {
		return best
	}
	return ""
}

// editDistance is the optimal-string-alignment distance: insertions,
// deletions, substitutions and swaps of neighbours each cost one, so that
// "txet" is one edit from "text".
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 20
	}
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// String names a plan for messages: its file name, or its version id.
func (p *Plan) String() string {
	if p.Name != "" {
		return p.Name
	}
	return fmt.Sprintf("version %s", p.Version.ID)
}

// nodeWeight is, per byte, how many YAML nodes it can introduce at most: a
// key and its value after ':' or '?', a block sequence's entry after '-', a
// flow sequence and its first entry after '[', the next entry or key with an
// empty value after ',', a flow mapping with a key and an empty value after
// '{'. Every node but the document and its root follows one of these, so
// the sum (plus two) bounds the nodes of any document, and for some (a long
// block list under an anchor) it is exact.
var nodeWeight = [256]uint8{':': 2, '?': 2, ',': 2, '{': 3, '[': 2, '-': 1}

// nodeBound returns the number of the line by which data could hold more
// than budget YAML nodes, counted from its punctuation (see nodeWeight), or
// 0 if it cannot. The count overestimates, for text with many commas and
// colons, but never underestimates.
func nodeBound(data []byte, budget int) int {
	n, line := 2, 1
	for _, c := range data {
		n += int(nodeWeight[c])
		if c == '\n' {
			line++
		}
		if n > budget {
			return line
		}
	}
	return 0
}
