package plan

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// TopicsFile is the optional file beside a corpus's plans that adds topics to
// the default vocabulary.
const TopicsFile = "topics.yaml"

// Corpus is a set of versions that may refer to each other.
type Corpus struct {
	// Plans in lineage order: a version after those it supersedes, then by
	// date surfaced, then by id.
	Plans  []*Plan
	Topics []string
	// Timeline is the corpus's events file (EventsFile), or nil.
	Timeline *Timeline
	byID     map[string]*Plan
}

// Get returns the version with the given id, or nil.
func (c *Corpus) Get(id string) *Plan { return c.byID[id] }

// IDs lists the version ids in lineage order.
func (c *Corpus) IDs() []string {
	ids := make([]string, len(c.Plans))
	for i, p := range c.Plans {
		ids[i] = p.Version.ID
	}
	return ids
}

// LoadDir reads every *.yaml file of dir in fsys as a plan (topics.yaml as the
// topic list, events.yaml as the timeline), checks each and then the rules
// that span files. Messages name
// files as prefix/NAME, so embedded plans read as "plans/us-28-draft.yaml".
// When ctx is done it stops between files (and Parse between clauses) and
// returns an error wrapping ctx.Err().
func LoadDir(ctx context.Context, fsys fs.FS, dir, prefix string, opts Options) (*Corpus, error) {
	var errs ErrorList
	topics, err := LoadTopics(fsys, dir, prefix)
	if err != nil {
		return nil, err
	}
	opts.Topics = topics
	opts = opts.withDefaults()
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read plans directory %s: %w", prefix, err)
	}
	var plans []*Plan
	// partial holds the plans, as far as they could be read, of the files
	// with problems; whole says every file gave a plan with a version id,
	// so that a link to a version missing from all of them is an error.
	var partial []*Plan
	whole := true
	// The corpus's totals so far; the file that takes one over its cap is
	// reported and nothing more is read, since what is read is held.
	var bytes int64
	clauses := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == TopicsFile || name == EventsFile || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("read plans directory %s: %w", prefix, err)
		}
		display := path.Join(prefix, name)
		data, err := ReadFile(fsys, path.Join(dir, name), display, opts.MaxBytes)
		var p *Plan
		if err == nil {
			if bytes += int64(len(data)); bytes > opts.MaxCorpusBytes {
				errs.Add(Pos{File: display, Line: 1, Col: 1}, "the corpus's plan files come to %d bytes with this one, over the limit of %d bytes for all of them together; --max-corpus-bytes raises it", bytes, opts.MaxCorpusBytes)
				errs.Sort()
				return nil, errs
			}
			p, err = Parse(ctx, display, data, opts)
			if p != nil {
				if clauses += p.Count(); clauses > opts.MaxCorpusClauses {
					errs.Add(Pos{File: display, Line: 1, Col: 1}, "the corpus holds %d clauses (sub-points included) with this file, over the limit of %d for all its files together; --max-corpus-clauses raises it", clauses, opts.MaxCorpusClauses)
					errs.Sort()
					return nil, errs
				}
			}
			if err == nil {
				plans = append(plans, p)
				continue
			}
		}
		var l ErrorList
		if !errors.As(err, &l) {
			return nil, err
		}
		errs = append(errs, l...)
		if p != nil && p.Version.ID != "" {
			partial = append(partial, p)
		} else {
			whole = false
		}
	}
	timeline, err := loadTimeline(ctx, fsys, dir, prefix, opts)
	if l, ok := err.(ErrorList); ok {
		errs = append(errs, l...)
	} else if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		// The links are checked all the same, those of the files with
		// problems too, so that one run reports every problem.
		errs = append(errs, CheckRefs(append(plans, partial...), whole)...)
		errs.Sort()
		return nil, errs
	}
	c, cerrs := NewCorpus(plans, true)
	cerrs = append(cerrs, CheckTimeline(timeline, plans, true)...)
	if len(cerrs) > 0 {
		cerrs.Sort()
		return nil, cerrs
	}
	c.Topics = topics
	c.Timeline = timeline
	return c, nil
}

// loadTimeline reads dir/events.yaml if there is one (see ReadFile); nil
// means none.
func loadTimeline(ctx context.Context, fsys fs.FS, dir, prefix string, opts Options) (*Timeline, error) {
	name := path.Join(prefix, EventsFile)
	data, err := ReadFile(fsys, path.Join(dir, EventsFile), name, opts.MaxBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseTimeline(ctx, name, data, opts)
}

// LoadTopics reads dir/topics.yaml of fsys if there is one (see ReadFile)
// and returns the default topics followed by the corpus's own. A topics file
// that exists but cannot be read is an error, not the default topics.
func LoadTopics(fsys fs.FS, dir, prefix string) ([]string, error) {
	name := path.Join(prefix, TopicsFile)
	data, err := ReadFile(fsys, path.Join(dir, TopicsFile), name, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return append([]string(nil), DefaultTopics...), nil
	}
	if err != nil {
		return nil, err
	}
	return ParseTopics(name, data)
}

// ParseTopics reads a topics file (name is how messages refer to it) and
// returns the default topics followed by the file's own.
func ParseTopics(name string, data []byte) ([]string, error) {
	topics := append([]string(nil), DefaultTopics...)
	root, _, errs := parseYAML(context.Background(), name, data, Options{}.withDefaults(), nil)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	w := &walker{name: name}
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	seen := w.fields(root, "the topics file", []string{"plandiff", "topics"}, func(key string, v *yaml.Node) {
		if key != "topics" {
			return
		}
		list, poss := w.strList(v, "topics")
		for i, t := range list {
			if !isVersionID(t) {
				w.errs.Add(poss[i], "topic %q must be a slug: lower-case letters, digits and '-'", t)
			} else if !contains(topics, t) {
				topics = append(topics, t)
			}
		}
	})
	w.require(root, "the topics file", seen, "topics")
	if len(w.errs) > 0 {
		w.errs.Sort()
		return nil, w.errs
	}
	return topics, nil
}

// NewCorpus checks the rules that span files and orders the versions. With
// complete set, every version a file names must be in the set (a corpus
// directory); otherwise references to absent versions are not checked.
func NewCorpus(plans []*Plan, complete bool) (*Corpus, ErrorList) {
	errs := CheckRefs(plans, complete)
	if len(errs) > 0 {
		return nil, errs
	}
	c := &Corpus{Plans: lineageOrder(plans), byID: make(map[string]*Plan, len(plans)), Topics: DefaultTopics}
	for _, p := range plans {
		c.byID[p.Version.ID] = p
	}
	return c, nil
}

// CheckRefs checks what spans files: unique version ids, supersedes and
// derives_from targets, and cycles in either.
func CheckRefs(plans []*Plan, complete bool) ErrorList {
	var errs ErrorList
	byID := make(map[string]*Plan, len(plans))
	for _, p := range plans {
		if prev, dup := byID[p.Version.ID]; dup {
			errs.Add(p.Version.IDPos, "version id %q is also used by %s", p.Version.ID, QuotePath(prev.Name))
			continue
		}
		byID[p.Version.ID] = p
	}
	clauses := newClauseIndex(byID)
	for _, p := range plans {
		v := &p.Version
		for i, sup := range v.Supersedes {
			if byID[sup] == nil && complete {
				errs.Add(v.SupersedesPos[i], "supersedes: version %q is not in the corpus%s", sup, didYouMeanVersion(sup, byID))
			}
		}
		p.Walk(func(c, _ *Clause, _ int) {
			for i, d := range c.DerivesFrom {
				ver, id, ok := SplitRef(d)
				if !ok {
					continue
				}
				target := byID[ver]
				switch {
				case target == nil && complete:
					errs.Add(c.DerivesFromPos[i], "derives_from %q: version %q is not in the corpus%s", d, ver, didYouMeanVersion(ver, byID))
				case target != nil && clauses.find(ver, id) == nil:
					errs.Add(c.DerivesFromPos[i], "derives_from %q: version %s has no clause %q", d, ver, id)
				}
			}
		})
	}
	errs = append(errs, supersedesCycles(plans, byID)...)
	errs = append(errs, derivesCycles(plans, clauses)...)
	errs.Sort()
	return errs
}

func didYouMeanVersion(s string, byID map[string]*Plan) string {
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if sug := suggest(s, ids); sug != "" {
		return fmt.Sprintf(" (did you mean %q?)", sug)
	}
	return ""
}

// supersedesCycles finds cycles in the version graph by depth-first search in
// id order, reporting the edge that closes each cycle.
func supersedesCycles(plans []*Plan, byID map[string]*Plan) ErrorList {
	var errs ErrorList
	const (
		white = iota
		grey
		black
	)
	color := make(map[string]int)
	var stack []string
	var visit func(p *Plan)
	visit = func(p *Plan) {
		id := p.Version.ID
		color[id] = grey
		stack = append(stack, id)
		for i, sup := range p.Version.Supersedes {
			q := byID[sup]
			if q == nil {
				continue
			}
			switch color[sup] {
			case grey:
				errs.Add(p.Version.SupersedesPos[i], "supersedes forms a cycle: %s", cyclePath(stack, sup))
			case white:
				visit(q)
			}
		}
		stack = stack[:len(stack)-1]
		color[id] = black
	}
	for _, p := range sortedByID(plans) {
		if color[p.Version.ID] == white {
			visit(p)
		}
	}
	return errs
}

// clauseIndex finds a clause by version and id; each version is indexed
// once, when first asked for, so that checking links costs time linear in
// the corpus rather than a walk of the target version per link.
type clauseIndex struct {
	byID map[string]*Plan
	ids  map[string]map[string]*Clause
}

func newClauseIndex(byID map[string]*Plan) *clauseIndex {
	return &clauseIndex{byID: byID, ids: make(map[string]map[string]*Clause)}
}

// find returns the first clause of version ver, in document order, with the
// given id (as Plan.Find does), or nil.
func (x *clauseIndex) find(ver, id string) *Clause {
	m, ok := x.ids[ver]
	if !ok {
		p := x.byID[ver]
		if p == nil {
			return nil
		}
		m = make(map[string]*Clause, p.Count())
		p.Walk(func(c, _ *Clause, _ int) {
			if _, dup := m[c.ID]; !dup {
				m[c.ID] = c
			}
		})
		x.ids[ver] = m
	}
	return m[id]
}

// derivesCycles finds cycles among clause lineage links across versions, by
// depth-first search from the clauses in version id and document order.
func derivesCycles(plans []*Plan, clauses *clauseIndex) ErrorList {
	var errs ErrorList
	const (
		white = iota
		grey
		black
	)
	color := make(map[*Clause]int8)
	var stack []string // the refs of the clauses on the path
	var visit func(ref string, c *Clause)
	visit = func(ref string, c *Clause) {
		color[c] = grey
		stack = append(stack, ref)
		for i, d := range c.DerivesFrom {
			ver, id, ok := SplitRef(d)
			if !ok {
				continue
			}
			t := clauses.find(ver, id)
			if t == nil {
				continue
			}
			switch color[t] {
			case grey:
				errs.Add(c.DerivesFromPos[i], "derives_from forms a cycle: %s", cyclePath(stack, d))
			case white:
				visit(d, t)
			}
		}
		stack = stack[:len(stack)-1]
		color[c] = black
	}
	for _, p := range sortedByID(plans) {
		p.Walk(func(c, _ *Clause, _ int) {
			if color[c] == white && len(c.DerivesFrom) > 0 {
				visit(p.Version.ID+"#"+c.ID, c)
			}
		})
	}
	return errs
}

func cyclePath(stack []string, back string) string {
	for i, s := range stack {
		if s == back {
			return strings.Join(append(append([]string(nil), stack[i:]...), back), " -> ")
		}
	}
	return back
}

func sortedByID(plans []*Plan) []*Plan {
	out := append([]*Plan(nil), plans...)
	sort.Slice(out, func(i, j int) bool { return out[i].Version.ID < out[j].Version.ID })
	return out
}

// lineageOrder sorts versions topologically by supersedes (a version after
// those it revises), breaking ties by date surfaced, then id. It assumes no
// cycles (CheckRefs runs first); anything left over is appended in tie order.
func lineageOrder(plans []*Plan) []*Plan {
	less := func(a, b *Plan) bool {
		if a.Version.Surfaced != b.Version.Surfaced {
			return a.Version.Surfaced < b.Version.Surfaced
		}
		return a.Version.ID < b.Version.ID
	}
	byID := make(map[string]*Plan, len(plans))
	for _, p := range plans {
		byID[p.Version.ID] = p
	}
	indeg := make(map[string]int, len(plans))
	children := make(map[string][]*Plan)
	for _, p := range plans {
		for _, sup := range p.Version.Supersedes {
			if byID[sup] != nil {
				indeg[p.Version.ID]++
				children[sup] = append(children[sup], p)
			}
		}
	}
	var ready, out []*Plan
	for _, p := range plans {
		if indeg[p.Version.ID] == 0 {
			ready = append(ready, p)
		}
	}
	done := make(map[string]bool)
	for len(ready) > 0 {
		sort.Slice(ready, func(i, j int) bool { return less(ready[i], ready[j]) })
		p := ready[0]
		ready = ready[1:]
		out = append(out, p)
		done[p.Version.ID] = true
		for _, ch := range children[p.Version.ID] {
			if indeg[ch.Version.ID]--; indeg[ch.Version.ID] == 0 {
				ready = append(ready, ch)
			}
		}
	}
	if len(out) < len(plans) {
		var rest []*Plan
		for _, p := range plans {
			if !done[p.Version.ID] {
				rest = append(rest, p)
			}
		}
		sort.Slice(rest, func(i, j int) bool { return less(rest[i], rest[j]) })
		out = append(out, rest...)
	}
	return out
}
