// Package textimport turns a numbered list as newspapers print a leaked plan
// into a plan skeleton: numbers, nested sub-points and text, with one source
// stub for the user to fill in.
//
// The input is read line by line:
//
//   - "1." "1)" "(1)" start a point. A number is taken as a new point only
//     when it is higher than the last point's and at most ten higher, so that
//     a wrapped line that starts with a year or a figure ("2026. The
//     parties...") stays part of the text it continues.
//   - "10a." "10a)" "10.3" "14.3." start a sub-point of point 10 (or 14);
//     "a)" "a." "(a)" start a sub-point of the current point, numbered with
//     the point's number ("10a"). With no current point they are points.
//   - Lines starting with "-", "*", "•", "–", "—" or "·" are bullets: sub-points
//     of the preceding point or sub-point (numbered "", as printed), or
//     points when nothing precedes them.
//   - Any other line continues the item above it (wrapped lines are joined
//     with one space; a word broken after a hyphen is joined without one).
//     Before the first item, the first such line is the heading (the title
//     unless one is given) and the lines after it are kept as the version
//     note.
//
// Ids are "p" and the number ("p1", "p10a", "p14-3"); bullets add their index
// to their parent's id ("p10-b1"); unnumbered points are "item-1"...; a
// clash gets a suffix. Every clause cites the stub source, whose outlet says
// to fill it in; the result validates as it is.
package textimport

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/plan"
)

// MaxBytes bounds the text Parse reads.
const MaxBytes = 4 << 20

// StubSource is the id of the source stub every clause cites.
const StubSource = "source-1"

// StubOutlet is the stub source's outlet until the user fills it in.
const StubOutlet = "unknown (fill in)"

// emptyText stands for a point printed with a number and no text.
const emptyText = "(no text in the source)"

// Options says what Parse cannot read from the text.
type Options struct {
	ID       string // version id, a slug (required)
	Title    string // overrides the heading line
	Surfaced string // YYYY-MM-DD (required)
	// Complete marks the version completeness: full. Without it the
	// skeleton is partial: a newspaper's list is rarely the whole text, and
	// a full version turns every clause it lacks into a removal.
	Complete bool
}

var (
	versionIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	dateRE      = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

	pointRE    = regexp.MustCompile(`^\(?(\d{1,4})[.)]\s+(.*)$`)
	pointOnly  = regexp.MustCompile(`^\(?(\d{1,4})[.)]$`)
	subNumRE   = regexp.MustCompile(`^\(?(\d{1,4})([a-z]|\.\d{1,3})[.)]?\s+(.*)$`)
	subNumOnly = regexp.MustCompile(`^\(?(\d{1,4})([a-z]|\.\d{1,3})[.)]$`)
	letterRE   = regexp.MustCompile(`^(?:\(([a-z])\)|([a-z])[.)])\s+(.*)$`)
	bulletRE   = regexp.MustCompile(`^(?:[-*•–—·▪◦])\s+(.*)$`)
)

// ErrEmpty is returned when the text holds no point at all.
var ErrEmpty = errors.New("no numbered point or bullet found")

type item struct {
	c      *plan.Clause
	top    int // the point's number, for top-level numbered items
	parent *item
	subs   []*item
	lines  []string // the text's lines, joined at the end
	nBul   int
}

// Parse reads text and returns the plan skeleton.
func Parse(text string, opts Options) (*plan.Plan, error) {
	if !versionIDRE.MatchString(opts.ID) {
		return nil, fmt.Errorf("version id %q must be a slug: lower-case letters, digits and '-'", opts.ID)
	}
	if !dateRE.MatchString(opts.Surfaced) {
		return nil, fmt.Errorf("surfaced date %q: want YYYY-MM-DD", opts.Surfaced)
	}
	if len(text) > MaxBytes {
		return nil, fmt.Errorf("text is %d bytes, over the limit of %d", len(text), MaxBytes)
	}
	var (
		heading  string
		preamble []string
		points   []*item
		cur      *item // item that continuation lines extend
		curTop   *item // current numbered point
		lastNum  = 0
		ids      = map[string]int{}
		unnamed  = 0
	)
	newItem := func(id, number, text string, parent *item) *item {
		id = unique(ids, id)
		it := &item{c: &plan.Clause{ID: id, Number: number, Sources: []string{StubSource}}, parent: parent, lines: []string{text}}
		if parent != nil {
			parent.subs = append(parent.subs, it)
		} else {
			points = append(points, it)
		}
		cur = it
		return it
	}
	addTop := func(n int, text string) {
		it := newItem("p"+strconv.Itoa(n), strconv.Itoa(n), text, nil)
		it.top = n
		curTop = it
		lastNum = n
	}
	sc := bufio.NewScanner(strings.NewReader(clean(text)))
	sc.Buffer(make([]byte, 64<<10), MaxBytes+1)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if m := pointRE.FindStringSubmatch(line); m != nil && acceptTop(m[1], lastNum, curTop) {
			n, _ := strconv.Atoi(m[1])
			addTop(n, m[2])
			continue
		}
		if m := pointOnly.FindStringSubmatch(line); m != nil && acceptTop(m[1], lastNum, curTop) {
			n, _ := strconv.Atoi(m[1])
			addTop(n, "")
			continue
		}
		if m := subNumRE.FindStringSubmatch(line); m != nil && curTop != nil && m[1] == curTop.c.Number {
			newItem("p"+slug(m[1]+m[2]), m[1]+m[2], m[3], curTop)
			continue
		}
		if m := subNumOnly.FindStringSubmatch(line); m != nil && curTop != nil && m[1] == curTop.c.Number {
			newItem("p"+slug(m[1]+m[2]), m[1]+m[2], "", curTop)
			continue
		}
		if m := letterRE.FindStringSubmatch(line); m != nil {
			letter := m[1] + m[2]
			if curTop != nil {
				newItem("p"+slug(curTop.c.Number+letter), curTop.c.Number+letter, m[3], curTop)
			} else {
				unnamed++
				newItem("item-"+strconv.Itoa(unnamed), letter, m[3], nil)
			}
			continue
		}
		if m := bulletRE.FindStringSubmatch(line); m != nil {
			if cur != nil && (cur.c.Number != "" || cur.parent != nil) {
				parent := cur
				if parent.c.Number == "" && parent.parent != nil {
					parent = parent.parent // consecutive bullets are siblings
				}
				parent.nBul++
				newItem(parent.c.ID+"-b"+strconv.Itoa(parent.nBul), "", m[1], parent)
			} else {
				unnamed++
				newItem("item-"+strconv.Itoa(unnamed), "", m[1], nil)
			}
			continue
		}
		switch {
		case cur != nil:
			cur.lines = append(cur.lines, line)
		case heading == "":
			heading = line
		default:
			preamble = append(preamble, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read text: %w", err)
	}
	if len(points) == 0 {
		return nil, ErrEmpty
	}
	title := strings.TrimSpace(opts.Title)
	if title == "" {
		title = strings.TrimSpace(strings.TrimRight(heading, ":"))
	}
	if title == "" {
		title = opts.ID
	}
	p := &plan.Plan{
		Format: plan.FormatVersion,
		Version: plan.Version{
			ID: opts.ID, Title: clean1(title), Surfaced: opts.Surfaced,
			Completeness: completeness(opts.Complete),
			Note:         clean1(strings.Join(preamble, " ")),
			Sources:      []plan.Source{{ID: StubSource, Outlet: StubOutlet}},
		},
		Name: opts.ID + ".yaml",
	}
	var conv func(items []*item) []*plan.Clause
	conv = func(items []*item) []*plan.Clause {
		var out []*plan.Clause
		for _, it := range items {
			it.c.Text = clean1(joinLines(it.lines))
			if it.c.Text == "" {
				it.c.Text = emptyText
			}
			it.c.Confidence = plan.ConfidenceReported
			it.c.Clauses = conv(it.subs)
			out = append(out, it.c)
		}
		return out
	}
	p.Clauses = conv(points)
	return p, nil
}

// acceptTop says whether number s starts a new point after point last.
func acceptTop(s string, last int, cur *item) bool {
	n, err := strconv.Atoi(s)
	if err != nil {
		return false
	}
	if cur == nil {
		return n < 1000
	}
	return n > last && n <= last+10
}

func unique(ids map[string]int, id string) string {
	ids[id]++
	if ids[id] == 1 {
		return id
	}
	for {
		cand := fmt.Sprintf("%s-%d", id, ids[id])
		if ids[cand] == 0 {
			ids[cand] = 1
			return cand
		}
		ids[id]++
	}
}

// slug makes a number fit an id: "14.3" → "14-3".
func slug(s string) string { return strings.ReplaceAll(strings.ToLower(s), ".", "-") }

// joinLines joins wrapped lines with a space, or with none after a word
// broken at a hyphen.
func joinLines(lines []string) string {
	var b strings.Builder
	for _, line := range lines {
		if line == "" {
			continue
		}
		text := b.String()
		switch {
		case text == "":
		case strings.HasSuffix(text, "-") && !strings.HasSuffix(text, " -") && startsLower(line):
		default:
			b.WriteByte(' ')
		}
		b.WriteString(line)
	}
	return b.String()
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// clean makes the input safe to read line by line: valid UTF-8, lines
// broken at LF, CR or CRLF (and at U+2028/U+2029), no byte-order mark, tabs
// as spaces, and no other control or format characters that a plan file
// may not hold.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			b.WriteByte('\n')
		case r == '\n', r == '\u2028', r == '\u2029', r == '\u0085':
			b.WriteByte('\n')
		case r == '\t', r == '\u00a0':
			b.WriteByte(' ')
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, r == '\ufeff':
		case unicode.Is(unicode.Cf, r) && r != '\u200d':
			// Format characters (bidi controls, zero-width spaces) are
			// dropped: they hide or reorder text; ZWJ is kept for scripts
			// and emoji that need it.
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// clean1 collapses runs of white space in one field to single spaces.
func clean1(s string) string { return strings.Join(strings.Fields(s), " ") }

func completeness(complete bool) string {
	if complete {
		return plan.CompletenessFull
	}
	return plan.CompletenessPartial
}

// Header is the comment Write puts before the plan: the schema pointer that
// editors use, what the skeleton's completeness means, and what the user has
// to fill in.
func Header(p *plan.Plan) string {
	comp := `#   - version: check surfaced and set status. completeness is partial: a clause
#     missing from this text reads as unreported, not removed. Set it to full
#     only if the text is known in full (or import with --complete). Add
#     supersedes: [VERSION] to place it in the lineage;
`
	if !p.Partial() {
		comp = `#   - version: check surfaced and set status. completeness is full (--complete):
#     every clause missing from this text reads as removed. Set it to partial if
#     the text is not known in full. Add supersedes: [VERSION] to place it in
#     the lineage;
`
	}
	return `# yaml-language-server: $schema=../schema/plan.schema.json
#
# Imported by plandiff import. Before diffing or committing it:
#   - version.sources: fill in source-1 (outlet, date, url, covers) and add the
#     other sources; cite them in each clause's sources;
` + comp + `#   - clauses: replace the generated ids (p1, p10a...) with the corpus's ids for
#     the same clauses, so that plandiff pairs them; add topics; reword the text
#     in your own words (docs/corpus.md).
`
}

// Write writes the plan skeleton as YAML, after Header.
func Write(w io.Writer, p *plan.Plan) error {
	if _, err := io.WriteString(w, Header(p)); err != nil {
		return err
	}
	return plan.Encode(w, p)
}
