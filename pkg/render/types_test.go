package render

import (
	"testing"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff"
)

func TestTypeDetails(t *testing.T) {
	t.Parallel()
	ts := []changetype.Type{
		{Type: changetype.Figure, Direction: changetype.Up, Detail: "600,000 → 800,000 (+33%)"},
		{Type: changetype.Party, Direction: changetype.Added, Detail: "+NATO +Europe", Added: []string{"NATO", "Europe"}},
		{Type: changetype.Deadline, Direction: changetype.Dropped, Detail: "100 days → as soon as possible (deadline dropped)"},
		{Type: changetype.Scope, Direction: changetype.Changed, Detail: "+in peacetime −at most"},
	}
	for _, tc := range []struct {
		name      string
		ts        []changetype.Type
		noFigures bool
		want      string
	}{
		{"all", ts, false, "figure↑ 600,000 → 800,000 (+33%); party +NATO +Europe; deadline− 100 days → as soon as possible (deadline dropped); scope +in peacetime −at most"},
		{"no figures", ts, true, "party +NATO +Europe; deadline− 100 days → as soon as possible (deadline dropped); scope +in peacetime −at most"},
		{"only figures, left out", ts[:1], true, ""},
		{"wording", []changetype.Type{{Type: changetype.Wording}}, false, "wording"},
		{"none", nil, false, ""},
	} {
		if got := TypeDetails(tc.ts, tc.noFigures); got != tc.want {
			t.Errorf("%s: TypeDetails = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestTypeCountsText(t *testing.T) {
	t.Parallel()
	if got := TypeCountsText(diff.TypeCounts{}); got != "" {
		t.Errorf("no types: %q", got)
	}
	got := TypeCountsText(diff.TypeCounts{Wording: 7, Figure: 5, Party: 3})
	if want := "5 figure, 3 party, 7 wording"; got != want {
		t.Errorf("TypeCountsText = %q, want %q", got, want)
	}
}
