package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/render"
)

// writeJSON writes v to dir/name as JSON and returns the path.
func writeJSON(t *testing.T, dir, name string, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return writeRaw(t, dir, name, b)
}

func writeRaw(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeDiff writes r as `plandiff diff --format json` would (render.JSON,
// the contract) and returns the path.
func writeDiff(t *testing.T, dir, name string, r *diff.Result) string {
	t.Helper()
	var b bytes.Buffer
	if err := render.JSON(&b, r); err != nil {
		t.Fatal(err)
	}
	return writeRaw(t, dir, name, b.Bytes())
}

func TestEval(t *testing.T) {
	dir := t.TempDir()
	p, err := synth.Generate(synth.Config{Clauses: 200, Seed: 4, Rates: synth.DefaultRates()})
	if err != nil {
		t.Fatal(err)
	}
	truth := writeJSON(t, dir, "truth.json", p.Truth)

	perfect := &diff.Result{Schema: diff.Schema, Match: "content"}
	for _, g := range p.Truth.Groups {
		perfect.Changes = append(perfect.Changes, diff.Change{Kind: diff.Kind(g.Kind), Old: g.Old, New: g.New, Moved: g.Moved})
	}
	compared, err := diff.Compare(context.Background(), p.Old, p.New, diff.Options{Match: diff.MatchContent})
	if err != nil {
		t.Fatal(err)
	}
	// Every true pair split apart: old clauses removed, new ones added.
	apart := &diff.Result{Schema: diff.Schema}
	for _, g := range p.Truth.Groups {
		for _, o := range g.Old {
			apart.Changes = append(apart.Changes, diff.Change{Kind: diff.KindRemoved, Old: []string{o}})
		}
		for _, n := range g.New {
			apart.Changes = append(apart.Changes, diff.Change{Kind: diff.KindAdded, New: []string{n}})
		}
	}
	// Every old clause paired with the wrong new one: all false positives.
	var olds, news []string
	for _, g := range p.Truth.Groups {
		if len(g.Old) == 1 && len(g.New) == 1 {
			olds, news = append(olds, g.Old[0]), append(news, g.New[0])
		}
	}
	shifted := &diff.Result{Schema: diff.Schema}
	for i := range olds {
		shifted.Changes = append(shifted.Changes, diff.Change{Kind: diff.KindModified, Old: []string{olds[i]}, New: []string{news[(i+1)%len(news)]}})
	}

	for _, tc := range []struct {
		name         string
		result       *diff.Result
		minF1, maxF1 float64
		counts       bool // check fp0 and fn0
		fp0, fn0     bool // no false positives, no false negatives
	}{
		{"the truth itself", perfect, 1, 1, true, true, true},
		{"plandiff's content alignment", compared, 0.9, 1, false, false, false},
		{"nothing paired", apart, 0, 0, true, true, false},
		{"every pair wrong", shifted, 0, 0, true, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeDiff(t, dir, strings.ReplaceAll(tc.name, " ", "_")+".json", tc.result)
			var out strings.Builder
			if err := run([]string{"eval", "-truth", truth, "-diff", path, "-json"}, &out); err != nil {
				t.Fatal(err)
			}
			var got evalJSON
			if err := json.Unmarshal([]byte(out.String()), &got); err != nil {
				t.Fatalf("-json output is not JSON: %v\n%s", err, out.String())
			}
			if strings.Count(out.String(), "\n") != 1 {
				t.Errorf("-json output is not one line:\n%s", out.String())
			}
			want := synth.Evaluate(tc.result, p.Truth)
			if got.Pairs.F1 != want.Pairs.F1() || got.Pairs.TP != want.Pairs.TP || got.Pairs.FP != want.Pairs.FP || got.Pairs.FN != want.Pairs.FN {
				t.Errorf("pairs %+v, in-process score %+v", got.Pairs, want.Pairs)
			}
			if got.Pairs.F1 < tc.minF1 || got.Pairs.F1 > tc.maxF1 {
				t.Errorf("pair F1 %.4f, want in [%.2f, %.2f]", got.Pairs.F1, tc.minF1, tc.maxF1)
			}
			if tc.counts && (tc.fp0 != (got.Pairs.FP == 0) || tc.fn0 != (got.Pairs.FN == 0)) {
				t.Errorf("fp %d, fn %d; want fp zero %v, fn zero %v", got.Pairs.FP, got.Pairs.FN, tc.fp0, tc.fn0)
			}
			if got.TruthGroups != len(p.Truth.Groups) || got.Changes != len(tc.result.Changes) {
				t.Errorf("truth groups %d, changes %d; want %d, %d", got.TruthGroups, got.Changes, len(p.Truth.Groups), len(tc.result.Changes))
			}

			// The table form prints the same numbers.
			out.Reset()
			if err := run([]string{"eval", "-truth", truth, "-diff", path}, &out); err != nil {
				t.Fatal(err)
			}
			var table strings.Builder
			if err := want.Fprint(&table); err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(out.String(), table.String()) {
				t.Errorf("table output:\n%s\nwant it to end with\n%s", out.String(), table.String())
			}
		})
	}
}

// TestEvalSedReadable pins the field order the bench script relies on: the
// pair F1 is the third field of the line.
func TestEvalSedReadable(t *testing.T) {
	s := scoreJSON(synth.Score{Pairs: synth.PRF{TP: 3, FP: 1, FN: 0}})
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"pairs":{"precision":0.75,"recall":1,"f1":0.8571428571428571,`; !strings.HasPrefix(string(b), want) {
		t.Errorf("-json line starts %.80s, want %s", b, want)
	}
}

func TestEvalErrors(t *testing.T) {
	dir := t.TempDir()
	truth := writeJSON(t, dir, "truth.json", synth.Truth{Groups: []synth.Group{{Kind: "added", Old: []string{}, New: []string{"a"}}}})
	good := writeDiff(t, dir, "good.json", &diff.Result{})
	for _, tc := range []struct {
		name      string
		args      []string
		errorWith string
	}{
		{"missing diff file", []string{"-truth", truth, "-diff", filepath.Join(dir, "nope.json")}, "nope.json"},
		{"missing truth file", []string{"-truth", filepath.Join(dir, "nope.json"), "-diff", good}, "nope.json"},
		{"not JSON", []string{"-truth", truth, "-diff", writeRaw(t, dir, "text.json", []byte("~ modified 1 → 2\n"))}, "text.json"},
		{"wrong schema", []string{"-truth", truth, "-diff", writeRaw(t, dir, "report.json", []byte(`{"schema":"plandiff/report/v1"}`))}, "plandiff/report/v1"},
		{"no schema", []string{"-truth", truth, "-diff", writeRaw(t, dir, "bare.json", []byte(`{"changes":[]}`))}, "schema"},
		{"two documents", []string{"-truth", truth, "-diff", writeRaw(t, dir, "two.json", append(mustRead(t, good), mustRead(t, good)...))}, "more than one"},
		{"truth without groups", []string{"-truth", writeRaw(t, dir, "empty.json", []byte(`{}`)), "-diff", good}, "no truth groups"},
		{"stray argument", []string{"-truth", truth, "-diff", good, "extra"}, "extra"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := run(append([]string{"eval"}, tc.args...), &strings.Builder{})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.errorWith) {
				t.Errorf("error %q does not mention %q", err, tc.errorWith)
			}
		})
	}
}
