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
	return ReportAll([]io.Reader{r}, w, module)
}

// ReportAll is Report over several streams read at once, such as go test
// runs with different flags going on side by side: lines are taken whole
// from each, so they never mix, and a package is told apart by the stream
// it comes in (the same package may be tested in two runs). The first read
// error is returned once every stream has ended.
func ReportAll(rs []io.Reader, w io.Writer, module string) (Counts, error) {
	type line struct {
		stream int
		text   []byte
	}
	lines := make(chan line)
	errs := make(chan error, len(rs))
	for i, r := range rs {
		go func() {
			sc := bufio.NewScanner(r)
			sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
			for sc.Scan() {
				lines <- line{i, append([]byte(nil), sc.Bytes()...)}
			}
			errs <- sc.Err()
		}()
	}
	p := newProgress(w, module)
	var werr, rerr error
	for ended := 0; ended < len(rs); {
		select {
		case l := <-lines:
			if werr == nil {
				// A write error stops the writing, not the reading: the
				// runs must not block on a full pipe.
				werr = p.line(l.stream, l.text)
			}
		case err := <-errs:
			ended++
			if rerr == nil {
				rerr = err
			}
		}
	}
	if werr != nil {
		return p.c, werr
	}
	return p.c, rerr
}

// progress is the state of a report: output kept per stream and package
// until the package ends, so that a failure's output can be shown whole and
// together.
type progress struct {
	w      io.Writer
	module string
	c      Counts
	out    map[string]map[string]*strings.Builder // stream+package -> test -> output
	failed map[string][]string                    // stream+package -> failed tests, in order
	build  map[string]*strings.Builder            // stream+import path -> build output
}

func newProgress(w io.Writer, module string) *progress {
	return &progress{w: w, module: module, out: map[string]map[string]*strings.Builder{},
		failed: map[string][]string{}, build: map[string]*strings.Builder{}}
}

func (p *progress) name(pkg string) string {
	if p.module != "" && strings.HasPrefix(pkg, p.module+"/") {
		return pkg[len(p.module)+1:]
	}
	return pkg
}

// line takes one line of stream number stream.
func (p *progress) line(stream int, line []byte) error {
	var e event
	if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &e) != nil {
		_, err := fmt.Fprintf(p.w, "%s\n", line)
		return err
	}
	key := func(s string) string { return fmt.Sprint(stream) + "\x00" + s }
	if e.Action == "build-output" || e.Action == "build-fail" {
		b := p.build[key(e.ImportPath)]
		if b == nil {
			b = &strings.Builder{}
			p.build[key(e.ImportPath)] = b
		}
		b.WriteString(e.Output)
		return nil
	}
	if e.Package == "" {
		return nil
	}
	pkg := key(e.Package)
	tests := p.out[pkg]
	if tests == nil {
		tests = map[string]*strings.Builder{}
		p.out[pkg] = tests
	}
	switch e.Action {
	case "output":
		b := tests[e.Test]
		if b == nil {
			b = &strings.Builder{}
			tests[e.Test] = b
		}
		b.WriteString(e.Output)
		return nil
	case "pass", "fail", "skip":
	default:
		return nil
	}
	if e.Test != "" {
		// Subtests count as tests, as gotestsum counts them.
		p.c.Tests++
		switch e.Action {
		case "skip":
			p.c.Skipped++
		case "fail":
			p.c.Failed++
			p.failed[pkg] = append(p.failed[pkg], e.Test)
		}
		return nil
	}
	// The package ended.
	var s string
	switch e.Action {
	case "fail":
		s = fmt.Sprintf("✖  %s (%s)\n", p.name(e.Package), duration(e.Elapsed))
	case "skip": // no test files
		s = fmt.Sprintf("∅  %s\n", p.name(e.Package))
	default:
		s = fmt.Sprintf("✓  %s (%s)\n", p.name(e.Package), duration(e.Elapsed))
	}
	if e.Action == "fail" {
		p.c.FailedPackages = append(p.c.FailedPackages, p.name(e.Package))
		var build *strings.Builder
		if e.FailedBuild != "" {
			build = p.build[key(e.FailedBuild)]
		}
		s += failure(e, tests, p.failed[pkg], build)
	}
	delete(p.out, pkg)
	_, err := io.WriteString(p.w, s)
	return err
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
func failure(e event, tests map[string]*strings.Builder, failedTests []string, build *strings.Builder) string {
	var b strings.Builder
	if build != nil {
		b.WriteString(indent(build.String()))
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
