package report

import (
	"io"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
)

// VariantsSchema names the JSON form of a Variants list, which a command
// prints in its envelope (render.JSONEnvelope adds the "schema" key).
const VariantsSchema = "plandiff/variants/v1"

// Variants lists every clause on whose reading the copies of a version
// disagree (clause variants), version by version.
type Variants struct {
	Clauses  int               `json:"clauses"` // clauses with variant readings, over all versions
	Versions []VariantsVersion `json:"versions"`
}

// VariantsVersion is one version's disagreements.
type VariantsVersion struct {
	ID      string           `json:"id"`
	Title   string           `json:"title"`
	Clauses []VariantsClause `json:"clauses"`
}

// VariantsClause is one clause whose copies disagree.
type VariantsClause struct {
	ID       string            `json:"id"`
	Number   string            `json:"number,omitempty"`
	Topic    string            `json:"topic,omitempty"`
	Text     string            `json:"text"`
	Readings []VariantsReading `json:"readings"`
}

// VariantsReading is one reading, with the sources that give it.
type VariantsReading struct {
	Reading  string           `json:"reading"`
	Followed bool             `json:"followed"` // the clause text follows it
	Sources  []diff.SourceRef `json:"sources"`
}

// NewVariants collects the variant readings of plans, in the order given;
// a version without any is listed with no clauses.
func NewVariants(plans []*plan.Plan) *Variants {
	r := &Variants{Versions: []VariantsVersion{}}
	for _, p := range plans {
		v := VariantsVersion{ID: p.Version.ID, Title: p.Version.Title, Clauses: []VariantsClause{}}
		p.Walk(func(c, _ *plan.Clause, _ int) {
			if len(c.Variants) == 0 {
				return
			}
			vc := VariantsClause{ID: c.ID, Number: c.Number, Topic: c.Topic, Text: c.Text, Readings: []VariantsReading{}}
			for _, x := range c.Variants {
				vr := VariantsReading{Reading: x.Reading, Followed: x.Followed, Sources: []diff.SourceRef{}}
				for _, id := range x.Sources {
					ref := diff.SourceRef{ID: id}
					if s := p.Version.Source(id); s != nil {
						ref = diff.SourceRef{ID: s.ID, Outlet: s.Outlet, Date: s.Date, URL: s.URL, Covers: s.Covers}
					}
					vr.Sources = append(vr.Sources, ref)
				}
				vc.Readings = append(vc.Readings, vr)
			}
			v.Clauses = append(v.Clauses, vc)
			r.Clauses++
		})
		r.Versions = append(r.Versions, v)
	}
	return r
}

// VariantsText writes the list for a terminal: per clause the version, the
// number, id and topic, the text, then each reading with its sources, the
// one the text follows marked.
func VariantsText(w io.Writer, r *Variants, opts TextOptions) error {
	ew := newErrWriter(w)
	ew.width = opts.Width
	n := 0
	for _, v := range r.Versions {
		for _, c := range v.Clauses {
			if n > 0 {
				ew.str("\n")
			}
			n++
			head := clean(v.ID) + "  " + orDash(clean(c.Number)) + "  " + clean(c.ID)
			if c.Topic != "" {
				head += "  [" + clean(c.Topic) + "]"
			}
			ew.printf("%s\n    %s\n", opts.paint(ansiBold, head), clean(c.Text))
			for _, x := range c.Readings {
				mark, note := " ", ""
				if x.Followed {
					mark, note = "*", "  (the text follows this reading)"
				}
				ew.printf("  %s %s%s\n", mark, clean(x.Reading), opts.paint(ansiDim, note))
				ew.printf("      %s\n", opts.paint(ansiDim, sourceNames(x.Sources, clean)))
			}
		}
	}
	switch n {
	case 0:
		ew.str("no clause has variant readings: the copies of every version agree as far as the data says\n")
	default:
		ew.str("\n")
		ew.printf("%d %s on which the copies of a version disagree\n", n, plural(n, "clause", "clauses"))
	}
	return ew.flush()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
