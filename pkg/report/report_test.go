package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/plandiff/plandiff/pkg/lineage"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/plans"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func corpusLineage(t testing.TB) *lineage.Lineage {
	t.Helper()
	c, err := plan.LoadDir(plans.FS, ".", "plans", plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l, err := lineage.Build(c.Plans, lineage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		line, col := firstDiff(got, want)
		t.Errorf("%s differs from the golden file at %d:%d (run go test -update and review git diff)", path, line, col)
	}
}

func firstDiff(a, b []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return
		}
		col++
		if a[i] == '\n' {
			line, col = line+1, 1
		}
	}
	return
}

func TestReportGolden(t *testing.T) {
	l := corpusLineage(t)
	r := Build(l, Options{})
	for _, f := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"report.md", func(b *bytes.Buffer) error { return Markdown(b, r) }},
		{"report.json", func(b *bytes.Buffer) error { return JSON(b, r) }},
		{"report.html", func(b *bytes.Buffer) error { return HTML(b, r) }},
	} {
		t.Run(f.name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := f.write(&a); err != nil {
				t.Fatal(err)
			}
			// Deterministic: a second build and write give the same bytes.
			r2 := Build(corpusLineage(t), Options{})
			r, r2 = r2, r
			if err := f.write(&b); err != nil {
				t.Fatal(err)
			}
			r = r2
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("two runs differ")
			}
			golden(t, f.name, a.Bytes())
		})
	}
}
