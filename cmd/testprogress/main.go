// Command testprogress reads `go test -json` and prints a line per package
// as it finishes, what failed, and a closing count; it exits 1 when a test or
// package failed. scripts/unit.sh pipes its test runs through it.
//
//	testprogress [MODULE [FILE...]]
//
// MODULE is the module path left off package names. The streams are the
// FILEs (named pipes, say), read side by side, or standard input.
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/plandiff/plandiff/internal/testprogress"
)

func main() {
	start := time.Now()
	module := ""
	if len(os.Args) > 1 {
		module = os.Args[1]
	}
	streams := []io.Reader{os.Stdin}
	if len(os.Args) > 2 {
		streams = streams[:0]
		for _, name := range os.Args[2:] {
			f, err := os.Open(name)
			if err != nil {
				fmt.Fprintln(os.Stderr, "testprogress:", err)
				os.Exit(2)
			}
			defer f.Close()
			streams = append(streams, f)
		}
	}
	c, err := testprogress.ReportAll(streams, os.Stdout, module)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testprogress:", err)
		os.Exit(2)
	}
	fmt.Printf("\nDONE %d tests, %d skipped", c.Tests, c.Skipped)
	if c.Failed > 0 {
		fmt.Printf(", %d failures", c.Failed)
	}
	fmt.Printf(" in %s\n", time.Since(start).Round(time.Millisecond))
	if c.Failed > 0 || len(c.FailedPackages) > 0 {
		fmt.Printf("FAILED: %v\n", c.FailedPackages)
		os.Exit(1)
	}
}
