package render

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
)

func renderJSON(t testing.TB, r *diff.Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := JSON(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkJSONRoundTrip decodes out into a diff.Result, encodes it again and
// requires the same bytes.
func checkJSONRoundTrip(t testing.TB, out []byte) *diff.Result {
	t.Helper()
	if !json.Valid(out) {
		t.Fatalf("invalid JSON:\n%s", out)
	}
	var back diff.Result
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&back); err != nil {
		t.Fatalf("decoding: %v\n%s", err, out)
	}
	if again := renderJSON(t, &back); !bytes.Equal(out, again) {
		t.Fatalf("re-encoding differs:\n%s\nvs\n%s", out, again)
	}
	return &back
}

func TestJSONRoundTrip(t *testing.T) {
	t.Parallel()
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			checkJSONRoundTrip(t, renderJSON(t, fx.result()))
		})
	}
}

// TestJSONContract checks the fixed parts of the encoding.
func TestJSONContract(t *testing.T) {
	t.Parallel()
	out := renderJSON(t, empty())
	want := `{
  "schema": "plandiff/diff/v1",
  "old": {
    "id": "",
    "title": "",
    "completeness": "",
    "sources": []
  },
  "new": {
    "id": "",
    "title": "",
    "completeness": "",
    "sources": []
  },
  "match": "",
  "summary": {
    "unchanged": 0,
    "modified": 0,
    "merged": 0,
    "split": 0,
    "added": 0,
    "removed": 0,
    "unreported": 0,
    "moved": 0,
    "removed_reported": 0,
    "removed_absent": 0
  },
  "changes": []
}
`
	if string(out) != want {
		t.Errorf("empty result:\n%s\nwant:\n%s", out, want)
	}

	// A change with every slice nil prints them all as [].
	r := empty()
	r.Changes = []diff.Change{{Kind: diff.KindAdded}}
	out = renderJSON(t, r)
	for _, key := range []string{"old", "new", "old_numbers", "new_numbers", "edits", "figures"} {
		if !bytes.Contains(out, []byte(`"`+key+`": []`)) {
			t.Errorf("%s is not []:\n%s", key, out)
		}
	}
	if !bytes.Contains(out, []byte(`"sources": {
        "old": [],
        "new": []
      }`)) {
		t.Errorf("change sources are not empty arrays:\n%s", out)
	}
	if bytes.Contains(out, []byte("null")) {
		t.Errorf("null in output:\n%s", out)
	}
	if r.Changes[0].Edits != nil || r.Old.Sources != nil {
		t.Error("JSON filled in the caller's nil slices")
	}
}

func TestJSONNoHTMLEscaping(t *testing.T) {
	t.Parallel()
	r := empty()
	r.Old.Title = "<b> & </b> \x1b[31m \u2028"
	out := renderJSON(t, r)
	if !bytes.Contains(out, []byte(`"title": "<b> & </b> \u001b[31m \u2028"`)) {
		t.Errorf("title encoded as:\n%s", out)
	}
}

func TestJSONSimilarity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{1, "1"},
		{0.7142857142857143, "0.714"},
		{0.5555, "0.556"},
		{0.1, "0.1"},
		{0.9995, "1"},
		{0.0004, "0"},
		{math.Copysign(0, -1), "0"},
		{-0.0001, "0"},
		{math.NaN(), "0"},
		{math.Inf(1), "0"},
		{math.Inf(-1), "0"},
		{1e300, "1e+300"},
	}
	for _, tc := range tests {
		r := empty()
		r.Changes = []diff.Change{{Kind: diff.KindModified, Similarity: tc.in}}
		out := renderJSON(t, r)
		if !bytes.Contains(out, []byte(`"similarity": `+tc.want+",")) {
			t.Errorf("similarity %v encoded as:\n%s", tc.in, out)
		}
		checkJSONRoundTrip(t, out)
	}
}

// TestJSONFieldsRoundTrip checks that decoding the JSON gives back every
// field of the all-kinds fixture (similarity rounded).
func TestJSONFieldsRoundTrip(t *testing.T) {
	t.Parallel()
	r := allKinds()
	back := checkJSONRoundTrip(t, renderJSON(t, r))
	want := normalized(r)
	if !reflect.DeepEqual(back, want) {
		t.Errorf("decoded result differs from the normalised input:\n%+v\nvs\n%+v", back, want)
	}
	if back.Changes[1].Similarity != 0.714 {
		t.Errorf("similarity %v, want 0.714", back.Changes[1].Similarity)
	}
}

func TestJSONFixedSchema(t *testing.T) {
	t.Parallel()
	r := allKinds()
	r.Schema = ""
	if out := renderJSON(t, r); !strings.HasPrefix(string(out), "{\n  \"schema\": \"plandiff/diff/v1\",\n") {
		t.Errorf("empty schema not filled in:\n%.80s", out)
	}
}

// referenceJSON is the encoding JSON must equal byte for byte: EncodeJSON
// (encoding/json, indented by two spaces, HTML escaping off, the hidden
// controls escaped) on the normalised copy of r.
func referenceJSON(t testing.TB, r *diff.Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := EncodeJSON(&b, normalized(r)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkReference fails when JSON's bytes for r differ from referenceJSON's.
func checkReference(t testing.TB, r *diff.Result) {
	t.Helper()
	got, want := renderJSON(t, r), referenceJSON(t, r)
	if !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("JSON differs from EncodeJSON at byte %d:\n got %q\nwant %q", i,
			got[max(0, i-40):min(len(got), i+40)], want[max(0, i-40):min(len(want), i+40)])
	}
}

func TestJSONMatchesEncodeJSON(t *testing.T) {
	t.Parallel()
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) { checkReference(t, fx.result()) })
	}
	t.Run("strings", func(t *testing.T) {
		r := allKinds()
		var all []byte
		for c := range 0x80 {
			all = append(all, byte(c))
		}
		for _, s := range []string{string(all), "\u2028\u2029\u2027\u202a", "\xff\xfe a \xc3", "<&>", "\U0001F600é", `\"`,
			"\u009b31m \u0085 \u007f \u202e \u2066 \u2069 \u200f"} {
			r.Changes[0].NewText = s
			r.Changes[0].Edits = []words.Edit{{Op: words.OpInsert, Text: s}}
			r.Old.Title = s
			checkReference(t, r)
		}
	})
	t.Run("synthetic", func(t *testing.T) {
		p, err := synth.Generate(synth.Config{Clauses: 300, Seed: 3, Rates: synth.DefaultRates()})
		if err != nil {
			t.Fatal(err)
		}
		r, err := diff.Compare(context.Background(), p.Old, p.New, diff.Options{Match: diff.MatchContent})
		if err != nil {
			t.Fatal(err)
		}
		checkReference(t, r)
	})
	t.Run("floats", func(t *testing.T) {
		r := allKinds()
		for _, f := range []float64{0, 1, 0.5, 0.0005, 0.0004999, -0.0001, 1e-7, 1e21, 123456789, math.NaN(), math.Inf(-1), math.Copysign(0, -1)} {
			r.Changes[0].Similarity = f
			checkReference(t, r)
		}
	})
}

// normalized returns a deep copy of r ready to encode (see JSON).
func normalized(r *diff.Result) *diff.Result {
	c := r.Clone()
	if c.Schema == "" {
		c.Schema = diff.Schema
	}
	c.Old.Sources = nonNil(c.Old.Sources)
	c.New.Sources = nonNil(c.New.Sources)
	for i := range c.Changes {
		ch := &c.Changes[i]
		ch.Old = nonNil(ch.Old)
		ch.New = nonNil(ch.New)
		ch.OldNumbers = nonNil(ch.OldNumbers)
		ch.NewNumbers = nonNil(ch.NewNumbers)
		ch.Edits = nonNil(ch.Edits)
		ch.Figures = nonNil(ch.Figures)
		ch.Sources.Old = nonNil(ch.Sources.Old)
		ch.Sources.New = nonNil(ch.Sources.New)
		ch.Similarity = diff.RoundSimilarity(ch.Similarity)
		if ch.Nearest != nil {
			ch.Nearest.Similarity = diff.RoundSimilarity(ch.Nearest.Similarity)
		}
	}
	c.Changes = nonNil(c.Changes)
	fixStrings(reflect.ValueOf(c).Elem())
	return c
}

// fixStrings replaces invalid UTF-8 in every string reachable from v (which
// must be settable: the copy, never the caller's Result), through structs,
// slices and pointers, so that fields added to diff.Result later are covered
// too.
func fixStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); !utf8.ValidString(s) {
			v.SetString(validUTF8(s))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fixStrings(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			fixStrings(v.Index(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			fixStrings(v.Elem())
		}
	}
}

// validUTF8 replaces each byte of invalid UTF-8 in s with U+FFFD, as
// SanitizeTerminal does.
func validUTF8(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r) // utf8.RuneError for an invalid byte
		i += size
	}
	return b.String()
}

// TestJSONLong covers an output many times the encoder's buffer: the same
// bytes as encoding/json, and a failing or short writer noticed wherever it
// fails.
func TestJSONLong(t *testing.T) {
	t.Parallel()
	r := bigResult(3000 / len(bigResult(1).Changes))
	checkReference(t, r)
	full := renderJSON(t, r)
	for _, n := range []int{0, 100, len(full) / 3, len(full) - 1} {
		if err := JSON(&failingWriter{n: n}, r); !errors.Is(err, errWrite) {
			t.Errorf("writer failing after %d of %d bytes: got %v, want %v", n, len(full), err, errWrite)
		}
	}
	if err := JSON(shortWriter{}, r); err == nil {
		t.Error("a short write was not reported")
	}
}

// failAfter accepts n bytes, then fails every write.
type failAfter struct {
	n   int
	got bytes.Buffer
}

var errFull = errors.New("disk full")

func (w *failAfter) Write(p []byte) (int, error) {
	if w.got.Len()+len(p) > w.n {
		return 0, errFull
	}
	return w.got.Write(p)
}

// TestJSONWriteError checks that a failing writer stops JSON, chunks of
// changes being encoded side by side, with the writer's error, having
// written a prefix of the whole output.
func TestJSONWriteError(t *testing.T) {
	t.Parallel()
	p, err := synth.Generate(synth.Config{Clauses: 600, Seed: 5, Rates: synth.DefaultRates()})
	if err != nil {
		t.Fatal(err)
	}
	r, err := diff.Compare(context.Background(), p.Old, p.New, diff.Options{Match: diff.MatchContent})
	if err != nil {
		t.Fatal(err)
	}
	whole := renderJSON(t, r)
	for _, n := range []int{0, 100, len(whole) / 3, len(whole) - 1} {
		w := &failAfter{n: n}
		if err := JSON(w, r); !errors.Is(err, errFull) {
			t.Errorf("writer full after %d of %d bytes: err %v, want %v", n, len(whole), err, errFull)
		}
		if !bytes.HasPrefix(whole, w.got.Bytes()) {
			t.Errorf("writer full after %d bytes: what was written is not a prefix of the output", n)
		}
	}
}
