package assemble

import (
	"bytes"
	"encoding/json"
	"math"
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

func FuzzJSONFloat(f *testing.F) {
	for _, x := range []float64{0, 1, -2.5, 1e-6, 1e-7, 1e21, 1e20, 3.14159, 5e-324} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		want, err := json.Marshal(x)
		got, gerr := encodeJSON(nil, x)
		if (err == nil) != (gerr == nil) || !bytes.Equal(got, want) {
			t.Errorf("%v: got %s (%v), want %s (%v)", x, got, gerr, want, err)
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
	// Every keyword encodeSchema writes itself, with extensions sorting
	// among them, and schemas it hands to MarshalYAML.
	yes := true
	every := &openapi3.Schema{
		Extensions:           map[string]any{"x-b": "b", "nullablf": 1, "a": nil},
		OneOf:                openapi3.SchemaRefs{{Value: openapi3.NewBoolSchema()}},
		AnyOf:                openapi3.SchemaRefs{{Ref: "#/components/schemas/y"}},
		AllOf:                openapi3.SchemaRefs{{Value: s}},
		Not:                  &openapi3.SchemaRef{Value: openapi3.NewStringSchema()},
		Type:                 &openapi3.Types{"string", "null"},
		Title:                "T",
		Format:               "date-time",
		Description:          "\u2028 \"q\"",
		Enum:                 []any{"a", 1.0, nil},
		Default:              map[string]any{"k": []any{}},
		Example:              "ex",
		Nullable:             true,
		ReadOnly:             true,
		WriteOnly:            true,
		Deprecated:           true,
		Items:                &openapi3.SchemaRef{Value: openapi3.NewInt64Schema()},
		Required:             []string{"b", "a"},
		Properties:           openapi3.Schemas{"p": {Value: openapi3.NewStringSchema()}},
		AdditionalProperties: openapi3.AdditionalProperties{Has: &yes},
	}
	rare := openapi3.NewStringSchema().WithPattern("^a$").WithMaxLength(3)
	rare.Description = "d"
	always := &openapi3.Schema{Always: &yes}
	bare := &openapi3.Schema{AdditionalProperties: openapi3.AdditionalProperties{Schema: &openapi3.SchemaRef{Value: rare}}}
	sec := openapi3.NewSecurityRequirements().With(openapi3.SecurityRequirement{"b": {"x", "y"}, "a": {}, "c": nil})
	var noSec *openapi3.SecurityRequirements
	numbers := []any{0.0, math.Copysign(0, -1), 1.0, -1.5, 1e-6, 9.99e-7, 1e-7, 1.5e-10, 1e20, 1e21, 1.7976931348623157e308, 123456789.125, 0.1, 5e-324}
	for _, v := range []any{s, item, op.Responses, openapi3.Schemas{"a": {Value: s}}, every, rare, always, bare, &openapi3.Schema{}, sec, noSec, &openapi3.SecurityRequirements{nil}, numbers} {
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
