package changetype

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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
	currency    bool // "$" follows at once: US$, the currency, not the party
}

// tokenize splits s into words: runs of letters and digits, with an
// apostrophe inside a word kept (won't, can't) and dots inside
// abbreviations kept (U.S.).
func tokenize(s string) []token {
	var out []token
	start := true
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			switch r {
			case '.', ';', ':', '!', '?':
				start = true
			}
			i += w
			continue
		}
		j := i
		for j < len(s) {
			r, w := utf8.DecodeRuneInString(s[j:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
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
		out = append(out, token{text: t, lower: strings.ToLower(t), start: start, currency: j < len(s) && s[j] == '$'})
		start = false
		i = j
	}
	return out
}

// possessive reports an "s" at i that ends a word: the possessive 's,
// which is dropped so that "Ukraine's" names Ukraine.
func possessive(s string, i int) bool {
	return (s[i] == 's' || s[i] == 'S') && (i+1 == len(s) || !isLetterAt(s, i+1))
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

// read collects what text says for each type.
func read(text string) said {
	ts := tokenize(text)
	var s said
	for i := 0; i < len(ts); i++ {
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
		if p, n := phraseAt(ts, i, deadlinePhrases); p != "" {
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
	return s
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
	}
	if p, _ := phraseAt(ts, i, conditionPhrases); p != "" {
		return p
	}
	return ""
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
	return strings.Join(words, " "), j - i + 1
}

var timeUnits = map[string]bool{
	"hour": true, "hours": true, "day": true, "days": true, "week": true, "weeks": true,
	"month": true, "months": true, "year": true, "years": true,
}

// phraseAt returns the first phrase of phrases that ts holds at i, as its
// printed name, and its length in tokens.
func phraseAt(ts []token, i int, phrases [][]string) (string, int) {
	var best []string // the longest phrase that matches
	for _, p := range phrases {
		if len(p) <= len(best) || len(p) > len(ts)-i {
			continue
		}
		match := true
		for j, w := range p {
			if ts[i+j].lower != w {
				match = false
				break
			}
		}
		if match {
			best = p
		}
	}
	if best == nil {
		return "", 0
	}
	name := strings.Join(best, " ")
	if n, ok := conditionNames[name]; ok {
		name = n
	}
	return name, len(best)
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
	{{"at", "least"}, {"no", "fewer", "than"}, {"no", "less", "than"}, {"a", "minimum", "of"}, {"minimum"}},
	{{"at", "most"}, {"up", "to"}, {"no", "more", "than"}, {"a", "maximum", "of"}, {"maximum"}, {"limited", "to"}, {"capped", "at"}},
	{{"de", "facto"}},
	{{"de", "jure"}},
}

// scopeAt returns the qualifier at ts[i] (its group's first phrase) and
// its length in tokens.
func scopeAt(ts []token, i int) (string, int) {
	for _, g := range scopeGroups {
		if p, n := phraseAt(ts, i, g); p != "" {
			// "up to" bounds a figure only ("up to 800,000", not "set up
			// to invest"); "including but not limited to" bounds nothing.
			if p == "up to" && (i+2 >= len(ts) || !numberish(ts[i+2].lower)) ||
				p == "limited to" && i > 0 && ts[i-1].lower == "not" {
				continue
			}
			return strings.Join(g[0], " "), n
		}
	}
	return "", 0
}
