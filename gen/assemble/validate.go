package assemble

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// validateDoc is kin-openapi's Validate of doc, on a view whose operations
// reference component schemas without their content. kin-openapi validates
// a referenced schema again at every reference (thousands of times for
// entity), which made Validate the largest single cost of a build; the
// components are validated once each, as part of the document, so every
// schema is still checked. Examples are not checked again against their
// schemas: the build attaches only those that satisfy them.
func validateDoc(ctx context.Context, doc *openapi3.T) error {
	if doc.Paths == nil {
		return doc.Validate(ctx)
	}
	view := *doc
	view.Paths = openapi3.NewPaths()
	// A parameter or response that refers to a component is validated
	// there; every operation that refers to it shares one stub of it.
	refStubs := map[string]*openapi3.ResponseRef{}
	paramStubs := map[string]*openapi3.ParameterRef{}
	for path, item := range doc.Paths.Map() {
		it := *item
		it.Parameters = stubParams(item.Parameters, paramStubs)
		for method, op := range item.Operations() {
			o := *op
			o.Parameters = stubParams(op.Parameters, paramStubs)
			if rb := op.RequestBody; rb != nil && rb.Value != nil {
				v := *rb.Value
				v.Content = stubContent(v.Content)
				o.RequestBody = &openapi3.RequestBodyRef{Ref: rb.Ref, Value: &v}
			}
			if op.Responses != nil {
				rs := openapi3.NewResponses()
				rs.Delete("default")
				rs.Extensions = op.Responses.Extensions
				for code, r := range op.Responses.Map() {
					if r == nil || r.Value == nil {
						rs.Set(code, r)
						continue
					}
					if r.Ref != "" {
						stub := refStubs[r.Ref]
						if stub == nil {
							v := *r.Value
							v.Content = stubContent(v.Content)
							stub = &openapi3.ResponseRef{Ref: r.Ref, Value: &v}
							refStubs[r.Ref] = stub
						}
						rs.Set(code, stub)
						continue
					}
					v := *r.Value
					v.Content = stubContent(v.Content)
					rs.Set(code, &openapi3.ResponseRef{Ref: r.Ref, Value: &v})
				}
				o.Responses = rs
			}
			it.SetOperation(method, &o)
		}
		view.Paths.Set(path, &it)
	}
	if doc.Components != nil && len(doc.Components.Schemas) > 0 {
		// Each component schema is validated once, where it is defined:
		// kin-openapi validates a referenced schema again at every
		// reference, so a collection page would validate its item type's
		// whole tree once more.
		comps := *doc.Components
		comps.Schemas = make(openapi3.Schemas, len(doc.Components.Schemas))
		for name, sr := range doc.Components.Schemas {
			if sr == nil || sr.Ref != "" || sr.Value == nil {
				comps.Schemas[name] = sr
				continue
			}
			comps.Schemas[name] = stubSchema(sr)
		}
		view.Components = &comps
	}
	// The paths are validated on their own, and the operations' security
	// requirements checked here: kin-openapi's check of them builds a
	// string replacer for every path.
	paths := view.Paths
	view.Paths = openapi3.NewPaths()
	if err := view.Validate(ctx); err != nil {
		return err
	}
	if err := paths.Validate(ctx); err != nil {
		return &openapi3.SectionValidationError{Section: "paths", Cause: err}
	}
	return securityDeclared(doc)
}

// securityDeclared checks that every security requirement of doc names a
// declared security scheme.
func securityDeclared(doc *openapi3.T) error {
	var schemes openapi3.SecuritySchemes
	if doc.Components != nil {
		schemes = doc.Components.SecuritySchemes
	}
	check := func(where string, reqs *openapi3.SecurityRequirements) error {
		if reqs == nil {
			return nil
		}
		for _, req := range *reqs {
			for _, name := range slices.Sorted(maps.Keys(req)) {
				if _, ok := schemes[name]; !ok {
					return fmt.Errorf("security requirement of %s refers to undefined security scheme %q", where, name)
				}
			}
		}
		return nil
	}
	if err := check("the document", &doc.Security); err != nil {
		return err
	}
	for _, path := range slices.Sorted(maps.Keys(doc.Paths.Map())) {
		ops := doc.Paths.Value(path).Operations()
		for _, method := range slices.Sorted(maps.Keys(ops)) {
			if err := check(method+" "+path, ops[method].Security); err != nil {
				return err
			}
		}
	}
	return nil
}

// emptySchema stands for the content of a referenced component schema.
var emptySchema = &openapi3.Schema{}

func stubSchema(r *openapi3.SchemaRef) *openapi3.SchemaRef {
	if r == nil {
		return nil
	}
	if r.Ref != "" {
		return &openapi3.SchemaRef{Ref: r.Ref, Value: emptySchema}
	}
	if r.Value == nil {
		return r
	}
	s := *r.Value
	if len(s.Properties) > 0 {
		s.Properties = make(openapi3.Schemas, len(r.Value.Properties))
		for k, p := range r.Value.Properties {
			s.Properties[k] = stubSchema(p)
		}
	}
	s.Items = stubSchema(s.Items)
	s.Not = stubSchema(s.Not)
	s.AdditionalProperties.Schema = stubSchema(s.AdditionalProperties.Schema)
	s.AllOf = stubSchemas(s.AllOf)
	s.AnyOf = stubSchemas(s.AnyOf)
	s.OneOf = stubSchemas(s.OneOf)
	return &openapi3.SchemaRef{Value: &s}
}

func stubSchemas(l openapi3.SchemaRefs) openapi3.SchemaRefs {
	if l == nil {
		return nil
	}
	out := make(openapi3.SchemaRefs, len(l))
	for i, r := range l {
		out[i] = stubSchema(r)
	}
	return out
}

func stubContent(c openapi3.Content) openapi3.Content {
	if c == nil {
		return nil
	}
	out := make(openapi3.Content, len(c))
	for k, mt := range c {
		if mt == nil {
			out[k] = mt
			continue
		}
		m := *mt
		m.Schema = stubSchema(mt.Schema)
		m.Examples = nil
		m.Example = nil
		out[k] = &m
	}
	return out
}

func stubParams(ps openapi3.Parameters, shared map[string]*openapi3.ParameterRef) openapi3.Parameters {
	if ps == nil {
		return nil
	}
	out := make(openapi3.Parameters, len(ps))
	for i, p := range ps {
		if p == nil || p.Value == nil {
			out[i] = p
			continue
		}
		if p.Ref != "" {
			if s := shared[p.Ref]; s != nil {
				out[i] = s
				continue
			}
			v := *p.Value
			v.Schema = stubSchema(v.Schema)
			v.Content = stubContent(v.Content)
			shared[p.Ref] = &openapi3.ParameterRef{Ref: p.Ref, Value: &v}
			out[i] = shared[p.Ref]
			continue
		}
		v := *p.Value
		v.Schema = stubSchema(v.Schema)
		v.Content = stubContent(v.Content)
		out[i] = &openapi3.ParameterRef{Ref: p.Ref, Value: &v}
	}
	return out
}
