//go:build unix

package diff_test

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user + system) the test process has used. On
// a loaded machine it varies far less than wall time, so BenchmarkCompare
// reports it beside ns/op.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
