package render

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

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
    "moved": 0
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

// TestCloneIsDeep checks that the normalised copy shares nothing with the
// input: changing any slice or delta of the copy leaves the input alone.
func TestCloneIsDeep(t *testing.T) {
	t.Parallel()
	r := allKinds()
	before := allKinds()
	c := clone(r)
	c.Old.Sources[0].Outlet = "x"
	c.New.Sources[0].Outlet = "x"
	for i := range c.Changes {
		ch := &c.Changes[i]
		for _, s := range [][]string{ch.Old, ch.New, ch.OldNumbers, ch.NewNumbers, ch.Sources.Old, ch.Sources.New, ch.OldNotes, ch.NewNotes} {
			if len(s) > 0 {
				s[0] = "x"
			}
		}
		if len(ch.Edits) > 0 {
			ch.Edits[0] = words.Edit{Op: words.OpInsert, Text: "x"}
		}
		if len(ch.Figures) > 0 {
			ch.Figures[0].Old = "x"
		}
		for _, d := range []*diff.Delta{ch.Confidence, ch.ProposedBy, ch.Status} {
			if d != nil {
				d.Old = "x"
			}
		}
		ch.Kind = "x"
	}
	if !reflect.DeepEqual(r, before) {
		t.Error("changing the clone changed the original")
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
