package main

import (
	"runtime"

	"golang.org/x/sys/unix"
)

// adviseHugeHeap has the runtime map n bytes of heap, advises transparent
// huge pages for them (MADV_HUGEPAGE, which their mapping keeps) and frees
// them at once: the allocator hands out free pages lowest address first, so
// what the run allocates next lands in them, and the kernel backs each
// touched 2 MB with one fault instead of 512. Fresh heap memory is known to
// be zero, so the allocation itself touches nothing. Called once, early,
// when the heap holds little else.
func adviseHugeHeap(n int64) {
	b := make([]byte, n)
	// An error means a kernel without transparent huge pages: nothing to gain.
	_ = unix.Madvise(b, unix.MADV_HUGEPAGE)
	runtime.GC()
}
