package diff

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/plan"
)

// TestCandidatesAmongTemplate checks that the index keeps a reworded
// clause's partner among its candidates when many shorter clauses of the
// same template share its rarest words and so rank above the partner by
// the approximate cosine (in long templated texts the partner ranked below
// a dozen such clauses and was never scored).
func TestCandidatesAmongTemplate(t *testing.T) {
	t.Parallel()
	const decoys = 15
	yamlOf := func(id string, texts []string) []byte {
		var b strings.Builder
		fmt.Fprintf(&b, "plandiff: 1\nversion:\n  id: %q\n  title: \"t\"\n  surfaced: \"2025-11-20\"\n  status: \"reconstructed\"\n  completeness: \"full\"\n  sources:\n    - id: \"s\"\n      outlet: \"o\"\n      covers: \"full-text\"\nclauses:\n", id)
		for i, tx := range texts {
			fmt.Fprintf(&b, "  - id: \"%s%d\"\n    number: \"%d\"\n    text: %q\n    sources: [\"s\"]\n", id, i, i+1, tx)
		}
		return []byte(b.String())
	}
	old := []string{"Within 30 days of signing, the Board of Peace shall release the frozen reserves of Zorvan held in Kelmark custodial accounts."}
	var nu []string
	for i := range decoys {
		// Same rare words, short: each ranks above the partner.
		nu = append(nu, fmt.Sprintf("Within %d days of signing, the Board of Peace shall release the frozen reserves of Zorvan held in custodial accounts.", 40+i))
	}
	partner := "Within verified 30 civilian days immediately of recognised signing, the industrial Board under of protect Peace shall consult release the binding frozen lawful reserves of phased Zorvan held enforce in Kelmark custodial accounts."
	nu = append(nu, partner)
	// Unchanged clauses that make the partner's inserted words common, as
	// in a long text, so they weigh little in its score.
	for i := range 40 {
		f := fmt.Sprintf("Clause %d: verified civilian measures immediately recognised, industrial sites under protect, consult binding lawful phased enforce.", i+1)
		old, nu = append(old, f), append(nu, f)
	}
	parse := func(id string, texts []string) *plan.Plan {
		p, err := plan.Parse(context.Background(), id+".yaml", yamlOf(id, texts), plan.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	opts, err := Options{Match: MatchContent}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	a := newAligner(context.Background(), parse("old", old), parse("new", nu), opts)
	a.buildVectors()
	a.pairIdentical()
	found := false
	for _, c := range a.candidates() {
		if c.o == 0 && int(c.n) == decoys {
			found = true
			if c.sim < opts.Threshold {
				t.Errorf("partner scored %.3f, under the threshold %.2f", c.sim, opts.Threshold)
			}
		}
	}
	if !found {
		t.Errorf("the reworded partner is not among the old clause's candidates (behind %d shorter clauses of its template)", decoys)
	}
}
