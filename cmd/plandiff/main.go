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

// gcPercent is the collector's target unless GOGC says otherwise. A fresh
// page costs more here than collecting to reuse one (first touches are
// slow, in virtual machines most), so the target is below Go's default of
// 100: on the 30,000-clause pair, 20 interleaved runs each at load 1.4-1.7
// on a 2-core machine gave a median of 1.52-1.53 s, 2.62-2.65 s of CPU and
// 215 MB at 75 against 1.54-1.58 s, 2.71-2.75 s and 240-248 MB at 100;
// 50, 60, 70 and 85 were no better than 75. GOGC=200 was slower and heavier
// still (2.06 s and 438 MB against 1.66 s and 253 MB with an older aligner).
const gcPercent = 75

// memoryLimit is the heap's soft limit unless GOMEMLIMIT says otherwise.
// Near it the collector runs as often as it must, so garbage cannot pile up
// to twice the live heap: the largest inputs the limits allow (two
// files of 100,000 clauses) then peak under 1 GB rather than well over it.
// A run that needs more still gets it.
const memoryLimit = 640 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run(os.Args[1:], systemEnv()))
}
