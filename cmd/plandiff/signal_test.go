package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/plan"
)

// startPlandiff starts the plandiff command (the test binary, which
// testscript.Main puts on PATH) in dir.
func startPlandiff(t *testing.T, dir string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command("plandiff", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

// stopWith sends sig to cmd once it handles the signal and delay has
// passed, and returns its exit status and how long it took to end after the
// signal.
func stopWith(t *testing.T, cmd *exec.Cmd, sig syscall.Signal, delay time.Duration) (int, time.Duration) {
	t.Helper()
	waitForHandler(t, cmd.Process.Pid, sig)
	time.Sleep(delay)
	sent := time.Now()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	took := time.Since(sent)
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), took
}

// waitForHandler waits until process pid catches sig, where Linux says so
// (SigCgt in /proc/PID/status): a signal sent before the handler is
// installed would kill the process instead (a race-built binary starts
// slowly). Elsewhere it waits a second.
func waitForHandler(t *testing.T, pid int, sig syscall.Signal) {
	t.Helper()
	status := fmt.Sprintf("/proc/%d/status", pid)
	if _, err := os.Stat(status); err != nil {
		time.Sleep(time.Second)
		return
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		data, err := os.ReadFile(status)
		if err != nil {
			t.Fatalf("plandiff ended before it was signalled: %v", err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if mask, ok := strings.CutPrefix(line, "SigCgt:"); ok {
				if m, err := strconv.ParseUint(strings.TrimSpace(mask), 16, 64); err == nil && m&(1<<(sig-1)) != 0 {
					return
				}
			}
		}
	}
	t.Fatalf("plandiff did not install a handler for %v", sig)
}

// waitForRead waits until process pid has read as many bytes as file holds,
// where Linux says so (rchar in /proc/PID/io): it is reading its input, so
// run has set up its signal handling. SigCgt alone is not enough: the Go
// runtime catches SIGINT from its first instruction, and a signal that comes
// before signal.Notify still kills the process (exit -1), which a race-built
// binary on a loaded machine was slow enough to show. Elsewhere, or after
// two minutes, it returns and stopWith's own wait stands.
func waitForRead(t *testing.T, pid int, file string) {
	t.Helper()
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	ioStats := fmt.Sprintf("/proc/%d/io", pid)
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		data, err := os.ReadFile(ioStats)
		if err != nil {
			return // not Linux, or the process ended: stopWith reports it
		}
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "rchar:"); ok {
				if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil && n >= fi.Size() {
					return
				}
			}
		}
	}
}

// waitIdle waits until process pid uses no CPU for a quarter of a second,
// where Linux says so (utime and stime in /proc/PID/stat): it has finished
// its work and sits blocked. Elsewhere, or after two minutes, it returns.
func waitIdle(t *testing.T, pid int) {
	t.Helper()
	stat := fmt.Sprintf("/proc/%d/stat", pid)
	ticks := func() (string, bool) {
		data, err := os.ReadFile(stat)
		if err != nil {
			return "", false
		}
		// The command name, in parentheses, may hold spaces: fields count
		// from the last parenthesis; utime and stime are the 14th and 15th.
		_, rest, ok := strings.Cut(string(data), ") ")
		f := strings.Fields(rest)
		if !ok || len(f) < 13 {
			return "", false
		}
		return f[11] + " " + f[12], true
	}
	last, ok := ticks()
	for deadline := time.Now().Add(2 * time.Minute); ok && time.Now().Before(deadline); {
		time.Sleep(250 * time.Millisecond)
		var now string
		if now, ok = ticks(); ok && now == last {
			return
		}
		last = now
	}
}

// onlyFiles fails unless dir holds exactly the names given.
func onlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("%s holds %q, want %q", dir, got, names)
	}
}

// signalClauses is the size of the generated pairs the signal tests stop
// plandiff in the middle of: large enough that the run is still at work when
// the signal comes. A race-built plandiff is several times slower, so a fifth
// of the input keeps it busy as long; with the full size, these tests took
// 88 of the package's 97 CPU seconds under the race detector and flaked on a
// loaded machine.
const signalClauses = 30000 / raceSlowdown

// TestSignalDuringDiff stops `diff -o` on a large pair with SIGINT and with
// SIGTERM: the run must end promptly with 130 or 143 and one line, and
// leave no output file and no temporary file.
func TestSignalDuringDiff(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and diffs a pair of up to 30,000 clauses")
	}
	t.Parallel()
	dir := t.TempDir()
	p, err := synth.Generate(synth.Config{Clauses: signalClauses, Seed: 1, Rates: synth.DefaultRates()})
	if err != nil {
		t.Fatal(err)
	}
	for name, pl := range map[string]*plan.Plan{"old.yaml": p.Old, "new.yaml": p.New} {
		var b bytes.Buffer
		if err := synth.WriteYAML(&b, pl); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
		msg  string
	}{{syscall.SIGINT, 130, "plandiff: interrupted\n"}, {syscall.SIGTERM, 143, "plandiff: terminated\n"}} {
		cmd, stderr := startPlandiff(t, dir, "diff", "--format", "json", "-o", "out.json", "old.yaml", "new.yaml")
		waitForRead(t, cmd.Process.Pid, filepath.Join(dir, "old.yaml"))
		code, took := stopWith(t, cmd, tc.sig, 400*time.Millisecond)
		if code != tc.code || stderr.String() != tc.msg {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", tc.sig, code, stderr, tc.code, tc.msg)
		}
		// Sooner than the grace period: the run noticed, nothing forced it.
		// (A race-built binary under load can take longer to exit.)
		if took > stopGrace && !raceEnabled {
			t.Errorf("%v: the run took %v to stop", tc.sig, took)
		}
		onlyFiles(t, dir, "new.yaml", "old.yaml")
	}

	// SIGKILL while the output is written leaves the temporary file; the
	// next run that writes the same file removes it once it is a minute old.
	cmd, _ := startPlandiff(t, dir, "diff", "--format", "json", "-o", "out.json", "old.yaml", "new.yaml")
	var temp string
	// The deadline only bounds a hang: a race-built run on a loaded machine
	// took more than a minute to reach its output.
	for deadline := time.Now().Add(5 * time.Minute); temp == "" && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		names, _ := filepath.Glob(filepath.Join(dir, ".out.json.tmp-*"))
		if len(names) > 0 {
			temp = names[0]
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	if temp == "" {
		t.Fatal("no temporary output file appeared")
	}
	if _, err := os.Stat(filepath.Join(dir, "out.json")); err == nil {
		t.Fatal("the run finished before it was killed")
	}
	old := time.Now().Add(-2 * time.Minute)
	if err := os.Chtimes(temp, old, old); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("plandiff", "diff", "-o", filepath.Join(dir, "out.json"), "us-28-draft", "framework-20").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	onlyFiles(t, dir, "new.yaml", "old.yaml", "out.json")
}

// TestSignalDuringValidate stops `--plans DIR validate` of a large linked
// corpus with SIGTERM, as `timeout` does (issue 12.3: it ran on for 28 s and
// printed ok): the run must end promptly with 143 and one line, and say
// nothing of the corpus.
func TestSignalDuringValidate(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and validates a corpus of up to 180,000 clauses")
	}
	t.Parallel()
	dir := t.TempDir()
	p, err := synth.Generate(synth.Config{Clauses: signalClauses, Seed: 2, Rates: synth.DefaultRates()})
	if err != nil {
		t.Fatal(err)
	}
	synth.AddLinks(p)
	var names []string
	for k := range 3 {
		// Copies of the pair under other version ids, links included.
		r := strings.NewReplacer("synth-old", fmt.Sprintf("synth-old-%d", k), "synth-new", fmt.Sprintf("synth-new-%d", k))
		for _, pl := range []*plan.Plan{p.Old, p.New} {
			var b bytes.Buffer
			if err := synth.WriteYAML(&b, pl); err != nil {
				t.Fatal(err)
			}
			name := r.Replace(pl.Version.ID) + ".yaml"
			if err := os.WriteFile(filepath.Join(dir, name), []byte(r.Replace(b.String())), 0o644); err != nil {
				t.Fatal(err)
			}
			names = append(names, name)
		}
	}
	cmd := exec.Command("plandiff", "--plans", ".", "validate")
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Reading the corpus means run has its signal handling in place.
	waitForRead(t, cmd.Process.Pid, filepath.Join(dir, names[0]))
	code, took := stopWith(t, cmd, syscall.SIGTERM, 300*time.Millisecond)
	if code != 143 || stderr.String() != "plandiff: terminated\n" || stdout.Len() > 0 {
		t.Errorf("exit %d, stdout %q, stderr %q; want 143, nothing, %q", code, stdout.String(), stderr.String(), "plandiff: terminated\n")
	}
	if took > stopGrace && !raceEnabled {
		t.Errorf("the run took %v to stop", took)
	}
	slices.Sort(names)
	onlyFiles(t, dir, names...)
}

// TestSignalStuckWrite interrupts a run blocked writing to a pipe nobody
// reads: the write never returns, so the run must end on its own once the
// grace period is over.
func TestSignalStuckWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out the grace period after a signal")
	}
	t.Parallel()
	cmd := exec.Command("plandiff", "report", "--format", "html")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd.Stdout = w
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	// Once output has begun, the run fills the pipe and blocks.
	if _, err := r.Read(make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	// It may still be rendering while the pipe fills: the signal must come
	// once nothing but the blocked write is left.
	waitIdle(t, cmd.Process.Pid)
	code, took := stopWith(t, cmd, syscall.SIGINT, 200*time.Millisecond)
	if code != 130 || stderr.String() != "plandiff: interrupted\n" {
		t.Errorf("exit %d, stderr %q; want 130, %q", code, stderr.String(), "plandiff: interrupted\n")
	}
	if took < stopGrace || took > stopGrace+2*time.Second {
		t.Errorf("the run took %v to stop, want the grace period of %v", took, stopGrace)
	}
}
