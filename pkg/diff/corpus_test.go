package diff_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/plans"
)

// link is an expected lineage: the old clauses old became new (a removed
// entry of the new version when mark is set), as a change of kind kind ("" for
// any kind that pairs them).
type link struct {
	old  []string
	new  string
	kind diff.Kind
	mark bool
}

// found reports whether a change of r holds the link.
func (l link) found(r *diff.Result) bool {
	for _, c := range r.Changes {
		if l.kind != "" && c.Kind != l.kind {
			continue
		}
		side := c.New
		if l.mark {
			side = []string{c.RemovedEntry}
		}
		if slices.Contains(side, l.new) && !slices.ContainsFunc(l.old, func(o string) bool { return !slices.Contains(c.Old, o) }) {
			return true
		}
	}
	return false
}

func (l link) String() string {
	s := strings.Join(l.old, "+") + " → " + l.new
	if l.mark {
		s += " (removed entry)"
	}
	return s
}

func corpus(t *testing.T) *plan.Corpus {
	t.Helper()
	c, err := plan.LoadDir(context.Background(), plans.FS, ".", "plans", plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCrosswalk compares the US 28-point draft with the 20-point framework on
// content alone and checks the crosswalk of the dossier (research
// plans-dossier.md §11.1). Links a source reports must be found; of the links
// the dossier infers from content, those no word overlap can carry are listed
// as known misses, with the reason.
func TestCrosswalk(t *testing.T) {
	t.Parallel()
	c := corpus(t)
	old, nu := c.Get("us-28-draft"), c.Get("framework-20")
	if old == nil || nu == nil {
		t.Fatal("corpus lacks us-28-draft or framework-20")
	}
	r, err := diff.Compare(context.Background(), old, nu, diff.Options{Match: diff.MatchContent})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, old, nu, r)

	reported := []link{
		{old: []string{"armed-forces-size"}, new: "armed-forces-size", kind: diff.KindModified},                                                       // 4 ← 6
		{old: []string{"us-guarantee"}, new: "us-guarantee", kind: diff.KindModified},                                                                 // 5 ← 10
		{old: []string{"us-guarantee-compensation"}, new: "us-guarantee-compensation", mark: true},                                                    // 5-del ← 10a
		{old: []string{"tolerance-education", "religious-tolerance-minority-languages"}, new: "tolerance-and-minority-rights", kind: diff.KindMerged}, // 13 ← 20, 20a
		{old: []string{"territories"}, new: "territories"},                                                                                            // 14 ← 21
		{old: []string{"kherson-zaporizhzhia-freeze"}, new: "de-facto-contact-line"},                                                                  // 14a ← 21b
		{old: []string{"nato-renunciation"}, new: "nato-renunciation", mark: true},                                                                    // 7 dropped
		{old: []string{"crimea-luhansk-donetsk-recognition"}, new: "crimea-luhansk-donetsk-recognition", mark: true},                                  // 21a dropped
		{old: []string{"donetsk-withdrawal-buffer-zone"}, new: "donetsk-withdrawal-buffer-zone", mark: true},                                          // 21d dropped
		{old: []string{"amnesty"}, new: "amnesty", mark: true},                                                                                        // 26 dropped
	}
	inferred := []link{
		{old: []string{"sovereignty"}, new: "sovereignty"},                                                                                    // 1 ← 1
		{old: []string{"non-aggression-pact"}, new: "non-aggression-pact"},                                                                    // 2 ← 2
		{old: []string{"security-guarantees"}, new: "security-guarantees"},                                                                    // 3 ← 5
		{old: []string{"russian-invasion-response"}, new: "russian-invasion-response"},                                                        // 5a ← 10c
		{old: []string{"guarantee-void-if-ukraine-invades", "missile-on-moscow"}, new: "guarantee-void-or-triggered", kind: diff.KindMerged},  // 5b ← 10b, 10d
		{old: []string{"russia-non-aggression-law"}, new: "russia-non-aggression-law"},                                                        // 6 ← 16
		{old: []string{"eu-membership"}, new: "eu-membership"},                                                                                // 7 ← 11
		{old: []string{"non-nuclear-status"}, new: "non-nuclear-status"},                                                                      // 11 ← 18
		{old: []string{"zaporizhzhia-npp"}, new: "zaporizhzhia-npp"},                                                                          // 12 ← 19
		{old: []string{"no-change-by-force"}, new: "no-change-by-force"},                                                                      // 15 ← 22
		{old: []string{"dnipro-black-sea"}, new: "dnipro-black-sea"},                                                                          // 16 ← 23
		{old: []string{"humanitarian-committee", "civilian-detainees-return"}, new: "humanitarian-committee-exchange", kind: diff.KindMerged}, // 17 ← 24, 24b
		{old: []string{"elections"}, new: "elections"},                                                                                        // 18 ← 25
		{old: []string{"peace-council"}, new: "peace-council"},                                                                                // 19 ← 27
		{old: []string{"ceasefire"}, new: "ceasefire"},                                                                                        // 20 ← 28
	}
	knownMisses := []struct {
		link
		why string
	}{
		{link{old: []string{"reconstruction-package"}, new: "reconstruction-package"}, // 8 ← 12
			"the 20-point text moves the package to a separate agreement; beyond function words the two share only \"global package\" and \"Ukraine\""},
		{link{old: []string{"europe-100bn"}, new: "recovery-funds"}, // 9 ← 14.3
			"$100bn from Europe became several funds with an $800bn target: the figures differ and no other word is shared"},
		{link{old: []string{"russia-relinquishes-other-territories"}, new: "russia-relinquishes-other-territories"}, // 14e ← 21c
			"\"the other agreed territories outside the five regions\" became four named regions and a condition of entry into force"},
		{link{old: []string{"prisoner-exchange"}, new: "humanitarian-committee-exchange"}, // 17 ← 24a
			"once 24 and 24b explain most of point 17, only about a third of 24a's weighted words are in the rest (a part needs 45%)"},
	}
	for _, l := range reported {
		if !l.found(r) {
			t.Errorf("reported link %s not found", l)
		}
	}
	for _, l := range inferred {
		if !l.found(r) {
			t.Errorf("inferred link %s not found", l)
		}
	}
	for _, m := range knownMisses {
		if m.found(r) {
			t.Logf("known miss %s is now found; move it to the inferred links", m.link)
		}
	}
}

// TestAlternativeRendering aligns the US draft with an independently worded
// rendering of it that has opaque ids (testdata/corpus/us-28-draft-alt.yaml):
// every point and sub-point must pair with the one of the same number.
func TestAlternativeRendering(t *testing.T) {
	t.Parallel()
	old := corpus(t).Get("us-28-draft")
	data, err := os.ReadFile("../../testdata/corpus/us-28-draft-alt.yaml")
	if err != nil {
		t.Fatal(err)
	}
	alt, err := plan.Parse(context.Background(), "testdata/corpus/us-28-draft-alt.yaml", data, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := diff.Compare(context.Background(), old, alt, diff.Options{Match: diff.MatchContent})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, old, alt, r)
	// None now: 14.2 ("The United States will receive 50% of the profits
	// from this venture" against "Washington collects 50% of what that
	// undertaking earns") pairs since Washington stands for the United States.
	knownMisses := map[string]string{}
	byNumber := map[string]string{}
	alt.Walk(func(c, _ *plan.Clause, _ int) { byNumber[c.Number] = c.ID })
	pairs, misses := 0, 0
	old.Walk(func(c, _ *plan.Clause, _ int) {
		if c.Removed {
			return
		}
		want := link{old: []string{c.ID}, new: byNumber[c.Number]}
		ok := want.found(r)
		switch why, known := knownMisses[c.Number]; {
		case ok:
			pairs++
			if known {
				t.Logf("known miss %s (%s) is now found", c.Number, why)
			}
		case known:
			misses++
		default:
			t.Errorf("point %s (%s) does not pair with %s", c.Number, c.ID, want.new)
		}
	})
	t.Logf("%d points paired, %d known misses", pairs, misses)
	if r.Summary.Moved != 0 || r.Summary.Merged != 0 || r.Summary.Split != 0 {
		t.Errorf("summary %+v: nothing moved, merged or split", r.Summary)
	}
}

// TestCorpusSelf checks that every version of the corpus compared with
// itself is all unchanged, in every mode: removed entries both sides carry
// are kept, not removed.
func TestCorpusSelf(t *testing.T) {
	t.Parallel()
	for _, p := range corpus(t).Plans {
		for _, m := range diff.Matches {
			checkSelf(t, p, diff.Options{Match: m})
		}
	}
}

// TestCorpusPairs checks the contract on every ordered pair of corpus
// versions: no removal without a removed entry that records it or a new
// version complete where the clause stood (checkInvariants).
func TestCorpusPairs(t *testing.T) {
	t.Parallel()
	ps := corpus(t).Plans
	for _, old := range ps {
		for _, nu := range ps {
			r, err := diff.Compare(context.Background(), old, nu, diff.Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, old, nu, r)
		}
	}
}
