package diff_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
)

// Clause texts for the hand-made cases: distinct subjects, so that each has
// words of its own, in the style of the corpus.
var (
	tSovereignty = "Ukraine's sovereignty will be confirmed by all signatories to this agreement."
	tArmy        = "The armed forces of Ukraine will be capped at 600,000 personnel in peacetime."
	tArmy800     = "The armed forces of Ukraine will be limited to 800,000 personnel in peacetime."
	tNATO        = "Ukraine will enshrine in its constitution that it renounces membership of NATO."
	tElections   = "Elections will be held in Ukraine within 100 days of the signing of the agreement."
	tAmnesty     = "All parties to the conflict will receive a full amnesty for their actions during the war."
	tNuclear     = "The Zaporizhzhia nuclear plant will be restarted under IAEA supervision, its output split equally."
	tAssets      = "One hundred billion dollars of frozen Russian assets will be invested in rebuilding Ukraine."
	tGrain       = "Ukraine will be able to export grain through the Black Sea and the Dnipro without hindrance."
	tPrisoners   = "All prisoners and the bodies of the dead will be exchanged on an all-for-all basis."
	tChildren    = "All civilian detainees and hostages, children included, will be returned to their families."
	tLanguage    = "Ukraine will adopt European rules on religious tolerance and the protection of minority languages."
)

// cl builds a clause; the text may be empty for a removed entry.
func cl(id, number, text string, subs ...*plan.Clause) *plan.Clause {
	return &plan.Clause{ID: id, Number: number, Text: text, Sources: []string{"src"}, Confidence: plan.ConfidenceReported, Clauses: subs}
}

func removedEntry(id, text string) *plan.Clause {
	c := cl(id, "", text)
	c.Removed = true
	return c
}

func derived(c *plan.Clause, refs ...string) *plan.Clause {
	c.DerivesFrom = refs
	return c
}

func version(id string, clauses ...*plan.Clause) *plan.Plan {
	return &plan.Plan{
		Format: plan.FormatVersion,
		Version: plan.Version{
			ID: id, Title: id, Surfaced: "2025-11-20", Completeness: plan.CompletenessFull,
			Sources: []plan.Source{{ID: "src", Outlet: "Test outlet", Covers: "full-text"}},
		},
		Clauses: clauses,
	}
}

func partial(p *plan.Plan) *plan.Plan {
	p.Version.Completeness = plan.CompletenessPartial
	return p
}

// describe renders a change as one line: kind, old ids > new ids, flags.
func describe(c diff.Change) string {
	s := fmt.Sprintf("%s %s>%s", c.Kind, strings.Join(c.Old, ","), strings.Join(c.New, ","))
	if c.RemovedEntry != "" {
		s += " mark=" + c.RemovedEntry
	}
	if c.Evidence != "" {
		s += " evidence=" + c.Evidence
	}
	if c.UnreportedUnder != "" {
		s += " under=" + c.UnreportedUnder
	}
	if c.Moved {
		s += " moved"
	}
	if c.Renumbered {
		s += " renumbered"
	}
	return s + " rule=" + c.Rule
}

func partialSubs(c *plan.Clause) *plan.Clause {
	c.Subclauses = plan.CompletenessPartial
	return c
}

func pointsOnly(p *plan.Plan) *plan.Plan {
	p.Version.Subclauses = plan.CompletenessPartial
	return p
}

type compareCase struct {
	name     string
	old, new *plan.Plan
	opts     diff.Options
	want     []string // every change, in order
}

var compareCases = []compareCase{
	{
		name: "unchanged_despite_white_space",
		old:  version("a", cl("x", "1", tArmy), cl("y", "2", tNATO)),
		new:  version("b", cl("p", "1", "The armed forces  of Ukraine\nwill be capped at 600,000 personnel in peacetime."), cl("q", "2", tNATO)),
		opts: diff.Options{Match: diff.MatchContent},
		want: []string{"unchanged x>p rule=content", "unchanged y>q rule=content"},
	},
	{
		name: "modified_figure",
		old:  version("a", cl("x", "1", tArmy), cl("y", "2", tNATO)),
		new:  version("b", cl("p", "1", tArmy800), cl("q", "2", tNATO)),
		opts: diff.Options{Match: diff.MatchContent},
		want: []string{"modified x>p rule=content", "unchanged y>q rule=content"},
	},
	{
		name: "merged_adjacent",
		old:  version("a", cl("x", "1", tSovereignty), cl("y", "2", tPrisoners), cl("z", "3", tChildren), cl("w", "4", tElections)),
		new:  version("b", cl("p", "1", tSovereignty), cl("q", "2", tPrisoners+" "+tChildren), cl("r", "3", tElections)),
		opts: diff.Options{Match: diff.MatchContent},
		want: []string{"unchanged x>p rule=content", "merged y,z>q rule=containment", "unchanged w>r renumbered rule=content"},
	},
	{
		name: "merged_far_apart",
		old: version("a", cl("x", "1", tPrisoners), cl("s1", "2", tSovereignty), cl("s2", "3", tArmy), cl("s3", "4", tNATO),
			cl("s4", "5", tElections), cl("s5", "6", tNuclear), cl("z", "7", tChildren)),
		new: version("b", cl("q", "1", tPrisoners+" "+tChildren), cl("p1", "2", tSovereignty), cl("p2", "3", tArmy), cl("p3", "4", tNATO),
			cl("p4", "5", tElections), cl("p5", "6", tNuclear)),
		opts: diff.Options{Match: diff.MatchContent},
		want: []string{"merged x,z>q rule=containment", "unchanged s1>p1 rule=content", "unchanged s2>p2 rule=content",
			"unchanged s3>p3 rule=content", "unchanged s4>p4 rule=content", "unchanged s5>p5 rule=content"},
	},
	{
		name: "split",
		old:  version("a", cl("x", "1", tSovereignty), cl("y", "2", tPrisoners+" "+tChildren), cl("w", "3", tElections)),
		new:  version("b", cl("p", "1", tSovereignty), cl("q1", "2", tPrisoners), cl("q2", "3", tChildren), cl("r", "4", tElections)),
		opts: diff.Options{Match: diff.MatchContent},
		want: []string{"unchanged x>p rule=content", "split y>q1,q2 rule=containment", "unchanged w>r renumbered rule=content"},
	},
	{
		name: "added_and_removed",
		old:  version("a", cl("x", "1", tSovereignty), cl("y", "2", tAmnesty), cl("w", "3", tElections)),
		new:  version("b", cl("p", "1", tSovereignty), cl("r", "2", tElections), cl("n", "3", tGrain)),
		opts: diff.Options{Match: diff.MatchContent},
		want: []string{"unchanged x>p rule=content", "removed y> evidence=absent rule=none", "unchanged w>r renumbered rule=content", "added >n rule=none"},
	},
	{
		name: "unreported_when_new_is_partial",
		old:  version("a", cl("x", "1", tSovereignty), cl("y", "2", tAmnesty), cl("w", "3", tElections)),
		new:  partial(version("b", cl("p", "1", tSovereignty), cl("r", "3", tElections))),
		opts: diff.Options{Match: diff.MatchContent},
		want: []string{"unchanged x>p rule=content", "unreported y> rule=none", "unchanged w>r rule=content"},
	},
	{
		name: "removed_mark_by_id",
		old:  version("a", cl("sovereignty", "1", tSovereignty), cl("amnesty", "2", tAmnesty), cl("elections", "3", tElections)),
		new:  partial(version("b", cl("sovereignty", "1", tSovereignty), removedEntry("amnesty", ""), cl("elections", "2", tElections))),
		want: []string{"unchanged sovereignty>sovereignty rule=id", "removed amnesty> mark=amnesty evidence=reported rule=removed_mark", "unchanged elections>elections renumbered rule=id"},
	},
	{
		name: "removed_mark_by_derives_from",
		old:  version("a", cl("sovereignty", "1", tSovereignty), cl("amnesty", "2", tAmnesty)),
		new:  version("b", cl("sovereignty", "1", tSovereignty), derived(removedEntry("no-amnesty", ""), "a#amnesty")),
		want: []string{"unchanged sovereignty>sovereignty rule=id", "removed amnesty> mark=no-amnesty evidence=reported rule=removed_mark"},
	},
	{
		name: "removed_mark_by_content",
		old:  version("a", cl("x", "1", tSovereignty), cl("y", "2", tAmnesty), cl("w", "3", tElections)),
		new: version("b", cl("p", "1", tSovereignty), cl("r", "2", tElections),
			removedEntry("gone", "A full amnesty for all parties to the conflict for their actions in the war.")),
		opts: diff.Options{Match: diff.MatchContent},
		want: []string{"unchanged x>p rule=content", "removed y> mark=gone evidence=reported rule=removed_mark", "unchanged w>r renumbered rule=content"},
	},
	{
		name: "removed_mark_matching_nothing",
		old:  version("a", cl("x", "1", tSovereignty)),
		new:  version("b", cl("p", "1", tSovereignty), removedEntry("ghost", "")),
		opts: diff.Options{Match: diff.MatchContent},
		want: []string{"unchanged x>p rule=content", "removed > mark=ghost evidence=reported rule=none"},
	},
	{
		name: "removed_entry_in_old_is_skipped",
		old:  version("a", cl("x", "1", tSovereignty), removedEntry("amnesty", "")),
		new:  version("b", cl("x", "1", tSovereignty), cl("amnesty", "2", tAmnesty)),
		want: []string{"unchanged x>x rule=id", "added >amnesty rule=none"},
	},
	{
		name: "moved",
		old: version("a", cl("a1", "1", tSovereignty), cl("a2", "2", tArmy), cl("a3", "3", tNATO), cl("a4", "4", tElections),
			cl("a5", "5", tNuclear), cl("a6", "6", tGrain)),
		new: version("b", cl("b2", "1", tArmy), cl("b3", "2", tNATO), cl("b4", "3", tElections), cl("b5", "4", tNuclear),
			cl("b1", "5", tSovereignty), cl("b6", "6", tGrain)),
		opts: diff.Options{Match: diff.MatchContent},
		want: []string{"unchanged a2>b2 renumbered rule=content", "unchanged a3>b3 renumbered rule=content",
			"unchanged a4>b4 renumbered rule=content", "unchanged a5>b5 renumbered rule=content",
			"unchanged a1>b1 moved renumbered rule=content", "unchanged a6>b6 rule=content"},
	},
	{
		name: "renumbered_only",
		old:  version("a", cl("x", "10", tSovereignty), cl("y", "11", tArmy)),
		new:  version("b", cl("x", "1", tSovereignty), cl("y", "11", tArmy)),
		want: []string{"unchanged x>x renumbered rule=id", "unchanged y>y rule=id"},
	},
	{
		name: "sub_point_promoted",
		old:  version("a", cl("x", "1", tSovereignty, cl("x1", "1a", tArmy)), cl("y", "2", tNATO)),
		new:  version("b", cl("p", "1", tSovereignty), cl("q", "2", tArmy), cl("r", "3", tNATO)),
		opts: diff.Options{Match: diff.MatchContent},
		want: []string{"unchanged x>p rule=content", "unchanged x1>q renumbered rule=content", "unchanged y>r renumbered rule=content"},
	},
	{
		name: "point_demoted",
		old:  version("a", cl("x", "1", tSovereignty), cl("y", "2", tArmy), cl("z", "3", tNATO)),
		new:  version("b", cl("x", "1", tSovereignty, cl("y", "1a", tArmy)), cl("z", "2", tNATO)),
		want: []string{"unchanged x>x rule=id", "unchanged y>y renumbered rule=id", "unchanged z>z renumbered rule=id"},
	},
	{
		name: "auto_trusts_ids",
		old:  version("a", cl("x", "1", tSovereignty), cl("y", "2", tArmy)),
		new:  version("b", cl("x", "1", tElections), cl("y", "2", tArmy)),
		want: []string{"modified x>x rule=id", "unchanged y>y rule=id"},
	},
	{
		name: "id_mode_uses_nothing_else",
		old:  version("a", cl("x", "1", tArmy), cl("y", "2", tNATO)),
		new:  version("b", cl("p", "1", tArmy800), cl("y", "2", tNATO)),
		opts: diff.Options{Match: diff.MatchID},
		want: []string{"removed x> evidence=absent rule=none", "added >p rule=none", "unchanged y>y rule=id"},
	},
	{
		name: "auto_falls_back_to_content",
		old:  version("a", cl("x", "1", tArmy), cl("y", "2", tNATO)),
		new:  version("b", cl("p", "1", tArmy800), cl("y", "2", tNATO)),
		want: []string{"modified x>p rule=content", "unchanged y>y rule=id"},
	},
	{
		name: "content_mode_ignores_ids",
		old:  version("a", cl("x", "1", tSovereignty), cl("y", "2", tArmy)),
		new:  version("b", cl("y", "1", tSovereignty), cl("x", "2", tArmy)),
		opts: diff.Options{Match: diff.MatchContent},
		want: []string{"unchanged x>y rule=content", "unchanged y>x rule=content"},
	},
	{
		name: "derives_from_link",
		old:  version("a", cl("cap", "6", tArmy), cl("y", "7", tNATO)),
		new:  version("b", derived(cl("size", "4", tElections), "a#cap"), cl("y", "5", tNATO)),
		want: []string{"modified cap>size renumbered rule=derives_from", "unchanged y>y renumbered rule=id"},
	},
	{
		name: "derives_from_merge",
		old:  version("a", cl("t20", "20", tLanguage), cl("t20a", "20a", tPrisoners), cl("z", "21", tGrain)),
		new:  version("b", derived(cl("t13", "13", tLanguage), "a#t20", "a#t20a"), cl("z", "14", tGrain)),
		want: []string{"merged t20,t20a>t13 renumbered rule=derives_from", "unchanged z>z renumbered rule=id"},
	},
	{
		name: "derives_from_other_version_ignored",
		old:  version("a", cl("cap", "6", tArmy)),
		new:  version("b", derived(cl("size", "4", tElections), "zz#cap")),
		opts: diff.Options{Match: diff.MatchID},
		want: []string{"removed cap> evidence=absent rule=none", "added >size rule=none"},
	},
	{
		// A sub-point missing under a point whose sub-points are known
		// in part is unreported, with its own sub-points; elsewhere,
		// and under a point removed by an entry, it is absent.
		name: "subclauses_partial",
		old: version("a",
			cl("p", "1", tArmy, cl("pa", "1a", tGrain), cl("pb", "1b", tChildren, cl("pbi", "1b.i", tPrisoners))),
			cl("q", "2", tNATO, cl("qa", "2a", tNuclear)),
			cl("r", "3", tAmnesty, cl("ra", "3a", tAssets))),
		new: version("b",
			partialSubs(cl("p", "1", tArmy, cl("pa", "1a", tGrain))),
			cl("q", "2", tNATO),
			removedEntry("r", "")),
		opts: diff.Options{Match: diff.MatchID},
		want: []string{
			"unchanged p>p rule=id", "unchanged pa>pa rule=id",
			"unreported pb> under=p rule=none", "unreported pbi> under=p rule=none",
			"unchanged q>q rule=id", "removed qa> evidence=absent rule=none",
			"removed r> mark=r evidence=reported rule=removed_mark", "removed ra> evidence=absent rule=none",
		},
	},
	{
		// Complete at point level only: a missing point is absent, with
		// its sub-points; a sub-point missing under a point is unreported.
		name: "points_only",
		old: version("a",
			cl("p", "1", tArmy, cl("pa", "1a", tGrain)),
			cl("q", "2", tNATO, cl("qa", "2a", tNuclear))),
		new:  pointsOnly(version("b", cl("p", "1", tArmy))),
		opts: diff.Options{Match: diff.MatchID},
		want: []string{
			"unchanged p>p rule=id", "unreported pa> under=p rule=none",
			"removed q> evidence=absent rule=none", "removed qa> evidence=absent rule=none",
		},
	},
	{
		name: "below_threshold",
		old:  version("a", cl("x", "1", tArmy), cl("y", "2", tNATO)),
		new:  version("b", cl("p", "1", "Ukraine's peacetime armed forces will number no more than 800,000."), cl("q", "2", tNATO)),
		opts: diff.Options{Match: diff.MatchContent, Threshold: 0.9},
		want: []string{"removed x> evidence=absent rule=none", "added >p rule=none", "unchanged y>q rule=content"},
	},
	{
		name: "above_default_threshold",
		old:  version("a", cl("x", "1", tArmy), cl("y", "2", tNATO)),
		new:  version("b", cl("p", "1", "Ukraine's peacetime armed forces will number no more than 800,000."), cl("q", "2", tNATO)),
		opts: diff.Options{Match: diff.MatchContent},
		want: []string{"modified x>p rule=content", "unchanged y>q rule=content"},
	},
}

func TestCompare(t *testing.T) {
	t.Parallel()
	for _, tc := range compareCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			checkChanges(t, tc.old, tc.new, tc.opts, tc.want)
		})
	}
}

// TestCompareDetails checks what a change carries besides its clauses.
func TestCompareDetails(t *testing.T) {
	t.Parallel()
	old := version("a", cl("x", "6", tArmy), cl("y", "7", tNATO))
	nu := version("b", cl("x", "4", tArmy800), cl("y", "5", tNATO))
	old.Clauses[0].Topic = "military"
	nu.Clauses[0].Confidence = plan.ConfidenceConfirmed
	nu.Clauses[0].Sources = []string{"src", "other"}
	nu.Clauses[0].Note = "new figure reported by two outlets"
	r, err := diff.Compare(context.Background(), old, nu, diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := r.Changes[0]
	if c.Kind != diff.KindModified || !c.Renumbered || c.Moved {
		t.Fatalf("have %s, want a modified, renumbered change", describe(c))
	}
	if want := []string{"6"}; !slices.Equal(c.OldNumbers, want) {
		t.Errorf("old numbers %q, want %q", c.OldNumbers, want)
	}
	if c.Topic != "military" {
		t.Errorf("topic %q, want the old side's %q when the new side has none", c.Topic, "military")
	}
	if c.Confidence == nil || *c.Confidence != (diff.Delta{Old: "reported", New: "confirmed"}) {
		t.Errorf("confidence delta %+v, want reported → confirmed", c.Confidence)
	}
	if want := (diff.SidePair{Old: []string{"src"}, New: []string{"src", "other"}}); !reflect.DeepEqual(c.Sources, want) {
		t.Errorf("sources %+v, want %+v", c.Sources, want)
	}
	if !slices.Equal(c.NewNotes, []string{"new figure reported by two outlets"}) {
		t.Errorf("new notes %q", c.NewNotes)
	}
	if len(c.Figures) != 1 || c.Figures[0].Old != "600,000" || c.Figures[0].New != "800,000" {
		t.Errorf("figures %+v, want 600,000 → 800,000", c.Figures)
	}
	if c.Similarity <= 0 || c.Similarity >= 1 {
		t.Errorf("similarity %v, want strictly between 0 and 1", c.Similarity)
	}
	var oldText, newText strings.Builder
	for _, e := range c.Edits {
		if e.Op != "insert" {
			oldText.WriteString(e.Text)
		}
		if e.Op != "delete" {
			newText.WriteString(e.Text)
		}
	}
	if oldText.String() != tArmy || newText.String() != tArmy800 {
		t.Errorf("edits rebuild %q and %q", oldText.String(), newText.String())
	}
	if r.Old.ID != "a" || len(r.Old.Sources) != 1 || r.Old.Sources[0].Outlet != "Test outlet" {
		t.Errorf("old version ref %+v does not carry the version's sources", r.Old)
	}
	if r.Match != "auto" || r.Schema != diff.Schema {
		t.Errorf("match %q, schema %q", r.Match, r.Schema)
	}
	if r.Changes[1].Kind != diff.KindUnchanged || r.Changes[1].Similarity != 1 {
		t.Errorf("second change %s, similarity %v", describe(r.Changes[1]), r.Changes[1].Similarity)
	}
}

// TestCompareMergeTexts checks that a merge joins its texts with a blank line.
func TestCompareMergeTexts(t *testing.T) {
	t.Parallel()
	old := version("a", cl("t20", "20", tLanguage), cl("t20a", "20a", tPrisoners))
	nu := version("b", derived(cl("t13", "13", tLanguage+" "+tPrisoners), "a#t20", "a#t20a"))
	r, err := diff.Compare(context.Background(), old, nu, diff.Options{Match: diff.MatchID})
	if err != nil {
		t.Fatal(err)
	}
	if want := tLanguage + "\n\n" + tPrisoners; r.Changes[0].OldText != want {
		t.Errorf("old text %q, want %q", r.Changes[0].OldText, want)
	}
}

func TestCompareErrors(t *testing.T) {
	t.Parallel()
	p := version("a", cl("x", "1", tArmy))
	for _, tc := range []struct {
		name     string
		old, new *plan.Plan
		opts     diff.Options
	}{
		{"nil_plan", nil, p, diff.Options{}},
		{"unknown_mode", p, p, diff.Options{Match: "fuzzy"}},
		{"threshold_out_of_range", p, p, diff.Options{Threshold: 1.5}},
	} {
		if _, err := diff.Compare(context.Background(), tc.old, tc.new, tc.opts); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	if _, err := diff.ParseMatch("fuzzy"); err == nil {
		t.Error("ParseMatch accepted an unknown mode")
	}
}

// checkChanges compares old and new and checks the changes, described one a
// line, and the result's invariants.
func checkChanges(t *testing.T, old, nu *plan.Plan, opts diff.Options, want []string) {
	t.Helper()
	r, err := diff.Compare(context.Background(), old, nu, opts)
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, c := range r.Changes {
		have = append(have, describe(c))
	}
	if !reflect.DeepEqual(have, want) {
		t.Errorf("changes:\nhave %s\nwant %s", strings.Join(have, "\n     "), strings.Join(want, "\n     "))
	}
	checkInvariants(t, old, nu, r)
}

// checkInvariants checks the contract on any result: every clause of both
// versions in exactly one change (a new version's removed entries as
// RemovedEntry), kinds that fit their sides, unreported only against a
// partial version, no removal without a removed entry that records it or a
// new version complete at that level, removed entries both sides carry kept
// unchanged, and a summary that counts the list.
func checkInvariants(t *testing.T, old, nu *plan.Plan, r *diff.Result) {
	t.Helper()
	seenOld := map[string]int{}
	seenNew := map[string]int{}
	seenMark := map[string]int{}
	oldMarks := map[string]bool{}
	old.Walk(func(c, _ *plan.Clause, _ int) {
		if c.Removed {
			oldMarks[c.ID] = true
		}
	})
	var sum diff.Summary
	for _, c := range r.Changes {
		kept := c.Rule == diff.RuleRemovalKept
		if !kept {
			for _, id := range c.Old {
				seenOld[id]++
			}
			for _, id := range c.New {
				seenNew[id]++
			}
		}
		if c.RemovedEntry != "" {
			seenMark[c.RemovedEntry]++
		}
		switch {
		case c.Kind == diff.KindRemoved && c.Evidence == diff.EvidenceReported:
			if c.RemovedEntry == "" {
				t.Errorf("change %s: reported removal names no removed entry", describe(c))
			}
		case c.Kind == diff.KindRemoved && c.Evidence == diff.EvidenceAbsent:
			if c.RemovedEntry != "" || nu.Partial() {
				t.Errorf("change %s: absent from a version that is partial (%v) or with a removed entry", describe(c), nu.Partial())
			}
		case c.Kind == diff.KindRemoved:
			t.Errorf("change %s: removal with evidence %q", describe(c), c.Evidence)
		case c.Evidence != "":
			t.Errorf("change %s: evidence %q on a change that is not a removal", describe(c), c.Evidence)
		}
		no, nn := len(c.Old), len(c.New)
		ok := false
		switch c.Kind {
		case diff.KindUnchanged:
			ok = no == 1 && nn == 1
			if kept {
				ok = ok && c.Old[0] == c.New[0] && c.RemovedEntry == c.New[0] && oldMarks[c.Old[0]]
			}
		case diff.KindModified:
			ok = no == 1 && nn == 1 && !kept
		case diff.KindMerged:
			ok = no >= 2 && nn == 1
		case diff.KindSplit:
			ok = no == 1 && nn >= 2
		case diff.KindAdded:
			ok = no == 0 && nn == 1
		case diff.KindRemoved:
			ok = nn == 0 && (no == 1 || no == 0 && c.RemovedEntry != "")
		case diff.KindUnreported:
			ok = nn == 0 && no == 1 && c.RemovedEntry == ""
			if c.UnreportedUnder != "" {
				under := nu.Find(c.UnreportedUnder)
				ok = ok && !nu.Partial() && under != nil && !under.Removed && nu.PartialSubclauses(under)
			} else {
				ok = ok && nu.Partial()
			}
		}
		if !ok {
			t.Errorf("change %s does not fit its kind", describe(c))
		}
		if len(c.OldNumbers) != no || len(c.NewNumbers) != nn {
			t.Errorf("change %s: %d old and %d new numbers", describe(c), len(c.OldNumbers), len(c.NewNumbers))
		}
		switch c.Kind {
		case diff.KindUnchanged:
			sum.Unchanged++
		case diff.KindModified:
			sum.Modified++
		case diff.KindMerged:
			sum.Merged++
		case diff.KindSplit:
			sum.Split++
		case diff.KindAdded:
			sum.Added++
		case diff.KindRemoved:
			sum.Removed++
			if c.Evidence == diff.EvidenceReported {
				sum.RemovedReported++
			} else {
				sum.RemovedAbsent++
			}
		case diff.KindUnreported:
			sum.Unreported++
		}
		if c.Moved {
			sum.Moved++
		}
		checkTypes(t, &c, &sum.Types)
	}
	if sum != r.Summary {
		t.Errorf("summary %+v, the list counts %+v", r.Summary, sum)
	}
	checkAbsentParents(t, old, nu, r)
	old.Walk(func(c, _ *plan.Clause, _ int) {
		if n := seenOld[c.ID]; !c.Removed && n != 1 {
			t.Errorf("old clause %q appears %d times", c.ID, n)
		}
		delete(seenOld, c.ID)
	})
	nu.Walk(func(c, _ *plan.Clause, _ int) {
		seen := seenNew
		if c.Removed {
			seen = seenMark
		}
		if n := seen[c.ID]; n != 1 {
			t.Errorf("new clause %q (removed %v) appears %d times", c.ID, c.Removed, n)
		}
		delete(seen, c.ID)
	})
	for id := range seenOld {
		t.Errorf("change names old clause %q, which old does not have", id)
	}
	for id := range seenNew {
		t.Errorf("change names new clause %q, which new does not have", id)
	}
}

// checkAbsentParents checks that a sub-point absent from new (removed with
// evidence absent) does not stand under a clause of new whose sub-points are
// known only in part: the parent that its old parent (or nearest paired
// ancestor) became must be complete.
func checkAbsentParents(t *testing.T, old, nu *plan.Plan, r *diff.Result) {
	t.Helper()
	parent := map[string]string{}
	old.Walk(func(c, p *plan.Clause, _ int) {
		if p != nil {
			parent[c.ID] = p.ID
		}
	})
	became := map[string][]string{}
	byEntry := map[string]bool{} // removed by a removed entry of new
	for _, c := range r.Changes {
		if c.Rule == diff.RuleRemovalKept {
			continue
		}
		for _, o := range c.Old {
			became[o] = c.New
			byEntry[o] = c.RemovedEntry != ""
		}
	}
	for _, c := range r.Changes {
		if c.Kind != diff.KindRemoved || c.Evidence != diff.EvidenceAbsent || len(c.Old) != 1 {
			continue
		}
		for p := parent[c.Old[0]]; p != ""; p = parent[p] {
			if byEntry[p] {
				break // the entry that removes the parent covers its sub-points
			}
			news := became[p]
			if len(news) == 0 {
				continue // the parent is absent too: look further up
			}
			for _, n := range news {
				if nc := nu.Find(n); nc != nil && nu.PartialSubclauses(nc) {
					t.Errorf("change %s: absent, but its parent became %q, whose sub-points are known only in part", describe(c), n)
				}
			}
			break
		}
	}
}

// checkTypes checks the types of a change and counts them into tc: types
// on every modified, merged and split change whose texts differ and on no
// other, in changetype.Names order, each once, wording only alone.
func checkTypes(t *testing.T, c *diff.Change, tc *diff.TypeCounts) {
	t.Helper()
	paired := c.Kind == diff.KindModified || c.Kind == diff.KindMerged || c.Kind == diff.KindSplit
	if want := paired && c.OldText != c.NewText; want != (len(c.Types) > 0) {
		t.Errorf("change %s: types %v", describe(*c), c.Types)
	}
	last := -1
	for _, ty := range c.Types {
		i := slices.Index(changetype.Names, ty.Type)
		if i <= last || ty.Type == changetype.Wording && len(c.Types) > 1 {
			t.Errorf("change %s: types %v out of order, repeated or wording beside others", describe(*c), c.Types)
		}
		last = i
		tc.Add(ty.Type)
	}
}
