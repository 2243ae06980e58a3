// Package parabench scores content alignment on the paraphrase benchmark:
// independent renderings of real plan versions (testdata/paraphrase), each
// with a truth file that says which clause of the real version every clause
// of the rendering renders. Unlike the synthetic pairs of internal/synth,
// the renderings say the same things in other words, so they measure how
// well the aligner follows meaning rather than shared words.
//
// It also measures, on a corpus, how often content alignment agrees with the
// links the data states (equal clause ids and derives_from), and how often it
// contradicts them.
package parabench

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
	"github.com/plandiff/plandiff/pkg/plan"
)

// Levels lists the rendering levels in print order: light (synonyms and
// number formats), summary (about half length, same order), reordered
// (summary style, points reordered), copies (how agency copies of one text
// differ: word choice, order within sentences, what they merge or split).
var Levels = []string{"light", "summary", "reordered", "copies"}

// Case is one rendering and its truth.
type Case struct {
	Name    string        `json:"-"`     // file name without .truth.json
	Old     string        `json:"old"`   // version id in the corpus
	New     string        `json:"new"`   // rendering file, beside the truth file
	Level   string        `json:"level"` // one of Levels
	HeldOut bool          `json:"heldout"`
	Groups  []synth.Group `json:"groups"` // true changes; clauses in none are unpaired

	newPlan *plan.Plan
}

// Load reads every *.truth.json of dir in fsys and the rendering it names.
func Load(fsys fs.FS, dir string) ([]*Case, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.truth.json"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no *.truth.json files", dir)
	}
	var cases []*Case
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		c := &Case{Name: strings.TrimSuffix(path.Base(name), ".truth.json")}
		if err := json.Unmarshal(data, c); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if !slices.Contains(Levels, c.Level) {
			return nil, fmt.Errorf("%s: level %q (want one of %s)", name, c.Level, strings.Join(Levels, ", "))
		}
		np := path.Join(dir, c.New)
		data, err = fs.ReadFile(fsys, np)
		if err != nil {
			return nil, err
		}
		if c.newPlan, err = plan.Parse(context.Background(), np, data, plan.Options{}); err != nil {
			return nil, err
		}
		cases = append(cases, c)
	}
	return cases, nil
}

// Score is the outcome of one case (or a sum of cases).
type Score struct {
	Clauses int // old clauses the truth covers (paired or not)
	Right   int // old clauses paired with exactly their true partners
	// Over (old, new) pairs: true pairs found, pairs found that the truth
	// does not hold, true pairs not found.
	PairsRight, PairsWrong, PairsMissed int
	// Fragmentation of the redlines of the true pairs found as modified:
	// change regions (runs of deleted or inserted words between equal
	// ones) summed over those changes, and how many changes.
	Regions, Modified int
	// Of the true pairs missed, those that the removal or the addition
	// left names as its nearest (diff.Change.Nearest); and the nearest
	// named on removals and additions that are no true pair.
	Named, Misnamed int
	// Misses and wrong pairs, for reading: "old → new" lines.
	Notes []string
}

// Add sums two scores.
func (s Score) Add(t Score) Score {
	return Score{
		Clauses: s.Clauses + t.Clauses, Right: s.Right + t.Right,
		PairsRight: s.PairsRight + t.PairsRight, PairsWrong: s.PairsWrong + t.PairsWrong,
		PairsMissed: s.PairsMissed + t.PairsMissed,
		Regions:     s.Regions + t.Regions, Modified: s.Modified + t.Modified,
		Named: s.Named + t.Named, Misnamed: s.Misnamed + t.Misnamed,
		Notes: append(slices.Clone(s.Notes), t.Notes...),
	}
}

// Run compares the case's old version (from corpus) with its rendering in
// content mode and scores the result.
func (c *Case) Run(corpus *plan.Corpus, opts diff.Options) (Score, *diff.Result, error) {
	old := corpus.Get(c.Old)
	if old == nil {
		return Score{}, nil, fmt.Errorf("%s: version %q is not in the corpus", c.Name, c.Old)
	}
	opts.Match = diff.MatchContent
	r, err := diff.Compare(context.Background(), old, c.newPlan, opts)
	if err != nil {
		return Score{}, nil, err
	}
	return c.Evaluate(r), r, nil
}

// Evaluate scores a comparison of the case's old version with its rendering.
func (c *Case) Evaluate(r *diff.Result) Score {
	type link struct{ o, n string }
	truth := map[string][]string{} // old id → true new ids
	trueLinks := map[link]bool{}
	for _, g := range c.Groups {
		for _, o := range g.Old {
			truth[o] = append(truth[o], g.New...)
			for _, n := range g.New {
				trueLinks[link{o, n}] = true
			}
		}
	}
	got := map[string][]string{}
	named := map[link]bool{}
	var s Score
	for _, ch := range r.Changes {
		if n := ch.Nearest; n != nil {
			l := link{n.Clause, ""}
			switch {
			case ch.Kind == diff.KindAdded && len(ch.New) == 1:
				l.n = ch.New[0]
			case ch.Kind == diff.KindRemoved && len(ch.Old) == 1:
				l = link{ch.Old[0], n.Clause}
			}
			if trueLinks[l] {
				named[l] = true
			} else {
				s.Misnamed++
				s.Notes = append(s.Notes, fmt.Sprintf("%s: %s %v%v names %s, no true pair (%.2f)", c.Name, ch.Kind, ch.Old, ch.New, n.Clause, n.Similarity))
			}
		}
		for _, o := range ch.Old {
			got[o] = append(got[o], ch.New...)
			for _, n := range ch.New {
				if trueLinks[link{o, n}] {
					s.PairsRight++
				} else {
					s.PairsWrong++
					s.Notes = append(s.Notes, fmt.Sprintf("%s: wrong %s → %s (%s, %s %.2f)", c.Name, o, n, ch.Kind, ch.Rule, ch.Similarity))
				}
			}
		}
		if ch.Kind == diff.KindModified && len(ch.Old) == 1 && len(ch.New) == 1 && trueLinks[link{ch.Old[0], ch.New[0]}] {
			s.Modified++
			s.Regions += Regions(words.Coalesce(ch.Edits)) // as the redline shows them
		}
	}
	s.PairsMissed = len(trueLinks) - s.PairsRight
	olds := make([]string, 0, len(truth))
	for o := range truth {
		olds = append(olds, o)
	}
	slices.Sort(olds)
	for _, o := range olds {
		s.Clauses++
		want, have := sorted(truth[o]), sorted(got[o])
		if slices.Equal(want, have) {
			s.Right++
			continue
		}
		for _, n := range want {
			if !slices.Contains(have, n) {
				note := ""
				if named[link{o, n}] {
					s.Named++
					note = " (named nearest)"
				}
				s.Notes = append(s.Notes, fmt.Sprintf("%s: missed %s → %s%s", c.Name, o, n, note))
			}
		}
	}
	return s
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TruePairs returns the old and new texts of the case's one-to-one true
// pairs.
func (c *Case) TruePairs(corpus *plan.Corpus) [][2]string {
	old := corpus.Get(c.Old)
	if old == nil {
		return nil
	}
	texts := func(p *plan.Plan) map[string]string {
		m := map[string]string{}
		p.Walk(func(cl, _ *plan.Clause, _ int) { m[cl.ID] = cl.Text })
		return m
	}
	ot, nt := texts(old), texts(c.newPlan)
	var out [][2]string
	for _, g := range c.Groups {
		if len(g.Old) == 1 && len(g.New) == 1 {
			out = append(out, [2]string{ot[g.Old[0]], nt[g.New[0]]})
		}
	}
	return out
}

// Regions counts the change regions of a redline: maximal runs of deleted
// and inserted text between two equal runs that hold a word.
func Regions(edits []words.Edit) int {
	n, open := 0, false
	for _, e := range edits {
		if e.Op == words.OpEqual {
			if strings.IndexFunc(e.Text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
				open = false
			}
			continue
		}
		if !open {
			n++
			open = true
		}
	}
	return n
}

// Links counts, over pairs of versions of a corpus, how content alignment
// relates to the links the data states.
type Links struct {
	Pairs      int // version pairs compared
	Links      int // stated links: equal ids and derives_from, as id mode pairs them
	Agree      int // stated links that content mode also pairs
	Contradict int // stated links whose old or new clause content mode pairs with another clause
	Unpaired   int // stated links whose clauses content mode leaves both unpaired
	// Notes lists the contradictions: "old-version → new-version: link
	// o → n; content pairs ...".
	Notes []string
}

// CompareLinks compares id mode with content mode for every ordered pair of
// versions (older first, in lineage order).
func CompareLinks(corpus *plan.Corpus, opts diff.Options) (Links, error) {
	var l Links
	ids := corpus.IDs()
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			old, nu := corpus.Get(a), corpus.Get(b)
			opts.Match = diff.MatchID
			byID, err := diff.Compare(context.Background(), old, nu, opts)
			if err != nil {
				return l, err
			}
			opts.Match = diff.MatchContent
			byContent, err := diff.Compare(context.Background(), old, nu, opts)
			if err != nil {
				return l, err
			}
			l.Pairs++
			l.add(a+" → "+b, byID, byContent)
		}
	}
	return l, nil
}

func (l *Links) add(step string, byID, byContent *diff.Result) {
	type link struct{ o, n string }
	content := map[link]bool{}
	oldPaired, newPaired := map[string]string{}, map[string]string{}
	for _, ch := range byContent.Changes {
		news := ch.New
		if ch.RemovedEntry != "" {
			news = []string{"removed:" + ch.RemovedEntry}
		}
		for _, o := range ch.Old {
			for _, n := range news {
				content[link{o, n}] = true
				oldPaired[o], newPaired[n] = n, o
			}
		}
	}
	for _, ch := range byID.Changes {
		if ch.Rule != diff.RuleID && ch.Rule != diff.RuleDerivesFrom && ch.Rule != diff.RuleRemovedMark {
			continue
		}
		news := ch.New
		if ch.RemovedEntry != "" {
			news = []string{"removed:" + ch.RemovedEntry}
		}
		for _, o := range ch.Old {
			for _, n := range news {
				l.Links++
				switch {
				case content[link{o, n}]:
					l.Agree++
				case oldPaired[o] != "" || newPaired[n] != "":
					l.Contradict++
					l.Notes = append(l.Notes, fmt.Sprintf("%s: %s → %s; content pairs %s → %s and %s → %s",
						step, o, n, o, or(oldPaired[o], "nothing"), or(newPaired[n], "nothing"), n))
				default:
					l.Unpaired++
				}
			}
		}
	}
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// Table sums scores per level, held-out cases apart, in print order.
type Table struct {
	Rows []Row
}

// Row is one line of a Table.
type Row struct {
	Level   string
	HeldOut bool
	Cases   []string
	Score   Score
}

// Tabulate groups case scores by level and held-out flag.
func Tabulate(cases []*Case, scores []Score) Table {
	var t Table
	for _, held := range []bool{false, true} {
		for _, lv := range Levels {
			var row *Row
			for i, c := range cases {
				if c.Level != lv || c.HeldOut != held {
					continue
				}
				if row == nil {
					t.Rows = append(t.Rows, Row{Level: lv, HeldOut: held})
					row = &t.Rows[len(t.Rows)-1]
				}
				row.Cases = append(row.Cases, c.Name)
				row.Score = row.Score.Add(scores[i])
			}
		}
	}
	return t
}

// SortCases orders cases by level, then name.
func SortCases(cases []*Case) {
	slices.SortFunc(cases, func(x, y *Case) int {
		return cmp.Or(cmp.Compare(slices.Index(Levels, x.Level), slices.Index(Levels, y.Level)), cmp.Compare(x.Name, y.Name))
	})
}
