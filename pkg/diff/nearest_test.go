package diff_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
)

// find returns the change that holds clause id on either side.
func find(t *testing.T, r *diff.Result, id string) *diff.Change {
	t.Helper()
	for i, c := range r.Changes {
		if slices.Contains(c.Old, id) || slices.Contains(c.New, id) {
			return &r.Changes[i]
		}
	}
	t.Fatalf("no change holds %s", id)
	return nil
}

func compare(t *testing.T, old, nu *plan.Plan, opts diff.Options) *diff.Result {
	t.Helper()
	r, err := diff.Compare(context.Background(), old, nu, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestNearest: an unpaired clause names the other side's clause that came
// closest when it came within NearestFactor of the threshold, and no other.
// Two new clauses resemble the old army clause about equally, so neither
// pair is clear enough to be taken below the threshold (pairLeftovers), and
// they moved before the NATO clause, so no gap between pairs in place
// holds them (fillGaps).
func TestNearest(t *testing.T) {
	tArmy700 := "The armed forces of Ukraine will be capped at 700,000 personnel."
	// Unrelated clauses on both sides set the noise (the median runner-up
	// score) low, as in a real text; the name must stand clear of it.
	old := version("old", cl("nato", "1", tNATO), cl("army", "2", tArmy), cl("amnesty", "3", tAmnesty),
		cl("elections", "4", tElections), cl("nuclear", "5", tNuclear))
	nu := version("new", cl("army-800", "1", tArmy800), cl("army-700", "2", tArmy700), cl("nato-2", "3", tNATO), cl("grain", "4", tGrain),
		cl("prisoners", "5", tPrisoners), cl("children", "6", tChildren))

	// At the default threshold army pairs with the closer of the two, at
	// similarity best.
	r := compare(t, old, nu, diff.Options{Match: diff.MatchContent})
	c := find(t, r, "army")
	if c.Kind != diff.KindModified || len(c.New) != 1 {
		t.Fatalf("default threshold: army is %s %v, want modified", c.Kind, c.New)
	}
	best, bestID := c.Similarity, c.New[0]
	bestNum := c.NewNumbers[0]

	// Threshold just above: army is removed and names the closer.
	thr := best / 0.9
	r = compare(t, old, nu, diff.Options{Match: diff.MatchContent, Threshold: thr})
	removed := find(t, r, "army")
	if removed.Kind != diff.KindRemoved || removed.Evidence != diff.EvidenceAbsent {
		t.Fatalf("threshold %.3f: army is %s %v by %s at %.3f, want removed", thr, removed.Kind, removed.New, removed.Rule, removed.Similarity)
	}
	want := diff.Nearest{Clause: bestID, Number: bestNum, Similarity: best}
	if removed.Nearest == nil || !nearestEqual(*removed.Nearest, want) {
		t.Errorf("removed army: nearest %+v, want %+v", removed.Nearest, want)
	}
	if added := find(t, r, bestID); added.Kind != diff.KindAdded || added.Nearest == nil || added.Nearest.Clause != "army" {
		t.Errorf("%s is %s, nearest %+v; want added, naming army", bestID, added.Kind, added.Nearest)
	}
	// Unrelated texts name nothing, and paired clauses carry no nearest.
	for _, id := range []string{"amnesty", "grain", "nato", "elections", "children"} {
		if n := find(t, r, id).Nearest; n != nil {
			t.Errorf("%s: nearest %+v, want none", id, n)
		}
	}

	// Threshold well above: too far to be named.
	thr = min(best/0.7, 1)
	r = compare(t, old, nu, diff.Options{Match: diff.MatchContent, Threshold: thr})
	if n := find(t, r, "army").Nearest; n != nil {
		t.Errorf("threshold %.3f: army names %+v, want none below %.0f%% of the threshold", thr, n, 100*diff.NearestFactor)
	}

	// Ids alone compare no content: nothing to name.
	r = compare(t, old, nu, diff.Options{Match: diff.MatchID})
	if n := find(t, r, "army").Nearest; n != nil {
		t.Errorf("id mode: army names %+v, want none", n)
	}
}

// TestNearestPairedWith: a removal whose nearest new clause is paired with
// another old clause says so (a merge part the comparison did not find
// reads this way), and a removal a removed entry records names nothing.
func TestNearestPairedWith(t *testing.T) {
	old := version("old", cl("army", "1", tArmy), cl("army-again", "2", tArmy800), cl("amnesty", "3", tAmnesty))
	nu := version("new", cl("army", "1", tArmy), removedEntry("amnesty-gone", tAmnesty))
	r := compare(t, old, nu, diff.Options{})
	c := find(t, r, "army-again")
	if c.Kind != diff.KindRemoved || c.Evidence != diff.EvidenceAbsent {
		t.Fatalf("army-again is %s (%s), want removed, absent", c.Kind, c.Evidence)
	}
	if c.Nearest == nil || c.Nearest.Clause != "army" || !slices.Equal(c.Nearest.PairedWith, []string{"army"}) {
		t.Errorf("army-again: nearest %+v, want army, paired with army", c.Nearest)
	}
	if c := find(t, r, "amnesty"); c.Evidence != diff.EvidenceReported || c.Nearest != nil {
		t.Errorf("amnesty: evidence %s, nearest %+v; want reported and none", c.Evidence, c.Nearest)
	}
}

func nearestEqual(a, b diff.Nearest) bool {
	return a.Clause == b.Clause && a.Number == b.Number && a.Similarity == b.Similarity && slices.Equal(a.PairedWith, b.PairedWith)
}

// TestNearestNoise: in templated text, where each clause is as alike to
// several others as to its nearest, a clause left unpaired names none.
// Old clause i speaks of sector i and task i, new clause i of sector i and
// task i+1: every clause shares a word with two of the other side, equally.
func TestNearestNoise(t *testing.T) {
	sectors := []string{"grain", "energy", "transit", "border", "water", "rail", "port", "customs"}
	tasks := []string{"monitoring", "funding", "inspection", "reporting", "licensing", "auditing", "staffing", "insurance"}
	frame := "The joint commission will oversee %s %s each year."
	var olds, news []*plan.Clause
	for i := range sectors {
		olds = append(olds, cl(fmt.Sprint("old-", i), fmt.Sprint(i+1), fmt.Sprintf(frame, sectors[i], tasks[i])))
		news = append(news, cl(fmt.Sprint("new-", i), fmt.Sprint(i+1), fmt.Sprintf(frame, sectors[i], tasks[(i+1)%len(tasks)])))
	}
	old, nu := version("old", olds...), version("new", news...)
	// The best similarity s of two clauses paired one to one: at a
	// threshold just above it, every pair is within NearestFactor of it,
	// and only the noise bars naming one.
	s := 0.0
	for _, c := range compare(t, old, nu, diff.Options{Match: diff.MatchContent}).Changes {
		if c.Kind == diff.KindModified {
			s = max(s, c.Similarity)
		}
	}
	if s == 0 {
		t.Fatal("no two clauses pair at the default threshold: the case tests nothing")
	}
	thr := min(s/0.9, 1)
	r := compare(t, old, nu, diff.Options{Match: diff.MatchContent, Threshold: thr})
	for _, c := range r.Changes {
		if c.Kind != diff.KindRemoved && c.Kind != diff.KindAdded {
			t.Fatalf("%v → %v is %s, want every clause removed or added at threshold %.3f", c.Old, c.New, c.Kind, thr)
		}
		if c.Nearest != nil {
			t.Errorf("%v%v names %+v, want none in templated text", c.Old, c.New, c.Nearest)
		}
	}
}
