package main

import "strings"

// A large diff spends much of its time on first touches of fresh heap pages:
// on the 30,000-clause pair, some 54,000 page faults cost about a third of
// the run in a 2-core virtual machine, where each fault is also a fault of
// the host. Go maps its heap in ordinary 4 KB pages and offers no setting for
// transparent huge pages, so before reading large inputs plandiff advises
// huge pages for a stretch of heap it is about to need (adviseHugeHeap).
// Memory advised but never touched costs nothing.
const (
	// heapPerInputByte: a diff's peak heap is about 13 times its input
	// files (the 30,000-clause pair: 17.5 MB of YAML, 215-230 MB peak).
	heapPerInputByte = 16
	// minAdvisedInput: below this (some 1,700 clauses) the faults cost
	// a few milliseconds, and the advice is not worth a collection.
	minAdvisedInput = 1 << 20
	maxAdvisedHeap  = 1 << 30
)

// hugeHeapBytes is how much heap to advise for inputs of n bytes: none for
// small inputs, or when GODEBUG asks the runtime for no huge pages
// (disablethp=1).
func hugeHeapBytes(n int64, godebug string) int64 {
	if n < minAdvisedInput {
		return 0
	}
	for _, kv := range strings.Split(godebug, ",") {
		if strings.TrimSpace(kv) == "disablethp=1" {
			return 0
		}
	}
	return min(n*heapPerInputByte, maxAdvisedHeap)
}

// prepareHeap advises huge pages for the heap that reading and comparing
// inputs of n bytes will need.
func (e *env) prepareHeap(n int64) {
	if e.adviseHeap == nil || e.getenv == nil {
		return
	}
	if b := hugeHeapBytes(n, e.getenv("GODEBUG")); b > 0 {
		e.adviseHeap(b)
	}
}
