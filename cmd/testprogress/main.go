// Command testprogress reads `go test -json` on standard input and prints a
// line per package as it finishes, what failed, and a closing count; it
// exits 1 when a test or package failed. scripts/unit.sh pipes its test runs
// through it. The argument, if any, is the module path left off package
// names.
package main

import (
	"fmt"
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
	c, err := testprogress.Report(os.Stdin, os.Stdout, module)
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
