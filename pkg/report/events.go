package report

import (
	"sort"

	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/pkg/render"
)

// EventRow is an event of the corpus's timeline (its events.yaml), placed
// by date between the versions it falls between: After is the last version
// of the report surfaced on or before its date, Before the first surfaced
// later ("" when there is none).
type EventRow struct {
	ID     string   `json:"id"`
	Anchor string   `json:"anchor"`
	Date   string   `json:"date"`
	What   string   `json:"what"`
	Who    []string `json:"who"`
	Where  string   `json:"where,omitempty"`
	// Versions are the versions of the report the event concerns.
	Versions []string       `json:"versions"`
	After    string         `json:"after,omitempty"`
	Before   string         `json:"before,omitempty"`
	Sources  []*EventSource `json:"sources"`
	Note     string         `json:"note,omitempty"`
}

// EventSource is a source an event cites, given in full.
type EventSource struct {
	ID     string `json:"id"`
	Outlet string `json:"outlet"`
	Date   string `json:"date,omitempty"`
	URL    string `json:"url,omitempty"`
	Link   string `json:"-"` // URL when it is safe to link (http or https), else ""
	Covers string `json:"covers,omitempty"`
	Note   string `json:"note,omitempty"`
}

// TimelineItem is one row of the report's timeline: a version (at the date
// it surfaced) or an event.
type TimelineItem struct {
	Date    string
	Version *VersionRow // nil for an event
	Event   *EventRow
}

func eventAnchor(id string) string { return "e-" + id }

// chronological is the report's versions in order of the date they
// surfaced; versions of the same date keep the report's order.
func chronological(vs []*VersionRow) []*VersionRow {
	out := append([]*VersionRow(nil), vs...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Surfaced < out[j].Surfaced })
	return out
}

// events places the timeline's events among the report's versions. An
// event that names versions, none of them in the report, is kept only when
// it falls between the first and the last version of the report; so a
// report on some versions shows the events of its span and of its versions,
// and events that name no version.
func (b *builder) events(t *plan.Timeline) {
	b.r.Events = []*EventRow{}
	if t == nil || len(b.r.Versions) == 0 {
		return
	}
	inReport := map[string]bool{}
	for _, v := range b.r.Versions {
		inReport[v.ID] = true
	}
	chron := chronological(b.r.Versions)
	first, last := chron[0].Surfaced, chron[len(chron)-1].Surfaced
	for _, ev := range t.Events { // in date order (plan.ParseTimeline)
		row := &EventRow{
			ID: ev.ID, Date: ev.Date, What: ev.What, Who: nonNil(ev.Who), Where: ev.Where,
			Versions: []string{}, Sources: []*EventSource{}, Note: ev.Note,
		}
		for _, v := range ev.Versions {
			if inReport[v] {
				row.Versions = append(row.Versions, v)
			}
		}
		if len(ev.Versions) > 0 && len(row.Versions) == 0 && (ev.Date < first || ev.Date > last) {
			continue
		}
		for _, v := range chron {
			if v.Surfaced <= ev.Date {
				row.After = v.ID
			} else if row.Before == "" {
				row.Before = v.ID
			}
		}
		for _, id := range ev.Sources {
			if s := t.Source(id); s != nil {
				row.Sources = append(row.Sources, &EventSource{
					ID: s.ID, Outlet: s.Outlet, Date: s.Date, URL: s.URL, Link: render.SafeURL(s.URL),
					Covers: s.Covers, Note: s.Note,
				})
			}
		}
		row.Anchor = b.anchor(eventAnchor(ev.ID))
		b.r.Events = append(b.r.Events, row)
	}
	sort.SliceStable(b.r.Events, func(i, j int) bool { return b.r.Events[i].Date < b.r.Events[j].Date })
}

// Timeline is the report's versions and events in one date order: each
// version at the date it surfaced, each event after the versions surfaced on
// or before its date. Nil when the report has no events.
func (r *Report) Timeline() []TimelineItem {
	if len(r.Events) == 0 {
		return nil
	}
	var out []TimelineItem
	evs := r.Events
	for _, v := range chronological(r.Versions) {
		for len(evs) > 0 && evs[0].Date < v.Surfaced {
			out = append(out, TimelineItem{Date: evs[0].Date, Event: evs[0]})
			evs = evs[1:]
		}
		out = append(out, TimelineItem{Date: v.Surfaced, Version: v})
	}
	for _, e := range evs {
		out = append(out, TimelineItem{Date: e.Date, Event: e})
	}
	return out
}
