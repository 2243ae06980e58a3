package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/pkg/render"
)

type listOptions struct {
	format string
	events bool
}

func newListCmd(e *env, g *globals) *cobra.Command {
	o := &listOptions{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the versions of the corpus in lineage order",
		Long: `List the versions of the corpus in use (the embedded plans, or --plans DIR),
oldest first along the supersedes links: id, title, date surfaced, status,
completeness and number of clauses (sub-points included).

With --events, list the corpus's timeline instead (its events.yaml): the
meetings, calls and statements between versions, in date order, each with the
versions it concerns and its sources.`,
		Example: `  plandiff list
  plandiff --plans my-plans list
  plandiff list --format json | jq -r '.versions[].id'
  plandiff list --events`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkEnum("format", o.format, "text", "json"); err != nil {
				return err
			}
			return runList(cmd.Context(), e, g, o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text or json")
	cmd.Flags().BoolVar(&o.events, "events", false, "list the timeline of events (events.yaml) instead of the versions")
	registerEnumCompletion(cmd, "format", "text", "json")
	return cmd
}

// listJSON is the "plandiff/list/v1" object: the versions in lineage order.
type listJSON struct {
	Versions []listEntry `json:"versions"`
}

// listEntry is one version of `list --format json`.
type listEntry struct {
	ID           string   `json:"id"`
	Title        string   `json:"title"`
	Surfaced     string   `json:"surfaced"`
	Status       string   `json:"status,omitempty"`
	Completeness string   `json:"completeness"`
	Clauses      int      `json:"clauses"`
	Supersedes   []string `json:"supersedes"`
	File         string   `json:"file"`
}

func runList(ctx context.Context, e *env, g *globals, o *listOptions) error {
	c, err := g.resolver(e).LoadCorpus(ctx)
	if err != nil {
		return err
	}
	if o.events {
		return listEvents(e, c.Timeline, o.format)
	}
	entries := make([]listEntry, 0, len(c.Plans))
	for _, p := range c.Plans {
		v := p.Version
		sup := v.Supersedes
		if sup == nil {
			sup = []string{}
		}
		entries = append(entries, listEntry{
			ID: v.ID, Title: v.Title, Surfaced: v.Surfaced, Status: v.Status,
			Completeness: v.Completeness, Clauses: p.Count(), Supersedes: sup, File: p.Name,
		})
	}
	if o.format == "json" {
		return render.JSONEnvelope(e.stdout, render.SchemaList, listJSON{Versions: entries})
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSURFACED\tSTATUS\tCOMPLETENESS\tCLAUSES\tTITLE")
	for _, x := range entries {
		status := x.Status
		if status == "" {
			status = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", sanitizeCell(x.ID), x.Surfaced, status,
			x.Completeness, x.Clauses, sanitizeCell(x.Title))
	}
	return tw.Flush()
}

// writeJSON prints v as every plandiff JSON is printed (render.EncodeJSON).
func writeJSON(w io.Writer, v any) error { return render.EncodeJSON(w, v) }

// eventsJSON is the "plandiff/list-events/v1" object: the timeline's events
// in date order.
type eventsJSON struct {
	Events []eventEntry `json:"events"`
}

// eventEntry is one event of `list --events --format json`, its sources
// given in full.
type eventEntry struct {
	ID       string        `json:"id"`
	Date     string        `json:"date"`
	What     string        `json:"what"`
	Who      []string      `json:"who"`
	Where    string        `json:"where,omitempty"`
	Versions []string      `json:"versions"`
	Sources  []plan.Source `json:"sources"`
	Note     string        `json:"note,omitempty"`
}

// listEvents prints the timeline t (nil: the corpus has none).
func listEvents(e *env, t *plan.Timeline, format string) error {
	entries := []eventEntry{}
	if t != nil {
		for _, ev := range t.Events {
			x := eventEntry{ID: ev.ID, Date: ev.Date, What: ev.What, Who: nonNilStrings(ev.Who),
				Where: ev.Where, Versions: nonNilStrings(ev.Versions), Sources: []plan.Source{}, Note: ev.Note}
			for _, id := range ev.Sources {
				if s := t.Source(id); s != nil {
					x.Sources = append(x.Sources, *s)
				}
			}
			entries = append(entries, x)
		}
	}
	if format == "json" {
		return render.JSONEnvelope(e.stdout, render.SchemaListEvents, eventsJSON{Events: entries})
	}
	if t == nil {
		fmt.Fprintf(e.stdout, "no events: the corpus has no %s\n", plan.EventsFile)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tEVENT\tVERSIONS\tWHAT")
	for _, x := range entries {
		versions := strings.Join(x.Versions, ",")
		if versions == "" {
			versions = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", x.Date, sanitizeCell(x.ID), sanitizeCell(versions), sanitizeCell(strings.Join(strings.Fields(x.What), " ")))
	}
	return tw.Flush()
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
