package synth

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/plandiff/plandiff/pkg/plan"
)

// LimitCase is one of the largest inputs the caps admit (WriteLimits).
type LimitCase struct {
	Name string
	// Files are the case's files in the directory: one to validate, or a
	// pair (old, new) to validate and diff.
	Files []string
	// Valid says whether the files are valid plans; if not, they hold as
	// many problems as the caps allow, all of which validate reports.
	Valid bool
	// Clauses is the clause count of the first file.
	Clauses int
	What    string
}

// limitSlack is how far under MaxBytes padded files stay, so that the
// other side of a pair (same size by construction) is under it too.
const limitSlack = 4 << 10

// WriteLimits writes into dir the worst cases for memory under the caps of
// opts (plan.Options; zero fields are plan's defaults): the most clauses,
// in block style (plandiff's fast path) and in flow style (yaml.v3, where
// the node budget admits fewer), each with one-word texts and padded to the
// size limit; the most problems; and a generated pair of realistic text at
// the clause limit. The benchmark runs validate and diff on them (issue
// 12.4: no input under the caps may take more than 1 GB). It returns the
// cases in the order written.
func WriteLimits(dir string, opts plan.Options) ([]LimitCase, error) {
	maxBytes, maxClauses := opts.MaxBytes, opts.MaxClauses
	if maxBytes <= 0 {
		maxBytes = plan.DefaultMaxBytes
	}
	if maxClauses <= 0 {
		maxClauses = plan.DefaultMaxClauses
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	nflow, err := maxFlowClauses(maxClauses, opts)
	if err != nil {
		return nil, err
	}
	var cases []LimitCase
	pair := func(name, what string, m Minimal) error {
		if m.TextBytes < 0 {
			// Pad every text so that the file comes just under the size limit.
			base := Minimal{N: m.N, Flow: m.Flow}.Size()
			m.TextBytes = 1 + int((int64(maxBytes)-limitSlack-base)/int64(m.N))
		}
		files := []string{name + "-a.yaml", name + "-b.yaml"}
		for k, f := range files {
			m.Other = k == 1
			if err := WriteFile(filepath.Join(dir, f), m.Write); err != nil {
				return err
			}
		}
		cases = append(cases, LimitCase{Name: name, Files: files, Valid: true, Clauses: m.N, What: what})
		return nil
	}
	if err := pair("clauses-block", "the clause limit, one-word clauses, block style (the fast path)", Minimal{N: maxClauses}); err != nil {
		return nil, err
	}
	if err := pair("clauses-flow", "one-word clauses in one flow sequence (yaml.v3), as many as the node budget admits", Minimal{N: nflow, Flow: true}); err != nil {
		return nil, err
	}
	if err := pair("bytes-block", "the clause limit and the size limit, block style: texts padded to fill the file", Minimal{N: maxClauses, TextBytes: -1}); err != nil {
		return nil, err
	}
	if err := pair("bytes-flow", "flow style (yaml.v3) at the node budget and the size limit: texts padded to fill the file", Minimal{N: nflow, Flow: true, TextBytes: -1}); err != nil {
		return nil, err
	}

	if err := WriteFile(filepath.Join(dir, "problems.yaml"), func(w io.Writer) error { return writeProblems(w, maxClauses) }); err != nil {
		return nil, err
	}
	cases = append(cases, LimitCase{Name: "problems", Files: []string{"problems.yaml"}, Clauses: maxClauses,
		What: "the most problems: every clause an unknown topic and six unknown keys, no id, text or sources (ten problems a clause)"})

	p, err := realisticPair(maxClauses)
	if err != nil {
		return nil, err
	}
	files := []string{"realistic-a.yaml", "realistic-b.yaml"}
	for k, side := range []*plan.Plan{p.Old, p.New} {
		if err := WriteFile(filepath.Join(dir, files[k]), func(w io.Writer) error { return WriteYAML(w, side) }); err != nil {
			return nil, err
		}
	}
	cases = append(cases, LimitCase{Name: "realistic", Files: files, Valid: true, Clauses: p.Old.Count(),
		What: "a generated pair (synth gen, seed 1) at the clause limit: sentences, sub-points, rewording, moves, splits, merges"})
	return cases, nil
}

// maxFlowClauses is the most one-word clauses a flow-style plan may hold
// under opts: plan.Parse refuses flow YAML that could hold more nodes than
// the budget of maxClauses clauses, counted from its punctuation, and says
// on which line it goes over, which is the clause that does not fit.
func maxFlowClauses(maxClauses int, opts plan.Options) (int, error) {
	n := maxClauses
	for range 8 {
		var b bytes.Buffer
		if err := WriteMinimal(&b, n, true); err != nil {
			return 0, err
		}
		_, err := plan.Parse(context.Background(), "flow.yaml", b.Bytes(), opts)
		if err == nil {
			return n, nil
		}
		var l plan.ErrorList
		if !errors.As(err, &l) || len(l) == 0 {
			return 0, err
		}
		next := l[0].Pos.Line - FirstClauseLine
		if next >= n {
			next = n - 1
		}
		if next < 1 {
			return 0, fmt.Errorf("no flow-style plan fits the limits: %w", err)
		}
		n = next
	}
	return 0, fmt.Errorf("no flow-style plan of %d clauses or fewer found that fits the limits", maxClauses)
}

// writeProblems writes a plan of n clauses that each hold ten problems in
// fifteen YAML nodes, under the node budget of n clauses.
func writeProblems(w io.Writer, n int) error {
	b := bufio.NewWriterSize(w, 64<<10)
	b.WriteString("plandiff: 1\nversion:\n  id: problems\n  title: Problems\n  surfaced: 2025-01-01\n  sources: [{id: s, outlet: O}]\nclauses:\n")
	for range n {
		b.WriteString("- topic: nope\n  k1: 1\n  k2: 2\n  k3: 3\n  k4: 4\n  k5: 5\n  k6: 6\n")
	}
	return b.Flush()
}

// realisticPair is a generated pair whose sides both hold at most
// maxClauses clauses, the old side as many as it can.
func realisticPair(maxClauses int) (*Pair, error) {
	n := maxClauses
	for {
		p, err := Generate(Config{Clauses: n, Seed: 1, Rates: DefaultRates()})
		if err != nil {
			return nil, err
		}
		over := max(p.Old.Count(), p.New.Count()) - maxClauses
		if over <= 0 {
			return p, nil
		}
		n -= over
	}
}

// WriteFile creates path and writes it through write (the synth command uses it too).
func WriteFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}
