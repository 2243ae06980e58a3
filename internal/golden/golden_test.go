package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps what a check reports.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, strings.TrimSpace(fmt.Sprintf(format, args...)))
}

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "out.txt")
	Check(t, path, []byte("one\ntwo\n"), true)
	if data, err := os.ReadFile(path); err != nil || string(data) != "one\ntwo\n" {
		t.Fatalf("update wrote %q, %v", data, err)
	}
	Check(t, path, []byte("one\ntwo\n"), false) // equal: no error

	r := &recorder{TB: t}
	Check(r, path, []byte("one\n\x1b[31mthree\n"), false)
	if len(r.errors) != 1 {
		t.Fatalf("a mismatch gave %d errors", len(r.errors))
	}
	for _, want := range []string{"-two", `+\e[31mthree`, " one", path} {
		if !strings.Contains(r.errors[0], want) {
			t.Errorf("the report lacks %q:\n%s", want, r.errors[0])
		}
	}
}

func TestDiffIsBounded(t *testing.T) {
	var a, b strings.Builder
	for i := range 1000 {
		a.WriteString("a" + strings.Repeat("x", i%7) + "\n")
		b.WriteString("b\n")
	}
	d := Diff("want", []byte(a.String()), "got", []byte(b.String()))
	if n := strings.Count(d, "\n"); n > maxDiffLines+1 || !strings.Contains(d, "more lines of diff") {
		t.Errorf("diff of %d lines, or no note of the rest", n)
	}
	if d := Diff("a", []byte("x\r\n"), "b", []byte("x\n")); !strings.Contains(d, `x\r`) {
		t.Errorf("a carriage return does not show:\n%s", d)
	}
}
