// Command wordrun checks that clause text is the corpus's own wording: for
// every clause, and every event of the timeline, it prints the longest run
// of consecutive words that the text shares with any page of reference text
// (article text saved by hand from the sources, kept outside the
// repository), and exits 1 when a run reaches the limit. docs/corpus.md
// describes the procedure.
//
//	wordrun -pages DIR [-plans DIR] [-min 12] [-only VERSION[#CLAUSE],events[#ID],...] [-q]
//
// DIR holds one *.txt file per page; lines that start with '#' at the top of
// a file (its URL, say) are not compared. Output has one line per clause or
// event: the run length, VERSION#CLAUSE (events#ID), the page and the shared
// words.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/plandiff/plandiff/internal/wordrun"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/plans"
)

func main() {
	found, err := run(os.Args[1:], os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wordrun:", err)
		os.Exit(2)
	}
	if found {
		os.Exit(1)
	}
}

// run reports whether some clause reached the limit.
func run(args []string, stdout io.Writer) (bool, error) {
	fl := flag.NewFlagSet("wordrun", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	pagesDir := fl.String("pages", "", "directory of *.txt reference pages (required)")
	plansDir := fl.String("plans", "", "corpus directory (default: the embedded corpus)")
	limit := fl.Int("min", 12, "a run of this many words or more is reported as copied")
	only := fl.String("only", "", "comma-separated VERSION, VERSION#CLAUSE, events or events#ID to check (default: all)")
	quiet := fl.Bool("q", false, "print only the clauses that reach the limit")
	if err := fl.Parse(args); err != nil {
		return false, err
	}
	if *pagesDir == "" || fl.NArg() > 0 || *limit < 1 {
		return false, errors.New("usage: wordrun -pages DIR [-plans DIR] [-min N] [-only VERSION[#CLAUSE],...] [-q]")
	}
	pages, err := readPages(*pagesDir)
	if err != nil {
		return false, err
	}
	var fsys fs.FS = plans.FS
	prefix := "plans"
	if *plansDir != "" {
		fsys, prefix = os.DirFS(*plansDir), *plansDir
	}
	corpus, err := plan.LoadDir(context.Background(), fsys, ".", prefix, plan.Options{})
	if err != nil {
		return false, err
	}
	want := map[string]bool{}
	for _, s := range strings.Split(*only, ",") {
		if s = strings.TrimSpace(s); s != "" {
			want[s] = true
		}
	}
	checked, found := 0, 0
	// report prints text's longest shared run and says whether it reaches
	// the limit.
	report := func(ref, text string) bool {
		m := wordrun.Longest(text, pages)
		hit := m.Len >= *limit
		if hit || !*quiet {
			mark := " "
			if hit {
				mark = "!"
			}
			fmt.Fprintf(stdout, "%s%3d  %-60s  %-28s  %s\n", mark, m.Len, ref, m.Page, m.Words)
		}
		return hit
	}
	for _, p := range corpus.Plans {
		id := p.Version.ID
		p.Walk(func(c, _ *plan.Clause, _ int) {
			ref := id + "#" + c.ID
			if c.Text == "" || len(want) > 0 && !want[id] && !want[ref] {
				return
			}
			checked++
			if report(ref, c.Text) {
				found++
			}
		})
	}
	if t := corpus.Timeline; t != nil {
		for _, e := range t.Events {
			ref := "events#" + e.ID
			if len(want) > 0 && !want["events"] && !want[ref] {
				continue
			}
			checked++
			if report(ref, e.What) {
				found++
			}
		}
	}
	fmt.Fprintf(stdout, "%d clauses and events compared with %d pages; %d share a run of %d words or more\n", checked, len(pages), found, *limit)
	return found > 0, nil
}

// readPages reads every *.txt file of dir, in name order, dropping the '#'
// header lines at the top of each.
func readPages(dir string) ([]wordrun.Page, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no *.txt pages in %s", dir)
	}
	sort.Strings(names)
	pages := make([]wordrun.Page, 0, len(names))
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		text := string(data)
		for strings.HasPrefix(text, "#") {
			_, rest, _ := strings.Cut(text, "\n")
			text = rest
		}
		pages = append(pages, wordrun.Page{Name: filepath.Base(name), Text: text})
	}
	return pages, nil
}
