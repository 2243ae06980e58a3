package diff

import (
	"strings"
	"unicode"

	"github.com/plandiff/plandiff/pkg/diff/words"
	"github.com/plandiff/plandiff/pkg/plan"
)

// ClauseVariants lists a clause's variant readings as a change carries
// them, tagged with its id.
func ClauseVariants(c *plan.Clause) []VariantRef {
	out := make([]VariantRef, 0, len(c.Variants))
	for _, v := range c.Variants {
		out = append(out, VariantRef{Clause: c.ID, Reading: v.Reading, Sources: append([]string{}, v.Sources...), Followed: v.Followed})
	}
	return out
}

// variants lists the variant readings of clauses, tagged with their ids.
func variants(es []*entry) []VariantRef {
	out := []VariantRef{}
	for _, e := range es {
		out = append(out, ClauseVariants(e.c)...)
	}
	return out
}

// setVariants fills c.Variants and c.Reading for a change between olds and
// news (see Change.Reading).
func setVariants(c *Change, olds, news []*entry) {
	ov, nv := variants(olds), variants(news)
	if len(ov) == 0 && len(nv) == 0 {
		return
	}
	c.Variants = &VariantPair{Old: ov, New: nv}
	if len(olds) != 1 || len(news) != 1 {
		return
	}
	of, nf := followed(olds[0].c), followed(news[0].c)
	if sameReading(of, nf) {
		return
	}
	// One side's copies give the reading the other side's text follows.
	if nf != "" && hasReading(olds[0].c, nf) || of != "" && hasReading(news[0].c, of) {
		c.Reading = &Delta{Old: of, New: nf}
	}
}

func followed(c *plan.Clause) string {
	if v := c.Followed(); v != nil {
		return v.Reading
	}
	return ""
}

func sameReading(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

func hasReading(c *plan.Clause, r string) bool {
	for _, v := range c.Variants {
		if sameReading(v.Reading, r) {
			return true
		}
	}
	return false
}

// functionWords may change along with a reading ("will remain at" against
// "will be limited to") without changing what the clause says otherwise.
var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "to": true, "at": true, "of": true, "in": true,
	"on": true, "be": true, "is": true, "are": true, "will": true, "by": true, "and": true,
}

// readingOnly reports whether every word c's edits delete or insert belongs
// to one of the two followed readings, or is a function word.
func readingOnly(c *Change) bool {
	if c.Reading == nil || c.Kind != KindModified {
		return false
	}
	allowed := map[string]bool{}
	for _, w := range wordsOf(c.Reading.Old + " " + c.Reading.New) {
		allowed[w] = true
	}
	changed := false
	for _, e := range c.Edits {
		if e.Op == words.OpEqual {
			continue
		}
		for _, w := range wordsOf(e.Text) {
			changed = true
			if !allowed[w] && !functionWords[w] {
				return false
			}
		}
	}
	return changed
}

// wordsOf splits s into lower-case words of letters and digits; a figure
// keeps its separators ("800,000").
func wordsOf(s string) []string {
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ',' && r != '.'
	})
	out := fields[:0]
	for _, f := range fields {
		if f = strings.Trim(f, ".,"); f != "" {
			out = append(out, f)
		}
	}
	return out
}
