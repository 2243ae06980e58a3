// Command plandiff keeps each version of a negotiated text as a YAML list of
// clauses with attributions, and diffs, annotates and reports how the text
// changed between versions.
//
// Run "plandiff --help" for the commands; the README has a tour.
package main

import (
	"os"
	"runtime/debug"
)

// gcPercent is the garbage collector's target unless GOGC says otherwise. A
// run is short and holds little but its two plans, so collecting half as
// often is worth the memory: on the 30,000-clause benchmark it saves about
// a tenth of the run's time and leaves the peak well under 400 MB
// (BENCHMARKS.md).
const gcPercent = 200

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run(os.Args[1:], systemEnv()))
}
