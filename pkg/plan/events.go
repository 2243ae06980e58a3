package plan

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// EventsFile is the optional file beside a corpus's plans that holds its
// timeline: the meetings, calls and statements between versions that carry
// no clause text of their own.
const EventsFile = "events.yaml"

// Timeline is an events file: sourced events, each touching versions of the
// corpus. JSON tags give its shape in `plandiff list --events --format json`.
type Timeline struct {
	Format  int      `json:"plandiff"`
	Sources []Source `json:"sources"`
	// Events in date order; events of the same date keep the file's order.
	Events []*Event `json:"events"`

	Name string `json:"-"` // where it was read from, as shown in messages
}

// Event is one dated occurrence: a meeting, call, statement or report.
type Event struct {
	ID    string   `json:"id"`
	Date  string   `json:"date"` // YYYY-MM-DD
	What  string   `json:"what"`
	Who   []string `json:"who,omitempty"`
	Where string   `json:"where,omitempty"`
	// Versions are the ids of the versions the event concerns.
	Versions []string `json:"versions,omitempty"`
	Sources  []string `json:"sources"`
	Note     string   `json:"note,omitempty"`

	Pos         Pos   `json:"-"`
	IDPos       Pos   `json:"-"`
	VersionsPos []Pos `json:"-"`
	SourcesPos  []Pos `json:"-"`
}

// Source returns the timeline's source with the given id, or nil.
func (t *Timeline) Source(id string) *Source {
	for i := range t.Sources {
		if t.Sources[i].ID == id {
			return &t.Sources[i]
		}
	}
	return nil
}

var (
	timelineKeys = []string{"plandiff", "sources", "events"}
	eventKeys    = []string{"id", "date", "what", "who", "where", "versions", "sources", "note"}
)

// IsEventsFileName reports whether name (a path) is a corpus's events file.
func IsEventsFileName(name string) bool { return baseName(name) == EventsFile }

// ParseTimeline reads an events file with the same strictness as a plan
// file: unknown keys, anchors, bad dates, duplicate ids and citations of
// sources the file does not list are errors, every one reported with its
// position. Which versions exist is checked by CheckTimeline.
func ParseTimeline(ctx context.Context, name string, data []byte, opts Options) (t *Timeline, err error) {
	opts = opts.withDefaults()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	defer func() {
		if r := recover(); r != nil {
			t = nil
			var l ErrorList
			l.Add(Pos{File: name, Line: 1, Col: 1}, "internal error while parsing (please report this file): %v", r)
			err = l
		}
	}()
	root, _, errs := parseYAML(ctx, name, data, opts, nil)
	if len(errs) > 0 {
		for _, e := range errs {
			if strings.HasPrefix(e.Msg, "file is empty") {
				e.Msg = "file is empty: want a timeline (plandiff: 1, sources, events)"
			}
		}
		errs.Sort()
		return nil, errs
	}
	w := &walker{name: name, opts: opts, ctx: ctx}
	if w.anchors(root) {
		t = w.timeline(root)
		w.errs = append(w.errs, checkTimeline(t)...)
	}
	if len(w.errs) > 0 {
		w.errs.Sort()
		return nil, w.errs
	}
	t.Name = name
	sort.SliceStable(t.Events, func(i, j int) bool { return t.Events[i].Date < t.Events[j].Date })
	return t, nil
}

func (w *walker) timeline(doc *yaml.Node) *Timeline {
	t := &Timeline{}
	root, ok := w.root(doc, "a timeline (plandiff: 1, sources, events)")
	if !ok {
		return t
	}
	seen := w.fields(root, "the events file", timelineKeys, func(key string, v *yaml.Node) {
		switch key {
		case "plandiff":
			t.Format = w.formatVersion(v)
		case "sources":
			if v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
				w.errorf(v, "the events file lists no sources: every event must cite one")
				return
			}
			var holder Version
			w.sources(v, &holder)
			t.Sources = holder.Sources
		case "events":
			if w.seq(v, "events") {
				for _, item := range v.Content {
					if e := w.event(item); e != nil {
						t.Events = append(t.Events, e)
					}
				}
			}
		}
	})
	w.require(root, "the events file", seen, timelineKeys...)
	return t
}

func (w *walker) event(item *yaml.Node) *Event {
	e := &Event{Pos: w.pos(item)}
	seen := w.fields(item, "event", eventKeys, func(key string, x *yaml.Node) {
		switch key {
		case "id":
			e.ID = w.str(x, "event id")
			e.IDPos = w.pos(x)
		case "date":
			e.Date = w.date(x, "event date")
		case "what":
			e.What = w.str(x, "what")
		case "who":
			e.Who, _ = w.strList(x, "who")
		case "where":
			e.Where = w.str(x, "where")
		case "versions":
			e.Versions, e.VersionsPos = w.strList(x, "versions")
		case "sources":
			e.Sources, e.SourcesPos = w.strList(x, "sources")
			if x.Kind == yaml.SequenceNode && len(x.Content) == 0 {
				w.errorf(x, "event %q cites no source: every event needs at least one", e.ID)
			}
		case "note":
			e.Note = w.str(x, "note")
		}
	})
	if !seen.ok {
		return nil
	}
	w.require(item, "event", seen, "id", "date", "what", "sources")
	return e
}

// checkTimeline applies the rules that need the whole file: ids and the
// sources events cite.
func checkTimeline(t *Timeline) ErrorList {
	var errs ErrorList
	srcs := checkSourceIDs(t.Sources, &errs)
	ids := map[string]Pos{}
	for _, e := range t.Events {
		if e.ID != "" {
			if !isVersionID(e.ID) || len(e.ID) > maxIDLen {
				errs.Add(e.IDPos, "event id %q must be a slug: lower-case letters, digits and '-'", e.ID)
			}
			if prev, dup := ids[e.ID]; dup {
				errs.Add(e.IDPos, "duplicate event id %q (first at line %d, column %d)", e.ID, prev.Line, prev.Col)
			} else {
				ids[e.ID] = e.IDPos
			}
		}
		for i, s := range e.Sources {
			switch {
			case slices.Contains(e.Sources[:i], s):
				errs.Add(e.SourcesPos[i], "source %q is cited twice in event %q", s, e.ID)
			case !hasKey(srcs, s):
				errs.Add(e.SourcesPos[i], "source %q is not listed in the file's sources%s", s, didYouMean(s, srcs))
			}
		}
		for i, v := range e.Versions {
			switch {
			case slices.Contains(e.Versions[:i], v):
				errs.Add(e.VersionsPos[i], "version %q is named twice in event %q", v, e.ID)
			case !isVersionID(v):
				errs.Add(e.VersionsPos[i], "versions: %q is not a version id", v)
			}
		}
	}
	return errs
}

// CheckTimeline checks that every version an event names is among plans;
// without complete (files checked on their own) absent versions are not
// errors, as for supersedes.
func CheckTimeline(t *Timeline, plans []*Plan, complete bool) ErrorList {
	if t == nil || !complete {
		return nil
	}
	byID := make(map[string]*Plan, len(plans))
	for _, p := range plans {
		byID[p.Version.ID] = p
	}
	var errs ErrorList
	for _, e := range t.Events {
		for i, v := range e.Versions {
			if byID[v] == nil {
				errs.Add(e.VersionsPos[i], "event %q: version %q is not in the corpus%s", e.ID, v, didYouMeanVersion(v, byID))
			}
		}
	}
	errs.Sort()
	return errs
}
