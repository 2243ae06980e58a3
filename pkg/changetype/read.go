package changetype

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/figures"
)

// said is what one text says, for each type read from words: the markers
// of its kind, in order of appearance (a word once per occurrence).
type said struct {
	negations  []string
	modals     []string // distinct
	parties    []string // distinct, canonical names
	conditions []string
	deadlines  []string // distinct
	scopes     []string // distinct
}

// token is a word of a text as written, its lower-case form, and whether
// it starts a sentence (the text's start or after . ; : ! ?).
type token struct {
	text, lower string
	start       bool
	comma       bool // a comma comes between the word before and this one
	currency    bool // "$" follows at once: US$, the currency, not the party
}

// tokenize splits s into words: runs of letters and digits, with an
// apostrophe inside a word kept (won't, can't) and dots inside
// abbreviations kept (U.S.).
func tokenize(s string) []token { return appendTokens(nil, s) }

// appendTokens appends the words of s to out (tokenize).
func appendTokens(out []token, s string) []token {
	start, comma := true, false
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if !isWordRune(r) {
			switch r {
			case '.', ';', ':', '!', '?':
				start = true
			case ',':
				comma = true
			}
			i += w
			continue
		}
		j := i
		for j < len(s) {
			r, w := rune(s[j]), 1
			if r >= utf8.RuneSelf {
				r, w = utf8.DecodeRuneInString(s[j:])
			}
			if isWordRune(r) {
				j += w
				continue
			}
			// An apostrophe, or a dot between single letters (U.S.A.),
			// stays inside the word.
			if (r == '\'' || r == '’') && j+w < len(s) && isLetterAt(s, j+w) && !possessive(s, j+w) {
				j += w
				continue
			}
			if r == '.' && j+1 < len(s) && isLetterAt(s, j+1) && singleLetterBefore(s[i:j]) && (j+2 >= len(s) || s[j+2] == '.') {
				j += 2
				if j < len(s) && s[j] == '.' {
					j++
				}
				continue
			}
			break
		}
		t := s[i:j]
		out = append(out, token{text: t, lower: strings.ToLower(t), start: start, comma: comma, currency: j < len(s) && s[j] == '$'})
		start, comma = false, false
		i = j
	}
	return out
}

// possessive reports an "s" at i that ends a word: the possessive 's,
// which is dropped so that "Ukraine's" names Ukraine.
func possessive(s string, i int) bool {
	return (s[i] == 's' || s[i] == 'S') && (i+1 == len(s) || !isLetterAt(s, i+1))
}

// isWordRune reports a letter or digit, ASCII first.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		c := byte(r) | 0x20
		return 'a' <= c && c <= 'z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// singleLetterBefore reports whether w ends in a single letter after a dot
// or the word's start ("U", "U.S"): the dots of an abbreviation.
func singleLetterBefore(w string) bool {
	n := len(w)
	return n == 1 || n >= 2 && w[n-2] == '.'
}

// readWith collects what text says for each type, with buf for its words;
// it returns buf to reuse (the said does not refer to it).
func readWith(buf []token, text string) (said, []token) {
	ts := appendTokens(buf[:0], text)
	var s said
	starts := markerStarts()
	for i := 0; i < len(ts); i++ {
		// Most words start no marker: one look-up rules them out.
		if l := ts[i].lower; !starts[l] && !strings.HasSuffix(l, "n't") && !strings.HasSuffix(l, "n’t") {
			continue
		}
		if n := negation(ts, i); n != "" {
			s.negations = append(s.negations, n)
		}
		if m, skip := modal(ts, i); m != "" {
			s.modals = appendOnce(s.modals, m)
			i += skip
			continue
		}
		if c := condition(ts, i); c != "" {
			s.conditions = append(s.conditions, c)
		}
		if p, n := withinSpan(ts, i); p != "" {
			s.deadlines = appendOnce(s.deadlines, p)
			i += n - 1
			continue
		}
		if p, n := phraseAt(ts, i, kindDeadline); p != "" {
			s.deadlines = appendOnce(s.deadlines, p)
			i += n - 1
			continue
		}
		if p, n := scopeAt(ts, i); p != "" {
			s.scopes = appendOnce(s.scopes, p)
			i += n - 1
			continue
		}
	}
	s.parties = parties(ts)
	return s, ts
}

func appendOnce(list []string, w string) []string {
	if slices.Contains(list, w) {
		return list
	}
	return append(list, w)
}

// negation returns the negation word at ts[i], or "". "No" before a
// number (No. 5) and "no more/less/later/fewer than" are not negations.
func negation(ts []token, i int) string {
	t := ts[i].lower
	switch t {
	case "not", "never", "nor", "neither", "none", "nobody", "nothing", "cannot":
		if t == "cannot" {
			return "not"
		}
		return t
	case "no":
		if i+1 < len(ts) {
			switch ts[i+1].lower {
			case "more", "less", "later", "fewer", "earlier", "sooner":
				return ""
			}
			if r, _ := utf8.DecodeRuneInString(ts[i+1].text); unicode.IsDigit(r) {
				return ""
			}
		}
		return t
	}
	if strings.HasSuffix(t, "n't") || strings.HasSuffix(t, "n’t") {
		return "not"
	}
	return ""
}

// modals maps a modal verb, or the first word of a modal phrase, to how
// types name it.
var modals = map[string]string{
	"will": "will", "shall": "shall", "must": "must", "may": "may", "might": "might",
	"should": "should", "can": "can", "could": "could", "would": "would",
	"cannot": "can", "won't": "will", "won’t": "will", "can't": "can", "can’t": "can",
	"shan't": "shall", "mustn't": "must", "shouldn't": "should", "couldn't": "could", "wouldn't": "would",
}

// modalPhrases are modality said in several words: a word before "to".
var modalPhrases = map[string]string{
	"expected": "is expected to", "required": "is required to", "obliged": "is obliged to",
	"obligated": "is obliged to", "undertake": "undertakes to", "undertakes": "undertakes to",
	"agree": "agrees to", "agrees": "agrees to", "commit": "commits to", "commits": "commits to",
	"intends": "intends to", "intend": "intends to",
}

// modal returns the modality at ts[i] and how many tokens after i it spans.
func modal(ts []token, i int) (string, int) {
	t := &ts[i]
	if m, ok := modals[t.lower]; ok {
		prev := ""
		if i > 0 {
			prev = ts[i-1].lower
		}
		switch {
		// "Should Russia invade..." opens a condition.
		case t.lower == "should" && t.start:
			return "", 0
		// May the month: capitalised inside a sentence, or beside a number.
		case t.lower == "may" && (t.text == "May" && !t.start || nearNumber(ts, i)):
			return "", 0
		// The noun: "the will of the people", "political will", "a can".
		case (t.lower == "will" || t.lower == "can") && isDeterminer(prev):
			return "", 0
		}
		return m, 0
	}
	if m, ok := modalPhrases[t.lower]; ok && i+2 < len(ts) && ts[i+1].lower == "to" && isVerbish(ts[i+2]) {
		return m, 1
	}
	// "is to", "are to" (the sides are to withdraw); "has to", "have to".
	if i+2 < len(ts) && ts[i+1].lower == "to" {
		switch t.lower {
		case "is", "are":
			if isVerbish(ts[i+2]) {
				return "is to", 1
			}
		case "has", "have":
			return "has to", 1
		}
	}
	return "", 0
}

// isVerbish reports a word after "to" that reads as a verb ("agrees to
// remain") rather than the start of a noun phrase ("agree to this
// document", "is to Ukraine"): not a determiner, a name or a number.
func isVerbish(t token) bool {
	r, _ := utf8.DecodeRuneInString(t.text)
	return !isDeterminer(t.lower) && !unicode.IsUpper(r) && !unicode.IsDigit(r)
}

func isDeterminer(w string) bool {
	switch w {
	case "the", "a", "an", "its", "their", "his", "her", "our", "political", "good", "free", "of", "this", "that":
		return true
	}
	return false
}

// numberish reports a word that starts a figure: digits or a number word.
func numberish(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsDigit(r) {
		return true
	}
	switch w {
	case "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
		"eighty", "ninety", "hundred", "thousand", "half", "a", "an":
		return true
	}
	return false
}

func nearNumber(ts []token, i int) bool {
	digit := func(k int) bool {
		if k < 0 || k >= len(ts) {
			return false
		}
		r, _ := utf8.DecodeRuneInString(ts[k].text)
		return unicode.IsDigit(r)
	}
	return digit(i-1) || digit(i+1)
}

// condition returns the condition marker at ts[i], or "".
func condition(ts []token, i int) string {
	t := &ts[i]
	switch t.lower {
	case "if", "unless":
		return t.lower
	case "should":
		if t.start {
			return "if" // "Should Russia invade..." is "if Russia invades"
		}
	case "provided":
		// ", provided martial law has ended": the conjunction without its
		// "that"; "provided by", "provided for", "provided annually" are
		// the verb.
		if t.comma && i+1 < len(ts) && !providedVerb(ts[i+1].lower) {
			return "provided that"
		}
	}
	if p, _ := phraseAt(ts, i, kindCondition); p != "" {
		return p
	}
	return ""
}

// providedVerb reports a word after "provided" that makes it the verb.
func providedVerb(next string) bool {
	switch next {
	case "by", "for", "to", "with", "in", "under", "that", "always", "above", "below", "herein":
		return true
	}
	return strings.HasSuffix(next, "ly")
}

var conditionPhrases = [][]string{
	{"provided", "that"}, {"providing", "that"}, {"provided", "always"}, {"subject", "to"},
	{"on", "condition"}, {"on", "the", "condition"}, {"on", "the", "conditions"}, {"on", "conditions"},
	{"in", "the", "event"}, {"in", "case", "of"}, {"as", "long", "as"}, {"so", "long", "as"},
	{"conditional", "on"}, {"conditioned", "on"}, {"contingent", "on"}, {"contingent", "upon"},
}

// condition phrases print by their first words: "provided that", "subject
// to", "on condition"...
var conditionNames = map[string]string{
	"on the condition": "on condition", "on the conditions": "on condition", "on conditions": "on condition",
	"provided always": "provided that", "providing that": "provided that", "in case of": "in the event",
	"so long as": "as long as", "conditioned on": "conditional on", "contingent upon": "contingent on",
}

var deadlinePhrases = [][]string{
	{"as", "soon", "as", "possible"}, {"immediately"}, {"at", "once"}, {"without", "delay"},
	{"forthwith"}, {"no", "later", "than"}, {"set", "date"}, {"deadline"}, {"timetable"},
	{"time", "limit"}, {"timeline"}, {"by", "the", "end", "of"}, {"promptly"},
}

// deadline phrases of one meaning print, and compare, as one: "at once"
// for "immediately" is no change of time limit.
var deadlineNames = map[string]string{"at once": "immediately", "forthwith": "immediately", "without delay": "immediately"}

// withinSpan returns a time limit that the figure reader does not read as
// a figure, "within a year", "within the next month", "within weeks", and
// its length in tokens; a number ("within 100 days") is the figures' part.
func withinSpan(ts []token, i int) (string, int) {
	if ts[i].lower != "within" {
		return "", 0
	}
	j := i + 1
	for j < len(ts) && j <= i+3 {
		switch ts[j].lower {
		case "a", "an", "one", "the", "next", "few", "several", "coming":
			j++
			continue
		}
		break
	}
	if j >= len(ts) || !timeUnits[ts[j].lower] {
		return "", 0
	}
	words := make([]string, 0, j-i+1)
	for k := i; k <= j; k++ {
		words = append(words, ts[k].lower)
	}
	// "within a year", "within one year": the figure reader reads the
	// length, so the figures line has it (12 months → a year is no change).
	if len(figures.Read(strings.Join(words[1:], " "))) > 0 {
		return "", 0
	}
	return strings.Join(words, " "), j - i + 1
}

var timeUnits = map[string]bool{
	"hour": true, "hours": true, "day": true, "days": true, "week": true, "weeks": true,
	"month": true, "months": true, "year": true, "years": true,
}

// Kinds of the phrases of phraseIndex.
const (
	kindCondition = iota
	kindDeadline
	kindScope
)

// phrase is a marker of several words (or one) that phraseAt finds.
type phrase struct {
	words []string
	kind  int
	name  string // how types print it: a condition's or a scope group's name
}

// phraseIndex holds the condition, deadline and scope phrases by their
// first word, longest first.
var phraseIndex = sync.OnceValue(func() map[string][]phrase {
	ix := map[string][]phrase{}
	add := func(words []string, kind int, name string) {
		ix[words[0]] = append(ix[words[0]], phrase{words, kind, name})
	}
	for _, p := range conditionPhrases {
		name := strings.Join(p, " ")
		if n, ok := conditionNames[name]; ok {
			name = n
		}
		add(p, kindCondition, name)
	}
	for _, p := range deadlinePhrases {
		name := strings.Join(p, " ")
		if n, ok := deadlineNames[name]; ok {
			name = n
		}
		add(p, kindDeadline, name)
	}
	for _, g := range scopeGroups {
		for _, p := range g {
			add(p, kindScope, strings.Join(g[0], " "))
		}
	}
	for _, ps := range ix {
		slices.SortStableFunc(ps, func(a, b phrase) int { return len(b.words) - len(a.words) })
	}
	return ix
})

// markerStarts is the set of words a marker of any type can start with.
var markerStarts = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for w := range phraseIndex() {
		m[w] = true
	}
	for w := range modals {
		m[w] = true
	}
	for w := range modalPhrases {
		m[w] = true
	}
	for _, w := range []string{"not", "never", "nor", "neither", "none", "nobody", "nothing", "cannot", "no",
		"is", "are", "has", "have", "if", "unless", "should", "within"} {
		m[w] = true
	}
	return m
})

// phraseAt returns the longest phrase of a kind that ts holds at i, as its
// printed name, and its length in tokens.
func phraseAt(ts []token, i int, kind int) (string, int) {
	for _, p := range phraseIndex()[ts[i].lower] {
		if p.kind != kind || len(p.words) > len(ts)-i {
			continue
		}
		match := true
		for j, w := range p.words[1:] {
			if ts[i+1+j].lower != w {
				match = false
				break
			}
		}
		if match {
			return p.name, len(p.words)
		}
	}
	return "", 0
}

// scopeGroups are the qualifiers of scope: each group's words and phrases
// count as its first, so "all" and "every" or "full" and "complete" are one
// qualifier and swapping them is no change.
var scopeGroups = [][][]string{
	{{"all"}, {"every"}, {"each"}, {"entire"}, {"entirely"}, {"whole"}},
	{{"full"}, {"fully"}, {"complete"}, {"completely"}, {"comprehensive"}, {"comprehensively"}, {"total"}, {"totally"}},
	{{"only"}, {"solely"}, {"exclusively"}, {"exclusive"}},
	{{"partially"}, {"partial"}, {"partly"}, {"in", "part"}},
	{{"permanently"}, {"permanent"}, {"forever"}, {"indefinitely"}, {"irrevocably"}, {"irrevocable"}, {"in", "perpetuity"}},
	{{"temporarily"}, {"temporary"}, {"interim"}, {"provisional"}, {"provisionally"}, {"transitional"}},
	{{"in", "peacetime"}, {"in", "peace", "time"}, {"in", "time", "of", "peace"}, {"peacetime"}},
	{{"in", "wartime"}, {"in", "time", "of", "war"}, {"wartime"}},
	{{"unconditional"}, {"unconditionally"}},
	{{"at", "least"}, {"no", "fewer", "than"}, {"no", "less", "than"}, {"minimum"}},
	{{"at", "most"}, {"up", "to"}, {"no", "more", "than"}, {"maximum"}, {"limited", "to"}, {"capped", "at"}},
	{{"de", "facto"}},
	{{"de", "jure"}},
}

// scopeAt returns the qualifier at ts[i] (its group's first phrase) and
// its length in tokens.
func scopeAt(ts []token, i int) (string, int) {
	p, n := phraseAt(ts, i, kindScope)
	switch {
	case p == "":
		return "", 0
	// "up to" bounds a figure only ("up to 800,000", not "set up to
	// invest"); "including but not limited to" bounds nothing.
	case ts[i].lower == "up" && (i+2 >= len(ts) || !numberish(ts[i+2].lower)),
		ts[i].lower == "limited" && i > 0 && ts[i-1].lower == "not":
		return "", 0
	}
	return p, n
}
