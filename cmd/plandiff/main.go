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

// memoryLimit is the heap's soft limit unless GOMEMLIMIT says otherwise.
// Near it the collector runs as often as it must, so garbage cannot pile up
// to gcPercent over the live heap: the largest inputs the limits allow (two
// files of 100,000 clauses) then peak under 1 GB rather than well over it.
// A run that needs more still gets it.
const memoryLimit = 640 << 20

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args[1:], systemEnv()))
}
