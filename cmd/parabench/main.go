// Command parabench scores plandiff's content alignment on the paraphrase
// benchmark (testdata/paraphrase): independent renderings of real versions,
// each with a truth file.
//
//	parabench [-dir testdata/paraphrase] [-plans DIR] [-heldout] [-v] [-links] [-git]
//
// It prints, per level, the old clauses paired with exactly their true
// partners, the pairs found right, wrong and missed, and the change regions
// per modified clause of plandiff's redline (with -git, beside those of
// `git diff --word-diff` on the same pairs). Held-out renderings are scored
// only with -heldout: they are checks kept for the end of a tuning round.
// -links counts, over every pair of versions of the embedded corpus, how
// often content mode agrees with the stated id and derives_from links and
// how often it contradicts them.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/plandiff/plandiff/internal/parabench"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/plans"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "parabench:", err)
		os.Exit(2)
	}
}

func run(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("parabench", flag.ContinueOnError)
	dir := fs.String("dir", "testdata/paraphrase", "directory of renderings and truth files")
	held := fs.Bool("heldout", false, "also score the held-out renderings")
	verbose := fs.Bool("v", false, "list every missed and wrong pair")
	links := fs.Bool("links", false, "count agreement of content mode with the corpus's id links")
	git := fs.Bool("git", false, "also count change regions of git diff --word-diff on the true pairs")
	thr := fs.Float64("threshold", 0, "similarity threshold (0: the default)")
	plansDir := fs.String("plans", "", "corpus directory to read the rendered versions from (default: the embedded corpus)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var corpus *plan.Corpus
	var err error
	if *plansDir != "" {
		corpus, err = plan.LoadDir(context.Background(), os.DirFS(*plansDir), ".", *plansDir, plan.Options{})
	} else {
		corpus, err = plan.LoadDir(context.Background(), plans.FS, ".", "plans", plan.Options{})
	}
	if err != nil {
		return err
	}
	all, err := parabench.Load(os.DirFS(*dir), ".")
	if err != nil {
		return fmt.Errorf("%s: %w", *dir, err)
	}
	var cases []*parabench.Case
	for _, c := range all {
		if !c.HeldOut || *held {
			cases = append(cases, c)
		}
	}
	parabench.SortCases(cases)
	opts := diff.Options{Threshold: *thr}
	scores := make([]parabench.Score, len(cases))
	start := time.Now()
	var gitRegions, gitPairs int
	for i, c := range cases {
		s, _, err := c.Run(corpus, opts)
		if err != nil {
			return err
		}
		scores[i] = s
		if *git {
			r, n, err := gitFragments(corpus, c)
			if err != nil {
				return err
			}
			gitRegions += r
			gitPairs += n
		}
	}
	elapsed := time.Since(start)
	t := parabench.Tabulate(cases, scores)
	fmt.Fprintf(w, "paraphrase benchmark (%s), content mode, %d renderings in %v\n\n", *dir, len(cases), elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "%-10s %-8s %8s %7s %6s %7s %9s  %s\n", "level", "held-out", "clauses", "right", "wrong", "missed", "regions", "renderings")
	var total parabench.Score
	for _, row := range t.Rows {
		s := row.Score
		total = total.Add(s)
		held := ""
		if row.HeldOut {
			held = "yes"
		}
		fmt.Fprintf(w, "%-10s %-8s %8d %7d %6d %7d %9s  %s\n", row.Level, held, s.Clauses, s.Right, s.PairsWrong, s.PairsMissed,
			perChange(s.Regions, s.Modified), strings.Join(row.Cases, ", "))
	}
	fmt.Fprintf(w, "%-10s %-8s %8d %7d %6d %7d %9s\n", "total", "", total.Clauses, total.Right, total.PairsWrong, total.PairsMissed, perChange(total.Regions, total.Modified))
	names := make([]string, len(cases))
	width := len("rendering")
	for i, c := range cases {
		names[i] = c.Name
		if c.HeldOut {
			names[i] += " (held out)"
		}
		width = max(width, len(names[i]))
	}
	fmt.Fprintf(w, "\n%-*s %-10s %8s %7s %6s %7s %9s\n", width, "rendering", "level", "clauses", "right", "wrong", "missed", "regions")
	for i, c := range cases {
		s := scores[i]
		fmt.Fprintf(w, "%-*s %-10s %8d %7d %6d %7d %9s\n", width, names[i], c.Level, s.Clauses, s.Right, s.PairsWrong, s.PairsMissed, perChange(s.Regions, s.Modified))
	}
	fmt.Fprintf(w, "\nright: old clauses paired with exactly their true partners; wrong, missed: (old, new) pairs;\nregions: change regions per true pair reported modified.\n")
	fmt.Fprintf(w, "nearest: %d of the %d missed pairs are named by their removal or addition as its nearest; %d removals and additions name a clause that is no true partner\n",
		total.Named, total.PairsMissed, total.Misnamed)
	if *git {
		fmt.Fprintf(w, "git diff --word-diff on the true one-to-one pairs: %s regions per pair (%d pairs)\n", perChange(gitRegions, gitPairs), gitPairs)
	}
	if *verbose {
		fmt.Fprintln(w)
		for _, n := range total.Notes {
			fmt.Fprintln(w, n)
		}
	}
	if *links {
		l, err := parabench.CompareLinks(corpus, opts)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\nid links of the embedded corpus (%d version pairs): %d links; content mode agrees with %d, contradicts %d, leaves %d unpaired\n",
			l.Pairs, l.Links, l.Agree, l.Contradict, l.Unpaired)
		if *verbose {
			for _, n := range l.Notes {
				fmt.Fprintln(w, n)
			}
		}
	}
	return nil
}

func perChange(regions, n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", float64(regions)/float64(n))
}

// gitFragments runs git diff --word-diff=porcelain on the texts of every
// true one-to-one pair of c and counts its change regions the way parabench
// counts plandiff's: runs of removed and added words between context that
// holds a word.
func gitFragments(corpus *plan.Corpus, c *parabench.Case) (regions, pairs int, err error) {
	if _, err := exec.LookPath("git"); err != nil {
		return 0, 0, errors.New("-git: git is not installed")
	}
	tmp, err := os.MkdirTemp("", "parabench")
	if err != nil {
		return 0, 0, err
	}
	defer os.RemoveAll(tmp)
	for _, p := range c.TruePairs(corpus) {
		a, b := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
		if err := os.WriteFile(a, []byte(p[0]+"\n"), 0o600); err != nil {
			return 0, 0, err
		}
		if err := os.WriteFile(b, []byte(p[1]+"\n"), 0o600); err != nil {
			return 0, 0, err
		}
		out, err := exec.Command("git", "diff", "--no-index", "--word-diff=porcelain", "--no-color", a, b).Output()
		var exit *exec.ExitError
		if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
			return 0, 0, fmt.Errorf("git diff: %w", err)
		}
		regions += porcelainRegions(string(out))
		pairs++
	}
	return regions, pairs, nil
}

// porcelainRegions counts the change regions of git's porcelain word diff:
// lines starting with - or + after a context line (" ...") holding a word.
func porcelainRegions(out string) int {
	n, open, body := 0, false, false
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "@@") {
			body, open = true, false
			continue
		}
		if !body || line == "" {
			continue
		}
		switch line[0] {
		case '-', '+':
			if !open {
				n++
				open = true
			}
		case ' ':
			if strings.IndexFunc(line, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
				open = false
			}
		}
	}
	return n
}
