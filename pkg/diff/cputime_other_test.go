//go:build !unix

package diff_test

import "time"

func processCPU() (time.Duration, bool) { return 0, false }
