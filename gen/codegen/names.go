package codegen

import (
	"fmt"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

// Some name clashes pass oapi-codegen and only fail `go build`: two
// properties whose Go field names coincide ("queryString" and
// "query_string" both become QueryString), and an enum constant that
// equals a type name (enum "color" with value "Type" gives ColorType, the
// name of schema "colorType"). resolveGoNames finds them with oapi-codegen's
// own naming functions and renames one side through the extensions
// oapi-codegen honours (x-go-name, x-enum-varnames). It runs on the copy of
// the spec handed to oapi-codegen, so the published spec stays as built.
func resolveGoNames(spec *openapi3.T) []string {
	if spec.Components == nil {
		return nil
	}
	var notes []string
	names := make([]string, 0, len(spec.Components.Schemas))
	for n := range spec.Components.Schemas {
		names = append(names, n)
	}
	sort.Strings(names)
	typeNames := map[string]string{}
	for _, n := range names {
		typeNames[codegen.SchemaNameToTypeName(n)] = n
	}
	for _, n := range names {
		s := spec.Components.Schemas[n].Value
		if s == nil {
			continue
		}
		notes = append(notes, resolveFields(n, s)...)
		if len(s.Enum) > 0 {
			notes = append(notes, resolveEnum(n, s, typeNames)...)
		}
	}
	return notes
}

// resolveFields renames properties whose Go field names collide, within a
// schema and across the parts of its allOf, which oapi-codegen merges.
func resolveFields(name string, s *openapi3.Schema) []string {
	type field struct {
		json   string
		schema *openapi3.Schema
	}
	var fields []field
	collect := func(s *openapi3.Schema) {
		keys := make([]string, 0, len(s.Properties))
		for k := range s.Properties {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if p := s.Properties[k]; p != nil && p.Value != nil {
				fields = append(fields, field{k, p.Value})
			}
		}
	}
	for _, part := range s.AllOf {
		if part.Value != nil {
			collect(part.Value)
		}
	}
	collect(s)
	var notes []string
	used := map[string]string{}
	for _, f := range fields {
		goName := codegen.SchemaNameToTypeName(f.json)
		if ext, ok := f.schema.Extensions["x-go-name"].(string); ok {
			goName = codegen.SchemaNameToTypeName(ext)
		}
		other, clash := used[goName]
		if !clash || other == f.json {
			used[goName] = f.json
			continue
		}
		alt := goName
		for i := 2; used[alt] != ""; i++ {
			alt = fmt.Sprintf("%s%d", goName, i)
		}
		if f.schema.Extensions == nil {
			f.schema.Extensions = map[string]any{}
		}
		f.schema.Extensions["x-go-name"] = alt
		used[alt] = f.json
		notes = append(notes, fmt.Sprintf("schema %q: properties %q and %q both make Go field %s; %q becomes %s", name, other, f.json, goName, f.json, alt))
	}
	return notes
}

// resolveEnum names the constants of an enum whose prefixed constant
// would equal a type name.
func resolveEnum(name string, s *openapi3.Schema, typeNames map[string]string) []string {
	typeName := codegen.SchemaNameToTypeName(name)
	var notes []string
	varNames := make([]any, len(s.Enum))
	clashed := false
	for i, v := range s.Enum {
		str, ok := v.(string)
		if !ok {
			return nil
		}
		varNames[i] = str
		c := typeName + codegen.UppercaseFirstCharacter(codegen.SanitizeGoIdentity(codegen.SchemaNameToTypeName(str)))
		if other, ok := typeNames[c]; ok {
			varNames[i] = str + "Value"
			clashed = true
			notes = append(notes, fmt.Sprintf("enum %q: constant %s for value %q is the name of schema %q; named %sValue", name, c, str, other, c))
		}
	}
	if clashed {
		if s.Extensions == nil {
			s.Extensions = map[string]any{}
		}
		s.Extensions["x-enum-varnames"] = varNames
	}
	return notes
}
