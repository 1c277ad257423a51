package assemble

import (
	"fmt"
	"iter"
	"maps"
	"path"
	"slices"
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
	// defined is set once a resource or enum page documents the type, or
	// a body table lists its properties; ownPage only for the former.
	defined, ownPage bool
	// bodyOnly are the rows of method pages' body tables that name a
	// property the type's own page does not list. They are kept out of the
	// schema: they are a derived type's properties (a room's, in a table
	// for place), an action's parameters, or flattened nested ones. Those
	// that are not inherited either are reported when the schema is made.
	bodyOnly []bodyRow
	// base is the type this one derives from, rendered as allOf.
	base      *typeDef
	baseWhere diag.Pos
	// ns is the sub-namespace of the page that defined the type
	// ("callRecords"), where its bare references are looked up first.
	ns string
	// actionSig identifies the parameters of an action's body schema.
	actionSig string
	// links are the pages references to an undefined type link to; the
	// type those pages define is what the reference means when the link
	// text is a display name ("[Range](range.md)" for workbookRange).
	links []string
	// key names the key property; open is set for open types, which
	// carry properties beyond those declared.
	key  string
	open bool
	// fixed is the schema of a type that Graph's conventions give rather
	// than a page (ReferenceCreate, StringCollectionResponse).
	fixed *openapi3.Schema
	// alias points at the namespaced type ("callRecords.callRecord") that a
	// bare reference ("callRecord") turned out to mean.
	alias *typeDef
}

// final follows aliases to the type a reference really means.
func (t *typeDef) final() *typeDef {
	for i := 0; t.alias != nil && i < 8; i++ {
		t = t.alias
	}
	return t
}

// refTo returns a reference to a type's component schema. Its name is
// filled in by document(), when every page has had its say about the type's
// name and namespace.
func (b *builder) refTo(t *typeDef) *openapi3.SchemaRef {
	sr := &openapi3.SchemaRef{Ref: ref(t.name)}
	b.refs = append(b.refs, typeRef{sr, t, b.ns})
	return sr
}

// typeRef is a reference waiting for its type's final name, with the
// sub-namespace of the page it was written on.
type typeRef struct {
	sr *openapi3.SchemaRef
	t  *typeDef
	ns string
}

// resolve returns the type a reference written in namespace ns means: a
// bare name on a callRecords page means callRecords.x when that exists.
func (b *builder) resolve(t *typeDef, ns string) *typeDef {
	t = t.final()
	if ns != "" && !strings.Contains(t.name, ".") {
		if c := b.types[schemaKey(ns+"."+t.name)]; c != nil && c.defined {
			return c.final()
		}
	}
	return t
}

// subNamespace returns a page's namespace below microsoft.graph
// ("callRecords" for microsoft.graph.callRecords), or "".
func subNamespace(p *page.Page) string {
	ns := strings.TrimSpace(p.Namespace.Value)
	const root = "microsoft.graph"
	if len(ns) < len(root) || !strings.EqualFold(ns[:len(root)], root) {
		return ""
	}
	ns = strings.Trim(ns[len(root):], ". ")
	if !isTypeName(ns) {
		return ""
	}
	return ns
}

// addTypeDoc records a type as a resource or enum page documents it.
func (b *builder) addTypeDoc(p *page.Page, td page.TypeDoc) {
	if !isTypeName(stripNamespace(td.Name.Value)) {
		b.diags.Add(p.Pos(td.Name.Off), diag.Warning, "TYPE_NAME_INVALID", "type name %q is not an identifier; type skipped", clip(td.Name.Value))
		return
	}
	name := stripNamespace(td.Name.Value)
	if b.ns != "" && !strings.Contains(name, ".") {
		name = b.ns + "." + name
	}
	t := b.typeFor(name, p.Pos(td.Name.Off))
	if td.Name.Off == p.Types[0].Name.Off && !td.IsEnum || len(p.Types) == 1 {
		b.byFile[pageFile(p.Src.Name)] = t
	}
	if !t.defined {
		// The type's own page spells its name; references may not
		// ("[Calendar](calendar.md)").
		t.name = stripNamespace(name)
		t.where = p.Pos(td.Name.Off)
		t.ns = b.ns
	}
	t.defined, t.ownPage = true, true
	if td.IsEnum {
		vals := make([]string, len(td.Members))
		for i, m := range td.Members {
			vals[i] = m.Value
		}
		t.addEnum(vals)
		return
	}
	if td.Key.Value != "" && t.key == "" {
		t.key = td.Key.Value
	}
	t.open = t.open || td.OpenType
	if bn := td.BaseType.Value; bn != "" && isTypeName(stripNamespace(bn)) {
		base := b.typeFor(bn, p.Pos(td.BaseType.Off))
		if l := td.BaseLink; l != "" && !base.defined {
			base.links = append(base.links, l)
		}
		switch {
		case base == t:
		case t.base == nil:
			t.base, t.baseWhere = base, p.Pos(td.BaseType.Off)
		case t.base != base:
			b.diags = append(b.diags, diag.Diagnostic{Pos: p.Pos(td.BaseType.Off), Severity: diag.Warning, Code: "BASE_TYPE_CONFLICT",
				Msg:     fmt.Sprintf("%q derives from %q here but from %q where first described", t.name, base.name, t.base.name),
				Related: &t.baseWhere})
		}
	}
	for _, row := range td.Properties {
		b.addProperty(t, p, row)
	}
}

// bodyRow is a row of a method page's body table.
type bodyRow struct {
	page *page.Page
	row  page.Property
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
	name = graphCase(stripNamespace(name))
	k := schemaKey(name)
	t := b.types[k]
	if t == nil {
		t = &typeDef{name: name, where: where, byName: map[string]*propDef{}}
		b.types[k] = t
	} else if !t.defined && t.name == strings.ToLower(t.name) && name != t.name {
		t.name = name
	}
	return t
}

// pageTypes records the types a method page describes: the request body
// type with its property table, and the returned type.
func (b *builder) pageTypes(p *page.Page) {
	b.ns = subNamespace(p)
	for _, td := range p.Types {
		b.addTypeDoc(p, td)
	}
	// A body table of a named type adds what the type's own page lacks;
	// an action's parameter table becomes the operation's inline body.
	if p.Body != nil && !p.Body.Parameters && p.BodyType.Name != "" && isTypeName(stripNamespace(p.BodyType.Name)) {
		t := b.typeFor(p.BodyType.Name, p.Pos(p.BodyType.Off))
		if d := b.bodyTypeOf(p); d != t {
			t = d
		} else if l := p.BodyType.Link; l != "" && !t.defined {
			t.links = append(t.links, l)
		}
		t.defined = true
		for _, row := range p.Body.Rows {
			if t.ownPage && t.byName[row.Name.Value] == nil {
				t.bodyOnly = append(t.bodyOnly, bodyRow{p, row})
				continue
			}
			b.addProperty(t, p, row)
		}
	}
	if rt := p.Response.Type; rt.Name != "" && isTypeName(stripNamespace(rt.Name)) && primitiveSchema(rt.Name) == nil {
		t := b.typeFor(rt.Name, p.Pos(rt.Off))
		if rt.Link != "" && !t.defined {
			t.links = append(t.links, rt.Link)
		}
	}
}

// respellFromPaths gives a property written all in lower case in a table
// ("openshifts") the spelling of the request lines' path segment that is
// the same word ("/teams/{team-id}/schedule/openShifts"): the segment is
// the navigation property's name as clients send it.
func (b *builder) respellFromPaths() {
	spellings := map[string][]string{}
	for _, o := range b.ops {
		for seg := range strings.SplitSeq(o.path[1:], "/") {
			if isLiteral(seg) && seg[0] >= 'a' && seg[0] <= 'z' && seg != strings.ToLower(seg) {
				if k := strings.ToLower(seg); !slices.Contains(spellings[k], seg) {
					spellings[k] = append(spellings[k], seg)
				}
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b.types)) {
		t := b.types[k]
		for _, pd := range t.props {
			sp := spellings[pd.name]
			if len(sp) != 1 || t.byName[sp[0]] != nil {
				continue
			}
			b.diags.Add(pd.where, diag.Warning, "PROPERTY_NAME_RESPELT", "property %q of %q is spelt %q in the request lines; that spelling is used", pd.name, t.name, sp[0])
			delete(t.byName, pd.name)
			pd.name = sp[0]
			t.byName[pd.name] = pd
		}
	}
}

// collectionsFromPaths makes a navigation property that the docs type as
// one entity a collection where their own request lines key into it: below
// a path that returns one item of the property's owner, a key follows the
// property (/servicePrincipals/{servicePrincipal-id}/appRoleAssignedTo/
// {appRoleAssignment-id}), and the property's type is an entity: it or a
// base names a key, or a GET by key returns one. A GET that the Response section says returns a collection is no
// evidence: those sentences are as often wrong as the tables.
func (b *builder) collectionsFromPaths() {
	one := map[string]*typeDef{} // path → the type of the one item its GET returns
	byKey := map[*typeDef]bool{} // types a GET by key returns
	keys := slices.Sorted(maps.Keys(b.ops))
	for _, k := range keys {
		if o := b.ops[k]; o.method == "GET" && o.resp.t != nil && !o.resp.coll {
			t := o.resp.t.final()
			one[o.path] = t
			byKey[t] = byKey[t] || strings.HasSuffix(o.path, "}")
		}
	}
	for _, k := range keys {
		o := b.ops[k]
		segs := strings.Split(o.path, "/")
		for i := 2; i < len(segs); i++ {
			owner := one[strings.Join(segs[:i], "/")]
			if owner == nil || !isLiteral(segs[i]) {
				continue
			}
			if i+1 == len(segs) || !strings.HasPrefix(segs[i+1], "{") {
				continue
			}
			t, pd := b.propertyOf(owner, segs[i])
			if pd == nil || !strings.HasPrefix(pd.sig, "$ref:") || pd.schema.Value == nil || len(pd.schema.Value.AllOf) != 1 {
				continue
			}
			if target := b.types[strings.TrimPrefix(pd.sig, "$ref:")]; target == nil || !byKey[target.final()] && !b.isEntity(target) {
				continue
			}
			old := pd.schema.Value
			arr := openapi3.NewArraySchema()
			arr.Items = old.AllOf[0]
			arr.ReadOnly, arr.Nullable, arr.Description = old.ReadOnly, old.Nullable, old.Description
			pd.schema, pd.sig = &openapi3.SchemaRef{Value: arr}, "array of "+pd.sig
			b.diags.Add(pd.where, diag.Warning, "PROPERTY_MADE_COLLECTION", "property %q of %q is written as one item, but the request line %s %s keys into it; typed as a collection", pd.name, t.name, o.method, o.path)
		}
	}
}

// isEntity reports whether t or a base of t names a key property.
func (b *builder) isEntity(t *typeDef) bool {
	for a := range b.lineage(t) {
		if a.key != "" {
			return true
		}
	}
	return false
}

// propertyOf finds a property of t or of its bases, with the type that
// declares it.
func (b *builder) propertyOf(t *typeDef, name string) (*typeDef, *propDef) {
	for a := range b.lineage(t) {
		if pd := a.byName[name]; pd != nil {
			return a, pd
		}
	}
	return nil, nil
}

// lineage yields t and then its bases, nearest first, stopping at a cycle
// in the docs' inheritance.
func (b *builder) lineage(t *typeDef) iter.Seq[*typeDef] {
	return func(yield func(*typeDef) bool) {
		for i := 0; t != nil && i < 32; i++ {
			t = t.final()
			if !yield(t) || t.base == nil || t.base == t {
				return
			}
			t = b.resolve(t.base, t.ns)
		}
	}
}

// bodyTypeOf is the type of a method page's request body: the one its name
// says, or, when the name only describes it ("[Range](../resources/
// range.md)" for workbookRange), the type documented on the page the link
// points at. Resource pages are read first, so every such page is known.
func (b *builder) bodyTypeOf(p *page.Page) *typeDef {
	named := b.types[schemaKey(p.BodyType.Name)]
	// The link is the authority where its text is a display name
	// ("[message](chatmessage.md)" on a reply to a channel message).
	if l := p.BodyType.Link; l != "" {
		if d := b.byFile[pageFile(l)]; d != nil && d.ownPage && !d.isEnum {
			return d
		}
	}
	return named
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
		sig = "any"
		if prim.Type != nil {
			sig = prim.Type.Slice()[0]
		}
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
	case isTypeName(stripNamespace(name)):
		if len(row.Enum) > 0 && b.ns != "" && !strings.Contains(stripNamespace(name), ".") {
			// The row defines the enumeration, in the page's namespace.
			name = b.ns + "." + stripNamespace(name)
		}
		t := b.typeFor(name, p.Pos(tr.Off))
		if tr.Link != "" && !t.defined {
			t.links = append(t.links, tr.Link)
		}
		if len(row.Enum) > 0 {
			t.defined = true
			t.addEnum(row.Enum)
			sig = "$ref:" + schemaKey(name) + "=enum:" + strings.Join(t.enum, ",")
		} else {
			sig = "$ref:" + schemaKey(name)
		}
		elem = b.refTo(t)
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

// schema renders the type: a string enum, or an object. A root object type
// has "@odata.type", which Graph payloads carry to name their type; a
// derived type is allOf its base and the properties it adds, leaving out
// those the docs repeat from an ancestor ("Inherited from …" rows).
func (b *builder) schema(t *typeDef) *openapi3.Schema {
	if t.fixed != nil {
		return t.fixed
	}
	if t.isEnum {
		return enumSchema(t.enum)
	}
	s := openapi3.NewObjectSchema()
	s.Properties = openapi3.Schemas{}
	inherited := map[string]bool{}
	base := t.base
	if base != nil {
		base = b.resolve(base, t.ns)
	}
	for a := range b.lineage(base) {
		if a == t {
			break // a cycle in the docs' inheritance; stop at it
		}
		for _, p := range a.props {
			inherited[p.name] = true
		}
		if a.base == nil {
			inherited["@odata.type"] = true
		}
	}
	if base == nil || base == t || base.isEnum {
		s.Properties["@odata.type"] = &openapi3.SchemaRef{Value: openapi3.NewStringSchema()}
	}
	for _, p := range t.props {
		switch {
		case inherited[p.name]:
		case p.name == t.key && p.schema.Value != nil && p.schema.Value.Nullable:
			// A key is never null (the service metadata says so of every
			// key property).
			k := *p.schema.Value
			k.Nullable = false
			s.Properties[p.name] = &openapi3.SchemaRef{Value: &k}
		default:
			s.Properties[p.name] = p.schema
		}
	}
	if t.open || !t.defined && len(t.props) == 0 {
		// An open type carries properties beyond those declared; a type
		// no page documents is open, so that what is sent is kept.
		s.AdditionalProperties.Has = openapi3.Ptr(true)
	}
	for _, r := range t.bodyOnly {
		if name := r.row.Name.Value; !inherited[name] {
			b.diags.Add(r.page.Pos(r.row.Name.Off), diag.Warning, "BODY_PROPERTY_NOT_IN_TYPE",
				"request body property %q is neither on the page of %q nor inherited; left out of the schema", clip(name), t.name)
		}
	}
	if base == nil || base == t || base.isEnum {
		return s
	}
	ns := b.ns
	b.ns = "" // base is resolved already
	r := b.refTo(base)
	b.ns = ns
	return &openapi3.Schema{AllOf: openapi3.SchemaRefs{r, {Value: s}}}
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// pageFile is the key a page is linked by: its file name, lower-cased,
// without folder or extension.
func pageFile(name string) string {
	name = strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	if i := strings.IndexByte(name, '#'); i >= 0 {
		name = name[:i]
	}
	return strings.TrimSuffix(name, ".md")
}

// graphCase lower-cases the first letter of a type name's last part, as
// Graph's type names are ("[PhysicalAddress](…)" names physicalAddress),
// keeping acronyms ("IPv6Range") whole.
func graphCase(name string) string {
	i := strings.LastIndexByte(name, '.') + 1
	last := name[i:]
	if len(last) < 2 || last[0] < 'A' || last[0] > 'Z' || last[1] >= 'A' && last[1] <= 'Z' {
		return name
	}
	return name[:i] + string(last[0]+'a'-'A') + last[1:]
}
