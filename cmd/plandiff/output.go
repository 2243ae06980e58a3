package main

import (
	"context"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/plandiff/plandiff/internal/asyncwrite"
	"github.com/plandiff/plandiff/internal/atomicfile"
	"github.com/plandiff/plandiff/internal/source"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/render"
)

// writeOutput sends what write produces to the file output names, replaced
// atomically, or to standard output when output is empty. Once ctx is done,
// writes fail, which stops the renderer, and no file is written.
func writeOutput(ctx context.Context, e *env, output string, write func(io.Writer) error) error {
	return writeTarget(ctx, e, output, false, func(w io.Writer) error { return writeAsync(ctx, w, write) })
}

// writeTarget sends what fill writes where -o out says: standard output
// when out is empty, "-" or /dev/stdout; straight into an existing file
// that is not a regular one (a named pipe, /dev/null, a terminal), as a
// shell's redirection would, there being nothing to replace atomically;
// otherwise to the file out names, through atomicfile (noClobber as there).
func writeTarget(ctx context.Context, e *env, out string, noClobber bool, fill func(io.Writer) error) error {
	if out == "" || out == "-" || out == "/dev/stdout" {
		return fill(e.stdout)
	}
	p := e.path(out)
	if st, err := os.Stat(p); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			return &source.InputError{Err: err}
		}
		err = fill(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	return atomicfile.Write(ctx, p, noClobber, fill)
}

// writeAsync runs write with its output reaching w from another goroutine,
// so that rendering and the kernel's work on the writes overlap.
func writeAsync(ctx context.Context, w io.Writer, write func(io.Writer) error) error {
	a := asyncwrite.New(w)
	err := write(ctxWriter{ctx, a})
	if cerr := a.Close(); err == nil {
		err = cerr
	}
	return err
}

// renderDiff writes one comparison in format (json, markdown or text).
func renderDiff(w io.Writer, res *diff.Result, format string, showUnchanged bool, e *env, g *globals, toFile bool) error {
	switch format {
	case "json":
		return render.JSON(w, res)
	case "markdown":
		return render.Markdown(w, res, render.MarkdownOptions{ShowUnchanged: showUnchanged})
	}
	return render.Text(w, res, diffTextOptions(e, g, showUnchanged, toFile))
}

// diffTextOptions are the text options of the views that show a diff
// within a larger report (changed, the git diff driver): every change with
// its pairing, notes and sources in full. `plandiff diff` itself defaults to
// the short layout (--sources).
func diffTextOptions(e *env, g *globals, showUnchanged, toFile bool) render.TextOptions {
	color, width := textLayout(e, g, toFile)
	return render.TextOptions{ShowUnchanged: showUnchanged, Color: color, Width: width, Sources: render.SourcesFull}
}

// textLayout decides colour and width for text: the run's decisions on
// standard output; in a file (toFile), colour only with --color always and
// wrapping only at an explicit --width.
func textLayout(e *env, g *globals, toFile bool) (color bool, width int) {
	if toFile {
		return g.color == "always", g.width
	}
	return e.colorEnabled(g.color), e.width(g.width)
}

// ctxWriter fails every write once ctx is done. Renderers stop at their
// first failed write, so this one check cancels all of them.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// addMaxBytesFlag adds --max-bytes, the bound on Markdown output.
func addMaxBytesFlag(cmd *cobra.Command, v *int) {
	cmd.Flags().IntVar(v, "max-bytes", render.GitHubCommentLimit, "markdown: keep the output under `N` bytes, shortening changes to their headings past it (0: no limit)")
}

// checkMaxBytes rejects a negative --max-bytes, and --max-bytes given with
// a format it does not bound.
func checkMaxBytes(cmd *cobra.Command, n int, format string) error {
	if n < 0 {
		return usageErrorf("--max-bytes %d: want 0 (no limit) or more", n)
	}
	if cmd.Flags().Changed("max-bytes") && format != "markdown" {
		return usageErrorf("--max-bytes bounds markdown output, not %s", format)
	}
	return nil
}
