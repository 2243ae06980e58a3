// Command synth generates plan pairs with a known alignment and scores
// plandiff's aligner on them.
//
//	synth gen -n 300 -seed 1 -o DIR      writes DIR/old.yaml, DIR/new.yaml, DIR/truth.json,
//	                                     and DIR/old.txt, DIR/new.txt (one clause per paragraph)
//	synth minimal -n 800000 [-flow] -o F  writes a plan of the smallest clauses the format allows
//	synth limits -o DIR                  writes the largest inputs the caps admit and DIR/cases.tsv
//	synth score -n 300 -seed 1 -runs 5   compares generated pairs in-process and prints the metrics
//	synth eval -truth DIR/truth.json -diff out.json [-json]
//	                                     scores the output of `plandiff diff --format json`
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(2)
	}
}

const usage = `usage:
  synth gen -n N [-seed S] [-o DIR] [-keep-ids] [-links]
  synth minimal -n N [-flow] -o FILE
  synth limits -o DIR [-max-bytes B] [-max-clauses N]
  synth score -n N [-seed S] [-runs K] [-match content|auto|id] [-threshold T]
  synth eval -truth DIR/truth.json -diff out.json [-json]`

func run(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	switch args[0] {
	case "gen":
		return gen(args[1:])
	case "score":
		return score(args[1:], stdout)
	case "minimal":
		return minimal(args[1:])
	case "limits":
		return limits(args[1:])
	case "eval":
		return eval(args[1:], stdout)
	}
	return fmt.Errorf("unknown command %q\n%s", args[0], usage)
}

// rateFlags registers one flag per mutation rate.
func rateFlags(fs *flag.FlagSet, r *synth.Rates) {
	fs.Float64Var(&r.Reword, "reword", r.Reword, "share of kept clauses reworded")
	fs.Float64Var(&r.RewordMin, "reword-min", r.RewordMin, "least share of a reworded clause's words edited")
	fs.Float64Var(&r.RewordMax, "reword-max", r.RewordMax, "largest share of a reworded clause's words edited")
	fs.Float64Var(&r.Move, "move", r.Move, "share of points moved")
	fs.Float64Var(&r.Split, "split", r.Split, "share of clauses split")
	fs.Float64Var(&r.Merge, "merge", r.Merge, "share of clauses taking part in a merge")
	fs.Float64Var(&r.FarMerge, "far-merge", r.FarMerge, "share of merges whose parts are far apart")
	fs.Float64Var(&r.Remove, "remove", r.Remove, "share of clauses removed")
	fs.Float64Var(&r.Add, "add", r.Add, "clauses added, as a share of the old count")
	fs.Float64Var(&r.Promote, "promote", r.Promote, "share of last sub-points promoted to points")
	fs.Float64Var(&r.Demote, "demote", r.Demote, "share of childless points demoted to sub-points")
}

func gen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	cfg := synth.Config{Rates: synth.DefaultRates()}
	fs.IntVar(&cfg.Clauses, "n", 300, "clauses in the old version")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed")
	fs.BoolVar(&cfg.KeepIDs, "keep-ids", false, "keep the old ids of surviving clauses")
	links := fs.Bool("links", false, "the new version supersedes the old and links each clause to the one it descends from (derives_from)")
	dir := fs.String("o", ".", "output directory")
	rateFlags(fs, &cfg.Rates)
	if err := fs.Parse(args); err != nil {
		return err
	}
	p, err := synth.Generate(cfg)
	if err != nil {
		return err
	}
	if *links {
		synth.AddLinks(p)
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"old.yaml", func(w io.Writer) error { return synth.WriteYAML(w, p.Old) }},
		{"new.yaml", func(w io.Writer) error { return synth.WriteYAML(w, p.New) }},
		{"old.txt", func(w io.Writer) error { return synth.WriteText(w, p.Old) }},
		{"new.txt", func(w io.Writer) error { return synth.WriteText(w, p.New) }},
		{"truth.json", func(w io.Writer) error {
			e := json.NewEncoder(w)
			e.SetIndent("", "  ")
			return e.Encode(p.Truth)
		}},
	}
	for _, f := range files {
		if err := synth.WriteFile(filepath.Join(*dir, f.name), f.write); err != nil {
			return err
		}
	}
	return nil
}

// minimal writes a plan of n minimal clauses (synth.WriteMinimal).
func minimal(args []string) error {
	fs := flag.NewFlagSet("minimal", flag.ContinueOnError)
	n := fs.Int("n", 1000, "clauses")
	flow := fs.Bool("flow", false, "one flow sequence over many lines (read by yaml.v3)")
	out := fs.String("o", "", "output file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("minimal: -o FILE is required")
	}
	return synth.WriteFile(*out, func(w io.Writer) error { return synth.WriteMinimal(w, *n, *flow) })
}

// limits writes the worst cases under the caps (synth.WriteLimits) and
// DIR/cases.tsv, one line a case for scripts/bench.sh: name, "valid" or
// "problems", the first file's clause count, the files (space-separated)
// and what the case stresses, separated by tabs.
func limits(args []string) error {
	fs := flag.NewFlagSet("limits", flag.ContinueOnError)
	var opts plan.Options
	fs.IntVar(&opts.MaxBytes, "max-bytes", plan.DefaultMaxBytes, "the size limit of a file")
	fs.IntVar(&opts.MaxClauses, "max-clauses", plan.DefaultMaxClauses, "the clause limit of a file")
	dir := fs.String("o", "", "output directory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return errors.New("limits: -o DIR is required")
	}
	cases, err := synth.WriteLimits(*dir, opts)
	if err != nil {
		return err
	}
	return synth.WriteFile(filepath.Join(*dir, "cases.tsv"), func(w io.Writer) error {
		for _, c := range cases {
			kind := "problems"
			if c.Valid {
				kind = "valid"
			}
			if _, err := fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\n", c.Name, kind, c.Clauses, strings.Join(c.Files, " "), c.What); err != nil {
				return err
			}
		}
		return nil
	})
}

func score(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	cfg := synth.Config{Rates: synth.DefaultRates()}
	fs.IntVar(&cfg.Clauses, "n", 300, "clauses in the old version")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "first random seed; run k uses seed+k")
	fs.BoolVar(&cfg.KeepIDs, "keep-ids", false, "keep the old ids of surviving clauses")
	runs := fs.Int("runs", 5, "pairs to generate and pool")
	match := fs.String("match", "content", "match mode: content, auto or id")
	thr := fs.Float64("threshold", 0, "similarity threshold (0: the default)")
	rateFlags(fs, &cfg.Rates)
	if err := fs.Parse(args); err != nil {
		return err
	}
	m, err := diff.ParseMatch(*match)
	if err != nil {
		return err
	}
	var total synth.Score
	var elapsed time.Duration
	for k := 0; k < *runs; k++ {
		c := cfg
		c.Seed = cfg.Seed + uint64(k)
		p, err := synth.Generate(c)
		if err != nil {
			return err
		}
		start := time.Now()
		r, err := diff.Compare(context.Background(), p.Old, p.New, diff.Options{Match: m, Threshold: *thr})
		if err != nil {
			return err
		}
		elapsed += time.Since(start)
		s := synth.Evaluate(r, p.Truth)
		if k == 0 {
			total = s
		} else {
			total = total.Add(s)
		}
	}
	fmt.Fprintf(stdout, "%d runs of %d clauses, seeds %d..%d, match %s; compare %v per run\n\n",
		*runs, cfg.Clauses, cfg.Seed, cfg.Seed+uint64(*runs)-1, m, (elapsed / time.Duration(max(*runs, 1))).Round(time.Millisecond))
	return total.Fprint(stdout)
}
