package assemble

import (
	"maps"
	"slices"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
)

// The components every Graph operation shares, named as in Microsoft's own
// OpenAPI description of Graph (msgraph-metadata): the error body, the
// bodies of $ref operations, and the collection pages.
const (
	errorResponse   = "error"
	odataError      = "ODataErrors.ODataError"
	mainError       = "ODataErrors.MainError"
	errorDetails    = "ODataErrors.ErrorDetails"
	innerError      = "ODataErrors.InnerError"
	referenceCreate = "ReferenceCreate"
	referenceUpdate = "ReferenceUpdate"
)

// fixedType returns a type whose schema is given rather than documented
// (ReferenceCreate), creating it on first use.
func (b *builder) fixedType(name string, s *openapi3.Schema) *typeDef {
	k := schemaKey(name)
	if t := b.types[k]; t != nil && t.fixed != nil {
		return t
	}
	t := &typeDef{name: name, defined: true, fixed: s, byName: map[string]*propDef{}}
	b.types[k] = t
	return t
}

// referenceType is the body of a $ref operation: the reference to add
// ({"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}).
func (b *builder) referenceType(method string) *typeDef {
	s := openapi3.NewObjectSchema()
	s.Properties = openapi3.Schemas{"@odata.id": {Value: openapi3.NewStringSchema()}}
	s.Required = []string{"@odata.id"}
	s.AdditionalProperties.Has = openapi3.Ptr(true)
	if method == "PUT" {
		s.Properties["@odata.type"] = &openapi3.SchemaRef{Value: openapi3.NewStringSchema().WithNullable()}
		return b.fixedType(referenceUpdate, s)
	}
	return b.fixedType(referenceCreate, s)
}

// collRef is a reference to the collection page of a type, named once the
// type's final name is known: userCollectionResponse, or for a delta
// function's page userDeltaResponse.
type collRef struct {
	sr    *openapi3.SchemaRef
	t     *typeDef
	ns    string
	delta bool
}

// resultSchema is the schema of a successful response body.
func (b *builder) resultSchema(r response) *openapi3.SchemaRef {
	switch {
	case r.prim != nil && r.coll:
		// "a String collection": {"value": ["a", "b"]}.
		name := primName(r.prim) + "CollectionResponse"
		t := b.fixedType(name, pageSchema(&openapi3.SchemaRef{Value: r.prim}, false))
		return b.refTo(t)
	case r.prim != nil:
		s := openapi3.NewObjectSchema()
		s.Properties = openapi3.Schemas{"value": {Value: r.prim}}
		return &openapi3.SchemaRef{Value: s}
	case r.coll:
		sr := &openapi3.SchemaRef{}
		b.collRefs = append(b.collRefs, collRef{sr: sr, t: r.t, ns: b.ns, delta: r.delta})
		return sr
	}
	return b.refTo(r.t)
}

// primName names a primitive schema for a component: String, Int32, …
func primName(s *openapi3.Schema) string {
	switch {
	case s.Type.Is("boolean"):
		return "Boolean"
	case s.Type.Is("integer") && s.Format == "int64":
		return "Int64"
	case s.Type.Is("integer"):
		return "Int32"
	case s.Type.Is("number"):
		return "Double"
	case s.Format == "date-time":
		return "DateTimeOffset"
	case s.Format == "uuid":
		return "Guid"
	}
	return "String"
}

// pageSchema is Graph's page of a collection: the items in value, the link
// to the next page, and the count when $count=true asked for it; a delta
// page ends a round with a deltaLink instead of a count.
func pageSchema(item *openapi3.SchemaRef, delta bool) *openapi3.Schema {
	arr := openapi3.NewArraySchema()
	arr.Items = item
	s := openapi3.NewObjectSchema()
	s.Properties = openapi3.Schemas{
		"value":           &openapi3.SchemaRef{Value: arr},
		"@odata.nextLink": &openapi3.SchemaRef{Value: openapi3.NewStringSchema().WithNullable()},
	}
	if delta {
		s.Properties["@odata.deltaLink"] = &openapi3.SchemaRef{Value: openapi3.NewStringSchema().WithNullable()}
	} else {
		cnt := openapi3.NewInt64Schema().WithNullable()
		s.Properties["@odata.count"] = &openapi3.SchemaRef{Value: cnt}
	}
	return s
}

// errorResponseRef refers to the shared Graph error response.
func (b *builder) errorResponseRef() *openapi3.ResponseRef {
	if b.errResp == nil {
		b.errResp = openapi3.NewResponse().WithDescription("error").
			WithJSONSchemaRef(&openapi3.SchemaRef{Ref: ref(odataError), Value: errorSchemas()[odataError]})
	}
	return &openapi3.ResponseRef{Ref: "#/components/responses/" + errorResponse, Value: b.errResp}
}

// errorSchemas is Graph's error body: {"error": {"code", "message",
// "target", "details": [...], "innerError": {"date", "request-id",
// "client-request-id"}}}.
func errorSchemas() map[string]*openapi3.Schema {
	str := func() *openapi3.SchemaRef { return &openapi3.SchemaRef{Value: openapi3.NewStringSchema()} }
	nstr := func() *openapi3.SchemaRef {
		return &openapi3.SchemaRef{Value: openapi3.NewStringSchema().WithNullable()}
	}
	details := openapi3.NewObjectSchema()
	details.Properties = openapi3.Schemas{"code": str(), "message": str(), "target": nstr()}
	details.Required = []string{"code", "message"}
	inner := openapi3.NewObjectSchema()
	date := openapi3.NewDateTimeSchema().WithNullable()
	inner.Properties = openapi3.Schemas{"date": {Value: date}, "request-id": nstr(), "client-request-id": nstr(), "@odata.type": str()}
	inner.AdditionalProperties.Has = openapi3.Ptr(true)
	mainErr := openapi3.NewObjectSchema()
	mainErr.Properties = openapi3.Schemas{
		"code":       str(),
		"message":    str(),
		"target":     nstr(),
		"details":    {Value: openapi3.NewArraySchema().WithItems(details)},
		"innerError": {Ref: ref(innerError), Value: inner},
	}
	mainErr.Properties["details"].Value.Items = &openapi3.SchemaRef{Ref: ref(errorDetails), Value: details}
	mainErr.Required = []string{"code", "message"}
	top := openapi3.NewObjectSchema()
	top.Properties = openapi3.Schemas{"error": {Ref: ref(mainError), Value: mainErr}}
	top.Required = []string{"error"}
	return map[string]*openapi3.Schema{odataError: top, mainError: mainErr, errorDetails: details, innerError: inner}
}

// addSharedComponents adds the error response and schemas, the collection
// pages and the OData query parameters the operations refer to.
func (b *builder) addSharedComponents(doc *openapi3.T) {
	if b.errResp != nil {
		errs := errorSchemas()
		for _, n := range slices.Sorted(maps.Keys(errs)) {
			doc.Components.Schemas[n] = &openapi3.SchemaRef{Value: errs[n]}
		}
		// One schema value per component: the response's reference points
		// at the schema in the document.
		b.errResp.Content.Get("application/json").Schema.Value = errs[odataError]
		doc.Components.Responses = openapi3.ResponseBodies{errorResponse: {Value: b.errResp}}
	}
	for _, c := range b.collRefs {
		t := b.resolve(c.t, c.ns)
		name := t.name + "CollectionResponse"
		if c.delta {
			name = t.name + "DeltaResponse"
		}
		comp := doc.Components.Schemas[name]
		if comp == nil {
			item := &openapi3.SchemaRef{Ref: ref(t.name)}
			if target := doc.Components.Schemas[t.name]; target != nil {
				item.Value = target.Value
			}
			comp = &openapi3.SchemaRef{Value: pageSchema(item, c.delta)}
			doc.Components.Schemas[name] = comp
		}
		c.sr.Ref, c.sr.Value = ref(name), comp.Value
	}
	if len(b.queryUsed) > 0 {
		doc.Components.Parameters = openapi3.ParametersMap{}
		for k := range b.queryUsed {
			doc.Components.Parameters[k] = &openapi3.ParameterRef{Value: odataParams[k]}
		}
	}
}

func sortStrings(s []string) { sort.Strings(s) }
