package assemble

import (
	"slices"
	"testing"
)

func TestJSONOutline(t *testing.T) {
	for _, c := range []struct {
		body  string
		keys  []string
		array bool
	}{
		{`{"id": "1", "name": "a \"b\" {c}", "n": {"x": [1, {"y": "]"}]}}`, []string{"id", "name", "n"}, false},
		{`{"@odata.context": "x", "value": [{"id": "1", "k": [2]}, {"other": 1}]}`, []string{"id", "k"}, true},
		{` {"@odata.nextLink": "https://x/?a=b", "@odata.count": 2, "value": []}`, nil, true},
		{`{"id": "1", "value": [1]}`, []string{"id", "value"}, false},
		// Lenient docs' JSON: placeholders are read as tokens, the outline
		// stops where the text stops being an object.
		{`{"id": "1", "name": <string>, "x": 1}`, []string{"id", "name", "x"}, false},
		{`{"id": "1", x: 1, "y": 2}`, []string{"id"}, false},
		{`{"a": 1,}`, []string{"a"}, false},
		{`["x"]`, nil, false},
		{``, nil, false},
	} {
		if got := exampleKeys(c.body); !slices.Equal(got, c.keys) {
			t.Errorf("exampleKeys(%s) = %q, want %q", c.body, got, c.keys)
		}
		if got := isValueArray(c.body); got != c.array {
			t.Errorf("isValueArray(%s) = %v, want %v", c.body, got, c.array)
		}
	}
	for body, want := range map[string]string{
		`{"@odata.context": "…Edm.Boolean", "value": true}`: "boolean",
		`{"value": "text"}`:          "string",
		`{"value": [-1.5, 2]}`:       "number",
		`{"value": {"id": "1"}}`:     "",
		`{"value": true, "id": "1"}`: "",
		`{"id": "1"}`:                "",
	} {
		s, _ := examplePrimitive(body)
		got := ""
		if s != nil {
			got = s.Type.Slice()[0]
		}
		if got != want {
			t.Errorf("examplePrimitive(%s) = %q, want %q", body, got, want)
		}
	}
}
