package render

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestJSONEnvelope(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		v    any
		want string
	}{
		{struct {
			Versions []string `json:"versions"`
			N        int      `json:"n"`
		}{[]string{"a<&>"}, 2}, "{\n  \"schema\": \"plandiff/list/v1\",\n  \"versions\": [\n    \"a<&>\"\n  ],\n  \"n\": 2\n}\n"},
		{struct{}{}, "{\n  \"schema\": \"plandiff/list/v1\"\n}\n"},
	} {
		var b bytes.Buffer
		if err := JSONEnvelope(&b, SchemaList, tc.v); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("got\n%s\nwant\n%s", b.String(), tc.want)
		}
		var m map[string]any
		if err := json.Unmarshal(b.Bytes(), &m); err != nil || m["schema"] != SchemaList {
			t.Errorf("not an object with the schema: %v %v", m, err)
		}
	}
	if err := JSONEnvelope(&bytes.Buffer{}, SchemaList, []int{1}); err == nil {
		t.Error("an array was wrapped")
	}
}
