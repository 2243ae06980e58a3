package plan

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

const timelineHead = `plandiff: 1
sources:
  - {id: s1, outlet: Outlet one, date: 2025-11-26, covers: quotes}
  - {id: s2, outlet: Outlet two}
events:
`

func TestParseTimeline(t *testing.T) {
	t.Parallel()
	data := timelineHead + `  - id: later
    date: 2025-12-02
    what: A meeting in Moscow.
    who: [Putin, Witkoff]
    where: Moscow
    versions: [v1]
    sources: [s1, s2]
    note: No text was published.
  - id: earlier
    date: 2025-11-25
    what: A remark.
    sources: [s2]
  - id: same-day
    date: 2025-12-02
    what: A second event that day.
    sources: [s1]
`
	tl, err := ParseTimeline(context.Background(), "events.yaml", []byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range tl.Events {
		ids = append(ids, e.ID)
	}
	if got := strings.Join(ids, " "); got != "earlier later same-day" {
		t.Errorf("order = %q, want date order, file order within a date", got)
	}
	e := tl.Events[1]
	if e.Where != "Moscow" || strings.Join(e.Who, ",") != "Putin,Witkoff" || e.Versions[0] != "v1" || e.Note == "" || e.VersionsPos[0].Line != 11 {
		t.Errorf("event = %+v", e)
	}
	if s := tl.Source("s1"); s == nil || s.Outlet != "Outlet one" || s.Covers != "quotes" {
		t.Errorf("source s1 = %+v", s)
	}
	if tl.Name != "events.yaml" || tl.Format != 1 {
		t.Errorf("name %q format %d", tl.Name, tl.Format)
	}
}

func TestParseTimelineErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, data string
		want       []string
	}{
		{"empty file", "", []string{"file is empty: want a timeline (plandiff: 1, sources, events)"}},
		{"null document", "~\n", []string{"file has no content: want a timeline"}},
		{"missing keys", "plandiff: 1\n", []string{`missing required key "sources"`, `missing required key "events"`}},
		{"wrong format", "plandiff: 2\nsources: [{id: s, outlet: O}]\nevents: []\n", []string{`format version "2" is not supported`}},
		{"unknown key", timelineHead + "  - {id: a, date: 2025-01-01, what: X, sources: [s1], whom: [B]}\n",
			[]string{`unknown key "whom" in event (did you mean "who"?)`}},
		{"missing what and sources", timelineHead + "  - {id: a, date: 2025-01-01}\n",
			[]string{`event is missing required key "what"`, `event is missing required key "sources"`}},
		{"bad date", timelineHead + "  - {id: a, date: 2025-02-30, what: X, sources: [s1]}\n",
			[]string{`event date: "2025-02-30" is not a real date`}},
		{"duplicate id", timelineHead + "  - {id: a, date: 2025-01-01, what: X, sources: [s1]}\n  - {id: a, date: 2025-01-02, what: Y, sources: [s1]}\n",
			[]string{`duplicate event id "a" (first at line 6`}},
		{"bad id", timelineHead + "  - {id: A B, date: 2025-01-01, what: X, sources: [s1]}\n",
			[]string{`event id "A B" must be a slug`}},
		{"unknown source", timelineHead + "  - {id: a, date: 2025-01-01, what: X, sources: [s3]}\n",
			[]string{`source "s3" is not listed in the file's sources (did you mean "s1"?)`}},
		{"no source", timelineHead + "  - {id: a, date: 2025-01-01, what: X, sources: []}\n",
			[]string{`event "a" cites no source`}},
		{"source twice", timelineHead + "  - {id: a, date: 2025-01-01, what: X, sources: [s1, s1]}\n",
			[]string{`source "s1" is cited twice in event "a"`}},
		{"version twice and not an id", timelineHead + "  - {id: a, date: 2025-01-01, what: X, sources: [s1], versions: [v1, v1, V 2]}\n",
			[]string{`version "v1" is named twice in event "a"`, `versions: "V 2" is not a version id`}},
		{"duplicate source id", "plandiff: 1\nsources: [{id: s, outlet: O}, {id: s, outlet: P}]\nevents: []\n",
			[]string{`duplicate source id "s"`}},
		{"anchor", timelineHead + "  - &e {id: a, date: 2025-01-01, what: X, sources: [s1]}\n",
			[]string{"anchors and aliases are not allowed"}},
		{"empty what", timelineHead + "  - {id: a, date: 2025-01-01, what: '', sources: [s1]}\n", []string{"what is empty"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseTimeline(context.Background(), "events.yaml", []byte(tc.data), Options{})
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want an ErrorList", err)
			}
			got := list.Lines()
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("errors lack %q:\n%s", w, got)
				}
			}
			for _, e := range list {
				if e.Pos.File != "events.yaml" || e.Pos.Line < 1 {
					t.Errorf("error without a position: %v", e)
				}
			}
		})
	}
}

const timelinePlan = `plandiff: 1
version:
  id: v1
  title: V1
  surfaced: 2025-01-01
  sources: [{id: s, outlet: O}]
clauses:
  - {id: a, text: A., sources: [s]}
`

// In a corpus directory the events file is not read as a plan, and every
// version an event names must be in the corpus.
func TestLoadDirTimeline(t *testing.T) {
	t.Parallel()
	good := timelineHead + "  - {id: a, date: 2025-01-01, what: X, versions: [v1], sources: [s1]}\n"
	c, err := LoadDir(context.Background(), fstest.MapFS{
		"v1.yaml":     {Data: []byte(timelinePlan)},
		"events.yaml": {Data: []byte(good)},
	}, ".", "plans", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Plans) != 1 || c.Timeline == nil || len(c.Timeline.Events) != 1 || c.Timeline.Name != "plans/events.yaml" {
		t.Fatalf("corpus: %d plans, timeline %+v", len(c.Plans), c.Timeline)
	}

	c, err = LoadDir(context.Background(), fstest.MapFS{"v1.yaml": {Data: []byte(timelinePlan)}}, ".", "plans", Options{})
	if err != nil || c.Timeline != nil {
		t.Fatalf("no events file: timeline %+v, err %v", c.Timeline, err)
	}

	bad := timelineHead + "  - {id: a, date: 2025-01-01, what: X, versions: [v2], sources: [s1]}\n  - {id: b, date: 2025-01-01, what: X, sources: [nope]}\n"
	_, err = LoadDir(context.Background(), fstest.MapFS{
		"v1.yaml":     {Data: []byte(timelinePlan)},
		"events.yaml": {Data: []byte(bad)},
	}, ".", "plans", Options{})
	if err == nil || !strings.Contains(err.Error(), `plans/events.yaml:7:50: source "nope" is not listed`) {
		t.Fatalf("err = %v", err)
	}
	bad = timelineHead + "  - {id: a, date: 2025-01-01, what: X, versions: [v2], sources: [s1]}\n"
	_, err = LoadDir(context.Background(), fstest.MapFS{
		"v1.yaml":     {Data: []byte(timelinePlan)},
		"events.yaml": {Data: []byte(bad)},
	}, ".", "plans", Options{})
	if err == nil || !strings.Contains(err.Error(), `event "a": version "v2" is not in the corpus (did you mean "v1"?)`) {
		t.Fatalf("err = %v", err)
	}
}

func TestIsPlanFileNameLeavesTheTimelineOut(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]bool{
		"plans/events.yaml": false, `plans\events.yaml`: false, "events.yaml": false,
		"plans/my-events.yaml": true, "plans/topics.yaml": false, "plans/us-28-draft.yaml": true,
	} {
		if got := IsPlanFileName(name); got != want {
			t.Errorf("IsPlanFileName(%q) = %v", name, got)
		}
		if got := IsEventsFileName(name); got != (strings.HasSuffix(name, "events.yaml") && !strings.HasSuffix(name, "my-events.yaml")) {
			t.Errorf("IsEventsFileName(%q) = %v", name, got)
		}
	}
}

// FuzzParseTimeline: no panic, every problem inside the input, and a
// timeline that loads has its events in date order.
func FuzzParseTimeline(f *testing.F) {
	f.Add([]byte(timelineHead + "  - {id: a, date: 2025-01-01, what: X, versions: [v1], sources: [s1]}\n"))
	f.Add([]byte("plandiff: 1\nsources: []\nevents: [{id: &a a}]\n"))
	f.Add([]byte("events: *x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tl, err := ParseTimeline(context.Background(), "e.yaml", data, Options{MaxBytes: 1 << 20})
		if err != nil {
			checkLoadErrors(t, "e.yaml", data, err)
			return
		}
		for i := 1; i < len(tl.Events); i++ {
			if tl.Events[i-1].Date > tl.Events[i].Date {
				t.Fatalf("events out of date order: %s before %s", tl.Events[i-1].Date, tl.Events[i].Date)
			}
		}
	})
}
