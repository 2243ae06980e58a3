package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

type streamInner struct {
	A     string   `json:"a"`
	B     []int    `json:"b,omitempty"`
	C     *int     `json:"c,omitempty"`
	D     []string `json:"d"`
	Skip  string   `json:"-"`
	plain int
	Named float64
}

type streamEmbed struct {
	streamInner
	E string `json:"e"`
}

type streamOpts struct {
	N int  `json:"n,string"`
	Z bool `json:"z,omitempty"`
}

type ptrMarshaler struct{ v string }

func (p *ptrMarshaler) MarshalJSON() ([]byte, error) { return json.Marshal("ptr:" + p.v) }

type streamOuter struct {
	Title   string            `json:"title"`
	Empty   struct{}          `json:"empty"`
	AllOmit streamOpts        `json:"all_omit"`
	Rows    []*streamInner    `json:"rows"`
	Nil     []*streamInner    `json:"nil"`
	None    []streamInner     `json:"none"`
	Vals    []streamInner     `json:"vals"`
	Deep    [][][]int         `json:"deep"`
	Map     map[string]int    `json:"map"`
	Bytes   []byte            `json:"bytes"`
	Embed   streamEmbed       `json:"embed"`
	Mars    []ptrMarshaler    `json:"mars"`
	Any     any               `json:"any"`
	NilPtr  *streamInner      `json:"nil_ptr"`
	Omit    string            `json:"omit,omitempty"`
	Weird   string            `json:"we ird"`
	Nested  map[string][]bool `json:"nested,omitempty"`
}

// TestEncodeJSONStreamSame checks that the streaming EncodeJSON writes the
// bytes json.Encoder writes (indent "  ", no HTML escaping), the hidden
// controls aside, for every shape the walk handles or hands back.
func TestEncodeJSONStreamSame(t *testing.T) {
	one := 1
	full := streamOuter{
		Title: "a <b> & \"c\"\n\u2028",
		Rows:  []*streamInner{{A: "x", B: []int{1, 2}, C: &one, D: []string{}}, nil, {}},
		None:  []streamInner{},
		Vals:  []streamInner{{A: "y", Skip: "no", plain: 3, Named: 2.5}},
		Deep:  [][][]int{{{1}, {}, nil}, {}},
		Map:   map[string]int{"b": 2, "a": 1},
		Bytes: []byte("hi"),
		Embed: streamEmbed{streamInner: streamInner{A: "in"}, E: "e"},
		Mars:  []ptrMarshaler{{"m"}},
		Any:   map[string]any{"k": []any{1, "two", nil}},
		Weird: "w",
	}
	cases := []struct {
		name string
		v    any
	}{
		{"full", full},
		{"full pointer", &full},
		{"zero", streamOuter{}},
		{"nil", nil},
		{"string", "s"},
		{"slice", []int{1, 2, 3}},
		{"empty slice", []int{}},
		{"nil slice", []int(nil)},
		{"slice of slices", [][]string{{"a"}, {}, nil}},
		{"any slice", []any{full, 1, nil}},
		{"options", streamOpts{N: 3}},
		{"marshaler", &ptrMarshaler{"p"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(c.v); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := EncodeJSON(&got, c.v); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("got\n%s\nwant\n%s", got.String(), want.String())
			}
		})
	}
}

// TestEncodeJSONStreamEscapes checks that the hidden controls are escaped in
// streamed and in whole-encoded members alike.
func TestEncodeJSONStreamEscapes(t *testing.T) {
	v := streamOuter{Title: "a\u009bb", Rows: []*streamInner{{A: "c\u202ed"}}}
	var got bytes.Buffer
	if err := EncodeJSON(&got, v); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"a\u009bb"`, `"c\u202ed"`} {
		if !strings.Contains(got.String(), want) {
			t.Errorf("output lacks %s:\n%s", want, got.String())
		}
	}
	if strings.ContainsAny(got.String(), "\u009b\u202e") {
		t.Errorf("raw control in output:\n%s", got.String())
	}
}
