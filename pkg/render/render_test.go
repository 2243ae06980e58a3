package render

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/plandiff/plandiff/internal/golden"
	"github.com/plandiff/plandiff/pkg/diff"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// format is one renderer with its options, as the golden tests run it.
type format struct {
	name, ext string
	render    func(w io.Writer, r *diff.Result) error
}

var formats = []format{
	{"text", ".txt", func(w io.Writer, r *diff.Result) error { return Text(w, r, TextOptions{}) }},
	{"text-color", ".txt", func(w io.Writer, r *diff.Result) error {
		return Text(w, r, TextOptions{Color: true})
	}},
	{"text-wrap", ".txt", func(w io.Writer, r *diff.Result) error {
		return Text(w, r, TextOptions{Width: 60, ShowUnchanged: true})
	}},
	{"text-color-wrap", ".txt", func(w io.Writer, r *diff.Result) error {
		return Text(w, r, TextOptions{Color: true, Width: 60})
	}},
	{"text-full", ".txt", func(w io.Writer, r *diff.Result) error {
		return Text(w, r, TextOptions{Sources: SourcesFull, Width: 80})
	}},
	{"text-none", ".txt", func(w io.Writer, r *diff.Result) error {
		return Text(w, r, TextOptions{Sources: SourcesNone})
	}},
	{"text-stat", ".txt", func(w io.Writer, r *diff.Result) error {
		return TextStat(w, r, TextOptions{Width: 100})
	}},
	{"markdown", ".md", func(w io.Writer, r *diff.Result) error { return Markdown(w, r, MarkdownOptions{}) }},
	{"json", ".json", func(w io.Writer, r *diff.Result) error { return JSON(w, r) }},
}

func renderString(t *testing.T, f format, r *diff.Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f.render(&b, r); err != nil {
		t.Fatalf("%s: %v", f.name, err)
	}
	return b.Bytes()
}

// TestGolden renders every fixture in every format and compares with the
// golden files. Each render is done twice: the bytes must be the same, and
// the Result must not have changed.
func TestGolden(t *testing.T) {
	for _, fx := range fixtures {
		for _, f := range formats {
			t.Run(f.name+"/"+fx.name, func(t *testing.T) {
				r := fx.result()
				before := fx.result()
				got := renderString(t, f, r)
				golden.Check(t, filepath.Join("testdata", "golden", f.name, fx.name+f.ext), got, *update)
				if again := renderString(t, f, r); !bytes.Equal(got, again) {
					t.Errorf("second render differs:\n%s", golden.Diff("first", got, "second", again))
				}
				if !reflect.DeepEqual(r, before) {
					t.Errorf("%s modified its Result", f.name)
				}
			})
		}
	}
}

// failingWriter accepts n bytes, then fails.
type failingWriter struct {
	n       int
	written int
}

var errWrite = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.written+len(p) <= w.n {
		w.written += len(p)
		return len(p), nil
	}
	k := w.n - w.written
	w.written = w.n
	return k, errWrite
}

// shortWriter reports short writes without an error, breaking io.Writer's
// contract; the renderers must still notice.
type shortWriter struct{}

func (shortWriter) Write(p []byte) (int, error) { return len(p) / 2, nil }

// TestWriteErrors checks that every renderer returns its writer's error,
// wherever in the output the writer fails, and notices a short write.
func TestWriteErrors(t *testing.T) {
	big := bigResult(50)
	for _, f := range formats {
		for _, fx := range append(fixtures, fixture{"big", func() *diff.Result { return big }}) {
			full := renderString(t, f, fx.result())
			for _, n := range []int{0, 1, len(full) / 2, len(full) - 1} {
				if n < 0 {
					continue
				}
				fw := &failingWriter{n: n}
				if err := f.render(fw, fx.result()); !errors.Is(err, errWrite) {
					t.Errorf("%s/%s: writer failing after %d of %d bytes: got %v, want %v",
						f.name, fx.name, n, len(full), err, errWrite)
				}
			}
		}
	}
	for name, err := range map[string]error{
		"text":     Text(shortWriter{}, big, TextOptions{}),
		"markdown": Markdown(shortWriter{}, big, MarkdownOptions{}),
		"json":     JSON(shortWriter{}, big),
	} {
		if err == nil {
			t.Errorf("%s: a short write was not reported", name)
		}
	}
}

// bigResult repeats the all-kinds changes n times: output far larger than
// the renderers' buffer, so that writes happen while rendering.
func bigResult(n int) *diff.Result {
	r := allKinds()
	base := r.Changes
	r.Changes = nil
	for range n {
		r.Changes = append(r.Changes, base...)
	}
	return r
}

func TestNilResult(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, nil, TextOptions{}); err == nil {
		t.Error("Text(nil) returned no error")
	}
	if err := Markdown(&b, nil, MarkdownOptions{}); err == nil {
		t.Error("Markdown(nil) returned no error")
	}
	if err := JSON(&b, nil); err == nil {
		t.Error("JSON(nil) returned no error")
	}
	if b.Len() != 0 {
		t.Errorf("wrote %q for a nil result", b.String())
	}
}
