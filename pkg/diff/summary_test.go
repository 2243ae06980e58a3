package diff

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff/words"
)

// kindsResult holds one change or more of every kind, with every field that
// Clone must copy set somewhere.
func kindsResult() *Result {
	ch := func(k Kind, id, topic string, moved bool) Change {
		c := Change{Kind: k, Old: []string{id}, New: []string{id}, OldNumbers: []string{"1"}, NewNumbers: []string{"2"},
			Moved: moved, Topic: topic, Sources: SidePair{Old: []string{"a"}, New: []string{"b"}}}
		switch k {
		case KindAdded:
			c.Old, c.OldNumbers, c.Sources.Old = []string{}, []string{}, []string{}
		case KindRemoved, KindUnreported:
			c.New, c.NewNumbers, c.Sources.New = []string{}, []string{}, []string{}
		}
		return c
	}
	mod := ch(KindModified, "armed-forces-size", "military", false)
	mod.Edits = []words.Edit{{Op: words.OpDelete, Text: "600,000"}, {Op: words.OpInsert, Text: "800,000"}}
	mod.Figures = []words.Figure{{Old: "600,000", New: "800,000"}}
	mod.Confidence = &Delta{Old: "reported", New: "confirmed"}
	mod.ProposedBy = &Delta{Old: "us", New: "e3"}
	mod.Status = &Delta{Old: "agreed", New: "bracketed"}
	mod.OldNotes, mod.NewNotes = []string{"old note"}, []string{"new note"}
	mod.Types = []changetype.Type{{Type: changetype.Figure, Direction: changetype.Up, Detail: "600,000 → 800,000 (+33%)"},
		{Type: changetype.Scope, Direction: changetype.Added, Detail: "+in peacetime", Added: []string{"in peacetime"}}}
	merged := ch(KindMerged, "europe-100bn", "economy", false)
	merged.Types = []changetype.Type{{Type: changetype.Wording}}
	elections := ch(KindModified, "elections", "elections", false)
	elections.Types = []changetype.Type{{Type: changetype.Deadline, Direction: changetype.Dropped}}
	return &Result{
		Schema: Schema, Match: "auto",
		Old: VersionRef{ID: "us-28-draft", Sources: []SourceRef{{ID: "a", Outlet: "A"}}},
		New: VersionRef{ID: "framework-20", Sources: []SourceRef{{ID: "b", Outlet: "B"}}},
		Changes: []Change{
			ch(KindUnchanged, "sovereignty", "sovereignty", false),
			mod,
			ch(KindUnchanged, "non-aggression-pact", "security", true),
			merged,
			ch(KindSplit, "security-guarantee", "security", true),
			ch(KindAdded, "ceasefire-monitoring", "security", false),
			ch(KindRemoved, "amnesty", "justice", false),
			ch(KindUnreported, "russia-g8", "economy", false),
			elections,
		},
	}
}

func TestSummaryCounts(t *testing.T) {
	t.Parallel()
	s := Summarize(kindsResult().Changes)
	want := Summary{Unchanged: 2, Modified: 2, Merged: 1, Split: 1, Added: 1, Removed: 1, Unreported: 1, Moved: 2,
		Types: TypeCounts{Figure: 1, Deadline: 1, Scope: 1, Wording: 1}}
	if s != want {
		t.Fatalf("Summarize = %+v, want %+v", s, want)
	}
	got := s.Counts()
	if len(got) != len(Kinds)+1 || got[len(got)-1] != (KindCount{CountMoved, "moved", 2}) {
		t.Fatalf("Counts = %v: want every kind, then moved", got)
	}
	for i, k := range Kinds {
		if got[i].Kind != k {
			t.Errorf("Counts[%d] is %s, want %s (Kinds order)", i, got[i].Kind, k)
		}
	}
	// Each count is the field of its kind.
	distinct := Summary{Unchanged: 1, Modified: 2, Merged: 3, Split: 4, Added: 5, Removed: 6, Unreported: 7, Moved: 8}
	for i, c := range distinct.Counts() {
		if c.Count != i+1 {
			t.Errorf("Counts()[%d] = %v, want count %d", i, c, i+1)
		}
	}
	// Removals with evidence are counted apart, in two entries.
	split := Summarize([]Change{{Kind: KindRemoved, Evidence: EvidenceReported}, {Kind: KindRemoved, Evidence: EvidenceAbsent}, {Kind: KindRemoved, Evidence: EvidenceAbsent}})
	if want := (Summary{Removed: 3, RemovedReported: 1, RemovedAbsent: 2}); split != want {
		t.Errorf("Summarize = %+v, want %+v", split, want)
	}
	var labels []string
	for _, c := range split.Counts() {
		if c.Kind == KindRemoved {
			labels = append(labels, fmt.Sprint(c.Count, " ", c.Label))
		}
	}
	if want := []string{"1 removed (reported)", "2 absent from a complete text"}; !slices.Equal(labels, want) {
		t.Errorf("removal counts %q, want %q", labels, want)
	}
	if Summarize([]Change{{Kind: "bogus", Moved: true}}) != (Summary{Moved: 1}) || Summarize(nil) != (Summary{}) {
		t.Error("unknown kinds or no changes miscounted")
	}
}

func TestFilter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		f       Filter
		want    []string // first old (or new) id of each kept change
		summary Summary
	}{
		{"everything", Filter{}, []string{"sovereignty", "armed-forces-size", "non-aggression-pact", "europe-100bn",
			"security-guarantee", "ceasefire-monitoring", "amnesty", "russia-g8", "elections"},
			Summary{Unchanged: 2, Modified: 2, Merged: 1, Split: 1, Added: 1, Removed: 1, Unreported: 1, Moved: 2,
				Types: TypeCounts{Figure: 1, Deadline: 1, Scope: 1, Wording: 1}}},
		{"one kind", Filter{Kinds: []Kind{KindModified}}, []string{"armed-forces-size", "elections"},
			Summary{Modified: 2, Types: TypeCounts{Figure: 1, Deadline: 1, Scope: 1}}},
		{"two kinds", Filter{Kinds: []Kind{KindAdded, KindSplit}}, []string{"security-guarantee", "ceasefire-monitoring"},
			Summary{Split: 1, Added: 1, Moved: 1}},
		{"topic", Filter{Topic: "military"}, []string{"armed-forces-size"}, Summary{Modified: 1, Types: TypeCounts{Figure: 1, Scope: 1}}},
		{"kind and topic", Filter{Kinds: []Kind{KindRemoved}, Topic: "military"}, nil, Summary{}},
		{"unknown topic", Filter{Topic: "nope"}, nil, Summary{}},
		{"topics", Filter{Topics: []string{"nope", "military"}}, []string{"armed-forces-size"}, Summary{Modified: 1, Types: TypeCounts{Figure: 1, Scope: 1}}},
		{"one type", Filter{Types: []string{changetype.Deadline}}, []string{"elections"},
			Summary{Modified: 1, Types: TypeCounts{Deadline: 1}}},
		{"two types", Filter{Types: []string{changetype.Wording, changetype.Scope}}, []string{"armed-forces-size", "europe-100bn"},
			Summary{Modified: 1, Merged: 1, Types: TypeCounts{Figure: 1, Scope: 1, Wording: 1}}},
		{"type and kind", Filter{Types: []string{changetype.Figure}, Kinds: []Kind{KindMerged}}, nil, Summary{}},
		{"type and topic", Filter{Types: []string{changetype.Figure, changetype.Deadline}, Topics: []string{"elections"}}, []string{"elections"},
			Summary{Modified: 1, Types: TypeCounts{Deadline: 1}}},
		{"unknown type", Filter{Types: []string{"nope"}}, nil, Summary{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := kindsResult()
			got := tc.f.Apply(r)
			var ids []string
			for _, c := range got.Changes {
				if len(c.Old) > 0 {
					ids = append(ids, c.Old[0])
				} else {
					ids = append(ids, c.New[0])
				}
			}
			if !reflect.DeepEqual(ids, tc.want) {
				t.Errorf("kept %q, want %q", ids, tc.want)
			}
			if got.Summary != tc.summary {
				t.Errorf("summary %+v, want %+v", got.Summary, tc.summary)
			}
			if got.Old.ID != r.Old.ID || got.New.ID != r.New.ID || got.Match != r.Match || got.Schema != r.Schema {
				t.Error("versions, match or schema not kept")
			}
			if !reflect.DeepEqual(r, kindsResult()) {
				t.Error("Apply modified its input")
			}
			// The result is a copy: changing it leaves the input alone.
			if len(got.Changes) > 0 {
				got.Changes[0].Edits = nil
				if len(got.Changes[0].Old) > 0 {
					got.Changes[0].Old[0] = "changed"
				}
				got.Old.Sources[0].Outlet = "changed"
				if !reflect.DeepEqual(r, kindsResult()) {
					t.Error("the filtered Result shares memory with its input")
				}
			}
		})
	}
}

func TestFilterEmpty(t *testing.T) {
	t.Parallel()
	if (Filter{}).Apply(nil) != nil {
		t.Error("Apply(nil) is not nil")
	}
	if !(Filter{}).IsZero() || (Filter{Topic: "x"}).IsZero() || (Filter{Kinds: []Kind{KindAdded}}).IsZero() || (Filter{Types: []string{"figure"}}).IsZero() {
		t.Error("IsZero is wrong")
	}
	got := Filter{Kinds: []Kind{KindAdded}, Topic: "x"}.Apply(&Result{})
	if got.Changes != nil || got.Summary != (Summary{}) {
		t.Errorf("Apply(empty) = %+v", got)
	}
	r := kindsResult()
	r.Changes = []Change{}
	if got := (Filter{Kinds: []Kind{KindAdded}}).Apply(r); got.Changes == nil || len(got.Changes) != 0 {
		t.Errorf("an empty change list became %#v", got.Changes)
	}
}

// TestCloneIsDeep checks that the copy shares nothing with the input:
// changing any slice or delta of the copy leaves the input alone.
func TestCloneIsDeep(t *testing.T) {
	t.Parallel()
	r := kindsResult()
	c := r.Clone()
	if !reflect.DeepEqual(r, c) {
		t.Fatal("the clone differs from the original")
	}
	c.Old.Sources[0].Outlet = "x"
	c.New.Sources[0].Outlet = "x"
	for i := range c.Changes {
		ch := &c.Changes[i]
		for _, s := range [][]string{ch.Old, ch.New, ch.OldNumbers, ch.NewNumbers, ch.Sources.Old, ch.Sources.New, ch.OldNotes, ch.NewNotes} {
			if len(s) > 0 {
				s[0] = "x"
			}
		}
		if len(ch.Edits) > 0 {
			ch.Edits[0] = words.Edit{Op: words.OpInsert, Text: "x"}
		}
		if len(ch.Figures) > 0 {
			ch.Figures[0].Old = "x"
		}
		for _, d := range []*Delta{ch.Confidence, ch.ProposedBy, ch.Status} {
			if d != nil {
				d.Old = "x"
			}
		}
		ch.Kind = "x"
	}
	if !reflect.DeepEqual(r, kindsResult()) {
		t.Error("changing the clone changed the original")
	}
	if (*Result)(nil).Clone() != nil {
		t.Error("Clone(nil) is not nil")
	}
}

func TestRoundSimilarity(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want float64 }{
		{0.7142857, 0.714}, {0.0005, 0.001}, {0.00049, 0}, {1, 1}, {0.9996, 1},
		{-0.0001, 0}, {math.Copysign(0, -1), 0}, {math.NaN(), 0}, {math.Inf(1), 0}, {math.Inf(-1), 0}, {1e307, 0},
	} {
		got := RoundSimilarity(tc.in)
		if got != tc.want || math.Signbit(got) {
			t.Errorf("RoundSimilarity(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestTypeCounts(t *testing.T) {
	t.Parallel()
	var tc TypeCounts
	for _, name := range []string{changetype.Scope, changetype.Figure, "nope", changetype.Scope} {
		tc.Add(name)
	}
	if want := (TypeCounts{Figure: 1, Scope: 2}); tc != want {
		t.Fatalf("Add: %+v, want %+v", tc, want)
	}
	if got, want := tc.List(), []TypeCount{{"figure", 1}, {"scope", 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("List = %v, want %v", got, want)
	}
	all := tc.All()
	if len(all) != len(changetype.Names) || all[0] != (TypeCount{"figure", 1}) || all[1] != (TypeCount{"negation", 0}) || all[6] != (TypeCount{"scope", 2}) {
		t.Errorf("All = %v", all)
	}
}
