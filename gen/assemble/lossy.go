package assemble

import (
	"encoding/base64"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/uuid"
)

// maxLossy bounds the findings gathered for one example.
const maxLossy = 100

// lossy lists what of an example value, valid for its schema, the Go
// types generated from the schema cannot keep: properties that no type of
// the value declares (a derived type's, when the schema is its base; a
// collection page where the schema is one item), and strings that their
// format's Go type cannot read (uuid, date-time, date, base64 for byte and binary, a
// duration without a leading "P"). Annotations ("@odata.type",
// "x@odata.context") are metadata, which no type keeps; a bind
// ("members@odata.bind") is data, which only a type that declares it keeps.
func lossy(v any, s *openapi3.Schema, path string, out []string) []string {
	if s == nil || len(out) >= maxLossy {
		return out
	}
	if len(s.OneOf) > 0 || len(s.AnyOf) > 0 {
		return out // a union keeps what its member keeps; not followed
	}
	switch x := v.(type) {
	case map[string]any:
		props, open := declared(s, map[string]*openapi3.SchemaRef{}, 0)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if len(out) >= maxLossy {
				break
			}
			p, ok := props[k]
			switch {
			case strings.Contains(k, "@") && !strings.HasSuffix(k, "@odata.bind"):
				// Metadata; a bind ("members@odata.bind") is data.
			case !ok && !open:
				why := "a property of no type here"
				if t, _ := x["@odata.type"].(string); t != "" {
					why = "a property of " + strings.TrimPrefix(strings.TrimPrefix(t, "#"), "microsoft.graph.") + ", which the type here does not declare"
				}
				out = append(out, fmt.Sprintf("%s/%s is %s", path, k, why))
			case ok && p != nil:
				out = lossy(x[k], p.Value, path+"/"+k, out)
			}
		}
	case []any:
		if s.Items != nil {
			for i, e := range x {
				if len(out) >= maxLossy {
					break
				}
				out = lossy(e, s.Items.Value, fmt.Sprintf("%s/%d", path, i), out)
			}
		}
	case string:
		bad := false
		switch s.Format {
		case "uuid":
			_, err := uuid.Parse(x)
			bad = err != nil
		case "byte", "binary":
			// Both are base64 in JSON to the generated types.
			_, err := base64.StdEncoding.DecodeString(x)
			bad = err != nil
		case "date-time":
			_, err := time.Parse(time.RFC3339Nano, x)
			bad = err != nil
		case "date":
			_, err := time.Parse(time.DateOnly, x)
			bad = err != nil
		case "duration":
			bad = !strings.HasPrefix(x, "P") // the runtime reads no negative one
		}
		if bad {
			out = append(out, fmt.Sprintf("%s: %q is no %s", path, clip(x), s.Format))
		}
	}
	return out
}

// declared gathers the properties of an object schema and of the schemas
// it combines with allOf; open is set when it takes any others.
func declared(s *openapi3.Schema, props map[string]*openapi3.SchemaRef, depth int) (map[string]*openapi3.SchemaRef, bool) {
	if s == nil || depth > 32 {
		return props, true
	}
	open := s.AdditionalProperties.Has != nil && *s.AdditionalProperties.Has || s.AdditionalProperties.Schema != nil ||
		len(s.OneOf) > 0 || len(s.AnyOf) > 0
	for k, p := range s.Properties {
		if _, ok := props[k]; !ok {
			props[k] = p
		}
	}
	for _, a := range s.AllOf {
		if a != nil {
			var o bool
			props, o = declared(a.Value, props, depth+1)
			open = open || o
		}
	}
	if len(s.Properties) == 0 && len(s.AllOf) == 0 && !s.Type.Is("object") {
		open = true // no object schema: nothing to say
	}
	return props, open
}
