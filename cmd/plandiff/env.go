package main

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/term"

	"github.com/plandiff/plandiff/plans"
)

// env is everything a run takes from the outside world, so that tests can
// run the whole command in-process with buffers and a fixed environment.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// commands is standard output without the guard run puts on stdout
	// (guardOutput), for workflow commands meant as such.
	commands io.Writer
	getenv   func(string) string
	// stdoutTerminal reports whether stdout is a terminal, and its width.
	stdoutTerminal func() (bool, int)
	plans          fs.FS // the embedded corpus
	workDir        string
	// adviseHeap prepares the heap for a run that will read about n
	// bytes of input (adviseHugeHeap); nil leaves the heap alone.
	adviseHeap func(n int64)
}

func systemEnv() *env {
	return &env{
		stdin:  os.Stdin,
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
		stdoutTerminal: func() (bool, int) {
			fd := int(os.Stdout.Fd())
			if !term.IsTerminal(fd) {
				return false, 0
			}
			w, _, err := term.GetSize(fd)
			if err != nil {
				return true, 0
			}
			return true, w
		},
		plans:      plans.FS,
		adviseHeap: adviseHugeHeap,
	}
}

// colorEnabled decides colour once, for the whole run: an explicit --color
// always/never wins; otherwise NO_COLOR or TERM=dumb turn it off; otherwise
// colour is on only when stdout is a terminal.
func (e *env) colorEnabled(flag string) bool {
	switch flag {
	case "always":
		return true
	case "never":
		return false
	}
	if e.getenv("NO_COLOR") != "" || e.getenv("TERM") == "dumb" {
		return false
	}
	tty, _ := e.stdoutTerminal()
	return tty
}

// width is the column to wrap text at: --width, else $COLUMNS, else the
// terminal's width; 0 (no wrapping) when stdout is not a terminal.
func (e *env) width(flag int) int {
	if flag > 0 {
		return flag
	}
	tty, w := e.stdoutTerminal()
	if !tty {
		return 0
	}
	if c, err := strconv.Atoi(e.getenv("COLUMNS")); err == nil && c > 0 {
		return c
	}
	return w
}

// path resolves a path given on the command line against the working
// directory of the run.
func (e *env) path(p string) string {
	if e.workDir == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(e.workDir, p)
}
