// Package changetype says what kind of change turned one clause text into
// another: a figure, a negation, a modal verb, the parties named, a
// condition, a time limit, a qualifier of scope, or only the wording. It is
// what an analyst reads first ("army cap raised 600,000 → 800,000, now in
// peacetime; guarantee now given by NATO and European states too"), so each
// type carries what changed, not only that something did.
//
// The classifier compares what each text says, not where it says it: the
// negations, modal verbs, parties, conditions, deadline phrases and
// qualifiers of each side are counted and the counts compared, so moving
// "not" or a party within a clause is no change of that type. Figures come
// from the figure reader through the change's figures line
// (words.Figures), so equal values in other forms are no change either.
package changetype

import (
	"slices"
	"strings"

	"github.com/plandiff/plandiff/pkg/diff/words"
	"github.com/plandiff/plandiff/pkg/figures"
)

// Names of the types, in the fixed order every list and count follows.
const (
	Figure    = "figure"    // a figure changed, was added or dropped (not a time limit)
	Negation  = "negation"  // not, no, never... added or removed
	Modality  = "modality"  // will, shall, must, may, should... changed
	Party     = "party"     // an actor named or no longer named
	Condition = "condition" // an if, unless, provided that... clause added or dropped
	Deadline  = "deadline"  // a time limit added, changed or dropped
	Scope     = "scope"     // a qualifier (in peacetime, permanently, all, only...) added or removed
	Wording   = "wording"   // none of the above: the text was only reworded
)

// Names lists the types in their fixed order.
var Names = []string{Figure, Negation, Modality, Party, Condition, Deadline, Scope, Wording}

// Valid reports whether name is one of Names.
func Valid(name string) bool { return slices.Contains(Names, name) }

// rank is the position of a type in Names (len(Names) for an unknown one).
func rank(name string) int {
	if i := slices.Index(Names, name); i >= 0 {
		return i
	}
	return len(Names)
}

// Directions of Type.Direction.
const (
	Up      = "up"      // a figure or time limit grew (a later date is up)
	Down    = "down"    // it shrank
	Changed = "changed" // changed in another way, or both added and dropped
	Added   = "added"   // only added
	Dropped = "dropped" // only dropped
)

// Type is one type of change found between two clause texts. The Go
// field names are the JSON contract's (see docs/formats.md, "types").
type Type struct {
	Type string `json:"type"`
	// Direction says which way: Up, Down, Changed, Added or Dropped.
	Direction string `json:"direction,omitempty"`
	// Detail is the change as the text formats print it: "600,000 →
	// 800,000 (+33%)", "will → must", "+in peacetime".
	Detail string `json:"detail,omitempty"`
	// Added and Removed list what only the new, or only the old, text
	// says: parties (Russia, NATO...), negations (not, never), modal verbs,
	// condition markers (if, unless), deadline phrases, qualifiers.
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// Symbol is the one-character mark of a direction in short labels: ↑ up,
// ↓ down, ± changed, + added, − dropped; "" for none.
func Symbol(direction string) string {
	switch direction {
	case Up:
		return "↑"
	case Down:
		return "↓"
	case Changed:
		return "±"
	case Added:
		return "+"
	case Dropped:
		return "−"
	}
	return ""
}

// Label is the short form of a type that headings print: "figure↑",
// "party+", "wording".
func (t Type) Label() string { return t.Type + Symbol(t.Direction) }

// Labels joins the short forms of types with spaces: "figure↑ party+ scope+".
func Labels(ts []Type) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Label())
	}
	return b.String()
}

// Has reports whether ts holds a type of one of names.
func Has(ts []Type, names []string) bool {
	for _, t := range ts {
		if slices.Contains(names, t.Type) {
			return true
		}
	}
	return false
}

// Classify says what kind of change turned oldText into newText, given the
// figures the diff found changed between them (words.Figures). It returns
// the types found in Names order, each at most once, or one Wording type
// when none is found; nil when the texts are equal (nothing changed in the
// text: a change of status or sources only).
func Classify(oldText, newText string, figs []words.Figure) []Type {
	var c Classifier
	return c.Classify(oldText, newText, figs)
}

// Classifier is Classify with buffers kept between calls, for a caller
// that classifies many changes; the zero Classifier is ready. It is not
// safe for concurrent use: give each goroutine its own.
type Classifier struct {
	toks   []token
	rd     figures.Reader
	of, nf []figures.Figure // the figures of the two texts (respelled)
}

// Classify is the package's Classify, reusing c's buffers.
func (c *Classifier) Classify(oldText, newText string, figs []words.Figure) []Type {
	if oldText == newText {
		return nil
	}
	var o, n said
	o, c.toks = readWith(c.toks, oldText)
	n, c.toks = readWith(c.toks, newText)
	var out []Type
	fig, dl := figureTypes(oldText, newText, figs)
	if fig != nil {
		out = append(out, *fig)
	}
	out = appendSet(out, Negation, o.negations, n.negations)
	mo, mn := tense(o.modals, n.modals)
	out = appendSet(out, Modality, mo, mn)
	if t := partyType(o.parties, n.parties); t != nil {
		out = append(out, *t)
	}
	out = appendSet(out, Condition, o.conditions, n.conditions)
	if t := deadlineType(dl, o.deadlines, n.deadlines, figs); t != nil {
		out = append(out, *t)
	}
	out = appendSet(out, Scope, o.scopes, n.scopes)
	if len(out) == 0 {
		return []Type{{Type: Wording, Detail: c.respelled(oldText, newText)}}
	}
	slices.SortStableFunc(out, func(a, b Type) int { return rank(a.Type) - rank(b.Type) })
	return out
}

// dlEvent is one time limit that changed: which way and how it reads.
type dlEvent struct{ direction, detail, instead string }

// figureTypes splits the changed figures into figure changes and time
// limits: a figure dropped or added with a deadline note, or a duration or
// date after a deadline preposition (within, by, before...) on either side,
// is a time limit; every other figure is a figure change.
func figureTypes(oldText, newText string, figs []words.Figure) (*Type, []dlEvent) {
	var dirs, details []string
	var dl []dlEvent
	for _, f := range figs {
		old, nu, note := f.Display("none")
		d := old + " → " + nu
		if note != "" {
			d += " (" + note + ")"
		}
		dir := figureDirection(f)
		if isDeadline(oldText, newText, f) {
			dl = append(dl, dlEvent{dir, d, f.Instead})
			continue
		}
		dirs = append(dirs, dir)
		details = append(details, d)
	}
	if len(dirs) == 0 {
		return nil, dl
	}
	return &Type{Type: Figure, Direction: merge(dirs), Detail: strings.Join(details, "; ")}, dl
}

// figureDirection is the direction of one changed figure.
func figureDirection(f words.Figure) string {
	switch {
	case f.Old == "":
		return Added
	case f.New == "":
		return Dropped
	case f.Direction == Up || f.Direction == Down:
		return f.Direction
	}
	return Changed
}

// merge is the direction of several changes: theirs when they agree,
// Changed otherwise.
func merge(dirs []string) string {
	for _, d := range dirs[1:] {
		if d != dirs[0] {
			return Changed
		}
	}
	return dirs[0]
}

// isDeadline reports a changed figure that is a time limit.
func isDeadline(oldText, newText string, f words.Figure) bool {
	switch f.Note {
	case words.NoteDeadlineAdded, words.NoteDeadlineDropped:
		return true
	case words.NoteAdded, words.NoteDropped:
		return false
	}
	if !timeKind(f.Old) && !timeKind(f.New) {
		return false
	}
	return deadlineIn(oldText, f.Old) || deadlineIn(newText, f.New)
}

// timeKind reports a figure text that reads as a duration or a date.
func timeKind(text string) bool {
	fs := figures.Read(text)
	return len(fs) == 1 && (fs[0].Value.Kind == figures.Duration || fs[0].Value.Kind == figures.Date)
}

// deadlineIn reports whether some occurrence of fig in text follows a
// deadline preposition.
func deadlineIn(text, fig string) bool {
	if fig == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(text[i:], fig)
		if j < 0 {
			return false
		}
		if words.DeadlineBefore(text, i+j) {
			return true
		}
		i += j + len(fig)
	}
}

// deadlineType joins the time limits among the figures and the deadline
// phrases (as soon as possible, immediately, no later than...) added or
// dropped into one type. A phrase that the figures line already names as
// what replaced a dropped time limit is not counted twice.
func deadlineType(events []dlEvent, old, nu []string, figs []words.Figure) *Type {
	added, removed := diffCounts(old, nu)
	var dirs, details, phrases []string
	for _, e := range events {
		dirs = append(dirs, e.direction)
		details = append(details, e.detail)
	}
	instead := func(p string) bool {
		for _, e := range events {
			if strings.Contains(strings.ToLower(e.instead), p) {
				return true
			}
		}
		return false
	}
	for _, p := range added {
		if !instead(p) {
			dirs = append(dirs, Added)
			phrases = append(phrases, "+"+p)
		}
	}
	for _, p := range removed {
		dirs = append(dirs, Dropped)
		phrases = append(phrases, "−"+p)
	}
	if len(dirs) == 0 {
		return nil
	}
	if len(phrases) > 0 {
		details = append(details, strings.Join(phrases, " "))
	}
	return &Type{Type: Deadline, Direction: merge(dirs), Detail: strings.Join(details, "; "), Added: added, Removed: removed}
}

// tense leaves the future "will" out of both sides' modals unless it gave
// way to another modal or took another's place: "will be set up" against
// "invests", or "gives" against "will give", is a change of tense, not of
// how binding the clause is. "will" against "must", "shall" or "is
// expected to" is still a modality change, and so is "shall" dropped: in a
// treaty text "shall" binds.
func tense(old, nu []string) ([]string, []string) {
	isWill := func(m string) bool { return m == "will" }
	wo, wn := slices.ContainsFunc(old, isWill), slices.ContainsFunc(nu, isWill)
	if wo == wn {
		return old, nu
	}
	o2, n2 := slices.DeleteFunc(slices.Clone(old), isWill), slices.DeleteFunc(slices.Clone(nu), isWill)
	added, removed := diffCounts(o2, n2)
	if wo && len(added) > 0 || wn && len(removed) > 0 {
		return old, nu
	}
	return o2, n2
}

// appendSet appends a type of name when the words of its kind that old and
// new hold differ in number: Added lists those new holds more often,
// Removed those old holds more often.
func appendSet(out []Type, name string, old, nu []string) []Type {
	added, removed := diffCounts(old, nu)
	if len(added) == 0 && len(removed) == 0 {
		return out
	}
	return append(out, listType(name, added, removed))
}

// listType is a type made of added and removed words.
func listType(name string, added, removed []string) Type {
	t := Type{Type: name, Added: added, Removed: removed}
	switch {
	case len(removed) == 0:
		t.Direction = Added
	case len(added) == 0:
		t.Direction = Dropped
	default:
		t.Direction = Changed
	}
	switch {
	case name == Modality && len(added) > 0 && len(removed) > 0:
		t.Detail = strings.Join(removed, ", ") + " → " + strings.Join(added, ", ")
	default:
		var parts []string
		for _, a := range added {
			parts = append(parts, "+"+a)
		}
		for _, r := range removed {
			parts = append(parts, "−"+r)
		}
		t.Detail = strings.Join(parts, " ")
	}
	return t
}

// diffCounts compares two lists of words as multisets: added holds, in the
// order new first says them, the words new holds more often than old;
// removed, in old's order, those old holds more often. Each word is listed
// once.
func diffCounts(old, nu []string) (added, removed []string) {
	count := func(ws []string) map[string]int {
		m := make(map[string]int, len(ws))
		for _, w := range ws {
			m[w]++
		}
		return m
	}
	co, cn := count(old), count(nu)
	for _, w := range nu {
		if cn[w] > co[w] && !slices.Contains(added, w) {
			added = append(added, w)
		}
	}
	for _, w := range old {
		if co[w] > cn[w] && !slices.Contains(removed, w) {
			removed = append(removed, w)
		}
	}
	return added, removed
}

// respelled says which figures a reworded text writes another way at equal
// value ("600,000 = 600 000 (same value)"): a reader shown only "wording"
// and a redline of numbers would otherwise wonder whether a value moved.
// Figures written alike on both sides are set aside first, so a figure
// repeated once in each spelling pairs the two spellings; "" when none.
func (c *Classifier) respelled(oldText, newText string) string {
	if !figures.MayHold(oldText) || !figures.MayHold(newText) {
		return ""
	}
	c.of = c.rd.Append(c.of[:0], oldText)
	c.nf = c.rd.Append(c.nf[:0], newText)
	of, nf := c.of, c.nf
	used := make([]bool, len(nf))
	left := of[:0:0]
	take := func(match func(figures.Figure) bool) (string, bool) {
		for j, n := range nf {
			if !used[j] && match(n) {
				used[j] = true
				return n.Text, true
			}
		}
		return "", false
	}
	for _, o := range of {
		if _, ok := take(func(n figures.Figure) bool { return n.Text == o.Text }); !ok {
			left = append(left, o)
		}
	}
	var pairs []string
	for _, o := range left {
		if n, ok := take(func(n figures.Figure) bool { return o.Value.Equal(n.Value) }); ok {
			if p := o.Text + " = " + n; !slices.Contains(pairs, p) {
				pairs = append(pairs, p)
			}
		}
	}
	switch len(pairs) {
	case 0:
		return ""
	case 1:
		return pairs[0] + " (same value)"
	}
	return strings.Join(pairs, ", ") + " (same values)"
}
