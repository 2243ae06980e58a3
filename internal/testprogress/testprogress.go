// Package testprogress turns the event stream of `go test -json` into one
// line per package as it finishes, the output of what failed, and a closing
// count. scripts/unit.sh uses it (through cmd/testprogress) in place of
// gotestsum, which a fresh clone had to download and compile first: about 20
// CPU seconds of a 2-core machine on an empty build cache, for a job of a
// hundred lines on the standard library alone.
package testprogress

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// event is one line of `go test -json` (see `go doc test2json`); build
// output comes as ImportPath with Action "build-output" or "build-fail".
type event struct {
	Action      string
	Package     string
	ImportPath  string
	Test        string
	Output      string
	Elapsed     float64
	FailedBuild string
}

// Counts sums up a run.
type Counts struct {
	Tests, Skipped, Failed int
	// Packages that failed, in the order they finished.
	FailedPackages []string
}

// Report reads the stream r and writes to w as packages finish. Module is
// the import path prefix left off package names ("" keeps them whole).
// Lines that are not JSON (go's own messages) are copied through. The error
// is for reading or writing only; failed tests are in Counts.
func Report(r io.Reader, w io.Writer, module string) (Counts, error) {
	var c Counts
	// Output per package and per test, kept until the package ends so that a
	// failure's output can be shown whole and together.
	out := map[string]map[string]*strings.Builder{}
	failed := map[string][]string{} // package -> failed tests, in order
	build := map[string]*strings.Builder{}
	name := func(pkg string) string {
		if module != "" && strings.HasPrefix(pkg, module+"/") {
			return pkg[len(module)+1:]
		}
		return pkg
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &e) != nil {
			if _, err := fmt.Fprintf(w, "%s\n", line); err != nil {
				return c, err
			}
			continue
		}
		if e.Action == "build-output" || e.Action == "build-fail" {
			b := build[e.ImportPath]
			if b == nil {
				b = &strings.Builder{}
				build[e.ImportPath] = b
			}
			b.WriteString(e.Output)
			continue
		}
		if e.Package == "" {
			continue
		}
		tests := out[e.Package]
		if tests == nil {
			tests = map[string]*strings.Builder{}
			out[e.Package] = tests
		}
		switch e.Action {
		case "output":
			b := tests[e.Test]
			if b == nil {
				b = &strings.Builder{}
				tests[e.Test] = b
			}
			b.WriteString(e.Output)
			continue
		case "pass", "fail", "skip":
		default:
			continue
		}
		if e.Test != "" {
			// Subtests count as tests, as gotestsum counts them.
			c.Tests++
			switch e.Action {
			case "skip":
				c.Skipped++
			case "fail":
				c.Failed++
				failed[e.Package] = append(failed[e.Package], e.Test)
			}
			continue
		}
		// The package ended.
		var s string
		switch e.Action {
		case "fail":
			s = fmt.Sprintf("✖  %s (%s)\n", name(e.Package), duration(e.Elapsed))
		case "skip": // no test files
			s = fmt.Sprintf("∅  %s\n", name(e.Package))
		default:
			s = fmt.Sprintf("✓  %s (%s)\n", name(e.Package), duration(e.Elapsed))
		}
		if e.Action == "fail" {
			c.FailedPackages = append(c.FailedPackages, name(e.Package))
			s += failure(e, tests, failed[e.Package], build)
		}
		if _, err := io.WriteString(w, s); err != nil {
			return c, err
		}
		delete(out, e.Package)
	}
	return c, sc.Err()
}

// outputOf is what the package (test "") or a test printed.
func outputOf(tests map[string]*strings.Builder, test string) string {
	if b := tests[test]; b != nil {
		return b.String()
	}
	return ""
}

// failure is the output to show for a failed package: each failed test's
// (a parent's output holds only its own lines, so subtests are shown too),
// the build errors if it did not build, and the package's own output when
// no test failed (a panic in TestMain, a timeout, a race after the tests).
func failure(e event, tests map[string]*strings.Builder, failedTests []string, build map[string]*strings.Builder) string {
	var b strings.Builder
	if e.FailedBuild != "" {
		if o := build[e.FailedBuild]; o != nil {
			b.WriteString(indent(o.String()))
		}
	}
	for _, t := range failedTests {
		fmt.Fprintf(&b, "=== FAIL %s %s\n", e.Package, t)
		b.WriteString(indent(outputOf(tests, t)))
	}
	if len(failedTests) == 0 || strings.Contains(outputOf(tests, ""), "panic:") {
		b.WriteString(indent(outputOf(tests, "")))
	}
	return b.String()
}

func indent(s string) string {
	if s == "" {
		return ""
	}
	s = strings.TrimSuffix(s, "\n")
	return "    " + strings.ReplaceAll(s, "\n", "\n    ") + "\n"
}

// duration prints as gotestsum does: 12ms, 1.5s, 1m2.3s.
func duration(sec float64) string {
	return time.Duration(sec * float64(time.Second)).Round(time.Millisecond).String()
}
