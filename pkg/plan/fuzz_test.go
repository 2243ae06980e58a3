package plan

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the loader. It must never panic (the
// boundary's recover would turn a panic into an "internal error", which this
// target treats as a failure), every problem must point inside the input, and
// a plan that loads must survive Encode and Parse unchanged.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../plans/*.yaml")
	more, _ := filepath.Glob("testdata/schema/*/*.yaml")
	for _, name := range append(seeds, more...) {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(header + "  - id: a\n    text: x\n    sources: [s]\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("<<: {a: 1}\n"))
	f.Add([]byte("---"))
	f.Add([]byte("\ufeff" + header + "  []\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(context.Background(), "f.yaml", data, Options{MaxBytes: 1 << 20})
		if err != nil {
			checkLoadErrors(t, "f.yaml", data, err)
			return
		}
		var buf bytes.Buffer
		if err := Encode(&buf, p); err != nil {
			t.Fatalf("encode: %v", err)
		}
		q, err := Parse(context.Background(), "f.yaml", buf.Bytes(), Options{})
		if err != nil {
			t.Fatalf("re-encoded plan does not load: %v\n%s", err, buf.String())
		}
		if !samePlan(p, q) {
			t.Fatalf("round trip changed the plan:\n%s", buf.String())
		}
	})
}

// checkLoadErrors fails unless err, from loading data as file name, is an
// ErrorList whose every position lies inside the input and none of which
// reports a panic of the loader.
func checkLoadErrors(t *testing.T, name string, data []byte, err error) {
	t.Helper()
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error is not an ErrorList: %v", err)
	}
	lines := countLines(data)
	for _, e := range list {
		if strings.Contains(e.Msg, "internal error") {
			t.Fatalf("panic inside the loader: %v", e)
		}
		if e.Pos.File != name || e.Pos.Line < 1 || e.Pos.Line > lines || e.Pos.Col < 1 {
			t.Fatalf("position outside the input (%d lines): %v", lines, e)
		}
	}
}
