package main

import (
	"io"

	"github.com/plandiff/plandiff/internal/asyncwrite"
	"github.com/plandiff/plandiff/internal/atomicfile"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/render"
)

// writeOutput sends what write produces to the file output names, replaced
// atomically, or to standard output when output is empty.
func writeOutput(e *env, output string, write func(io.Writer) error) error {
	if output != "" {
		return atomicfile.Write(e.path(output), false, func(w io.Writer) error { return writeAsync(w, write) })
	}
	return writeAsync(e.stdout, write)
}

// writeAsync runs write with its output reaching w from another goroutine,
// so that rendering and the kernel's work on the writes overlap.
func writeAsync(w io.Writer, write func(io.Writer) error) error {
	a := asyncwrite.New(w)
	err := write(a)
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
