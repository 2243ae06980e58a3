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

// The collector keeps Go's default target (GOGC=100). GOGC=200 was faster
// with the old aligner, but with the meaning-aware one it is slower and
// heavier: on the 30,000-clause pair, 5 interleaved runs each on an idle
// 2-core machine gave a median of 1.66 s and 253 MB at 100 against 2.06 s
// and 438 MB at 200.

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
	os.Exit(run(os.Args[1:], systemEnv()))
}
