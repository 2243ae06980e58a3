package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

const benchScript = "../../scripts/bench.sh"

// benchBinaries builds plandiff, synth and parabench once for every run of
// the script in this package (BIN=dir): each run building its own cost a
// go command and a link per binary, nine in all.
var benchBinaries = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "plandiff-benchbin-")
	if err != nil {
		return "", err
	}
	for _, pkg := range []string{"plandiff", "synth", "parabench"} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, pkg), "../"+pkg)
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("go build ../%s: %v\n%s", pkg, err, out)
		}
	}
	return dir, nil
})

// TestMain removes the binaries benchBinaries built.
func TestMain(m *testing.M) {
	code := m.Run()
	if dir, err := benchBinaries(); err == nil && dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// binDir is BIN for a run of the script, or the test fails.
func binDir(t *testing.T) string {
	t.Helper()
	dir, err := benchBinaries()
	if err != nil {
		t.Fatal(err)
	}
	return "BIN=" + dir
}

// TestBenchScriptParses checks that scripts/bench.sh (make bench) is valid
// bash.
func TestBenchScriptParses(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	if out, err := exec.Command(bash, "-n", benchScript).CombinedOutput(); err != nil {
		t.Fatalf("bash -n %s: %v\n%s", benchScript, err, out)
	}
}

// TestBenchScript runs scripts/bench.sh on one tiny pair with git as the
// only peer and no profile, and the limits section for small caps, and
// checks that BENCHMARKS.md has every section, a row per tool, an F1 for
// plandiff, none for git, says that the speed targets were not measured
// rather than met, and has a row per limits command with the exit code it
// wants and a peak RSS. It asserts nothing about speed.
func TestBenchScript(t *testing.T) {
	if testing.Short() {
		t.Skip("builds plandiff; not in -short mode")
	}
	// The script runs one command at a time: the two script tests share
	// the machine's cores.
	t.Parallel()
	for _, tool := range []string{"bash", "git", "go", "timeout", "/usr/bin/time"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s", tool)
		}
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "BENCHMARKS.md")
	goBench := filepath.Join(dir, "go-bench.txt")
	if err := os.WriteFile(goBench, []byte("pkg: github.com/plandiff/plandiff/pkg/render\n"+
		"BenchmarkJSON/300-2   \t    1040\t   1072519 ns/op\t 446.41 MB/s\t   65536 B/op\t       1 allocs/op\nPASS\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", benchScript)
	cmd.Env = append(os.Environ(), "SIZES=40", "RUNS=2", "PEERS=git", "INSTALL=0", "PROFILE=0", "QUICK=0",
		"WORK="+filepath.Join(dir, "work"), "OUT="+out, "GO_BENCH="+goBench, binDir(t),
		"LIMITS=1", "LIMIT_MAX_BYTES=65536", "LIMIT_MAX_CLAUSES=200")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("bench.sh: %v\n%s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	md := string(data)
	for _, want := range []string{
		"# Benchmarks", "## Machine", "## Reproduce", "## Side by side", "### Growth from 3,000 to 30,000 clauses",
		"## Paraphrase benchmark", "## Targets", "## Limits", "## Where the time goes", "## Go benchmarks",
		"with `-max-bytes 65536 -max-clauses 200`",
		"| 40 | git diff --word-diff | ", "| n/a (no alignment) |",
		"not measured (SIZES lacks 30000)", "Not profiled",
		"| pkg/render | JSON/300 | 1072519 | 1.07 | 446.41 | 65536 | 1 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("BENCHMARKS.md lacks %q", want)
		}
	}
	for _, tool := range []string{"plandiff \\(content\\)", "plandiff \\(auto\\)"} {
		row := regexp.MustCompile(`\| 40 \| ` + tool + ` \| [0-9.]+ s \([0-9.]+ s–[0-9.]+ s\) \| [0-9.]+ s \| [0-9]+ MB \| 2 \| (0\.9[0-9]*|1\.0000) \|`)
		if !row.MatchString(md) {
			t.Errorf("no row with a time, an RSS, 2 runs and an F1 of at least 0.9 for %s:\n%s", tool, md)
		}
	}
	limitRow := func(name, cmd string, exit int) *regexp.Regexp {
		return regexp.MustCompile(`\| ` + name + " \\| `plandiff " + regexp.QuoteMeta(cmd) + "` \\| [0-9]+ \\| [0-9.]+ \\| " +
			strconv.Itoa(exit) + ` \| [0-9.]+ s \| [0-9.]+ s \| [0-9]+ MB \| [0-9]+x \| [0-9.]+ \| met \|`)
	}
	for _, c := range []string{"clauses-block", "bytes-block", "realistic"} {
		for _, cmd := range []string{"validate " + c + "-a.yaml", "diff " + c + "-a.yaml " + c + "-b.yaml", "diff --format json " + c + "-a.yaml " + c + "-b.yaml"} {
			if !limitRow(c, cmd, 0).MatchString(md) {
				t.Errorf("no limits row for plandiff %s:\n%s", cmd, md)
			}
		}
	}
	for _, cmd := range []string{"--plans realistic-corpus validate", "--plans realistic-corpus report --format markdown",
		"--plans realistic-corpus report --format html", "--plans realistic-corpus report --format json"} {
		if !limitRow("realistic", cmd, 0).MatchString(md) {
			t.Errorf("no limits row for plandiff %s:\n%s", cmd, md)
		}
	}
	if !limitRow("problems", "validate problems.yaml", 1).MatchString(md) {
		t.Errorf("no limits row for the problems case:\n%s", md)
	}
	if !regexp.MustCompile(`\| largest inputs the caps admit: peak RSS ≤ 1000 MB \| [0-9]+ MB \| met \|`).MatchString(md) {
		t.Errorf("no limits target:\n%s", md)
	}
	// The speed targets need 3,000 and 30,000 clauses: not measured.
	md = regexp.MustCompile(`(?m)^\| (largest inputs|clauses-|bytes-|problems|realistic).*$`).ReplaceAllString(md, "")
	for _, bad := range []string{"NOT met", "| met |", "failed", "skipped"} {
		if strings.Contains(md, bad) {
			t.Errorf("BENCHMARKS.md says %q", bad)
		}
	}
	if m, _ := filepath.Glob(out + ".tmp.*"); len(m) > 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

// TestBenchScriptLimitsOnly runs scripts/bench.sh with LIMITS_ONLY=1 for
// small caps on a report without a Limits section, then again: the section
// goes in before "## Where the time goes", then replaces itself, and the
// rest of the report is left as it was.
func TestBenchScriptLimitsOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds plandiff; not in -short mode")
	}
	t.Parallel()
	for _, tool := range []string{"bash", "go", "timeout", "/usr/bin/time"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s", tool)
		}
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "BENCHMARKS.md")
	const head, tail = "# Benchmarks\n\n## Targets\n\n| a | b |\n\n", "## Where the time goes\n\nprofile\n\n## Go benchmarks\n\nnone\n"
	if err := os.WriteFile(out, []byte(head+tail), 0o644); err != nil {
		t.Fatal(err)
	}
	for run := range 2 {
		cmd := exec.Command("bash", benchScript)
		cmd.Env = append(os.Environ(), "LIMITS_ONLY=1", "INSTALL=0", "QUICK=0", "WORK="+filepath.Join(dir, "work"), "OUT="+out, binDir(t),
			"LIMIT_MAX_BYTES=32768", "LIMIT_MAX_CLAUSES=100")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("run %d: bench.sh: %v\n%s", run, err, b)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		md := string(data)
		section, ok := strings.CutPrefix(md, head)
		if !ok || !strings.HasSuffix(section, tail) {
			t.Fatalf("run %d: the rest of the report changed:\n%s", run, md)
		}
		section = strings.TrimSuffix(section, tail)
		if !strings.HasPrefix(section, "## Limits\n") || strings.Count(md, "## Limits") != 1 || !strings.HasSuffix(section, "|\n\n") {
			t.Errorf("run %d: not one Limits section in its place:\n%s", run, md)
		}
		for _, want := range []string{"This section alone was measured on ", "| realistic | `plandiff diff --format json realistic-a.yaml realistic-b.yaml` |", "| problems | `plandiff validate problems.yaml` | 100 |"} {
			if !strings.Contains(section, want) {
				t.Errorf("run %d: the section lacks %q:\n%s", run, want, section)
			}
		}
		if strings.Contains(section, "NOT met") || strings.Contains(section, "want ") {
			t.Errorf("run %d: a limit run failed:\n%s", run, section)
		}
	}
}
