package build

import (
	"fmt"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/getkin/kin-openapi/openapi3"
)

// typeDef is everything the pages say about one named Graph type.
type typeDef struct {
	name  string // the component name: the Graph type name as first spelt with capitals
	where diag.Pos
	// enum is set for enumeration types, with their values in order.
	enum   []string
	isEnum bool
	props  []*propDef
	byName map[string]*propDef
}

// propDef is one property of a type, with where it was first described.
type propDef struct {
	name   string
	schema *openapi3.SchemaRef
	sig    string // a canonical description of the type, to spot contradictions
	where  diag.Pos
}

// typeFor returns the definition of a named type, creating it on first use.
// The component name keeps the spelling that has capitals in it, so
// "symanteccodesigningcertificate" and "symantecCodeSigningCertificate" are
// one schema named the readable way.
func (b *builder) typeFor(name string, where diag.Pos) *typeDef {
	name = stripNamespace(name)
	k := schemaKey(name)
	t := b.types[k]
	if t == nil {
		t = &typeDef{name: name, where: where, byName: map[string]*propDef{}}
		b.types[k] = t
	} else if t.name == strings.ToLower(t.name) && name != t.name {
		t.name = name
	}
	return t
}

// pageTypes records the types a method page describes: the request body
// type with its property table, and the returned type.
func (b *builder) pageTypes(p *page.Page) {
	if p.Body != nil {
		var t *typeDef
		if p.BodyType.Name != "" && typeNameRe.MatchString(stripNamespace(p.BodyType.Name)) {
			t = b.typeFor(p.BodyType.Name, p.Pos(p.BodyType.Off))
		} else {
			b.diags.Add(p.Pos(p.Body.Off), diag.Warning, "BODY_TYPE_UNKNOWN", "request body table does not say which type it describes; its properties are not recorded")
		}
		if t != nil {
			for _, row := range p.Body.Rows {
				b.addProperty(t, p, row)
			}
		}
	}
	if rt := p.Response.Type; rt.Name != "" && typeNameRe.MatchString(stripNamespace(rt.Name)) && primitiveSchema(rt.Name) == nil {
		b.typeFor(rt.Name, p.Pos(rt.Off))
	}
}

// addProperty merges one table row into a type. A property described again
// with a different type is a contradiction, reported at both places; the
// first description wins.
func (b *builder) addProperty(t *typeDef, p *page.Page, row page.Property) {
	s, sig := b.propertySchema(p, row)
	where := p.Pos(row.Type.Off)
	old := t.byName[row.Name.Value]
	if old == nil {
		pd := &propDef{name: row.Name.Value, schema: s, sig: sig, where: where}
		t.props = append(t.props, pd)
		t.byName[pd.name] = pd
		return
	}
	if compatible(old.sig, sig) {
		// An inline enum and a named enum with the same values are one
		// type; keep the named one.
		if strings.HasPrefix(sig, "$ref:") && !strings.HasPrefix(old.sig, "$ref:") {
			old.schema, old.sig = s, sig
		}
		return
	}
	d := diag.Diagnostic{Pos: where, Severity: diag.Warning, Code: "PROPERTY_TYPE_CONFLICT",
		Msg:     fmt.Sprintf("property %q of %q is %s here but %s where first described", row.Name.Value, t.name, sig, old.sig),
		Related: &old.where}
	b.diags = append(b.diags, d)
}

// compatible reports whether two type signatures describe the same type.
// An inline enumeration is compatible with a named enumeration with the
// same values ("enum:a,b" and "$ref:certificateStatus=enum:a,b").
func compatible(a, b string) bool {
	if a == b {
		return true
	}
	ea, eb := enumSig(a), enumSig(b)
	return ea != "" && ea == eb
}

func enumSig(s string) string {
	if i := strings.Index(s, "enum:"); i >= 0 {
		return s[i:]
	}
	return ""
}

// propertySchema maps a row's type cell to a schema and a signature.
func (b *builder) propertySchema(p *page.Page, row page.Property) (*openapi3.SchemaRef, string) {
	tr := row.Type
	name := strings.TrimSpace(tr.Name)
	var elem *openapi3.SchemaRef
	var sig string
	switch prim := primitiveSchema(name); {
	case prim != nil:
		elem = &openapi3.SchemaRef{Value: prim}
		sig = prim.Type.Slice()[0]
		if prim.Format != "" {
			sig += "/" + prim.Format
		}
	case strings.EqualFold(name, "Enumeration") || strings.EqualFold(name, "enum"):
		if len(row.Enum) == 0 {
			b.diags.Add(p.Pos(tr.Off), diag.Warning, "ENUM_NO_VALUES", "property %q is an enumeration but lists no values; typed as string", row.Name.Value)
			elem = &openapi3.SchemaRef{Value: openapi3.NewStringSchema()}
			sig = "string"
			break
		}
		elem = &openapi3.SchemaRef{Value: enumSchema(row.Enum)}
		sig = "enum:" + strings.Join(row.Enum, ",")
	case typeNameRe.MatchString(stripNamespace(name)):
		t := b.typeFor(name, p.Pos(tr.Off))
		if len(row.Enum) > 0 {
			t.addEnum(row.Enum)
			sig = "$ref:" + schemaKey(name) + "=enum:" + strings.Join(t.enum, ",")
		} else {
			sig = "$ref:" + schemaKey(name)
		}
		// The target is filled in by document(), once every page has
		// added what it knows about the type.
		elem = &openapi3.SchemaRef{Ref: ref(t.name)}
	default:
		b.diags.Add(p.Pos(tr.Off), diag.Warning, "PROPERTY_TYPE_UNKNOWN", "type %q of property %q is not a Graph type; left untyped", clip(tr.Raw), row.Name.Value)
		elem = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
		sig = "any"
	}
	if tr.Collection {
		arr := openapi3.NewArraySchema()
		arr.Items = elem
		return &openapi3.SchemaRef{Value: withFlags(arr, row)}, "array of " + sig
	}
	if elem.Ref != "" {
		// A nullable reference is written allOf: [$ref] with nullable, which
		// oapi-codegen turns into a plain pointer field.
		w := &openapi3.Schema{AllOf: openapi3.SchemaRefs{elem}}
		return &openapi3.SchemaRef{Value: withFlags(w, row)}, sig
	}
	return &openapi3.SchemaRef{Value: withFlags(elem.Value, row)}, sig
}

// withFlags applies what the description says: read-only, nullable.
func withFlags(s *openapi3.Schema, row page.Property) *openapi3.Schema {
	s.ReadOnly = row.ReadOnly
	// Graph properties are nullable unless the docs say otherwise, as in
	// the service metadata, where Nullable defaults to true.
	s.Nullable = !row.NotNullable && !row.Required
	if d := strings.TrimSpace(row.Description); d != "" {
		s.Description = d
	}
	return s
}

func enumSchema(vals []string) *openapi3.Schema {
	s := openapi3.NewStringSchema()
	for _, v := range vals {
		s.Enum = append(s.Enum, v)
	}
	return s
}

func (t *typeDef) addEnum(vals []string) {
	t.isEnum = true
	seen := map[string]bool{}
	for _, v := range t.enum {
		seen[v] = true
	}
	for _, v := range vals {
		if !seen[v] {
			seen[v] = true
			t.enum = append(t.enum, v)
		}
	}
}

// schema renders the type: a string enum, or an object whose properties
// include "@odata.type", which Graph payloads carry to name their type.
func (t *typeDef) schema() *openapi3.Schema {
	if t.isEnum {
		return enumSchema(t.enum)
	}
	s := openapi3.NewObjectSchema()
	s.Properties = openapi3.Schemas{
		"@odata.type": &openapi3.SchemaRef{Value: openapi3.NewStringSchema()},
	}
	for _, p := range t.props {
		s.Properties[p.name] = p.schema
	}
	return s
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}
