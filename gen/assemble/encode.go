package assemble

import (
	"encoding/json"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// kinPkg is the package whose types encodeJSON encodes through their
// MarshalYAML: each of their MarshalJSON methods is json.Marshal of what
// MarshalYAML returns, and calling it at every level made encoding/json
// compact the same bytes again at every level of the spec.
var kinPkg = reflect.TypeFor[openapi3.Schema]().PkgPath()

// yamlMarshaler is kin-openapi's MarshalYAML.
type yamlMarshaler interface {
	MarshalYAML() (any, error)
}

// encodeJSON appends what json.Marshal(v) gives, byte for byte, for the
// values a built spec holds; anything it does not know is handed to
// json.Marshal.
func encodeJSON(buf []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(buf, "null"...), nil
	case string:
		return appendJSONString(buf, x), nil
	case bool:
		return strconv.AppendBool(buf, x), nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		buf = append(buf, '{')
		for i, k := range keys {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendJSONString(buf, k)
			buf = append(buf, ':')
			var err error
			if buf, err = encodeJSON(buf, x[k]); err != nil {
				return nil, err
			}
		}
		return append(buf, '}'), nil
	case []any:
		return appendList(buf, x, encodeJSON)
	case []string:
		return appendList(buf, x, func(buf []byte, s string) ([]byte, error) { return appendJSONString(buf, s), nil })
	case float64:
		if !math.IsInf(x, 0) && !math.IsNaN(x) { // json.Marshal's error otherwise
			return appendJSONFloat(buf, x), nil
		}
	case *openapi3.SecurityRequirements:
		if x == nil {
			return append(buf, "null"...), nil
		}
		return appendList(buf, *x, func(buf []byte, req openapi3.SecurityRequirement) ([]byte, error) {
			if req == nil {
				return append(buf, "null"...), nil
			}
			buf = append(buf, '{')
			for i, name := range slices.Sorted(maps.Keys(req)) {
				if i > 0 {
					buf = append(buf, ',')
				}
				buf = append(appendJSONString(buf, name), ':')
				buf, _ = encodeJSON(buf, req[name])
			}
			return append(buf, '}'), nil
		})
	case *openapi3.SchemaRef:
		if x != nil && x.Ref == "" && x.Value != nil {
			return encodeSchema(buf, x.Value) // what its MarshalYAML gives
		}
		if x != nil && x.Ref != "" && len(x.Extensions) == 0 {
			return appendRef(buf, x.Ref), nil
		}
	case *openapi3.ParameterRef:
		// Every operation refers to the shared query options: a plain
		// reference is written as its MarshalYAML would, without its map.
		// (The specs written here are built, never loaded, so a reference
		// has no siblings to keep.)
		if x != nil && x.Ref != "" && len(x.Extensions) == 0 && x.Summary == nil && x.Description == nil {
			return appendRef(buf, x.Ref), nil
		}
	case *openapi3.ResponseRef:
		if x != nil && x.Ref != "" && len(x.Extensions) == 0 && x.Summary == nil && x.Description == nil {
			return appendRef(buf, x.Ref), nil
		}
	case *openapi3.Schema:
		if x != nil {
			return encodeSchema(buf, x)
		}
	}
	rv := reflect.ValueOf(v)
	t := rv.Type()
	if t.Kind() == reflect.Pointer && rv.IsNil() {
		return append(buf, "null"...), nil
	}
	if m, ok := v.(yamlMarshaler); ok && kinType(t) {
		y, err := m.MarshalYAML()
		if err != nil {
			return nil, err
		}
		return encodeJSON(buf, y)
	}
	if _, ok := v.(json.Marshaler); !ok && kinType(t) {
		switch t.Kind() {
		case reflect.Map:
			if t.Key().Kind() != reflect.String || rv.IsNil() {
				break
			}
			keys := make([]string, 0, rv.Len())
			for _, k := range rv.MapKeys() {
				keys = append(keys, k.String())
			}
			slices.Sort(keys)
			buf = append(buf, '{')
			for i, k := range keys {
				if i > 0 {
					buf = append(buf, ',')
				}
				buf = appendJSONString(buf, k)
				buf = append(buf, ':')
				var err error
				if buf, err = encodeJSON(buf, rv.MapIndex(reflect.ValueOf(k).Convert(t.Key())).Interface()); err != nil {
					return nil, err
				}
			}
			return append(buf, '}'), nil
		case reflect.Slice:
			if rv.IsNil() {
				return append(buf, "null"...), nil
			}
			elems := make([]any, rv.Len())
			for i := range elems {
				elems[i] = rv.Index(i).Interface()
			}
			return appendList(buf, elems, encodeJSON)
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(buf, b...), nil
}

// appendList encodes a slice as json.Marshal does: null when nil.
func appendList[T any](buf []byte, xs []T, enc func([]byte, T) ([]byte, error)) ([]byte, error) {
	if xs == nil {
		return append(buf, "null"...), nil
	}
	buf = append(buf, '[')
	for i, e := range xs {
		if i > 0 {
			buf = append(buf, ',')
		}
		var err error
		if buf, err = enc(buf, e); err != nil {
			return nil, err
		}
	}
	return append(buf, ']'), nil
}

// kinType reports whether t (or what it points to) is kin-openapi's.
func kinType(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.PkgPath() == kinPkg
}

// appendJSONFloat appends f as encoding/json writes a float64: the
// shortest representation, in exponent form only for very small or large
// magnitudes, with a one-digit negative exponent as "e-7", not "e-07".
func appendJSONFloat(buf []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	buf = strconv.AppendFloat(buf, f, format, -1, 64)
	if format == 'e' {
		if n := len(buf); n >= 4 && buf[n-4] == 'e' && buf[n-3] == '-' && buf[n-2] == '0' {
			buf[n-2] = buf[n-1]
			buf = buf[:n-1]
		}
	}
	return buf
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes it: HTML
// characters, U+2028 and U+2029 escaped, invalid UTF-8 as U+FFFD.
func appendJSONString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			case '\b':
				buf = append(buf, '\\', 'b')
			case '\f':
				buf = append(buf, '\\', 'f')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// schemaField is one key of a schema's JSON object: a keyword that is set,
// or an extension.
type schemaField struct {
	key string
	kw  keyword
}

type keyword uint8

const (
	kwExtension keyword = iota
	kwOneOf
	kwAnyOf
	kwAllOf
	kwNot
	kwType
	kwTitle
	kwFormat
	kwDescription
	kwEnum
	kwDefault
	kwExample
	kwNullable
	kwReadOnly
	kwWriteOnly
	kwDeprecated
	kwItems
	kwRequired
	kwProperties
	kwAdditionalProperties
)

// encodeSchema encodes a schema as its MarshalYAML map would be, without
// building the map: kin-openapi's sizes it for every keyword of JSON Schema,
// which made it the largest allocation of a corpus build. A schema that sets
// a keyword the builder never writes goes through MarshalYAML.
func encodeSchema(buf []byte, s *openapi3.Schema) ([]byte, error) {
	if !commonSchema(s) {
		y, err := s.MarshalYAML()
		if err != nil {
			return nil, err
		}
		return encodeJSON(buf, y)
	}
	var room [12]schemaField
	fields := room[:0]
	for k := range s.Extensions {
		fields = append(fields, schemaField{k, kwExtension})
	}
	set := func(ok bool, key string, kw keyword) {
		if ok {
			fields = append(fields, schemaField{key, kw})
		}
	}
	set(len(s.OneOf) != 0, "oneOf", kwOneOf)
	set(len(s.AnyOf) != 0, "anyOf", kwAnyOf)
	set(len(s.AllOf) != 0, "allOf", kwAllOf)
	set(s.Not != nil, "not", kwNot)
	set(!s.Type.IsEmpty(), "type", kwType)
	set(s.Title != "", "title", kwTitle)
	set(s.Format != "", "format", kwFormat)
	set(s.Description != "", "description", kwDescription)
	set(len(s.Enum) != 0, "enum", kwEnum)
	set(s.Default != nil, "default", kwDefault)
	set(s.Example != nil, "example", kwExample)
	set(s.Nullable, "nullable", kwNullable)
	set(s.ReadOnly, "readOnly", kwReadOnly)
	set(s.WriteOnly, "writeOnly", kwWriteOnly)
	set(s.Deprecated, "deprecated", kwDeprecated)
	set(s.Items != nil, "items", kwItems)
	set(len(s.Required) != 0, "required", kwRequired)
	set(len(s.Properties) != 0, "properties", kwProperties)
	set(s.AdditionalProperties.Has != nil || s.AdditionalProperties.Schema != nil, "additionalProperties", kwAdditionalProperties)
	slices.SortFunc(fields, func(a, b schemaField) int { return strings.Compare(a.key, b.key) })
	buf = append(buf, '{')
	for i, f := range fields {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendJSONString(buf, f.key)
		buf = append(buf, ':')
		var v any
		switch f.kw {
		case kwExtension:
			v = s.Extensions[f.key]
		case kwOneOf:
			v = s.OneOf
		case kwAnyOf:
			v = s.AnyOf
		case kwAllOf:
			v = s.AllOf
		case kwNot:
			v = s.Not
		case kwType:
			v = s.Type
		case kwTitle:
			buf = appendJSONString(buf, s.Title)
			continue
		case kwFormat:
			buf = appendJSONString(buf, s.Format)
			continue
		case kwDescription:
			buf = appendJSONString(buf, s.Description)
			continue
		case kwEnum:
			v = s.Enum
		case kwDefault:
			v = s.Default
		case kwExample:
			v = s.Example
		case kwNullable, kwReadOnly, kwWriteOnly, kwDeprecated:
			buf = append(buf, "true"...)
			continue
		case kwItems:
			v = s.Items
		case kwRequired:
			v = s.Required
		case kwProperties:
			v = s.Properties
		case kwAdditionalProperties:
			v = &s.AdditionalProperties
		}
		var err error
		if buf, err = encodeJSON(buf, v); err != nil {
			return nil, err
		}
	}
	return append(buf, '}'), nil
}

// commonSchema reports whether s sets only the keywords encodeSchema writes
// itself.
func commonSchema(s *openapi3.Schema) bool {
	rest := *s
	rest.Extensions, rest.Origin = nil, nil
	rest.OneOf, rest.AnyOf, rest.AllOf, rest.Not = nil, nil, nil, nil
	rest.Type, rest.Title, rest.Format, rest.Description = nil, "", "", ""
	rest.Enum, rest.Default, rest.Example = nil, nil, nil
	rest.Nullable, rest.ReadOnly, rest.WriteOnly, rest.Deprecated = false, false, false, false
	rest.Items, rest.Required, rest.Properties = nil, nil, nil
	rest.AdditionalProperties = openapi3.AdditionalProperties{}
	return reflect.ValueOf(&rest).Elem().IsZero()
}

// appendRef appends a plain reference object, {"$ref": ref}.
func appendRef(buf []byte, ref string) []byte {
	buf = append(buf, `{"$ref":`...)
	return append(appendJSONString(buf, ref), '}')
}
