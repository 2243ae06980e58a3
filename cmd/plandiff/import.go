package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/plandiff/plandiff/internal/source"
	"github.com/plandiff/plandiff/pkg/textimport"
)

type importOptions struct {
	id       string
	title    string
	surfaced string
	output   string
	force    bool
	complete bool
}

func newImportCmd(e *env, g *globals) *cobra.Command {
	o := &importOptions{}
	cmd := &cobra.Command{
		Use:   "import <file> --id <id>",
		Short: "Turn a numbered plain-text list into a plan file skeleton",
		Long: `Read a plan as newspapers print it (a numbered list: "1." or "2)" points,
"10a." "14.3" or "a)" sub-points, bullet lines, wrapped lines, a heading line)
and write a plan YAML skeleton: numbers as printed, sub-points nested, text
joined, ids p1, p10a..., and a source stub that every clause cites. The
result validates as it is; a comment at its top says what to fill in (the
source, dates, supersedes, the corpus's clause ids) before it is committed.
FILE - reads standard input.

The skeleton is completeness: partial, since a printed list is rarely the
whole text: a clause it lacks is then unreported, not removed. --complete
writes completeness: full, for a text known to be whole. Either way a line
on standard error says which.

-o never replaces an existing file unless --force is given.`,
		Example: `  plandiff import leak.txt --id leak-2025-12 --surfaced 2025-12-01 -o plans/leak-2025-12.yaml
  pbpaste | plandiff import - --id leak --title "Leaked 12-point plan"`,
		Args: exactArgs(1, "one text file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.id == "" {
				return usageErrorf("--id is required: the new version's id, e.g. --id leak-2025-12")
			}
			if _, err := outputFormat(cmd, "yaml", o.output, "yaml", "yaml"); err != nil {
				return err
			}
			if o.surfaced == "" {
				o.surfaced = time.Now().UTC().Format("2006-01-02")
			}
			return runImport(cmd.Context(), e, o, args[0])
		},
	}
	cmd.Flags().StringVar(&o.id, "id", "", "the new version's `ID` (a slug: a-z, 0-9 and -)")
	cmd.Flags().StringVar(&o.title, "title", "", "the version's `TITLE` (default: the text's heading line)")
	cmd.Flags().StringVar(&o.surfaced, "surfaced", "", "the `DATE` the version became known, YYYY-MM-DD (default: today)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to `FILE` instead of standard output")
	cmd.Flags().BoolVar(&o.force, "force", false, "replace the -o file if it exists")
	cmd.Flags().BoolVar(&o.complete, "complete", false, "mark the version completeness: full (default partial: missing clauses are unreported)")
	return cmd
}

func runImport(ctx context.Context, e *env, o *importOptions, arg string) error {
	var data []byte
	var err error
	if arg == "-" {
		data, err = readStdin(ctx, e.stdin, textimport.MaxBytes)
	} else {
		data, err = source.ReadInput(e.path(arg), arg, textimport.MaxBytes)
	}
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return &source.InputError{Err: fmt.Errorf("%s: no such file", arg)}
		}
		return err
	}
	p, err := textimport.Parse(string(data), textimport.Options{ID: o.id, Title: o.title, Surfaced: o.surfaced, Complete: o.complete})
	switch {
	case errors.Is(err, textimport.ErrEmpty):
		return &source.InputError{Err: fmt.Errorf("%s: %w: nothing to import", arg, err)}
	case err != nil:
		return usageErrorf("%v", err)
	}
	if err := writeTo(ctx, e, o.output, !o.force, func(w io.Writer) error { return textimport.Write(w, p) }); err != nil {
		return err
	}
	if p.Partial() {
		fmt.Fprintf(e.stderr, "plandiff: import: %s is completeness: partial (a clause it lacks is unreported, not removed); use --complete if the text is known in full\n", p.Version.ID)
	} else {
		fmt.Fprintf(e.stderr, "plandiff: import: %s is completeness: full (--complete): a clause it lacks counts as removed\n", p.Version.ID)
	}
	return nil
}

// readStdin reads r (standard input) up to one byte past limit, which
// textimport then reports as too long. It returns as soon as ctx is done,
// even while a read is blocked (the reading goroutine is left behind: the
// run is ending).
func readStdin(ctx context.Context, r io.Reader, limit int) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
		done <- result{data, err}
	}()
	select {
	case res := <-done:
		if res.err != nil {
			return nil, &source.InputError{Err: fmt.Errorf("read standard input: %w", res.err)}
		}
		return res.data, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
