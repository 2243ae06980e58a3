package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/plandiff/plandiff/internal/source"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/pkg/render"
)

// Exit codes of the contract (spec section 5).
const (
	exitOK       = 0
	exitFindings = 1 // diff --exit-code found differences; validate found problems
	exitTrouble  = 2 // bad usage or unreadable input
)

// usageError is a mistake in how plandiff was called.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// exitError ends the run with a code and no further message: its report has
// already been printed (differences found, validation findings).
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// run executes one plandiff command line and returns the exit code. It is the
// only place that turns errors into messages and codes.
//
// SIGINT and SIGTERM cancel the run's context: loading, aligning and
// rendering stop at their next check, no output file is written, and the run
// ends with one line and 128 plus the signal's number (130, 143), as a shell
// reports a process the signal killed. A second signal has its usual effect.
func run(args []string, e *env) int {
	e, flush := guardOutput(e)
	defer flush()
	ctx, stop := signalContext(context.Background(), func(se *signalError) {
		// Something did not look at the context in time (a blocked read
		// of standard input, a blocked write to a pipe): end the run
		// anyway. A temporary output file left behind is removed by the
		// next run that writes the same file (internal/atomicfile).
		fmt.Fprintf(e.stderr, "plandiff: %s\n", se)
		os.Exit(128 + int(se.sig))
	})
	defer stop()
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	cmd, err := root.ExecuteContextC(ctx)
	var se *signalError
	if errors.As(context.Cause(ctx), &se) {
		fmt.Fprintf(e.stderr, "%s: %s\n", root.Name(), se)
		return 128 + int(se.sig)
	}
	helpFor := root.Name()
	if cmd != nil {
		helpFor = cmd.CommandPath()
	}
	return report(e.stderr, err, root.Name(), helpFor)
}

// signalError is why a run's context was cancelled: a signal arrived.
type signalError struct{ sig syscall.Signal }

func (e *signalError) Error() string {
	if e.sig == syscall.SIGINT {
		return "interrupted"
	}
	return "terminated"
}

// stopGrace is how long a run has to stop after a signal before stuck is
// called.
const stopGrace = 3 * time.Second

// signalContext returns a context cancelled, with a *signalError as its
// cause, by the first SIGINT or SIGTERM; from then on the signals have
// their default effect again, so a second Ctrl-C ends a run at once. If the
// run has not called the returned stop function stopGrace after the signal,
// stuck is called (on another goroutine).
func signalContext(parent context.Context, stuck func(*signalError)) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch)
			sig, _ := s.(syscall.Signal)
			se := &signalError{sig: sig}
			cancel(se)
			select {
			case <-time.After(stopGrace):
				stuck(se)
			case <-done:
			}
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}

// report prints err once, prefixed with the program's name, and returns the
// exit code for it. helpFor is the command whose --help explains usage.
func report(stderr io.Writer, err error, name, helpFor string) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if isBrokenPipe(err) {
		return exitOK
	}
	var list plan.ErrorList
	if errors.As(err, &list) {
		fmt.Fprint(stderr, list.Lines())
		return exitTrouble
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "%s: %v\nRun '%s --help' for usage.\n", name, ue.err, helpFor)
		return exitTrouble
	}
	var ie *source.InputError
	if errors.As(err, &ie) {
		fmt.Fprintf(stderr, "%s: %v\n", name, ie.Err)
		return exitTrouble
	}
	// cobra's own argument and flag errors arrive as plain errors.
	msg := err.Error()
	if strings.HasPrefix(msg, "unknown command") || strings.HasPrefix(msg, "unknown flag") ||
		strings.HasPrefix(msg, "unknown shorthand flag") || strings.Contains(msg, "flag needs an argument") ||
		strings.HasPrefix(msg, "invalid argument") || strings.HasPrefix(msg, "accepts ") ||
		strings.HasPrefix(msg, "requires at least") {
		fmt.Fprintf(stderr, "%s: %s\nRun '%s --help' for usage.\n", name, msg, helpFor)
		return exitTrouble
	}
	fmt.Fprintf(stderr, "%s: %s\n", name, msg)
	return exitTrouble
}

// isBrokenPipe reports a write to a closed pipe (plandiff ... | head), which
// is not a failure of plandiff.
func isBrokenPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE)
}

// guardOutput returns e with standard output and standard error guarded
// (render.CommandGuard), so that no data can start a line of a CI log with
// "::" and be taken for a workflow command; e.commands keeps the unguarded
// standard output for the commands validate --format github means to print.
// A terminal's standard output is left alone: it is no log, and a pager
// must get the terminal itself. The returned function flushes the guards.
func guardOutput(e *env) (*env, func()) {
	g := *e
	g.commands = e.stdout
	errGuard := render.NewCommandGuard(e.stderr)
	g.stderr = errGuard
	var outGuard *render.CommandGuard
	if tty, _ := e.stdoutTerminal(); !tty {
		outGuard = render.NewCommandGuard(e.stdout)
		g.stdout = outGuard
	}
	return &g, func() {
		if outGuard != nil {
			outGuard.Flush()
		}
		errGuard.Flush()
	}
}
