package main

import (
	"context"
	"io"

	"github.com/plandiff/plandiff/internal/asyncwrite"
	"github.com/plandiff/plandiff/internal/atomicfile"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/render"
)

// writeOutput sends what write produces to the file output names, replaced
// atomically, or to standard output when output is empty. Once ctx is done,
// writes fail, which stops the renderer, and no file is written.
func writeOutput(ctx context.Context, e *env, output string, write func(io.Writer) error) error {
	if output != "" {
		return atomicfile.Write(ctx, e.path(output), false, func(w io.Writer) error { return writeAsync(ctx, w, write) })
	}
	return writeAsync(ctx, e.stdout, write)
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

// renderDiff writes one comparison in format (json, markdown or text). Text
// for standard output follows the run's colour and width decisions; text for
// a file (toFile) is coloured only with --color always and wrapped only at an
// explicit --width.
func renderDiff(w io.Writer, res *diff.Result, format string, showUnchanged bool, e *env, g *globals, toFile bool) error {
	switch format {
	case "json":
		return render.JSON(w, res)
	case "markdown":
		return render.Markdown(w, res, render.MarkdownOptions{ShowUnchanged: showUnchanged})
	}
	opts := render.TextOptions{ShowUnchanged: showUnchanged}
	if toFile {
		opts.Color = g.color == "always"
		opts.Width = g.width
	} else {
		opts.Color = e.colorEnabled(g.color)
		opts.Width = e.width(g.width)
	}
	return render.Text(w, res, opts)
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
