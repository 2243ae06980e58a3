package main

import (
	"runtime/debug"
	"strings"
)

// A large diff spends much of its time on first touches of fresh heap pages:
// on the 30,000-clause pair, some 54,000 page faults cost about a third of
// the run in a 2-core virtual machine, where first touches are slow. Go maps
// its heap in ordinary 4 KB pages and offers no setting for transparent huge
// pages, so before reading large inputs plandiff advises huge pages for a
// stretch of heap it is about to need (adviseHugeHeap): the same run then
// takes some 2,400 faults. Memory advised but never touched costs nothing.
const (
	// heapPerInputByte: a diff's peak heap is about 13 times its input
	// files (the 30,000-clause pair: 17.5 MB of YAML, 215-230 MB peak).
	heapPerInputByte = 16
	// minAdvisedInput: smaller inputs (under some 1,700 clauses) gain a
	// few tens of milliseconds at most; the 3,000-clause pair, 1.7 MB,
	// gains 0.25 -> 0.18 s.
	minAdvisedInput = 1 << 20
)

// hugeHeapBytes is how much heap to advise for inputs of n bytes, at most
// the heap's soft limit (more would only be handed back to the system at
// once): none for small inputs, or when GODEBUG asks the runtime for no huge
// pages (disablethp=1).
func hugeHeapBytes(n int64, godebug string, limit int64) int64 {
	if n < minAdvisedInput {
		return 0
	}
	for _, kv := range strings.Split(godebug, ",") {
		if strings.TrimSpace(kv) == "disablethp=1" {
			return 0
		}
	}
	return min(n*heapPerInputByte, limit)
}

// prepareHeap advises huge pages for the heap that reading and comparing
// inputs of n bytes will need.
func (e *env) prepareHeap(n int64) {
	if e.adviseHeap == nil || e.getenv == nil {
		return
	}
	if b := hugeHeapBytes(n, e.getenv("GODEBUG"), debug.SetMemoryLimit(-1)); b > 0 {
		e.adviseHeap(b)
	}
}
