package build

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// FuzzJSONString: strings are quoted exactly as encoding/json quotes them.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", `q"b\s`, "<a href='x'>&amp;</a>", "\x00\x01\b\f\n\r\t\x1f\x7f", "\u2028\u2029", "é漢字🙂", "\xff\xfe bad", "a\xc3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	})
}

// TestEncodeJSONAgrees: values of the shapes a spec holds encode as
// json.Marshal encodes them (the whole corpus is compared in TestCorpus).
func TestEncodeJSONAgrees(t *testing.T) {
	s := openapi3.NewObjectSchema()
	s.Description = "a <b> & c"
	s.Properties = openapi3.Schemas{
		"n":    &openapi3.SchemaRef{Value: openapi3.NewInt32Schema()},
		"r":    &openapi3.SchemaRef{Ref: "#/components/schemas/x"},
		"e":    &openapi3.SchemaRef{Value: openapi3.NewStringSchema().WithEnum("a", "b")},
		"nil":  nil,
		"list": &openapi3.SchemaRef{Value: openapi3.NewArraySchema().WithItems(openapi3.NewFloat64Schema())},
	}
	s.Extensions = map[string]any{"x-go-name": "N", "x-num": 1.5, "x-list": []any{1, "two", nil, true}}
	op := openapi3.NewOperation()
	op.Responses = openapi3.NewResponses(openapi3.WithStatus(200, &openapi3.ResponseRef{Value: openapi3.NewResponse().WithDescription("OK").WithJSONSchema(s)}))
	op.Responses.Value("200").Value.Content["application/json"].Examples = openapi3.Examples{"ex": &openapi3.ExampleRef{Value: openapi3.NewExample(map[string]any{"a": []any{1.25, "x", map[string]any{"b": nil}}})}}
	item := &openapi3.PathItem{Get: op}
	for _, v := range []any{s, item, op.Responses, openapi3.Schemas{"a": {Value: s}}} {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := encodeJSON(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%T:\n got %s\nwant %s", v, got, want)
		}
	}
}
