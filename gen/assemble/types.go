package assemble

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// primitives maps a Graph primitive type name, lower-cased and stripped of
// its "Edm." prefix, to the OpenAPI type and format it becomes.
var primitives = map[string][2]string{
	"string":         {"string", ""},
	"boolean":        {"boolean", ""},
	"bool":           {"boolean", ""},
	"int32":          {"integer", "int32"},
	"int":            {"integer", "int32"},
	"integer":        {"integer", "int32"},
	"int16":          {"integer", "int16"},
	"byte":           {"integer", "uint8"},
	"sbyte":          {"integer", "int8"},
	"int64":          {"integer", "int64"},
	"double":         {"number", "double"},
	"single":         {"number", "float"},
	"float":          {"number", "float"},
	"decimal":        {"number", "double"},
	"number":         {"number", "double"},
	"datetimeoffset": {"string", "date-time"},
	"datetime":       {"string", "date-time"},
	"date":           {"string", "date"},
	"timeofday":      {"string", "time"},
	"duration":       {"string", "duration"},
	"guid":           {"string", "uuid"},
	"binary":         {"string", "byte"},
	"stream":         {"string", "binary"},
	// Spellings of a few pages ("Timestamp", "Url"): Graph has no such
	// types, and the properties are DateTimeOffset and String.
	"timestamp": {"string", "date-time"},
	"url":       {"string", ""},
	// Json and Object hold any JSON value (workbook ranges put arrays in
	// them): an untyped schema.
	"json":   {"", ""},
	"object": {"", ""},
}

// stripNamespace removes the "Edm." and "microsoft.graph." prefixes, which
// the docs use inconsistently, and a leading "#".
func stripNamespace(name string) string {
	name = strings.TrimPrefix(strings.TrimSpace(name), "#")
	for _, p := range []string{"edm.", "microsoft.graph."} {
		if len(name) >= len(p) && strings.EqualFold(name[:len(p)], p) {
			name = name[len(p):]
		}
	}
	return name
}

// primitiveSchema returns the schema of a primitive type name, or nil if
// the name is not primitive.
func primitiveSchema(name string) *openapi3.Schema {
	tf, ok := primitives[strings.ToLower(stripNamespace(name))]
	if !ok {
		return nil
	}
	if tf[0] == "" {
		return &openapi3.Schema{}
	}
	return &openapi3.Schema{Type: &openapi3.Types{tf[0]}, Format: tf[1]}
}

// schemaKey is the case-insensitive identity of a named type: the docs spell
// the same type "symantecCodeSigningCertificate" and
// "symanteccodesigningcertificate".
func schemaKey(name string) string { return strings.ToLower(stripNamespace(name)) }

// ref returns a reference to a component schema.
func ref(name string) string { return "#/components/schemas/" + name }
