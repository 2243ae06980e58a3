package main

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestAdviseHugeHeap: after adviseHugeHeap, the run's next large
// allocation lies in memory advised for huge pages ("hg" in its mapping's
// VmFlags). It runs in a fresh process, whose heap holds nothing else, as
// plandiff's does when it advises.
func TestAdviseHugeHeap(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage"); err != nil {
		t.Skip("this kernel has no transparent huge pages")
	}
	if os.Getenv("PLANDIFF_TEST_HUGE_HEAP") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestAdviseHugeHeap$", "-test.v")
		cmd.Env = append(os.Environ(), "PLANDIFF_TEST_HUGE_HEAP=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return
	}
	b := make([]byte, 48<<20)
	if flags := vmFlags(t, uintptr(unsafe.Pointer(&b[0]))); strings.Contains(flags, " hg") {
		t.Fatalf("the heap was advised before adviseHugeHeap: %q", flags)
	}
	runtime.KeepAlive(b)
	b = nil
	runtime.GC()
	adviseHugeHeap(256 << 20)
	c := make([]byte, 200<<20)
	if flags := vmFlags(t, uintptr(unsafe.Pointer(&c[0]))); !strings.Contains(flags, " hg") {
		t.Errorf("a large allocation after adviseHugeHeap lies in a mapping without huge-page advice: %q", flags)
	}
	runtime.KeepAlive(c)
}

// vmFlags is the VmFlags line of the mapping that holds addr.
func vmFlags(t *testing.T, addr uintptr) string {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	in := false
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := s.Text()
		if lo, hi, ok := mappingRange(line); ok {
			in = lo <= addr && addr < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return line
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	// Some sandboxes (gVisor) keep smaps without VmFlags.
	t.Skipf("/proc/self/smaps shows no VmFlags for %#x", addr)
	return ""
}

// mappingRange reads the range of an smaps header ("7f..-7f.. rw-p ...").
func mappingRange(line string) (lo, hi uintptr, ok bool) {
	field, _, _ := strings.Cut(line, " ")
	a, b, found := strings.Cut(field, "-")
	if !found {
		return 0, 0, false
	}
	x, err1 := strconv.ParseUint(a, 16, 64)
	y, err2 := strconv.ParseUint(b, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(x), uintptr(y), true
}
