package diff_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
)

// The structure cases of issue 11 (section 3): paraphrased merges and
// splits, parts far apart, twins edited in a chain, a one-word heading far
// from the clause that shares its word. Each new text says the old one's
// content in other words, as a summary or another outlet would, so only
// meaning-aware pairing finds the groups. The fillers keep the documents
// long enough for order to matter and give every case the same background.

// fillers returns k clauses of distinct subjects with ids prefix1..prefixK.
func fillers(prefix string, first, k int) []*plan.Clause {
	texts := []string{tSovereignty, tNATO, tElections, tAmnesty, tNuclear, tAssets, tGrain, tLanguage, tArmy}
	var out []*plan.Clause
	for i := range k {
		out = append(out, cl(prefix+string(rune('a'+i)), itoa(first+i), texts[i%len(texts)]))
	}
	return out
}

// shall returns t with its first "will" made "shall": the same clause,
// reworded, so it is not paired as an identical text.
func shall(t string) string { return strings.Replace(t, " will ", " shall ", 1) }

func itoa(i int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+i/10%10)) + string(rune('0'+i%10)))
}

func withClauses(id string, cs ...[]*plan.Clause) *plan.Plan {
	var all []*plan.Clause
	for _, c := range cs {
		all = append(all, c...)
	}
	return version(id, all...)
}

func one(cs ...*plan.Clause) []*plan.Clause { return cs }

const (
	tCommission  = "The parties will set up a joint commission on humanitarian questions, which will meet every month in Geneva and report to the Peace Council on the exchange of prisoners."
	tCommission1 = "A joint humanitarian commission is to be established by the parties."
	tCommission2 = "Its meetings take place monthly in Geneva."
	tCommission3 = "It reports to the Peace Council on how prisoners are being exchanged."

	tVote1    = "Elections will be held in Ukraine within 100 days of the signing of the agreement."
	tVote2    = "International observers from the OSCE will monitor the vote."
	tVote3    = "The results will be certified by the central electoral commission."
	tVoteJoin = "Ukraine holds elections within 100 days of signing; OSCE observers monitor the vote and the central electoral commission certifies the results."

	tSupervise      = "Within 18 days of entry into force, the United Nations shall supervise investment vehicles of Krasarsk from Horohrad and Myrohrad."
	tWithin18       = "Within 18 days of entry into force."
	tSuperviseRest  = "The United Nations shall supervise investment vehicles of Krasarsk from Horohrad and Myrohrad."
	tTeachers       = "Within 18 days of entry into force, Russia shall lift teacher training."
	tConsult56      = "Within 56 days of the first elections, the signatories shall reopen consultations along the Zelohrad line, in consultation with the monitoring mission."
	tConsultRest    = "The signatories shall reopen consultations along the Zelohrad line, in consultation with the monitoring mission."
	tTerminals58    = "Within 58 days of the first elections, the Peace Council shall release oil terminals from Bilarhrad and Polahrad, in particular strategic remains of the dead."
	tTerminalsRest  = "The Peace Council shall release oil terminals from Bilarhrad and Polahrad, in particular strategic remains of the dead."
	tWithin58       = "Within 58 days of the first elections."
	tSuperviseBoard = "Within 18 days of entry into force, the United Nations shall supervise investment vehicles of Krasarsk from Horohrad and Myrohrad, in consultation with the Board of Peace."
	tBoardConsult   = "In consultation with the Board of Peace."
	tTroops30Front  = "Within 30 days, foreign troops will withdraw from the buffer zone."
	tPrisonersBrief = "Prisoners and the bodies of the fallen will be handed over."
	tSwapJoin       = "All prisoners and the bodies of the dead are exchanged all for all, and civilian detainees and hostages, including children, go back to their families."
	tTroops30       = "Foreign troops will withdraw from the buffer zone within 30 days."
	tTroops90       = "Foreign troops will withdraw from the buffer zone within 90 days."
	tTroops120      = "Foreign troops will withdraw from the buffer zone within 120 days."
	tTerritory      = "Territory: Crimea, Luhansk and Donetsk will be recognised as de facto Russian, including by the United States."
	tTerrNew        = "Crimea, Luhansk and Donetsk will be recognised de facto as Russian, the United States included."

	tFrozen    = "Ukraine will be fully rebuilt and financially compensated, including through Russian sovereign assets, which stay frozen until Russia has compensated Ukraine for the damage."
	tFrozenNew = "Full rebuilding of and compensation for Kyiv, partly out of the Kremlin's state assets, held frozen until the damage is paid for."
	tSovShort  = "Ukraine's sovereignty will be confirmed."
	tSovNew    = "Ukraine stays sovereign."

	tAmnestyLong      = "All parties to the conflict will receive full amnesty for their actions during the war and agree to make no claims and pursue no complaints in the future."
	tAmnestyBrief     = "Everyone involved is amnestied for wartime acts and drops future claims."
	tSanctions        = "The lifting of sanctions will be discussed and agreed in stages and case by case."
	tFrozenFunds      = "$100bn of the frozen Russian funds will go into US-led efforts to rebuild Ukraine and invest in it."
	tFrozenFundsBrief = "$100bn of the frozen funds goes to American-led rebuilding of Ukraine."
	tEurope100bn      = "Europe will add $100bn to increase the investment available for rebuilding Ukraine."
	tEurope100bnBrief = "Europe contributes another $100bn."
	tUSGuarantee      = "The United States gives a guarantee that mirrors Article 5 of the North Atlantic Treaty, on the conditions set out below."
	tMonitoringTalks  = "Both sides begin talks at once on the technical implementation of ceasefire monitoring, with the United States and European countries taking part."
	tRatify           = "Ukraine will submit the agreement for ratification by its parliament and/or for approval in a nationwide referendum; elections may be held at the same time."
)

func TestStructure(t *testing.T) {
	t.Parallel()
	content := diff.Options{Match: diff.MatchContent}
	cases := []compareCase{
		{
			name: "paraphrased_merge",
			old:  withClauses("a", one(cl("x", "1", tPrisoners), cl("y", "2", tChildren)), fillers("o", 3, 6)),
			new:  withClauses("b", one(cl("q", "1", tSwapJoin)), fillers("n", 2, 6)),
			want: []string{"merged x,y>q rule=containment", "unchanged oa>na renumbered rule=content", "unchanged ob>nb renumbered rule=content",
				"unchanged oc>nc renumbered rule=content", "unchanged od>nd renumbered rule=content", "unchanged oe>ne renumbered rule=content",
				"unchanged of>nf renumbered rule=content"},
		},
		{
			name: "paraphrased_split",
			old:  withClauses("a", one(cl("q", "1", tSwapJoin)), fillers("o", 2, 6)),
			new:  withClauses("b", one(cl("x", "1", tPrisoners), cl("y", "2", tChildren)), fillers("n", 3, 6)),
			want: []string{"split q>x,y rule=containment", "unchanged oa>na renumbered rule=content", "unchanged ob>nb renumbered rule=content",
				"unchanged oc>nc renumbered rule=content", "unchanged od>nd renumbered rule=content", "unchanged oe>ne renumbered rule=content",
				"unchanged of>nf renumbered rule=content"},
		},
		{
			// The second part stands seven places after the first.
			name: "paraphrased_merge_parts_far_apart",
			old:  withClauses("a", one(cl("x", "1", tPrisoners)), fillers("o", 2, 6), one(cl("y", "8", tChildren))),
			new:  withClauses("b", one(cl("q", "1", tSwapJoin)), fillers("n", 2, 6)),
			want: []string{"merged x,y>q rule=containment", "unchanged oa>na rule=content", "unchanged ob>nb rule=content",
				"unchanged oc>nc rule=content", "unchanged od>nd rule=content", "unchanged oe>ne rule=content",
				"unchanged of>nf rule=content"},
		},
		{
			// A clause merged with a far one: the merged clause is paired
			// with the far part, and the other part, told in other words,
			// stands where the merged clause is, after the clause whose
			// partner comes just before it. Its place vouches for it as
			// nearness to the far part would: it needs the containment of
			// a near part, not of a far one.
			name: "merge_part_at_the_merged_clause_place",
			old:  withClauses("a", one(cl("y", "1", tChildren)), fillers("o", 2, 6), one(cl("x", "8", tPrisonersBrief)), fillers("p", 9, 3)),
			new:  withClauses("b", fillers("n", 1, 6), one(cl("q", "7", tSwapJoin)), fillers("m", 8, 3)),
			want: []string{"unchanged oa>na renumbered rule=content", "unchanged ob>nb renumbered rule=content", "unchanged oc>nc renumbered rule=content",
				"unchanged od>nd renumbered rule=content", "unchanged oe>ne renumbered rule=content", "unchanged of>nf renumbered rule=content",
				"merged y,x>q renumbered rule=containment",
				"unchanged pa>ma renumbered rule=content", "unchanged pb>mb renumbered rule=content", "unchanged pc>mc renumbered rule=content"},
		},
		{
			// A split's short first part ("Within 18 days of entry into
			// force.") resembles a removed clause of the same frame, far
			// away, more than its whole; but it is wholly contained in what
			// its neighbour leaves of the whole: it is the split's part, not
			// a move of the removed clause.
			name: "split_part_not_taken_by_a_far_look_alike",
			old:  withClauses("a", fillers("o", 1, 3), one(cl("w", "4", tSupervise)), fillers("p", 5, 4), one(cl("r", "9", tTeachers))),
			new:  withClauses("b", fillers("n", 1, 3), one(cl("s1", "4", tWithin18), cl("s2", "5", tSuperviseRest)), fillers("m", 6, 4)),
			want: []string{"unchanged oa>na rule=content", "unchanged ob>nb rule=content", "unchanged oc>nc rule=content",
				"split w>s1,s2 rule=containment",
				"unchanged pa>ma renumbered rule=content", "unchanged pb>mb renumbered rule=content", "unchanged pc>mc renumbered rule=content",
				"unchanged pd>md renumbered rule=content", "removed r> evidence=absent rule=none"},
		},
		{
			// The same in three parts, the whole's closest part two places
			// from the first one.
			name: "split_part_not_taken_by_a_far_look_alike_two_places_off",
			old:  withClauses("a", fillers("o", 1, 3), one(cl("w", "4", tSuperviseBoard)), fillers("p", 5, 4), one(cl("r", "9", tTeachers))),
			new:  withClauses("b", fillers("n", 1, 3), one(cl("s1", "4", tWithin18), cl("s2", "5", tBoardConsult), cl("s3", "6", tSuperviseRest)), fillers("m", 7, 4)),
			want: []string{"unchanged oa>na rule=content", "unchanged ob>nb rule=content", "unchanged oc>nc rule=content",
				"split w>s1,s2,s3 rule=containment",
				"unchanged pa>ma renumbered rule=content", "unchanged pb>mb renumbered rule=content", "unchanged pc>mc renumbered rule=content",
				"unchanged pd>md renumbered rule=content", "removed r> evidence=absent rule=none"},
		},
		{
			// Two points move to the front together; the second is reworded,
			// and a clause that differs from it by a figure alone resembles
			// it almost as much, so it is no clear move; but it is the best
			// candidate of its reworded self both ways and keeps the order
			// of the pair beside it.
			name: "reworded_clause_moved_with_its_neighbour",
			old:  withClauses("a", fillers("o", 1, 5), one(cl("y", "6", tTroops90)), fillers("p", 7, 2), one(cl("x1", "9", tPrisoners), cl("x2", "10", tTroops30))),
			new:  withClauses("b", one(cl("z1", "1", tPrisoners), cl("z2", "2", tTroops30Front)), fillers("n", 3, 5), one(cl("yy", "8", tTroops90)), fillers("m", 9, 2)),
			want: []string{"unchanged x1>z1 moved renumbered rule=content", "modified x2>z2 moved renumbered rule=content",
				"unchanged oa>na renumbered rule=content", "unchanged ob>nb renumbered rule=content", "unchanged oc>nc renumbered rule=content",
				"unchanged od>nd renumbered rule=content", "unchanged oe>ne renumbered rule=content", "unchanged y>yy renumbered rule=content",
				"unchanged pa>ma renumbered rule=content", "unchanged pb>mb renumbered rule=content"},
		},
		{
			// Two clauses of one frame are split, each after its first
			// phrase, and the first one's figure changes on the way (56 ->
			// 58 days): its short first part is wholly contained in the
			// other clause, far away, and only partly in its own whole; but
			// it stands next to its own whole's other part, so it is that
			// split's part.
			name: "split_part_near_its_whole_not_far",
			old:  withClauses("a", fillers("o", 1, 2), one(cl("w1", "3", tConsult56)), fillers("p", 4, 4), one(cl("w2", "8", tTerminals58)), fillers("q", 9, 2)),
			new: withClauses("b", fillers("n", 1, 2), one(cl("a1", "3", tWithin58), cl("a2", "4", tConsultRest)), fillers("m", 5, 4),
				one(cl("b1", "9", tWithin58), cl("b2", "10", tTerminalsRest)), fillers("r", 11, 2)),
			want: []string{"unchanged oa>na rule=content", "unchanged ob>nb rule=content", "split w1>a1,a2 rule=containment",
				"unchanged pa>ma renumbered rule=content", "unchanged pb>mb renumbered rule=content", "unchanged pc>mc renumbered rule=content",
				"unchanged pd>md renumbered rule=content", "split w2>b1,b2 renumbered rule=containment",
				"unchanged qa>ra renumbered rule=content", "unchanged qb>rb renumbered rule=content"},
		},
		{
			// Three parts of generic wording, each a short sentence.
			name: "split_into_three_generic_parts",
			old:  withClauses("a", fillers("o", 1, 3), one(cl("x", "4", tCommission)), fillers("p", 5, 3)),
			new:  withClauses("b", fillers("n", 1, 3), one(cl("c1", "4", tCommission1), cl("c2", "5", tCommission2), cl("c3", "6", tCommission3)), fillers("m", 7, 3)),
			want: []string{"unchanged oa>na rule=content", "unchanged ob>nb rule=content", "unchanged oc>nc rule=content",
				"split x>c1,c2,c3 rule=containment",
				"unchanged pa>ma renumbered rule=content", "unchanged pb>mb renumbered rule=content", "unchanged pc>mc renumbered rule=content"},
		},
		{
			name: "three_way_paraphrased_merge",
			old:  withClauses("a", one(cl("v1", "1", tVote1), cl("v2", "2", tVote2), cl("v3", "3", tVote3)), fillers("o", 4, 5)),
			new:  withClauses("b", one(cl("v", "1", tVoteJoin)), fillers("n", 2, 5)),
			want: []string{"merged v1,v2,v3>v rule=containment", "unchanged oa>na renumbered rule=content", "unchanged ob>nb renumbered rule=content",
				"unchanged oc>nc renumbered rule=content", "unchanged od>nd renumbered rule=content", "unchanged oe>ne renumbered rule=content"},
		},
		{
			// X 30 → 90 days and Y 90 → 120 days: X's new text is Y's old
			// one, yet each stays paired in place.
			name: "twins_edited_in_a_chain",
			old:  withClauses("a", fillers("o", 1, 2), one(cl("x", "3", tTroops30), cl("y", "4", tTroops90)), fillers("p", 5, 2)),
			new:  withClauses("b", fillers("n", 1, 2), one(cl("p", "3", tTroops90), cl("q", "4", tTroops120)), fillers("m", 5, 2)),
			want: []string{"unchanged oa>na rule=content", "unchanged ob>nb rule=content", "modified x>p rule=content", "modified y>q rule=content",
				"unchanged pa>ma rule=content", "unchanged pb>mb rule=content"},
		},
		{
			// A one-word heading added at the top is not a split part of
			// the territory clause eleven places below.
			name: "one_word_heading_far_away",
			old:  withClauses("a", fillers("o", 1, 11), one(cl("t", "12", tTerritory))),
			new:  withClauses("b", one(cl("h", "1", "Territory:")), fillers("n", 2, 11), one(cl("u", "13", tTerrNew))),
			want: []string{"added >h rule=none", "unchanged oa>na renumbered rule=content", "unchanged ob>nb renumbered rule=content",
				"unchanged oc>nc renumbered rule=content", "unchanged od>nd renumbered rule=content", "unchanged oe>ne renumbered rule=content",
				"unchanged of>nf renumbered rule=content", "unchanged og>ng renumbered rule=content", "unchanged oh>nh renumbered rule=content",
				"unchanged oi>ni renumbered rule=content", "unchanged oj>nj renumbered rule=content", "unchanged ok>nk renumbered rule=content",
				"modified t>u renumbered rule=content"},
		},
		{
			// "Ukraine stays sovereign" shares all its words with the
			// clause on Russia's sovereign assets that stay frozen, eight
			// places away, but it is the sovereignty clause told briefly:
			// it is no split part of the assets clause.
			name: "far_part_with_a_counterpart_of_its_own",
			old: withClauses("a", one(cl("s", "1", tSovShort), cl("o1", "2", tNATO), cl("o2", "3", tElections), cl("o3", "4", tAmnesty),
				cl("o4", "5", tNuclear), cl("f", "6", tFrozen), cl("o5", "7", tGrain), cl("o6", "8", tLanguage), cl("o7", "9", tArmy))),
			new: withClauses("b", one(cl("g", "1", tFrozenNew), cl("n5", "2", tGrain), cl("n6", "3", tLanguage), cl("n7", "4", tArmy),
				cl("n1", "5", tNATO), cl("n2", "6", tElections), cl("n3", "7", tAmnesty), cl("n4", "8", tNuclear), cl("t", "9", tSovNew))),
			want: []string{"removed s> evidence=absent rule=none", "modified f>g renumbered rule=content",
				"unchanged o5>n5 renumbered rule=content", "unchanged o6>n6 renumbered rule=content", "unchanged o7>n7 renumbered rule=content",
				"unchanged o1>n1 moved renumbered rule=content", "unchanged o2>n2 moved renumbered rule=content",
				"unchanged o3>n3 moved renumbered rule=content", "unchanged o4>n4 moved renumbered rule=content", "added >t rule=none"},
		},
		{
			// A brief's clause says the amnesty point in a few words of its
			// own, far from its place: below the threshold, but nothing
			// else in either text comes close, and it shares three words.
			name: "leftover_brief_pair_out_of_place",
			old: withClauses("a", one(cl("a", "1", tAmnestyLong), cl("o1", "2", tNATO), cl("o2", "3", tElections), cl("o3", "4", tNuclear),
				cl("o4", "5", tGrain), cl("o5", "6", tLanguage), cl("o6", "7", tArmy))),
			new: withClauses("b", one(cl("n4", "1", tGrain), cl("n5", "2", tLanguage), cl("n6", "3", tArmy), cl("n1", "4", tNATO),
				cl("n2", "5", tElections), cl("n3", "6", tNuclear), cl("k", "7", tAmnestyBrief))),
			want: []string{"unchanged o4>n4 renumbered rule=content", "unchanged o5>n5 renumbered rule=content", "unchanged o6>n6 renumbered rule=content",
				"unchanged o1>n1 moved renumbered rule=content", "unchanged o2>n2 moved renumbered rule=content", "unchanged o3>n3 moved renumbered rule=content",
				"modified a>k moved renumbered rule=content"},
		},
		{
			// Just as alone in their texts, but the two clauses share one
			// word ("agreed", "agreement"): no pair.
			name: "leftover_pair_on_one_word",
			old: withClauses("a", one(cl("s", "1", tSanctions), cl("o1", "2", tNATO), cl("o2", "3", tChildren), cl("o3", "4", tNuclear),
				cl("o4", "5", tGrain), cl("o5", "6", tLanguage), cl("o6", "7", tArmy))),
			new: withClauses("b", one(cl("n4", "1", tGrain), cl("n5", "2", tLanguage), cl("n6", "3", tArmy), cl("n1", "4", tNATO),
				cl("n2", "5", tChildren), cl("n3", "6", tNuclear), cl("r", "7", tRatify))),
			want: []string{"removed s> evidence=absent rule=none",
				"unchanged o4>n4 renumbered rule=content", "unchanged o5>n5 renumbered rule=content", "unchanged o6>n6 renumbered rule=content",
				"unchanged o1>n1 moved renumbered rule=content", "unchanged o2>n2 moved renumbered rule=content", "unchanged o3>n3 moved renumbered rule=content",
				"added >r rule=none"},
		},
		{
			// The brief's Europe point resembles the brief's frozen-funds
			// point more than its own partner ($100bn is the rarest word of
			// both), but that point is taken by the frozen-funds clause,
			// which it resembles far more: it is no contender, and the
			// Europe pair is clear among the rest.
			name: "leftover_pair_past_a_taken_clause",
			old: withClauses("a", one(cl("x", "1", tEurope100bn), cl("o1", "2", tNATO), cl("o2", "3", tElections), cl("o3", "4", tNuclear),
				cl("o4", "5", tGrain), cl("o5", "6", tLanguage), cl("o6", "7", tArmy), cl("y", "8", tFrozenFunds))),
			new: withClauses("b", one(cl("yy", "1", tFrozenFundsBrief), cl("n4", "2", shall(tGrain)), cl("n5", "3", shall(tLanguage)), cl("n6", "4", shall(tArmy)),
				cl("n1", "5", shall(tNATO)), cl("n2", "6", shall(tElections)), cl("n3", "7", shall(tNuclear)), cl("k", "8", tEurope100bnBrief))),
			want: []string{"modified y>yy moved renumbered rule=content",
				"modified o4>n4 renumbered rule=content", "modified o5>n5 renumbered rule=content", "modified o6>n6 renumbered rule=content",
				"modified o1>n1 moved renumbered rule=content", "modified o2>n2 moved renumbered rule=content", "modified o3>n3 moved renumbered rule=content",
				"modified x>k moved renumbered rule=content"},
		},
		{
			// Alone in their texts, but all the two clauses share is one
			// name of two words ("the United States"): no pair.
			name: "leftover_pair_on_one_name",
			old: withClauses("a", one(cl("g", "1", tUSGuarantee), cl("o1", "2", tNATO), cl("o2", "3", tChildren), cl("o3", "4", tNuclear),
				cl("o4", "5", tGrain), cl("o5", "6", tLanguage), cl("o6", "7", tArmy))),
			new: withClauses("b", one(cl("n4", "1", tGrain), cl("n5", "2", tLanguage), cl("n6", "3", tArmy), cl("n1", "4", tNATO),
				cl("n2", "5", tChildren), cl("n3", "6", tNuclear), cl("m", "7", tMonitoringTalks))),
			want: []string{"removed g> evidence=absent rule=none",
				"unchanged o4>n4 renumbered rule=content", "unchanged o5>n5 renumbered rule=content", "unchanged o6>n6 renumbered rule=content",
				"unchanged o1>n1 moved renumbered rule=content", "unchanged o2>n2 moved renumbered rule=content", "unchanged o3>n3 moved renumbered rule=content",
				"added >m rule=none"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			checkChanges(t, tc.old, tc.new, content, tc.want)
		})
	}
}

// TestMeaningCases checks issue 11's word-level cases through Compare: word
// order counts, and inflections and spellings of one word meet.
func TestMeaningCases(t *testing.T) {
	t.Parallel()
	content := diff.Options{Match: diff.MatchContent}
	pairOf := func(t *testing.T, oldText, newText string) diff.Change {
		t.Helper()
		old := withClauses("a", fillers("o", 1, 4), one(cl("x", "5", oldText)))
		nu := withClauses("b", fillers("n", 1, 4), one(cl("p", "5", newText)))
		r, err := diff.Compare(context.Background(), old, nu, content)
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, old, nu, r)
		for _, c := range r.Changes {
			if reflect.DeepEqual(c.Old, []string{"x"}) {
				if !reflect.DeepEqual(c.New, []string{"p"}) {
					t.Fatalf("x paired as %s, want x>p", describe(c))
				}
				return c
			}
		}
		t.Fatal("x is in no change")
		return diff.Change{}
	}
	t.Run("word_order_counts", func(t *testing.T) {
		t.Parallel()
		c := pairOf(t, "Russia will compensate Ukraine.",
			"Ukraine will compensate Russia.")
		// Same words, roles swapped: a modification, and far from equal.
		if c.Kind != diff.KindModified || c.Similarity > 0.9 {
			t.Errorf("have %s similarity %.3f, want modified with similarity at most 0.9", describe(c), c.Similarity)
		}
	})
	t.Run("roles_swapped_in_a_long_sentence", func(t *testing.T) {
		t.Parallel()
		c := pairOf(t, "Russia will compensate Ukraine for the damage caused by the war.",
			"Ukraine will compensate Russia for the damage caused by the war.")
		// The words that keep their order outnumber the two parties that
		// swap; the swap around the verb still counts.
		if c.Kind != diff.KindModified || c.Similarity > 0.8 {
			t.Errorf("have %s similarity %.3f, want modified with similarity at most 0.8", describe(c), c.Similarity)
		}
	})
	t.Run("halves_swapped_keep_roles", func(t *testing.T) {
		t.Parallel()
		c := pairOf(t, "Within 100 days of the signing, Ukraine will hold elections.",
			"Ukraine will hold elections within 100 days of the signing.")
		// The two halves change places; nobody's role changes.
		if c.Kind != diff.KindModified || c.Similarity < 0.8 {
			t.Errorf("have %s similarity %.3f, want modified with similarity at least 0.8", describe(c), c.Similarity)
		}
	})
	// Each pair differs only in the form of one or two words; with the
	// forms told apart, these short clauses would fall to about half
	// similarity.
	forms := []struct{ name, old, new string }{
		{"ukraine_ukrainian", "The Ukrainian army will keep its air defence systems.", "The army of Ukraine will keep its air defence systems."},
		{"verified_verification", "The withdrawal will be verified by the monitoring mission.", "The withdrawal will be subject to verification by the monitoring mission."},
		{"demilitarised_demilitarized", "The Kinburn Spit will be demilitarised.", "The Kinburn Spit will be demilitarized."},
	}
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			c := pairOf(t, f.old, f.new)
			if c.Kind != diff.KindModified || c.Similarity < 0.7 {
				t.Errorf("have %s similarity %.3f, want modified with similarity at least 0.7", describe(c), c.Similarity)
			}
		})
	}
}

// TestLevelChanged checks that a sub-point promoted to a point, and a point
// demoted to a sub-point, are flagged as level changes in content mode.
func TestLevelChanged(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		old, new *plan.Plan
		moved    string // the old id of the clause that changed level
	}{
		{"promoted",
			version("a", cl("x", "1", tSovereignty, cl("x1", "1a", tArmy)), cl("y", "2", tNATO)),
			version("b", cl("p", "1", tSovereignty), cl("q", "2", tArmy), cl("r", "3", tNATO)), "x1"},
		{"demoted",
			version("a", cl("x", "1", tSovereignty), cl("y", "2", tArmy), cl("z", "3", tNATO)),
			version("b", cl("p", "1", tSovereignty, cl("q", "1a", tArmy)), cl("r", "2", tNATO)), "y"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := diff.Compare(context.Background(), tc.old, tc.new, diff.Options{Match: diff.MatchContent})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range r.Changes {
				want := len(c.Old) == 1 && c.Old[0] == tc.moved
				if c.LevelChanged != want {
					t.Errorf("%s: level_changed %v, want %v", describe(c), c.LevelChanged, want)
				}
			}
		})
	}
}
