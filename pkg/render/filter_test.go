package render

import (
	"reflect"
	"testing"

	"github.com/plandiff/plandiff/pkg/diff"
)

func TestFilter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		kinds   []diff.Kind
		topic   string
		want    []string // first old (or new) id of each kept change
		summary diff.Summary
	}{
		{"everything", nil, "", []string{"sovereignty", "armed-forces-size", "non-aggression-pact", "europe-100bn",
			"security-guarantee", "ceasefire-monitoring", "amnesty", "russia-g8", "elections"},
			diff.Summary{Unchanged: 2, Modified: 2, Merged: 1, Split: 1, Added: 1, Removed: 1, Unreported: 1, Moved: 2}},
		{"one kind", []diff.Kind{diff.KindModified}, "", []string{"armed-forces-size", "elections"},
			diff.Summary{Modified: 2}},
		{"two kinds", []diff.Kind{diff.KindAdded, diff.KindSplit}, "", []string{"security-guarantee", "ceasefire-monitoring"},
			diff.Summary{Split: 1, Added: 1, Moved: 1}},
		{"topic", nil, "military", []string{"armed-forces-size"}, diff.Summary{Modified: 1}},
		{"kind and topic", []diff.Kind{diff.KindRemoved}, "military", nil, diff.Summary{}},
		{"unknown topic", nil, "nope", nil, diff.Summary{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := allKinds()
			got := Filter(r, tc.kinds, tc.topic)
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
			if !reflect.DeepEqual(r, allKinds()) {
				t.Error("Filter modified its input")
			}
			// The result is a copy: changing it leaves the input alone.
			if len(got.Changes) > 0 {
				got.Changes[0].Edits = nil
				if len(got.Changes[0].Old) > 0 {
					got.Changes[0].Old[0] = "changed"
				}
				got.Old.Sources[0].Outlet = "changed"
				if !reflect.DeepEqual(r, allKinds()) {
					t.Error("the filtered Result shares memory with its input")
				}
			}
		})
	}
}

func TestFilterEmpty(t *testing.T) {
	t.Parallel()
	got := Filter(empty(), []diff.Kind{diff.KindAdded}, "x")
	if got.Changes != nil || got.Summary != (diff.Summary{}) {
		t.Errorf("Filter(empty) = %+v", got)
	}
	r := allKinds()
	r.Changes = []diff.Change{}
	if got := Filter(r, []diff.Kind{diff.KindAdded}, ""); got.Changes == nil || len(got.Changes) != 0 {
		t.Errorf("an empty change list became %#v", got.Changes)
	}
}
