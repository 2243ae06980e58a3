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

	"github.com/plandiff/plandiff/internal/source"
	"github.com/plandiff/plandiff/pkg/plan"
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
func run(args []string, e *env) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	cmd, err := root.ExecuteContextC(ctx)
	helpFor := root.Name()
	if cmd != nil {
		helpFor = cmd.CommandPath()
	}
	return report(e.stderr, err, root.Name(), helpFor)
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
