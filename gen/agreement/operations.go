package agreement

import (
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Operations is the agreement of the spec's operations with the model's
// request builders, for each method and path both have (paths are matched
// as ComparePaths matches them, without walking below the model's paths).
type Operations struct {
	// Ours counts the spec's operations; Compared those the model has.
	Ours, Compared int
	// Bodies counts the compared operations where either side sends a
	// body; BodiesAgreed those where the shapes agree (see agree).
	// ActionBodies counts those where both send an action's parameters,
	// ActionNamed those of them whose names agree (ours sendMailRequestBody,
	// the model's ItemSendMailPostRequestBody).
	Bodies, BodiesAgreed      int
	ActionBodies, ActionNamed int
	Results, ResultsAgreed    int // the same for the result
	// Queries counts the compared GETs; QueriesCovered those where our
	// "$" options include all the model's, QueriesExact those where they
	// are the same.
	Queries, QueriesCovered, QueriesExact int
	// Errors counts the compared operations the model maps errors for;
	// ErrorsAgreed those where we have 4XX and 5XX responses, or a default.
	Errors, ErrorsAgreed int
	// CollectionGets counts our GETs (all, compared or not) whose result
	// is a collection; CollectionGetsQueried those of them taking $top,
	// $filter or $select.
	CollectionGets, CollectionGetsQueried int
	// The disagreements, "METHOD path: ours vs model's", sorted.
	BodyDiffs, ResultDiffs, QueryDiffs, ErrorDiffs []string
}

// ourOp is what the spec says about an operation: Body and Result list
// alternatives (anyOf, oneOf), one of which has to agree.
type ourOp struct {
	Body, Result []Shape
	Query        []string // "$" options only
	Errors       bool
}

// CompareOperations compares the operations of doc with m's. Shapes are
// read from the spec as follows:
//
//   - a body is the schema of requestBody's content, each media type an
//     alternative; a $ref to a component is that component's lower-cased
//     name ("callRecords.callRecord" stays dotted); anyOf and oneOf give
//     alternatives; an array is a collection of its items;
//   - ReferenceCreate, ReferenceUpdate and any object whose only
//     property besides "@odata." annotations is "@odata.id" are
//     "reference";
//   - a component whose name ends in "RequestBody", or an inline object
//     with properties, is an action's parameters ("actionbody:<name>");
//   - an object whose only property besides "@odata." annotations is a
//     "value" array (userCollectionResponse, a delta response) is a
//     collection of the array's items; a single "value" of a schema
//     named "…Response", or inline, is that value;
//   - content that is not JSON is a stream, unless its schema is a
//     non-binary primitive ("text/plain" integer of $count);
//   - the result is the content of the lowest 2XX response that has
//     content; none when no 2XX response has.
//
// Two shapes agree when both or neither are collections and the types are
// the same (case aside), both are action parameters, one type is a base
// of the other in the model, or ours is a reference where the model has a
// string (a $ref GET's result, which the SDK reads as the "@odata.id"
// string).
func CompareOperations(doc *openapi3.T, m *Model) Operations {
	var r Operations
	c := opComparer{schemas: openapi3.Schemas{}, m: m}
	if doc.Components != nil {
		c.schemas = doc.Components.Schemas
	}
	methods := []string{http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete}
	for _, p := range slices.Sorted(maps.Keys(doc.Paths.Map())) {
		item := doc.Paths.Value(p)
		mp := ""
		for _, method := range methods {
			op := item.GetOperation(method)
			if op == nil {
				continue
			}
			r.Ours++
			ours := c.ourOp(item, op)
			if method == http.MethodGet && slices.ContainsFunc(ours.Result, func(s Shape) bool { return s.Collection }) {
				r.CollectionGets++
				if slices.ContainsFunc(ours.Query, func(q string) bool { return q == "$top" || q == "$filter" || q == "$select" }) {
					r.CollectionGetsQueried++
				}
			}
			if mp == "" {
				if mp = m.modelPath(p); mp == "" {
					mp = "-"
				}
			}
			theirs := m.Ops[method+" "+mp]
			if theirs == nil {
				continue
			}
			r.Compared++
			c.compare(&r, method+" "+p, ours, theirs)
		}
	}
	for _, l := range [][]string{r.BodyDiffs, r.ResultDiffs, r.QueryDiffs, r.ErrorDiffs} {
		slices.Sort(l)
	}
	return r
}

func (c *opComparer) compare(r *Operations, name string, ours ourOp, theirs *Op) {
	if len(ours.Body) > 0 || theirs.Body.Type != "" {
		r.Bodies++
		if c.agreeAny(ours.Body, theirs.Body) {
			r.BodiesAgreed++
		} else {
			r.BodyDiffs = append(r.BodyDiffs, name+": "+shapes(ours.Body)+" vs "+theirs.Body.String())
		}
		if t, ok := strings.CutPrefix(theirs.Body.Type, "actionbody:"); ok {
			for _, o := range ours.Body {
				if n, ok := strings.CutPrefix(o.Type, "actionbody:"); ok {
					r.ActionBodies++
					if actionNamed(n, t) {
						r.ActionNamed++
					}
					break
				}
			}
		}
	}
	if len(ours.Result) > 0 || theirs.Result.Type != "" {
		r.Results++
		if c.agreeAny(ours.Result, theirs.Result) {
			r.ResultsAgreed++
		} else {
			r.ResultDiffs = append(r.ResultDiffs, name+": "+shapes(ours.Result)+" vs "+theirs.Result.String())
		}
	}
	if strings.HasPrefix(name, "GET ") {
		r.Queries++
		var want, lack, extra []string
		for _, q := range theirs.Query {
			if strings.HasPrefix(q, "$") {
				want = append(want, q)
				if !slices.Contains(ours.Query, q) {
					lack = append(lack, q)
				}
			}
		}
		for _, q := range ours.Query {
			if !slices.Contains(want, q) {
				extra = append(extra, q)
			}
		}
		if len(lack) == 0 {
			r.QueriesCovered++
			if len(extra) == 0 {
				r.QueriesExact++
			}
		}
		if len(lack)+len(extra) > 0 {
			d := name + ":"
			if len(lack) > 0 {
				d += " lacks " + strings.Join(lack, ",")
			}
			if len(extra) > 0 {
				d += " extra " + strings.Join(extra, ",")
			}
			r.QueryDiffs = append(r.QueryDiffs, d)
		}
	}
	if theirs.Errors {
		r.Errors++
		if ours.Errors {
			r.ErrorsAgreed++
		} else {
			r.ErrorDiffs = append(r.ErrorDiffs, name)
		}
	}
}

// actionNamed reports whether our name of an action's parameters names
// the model's, which is its package and the path's other segments ("Item"
// for each key), the method and "RequestBody"
// ("users.itemmessagesitemforwardpostrequestbody"): without the method
// and "RequestBody", it ends with the last of our name's "_"-separated
// parts ("messages_forwardrequestbody", "sendmailrequestbody") and has the
// others before, in order.
func actionNamed(ours, theirs string) bool {
	ours = strings.TrimSuffix(ours, "requestbody")
	theirs = strings.ReplaceAll(strings.TrimSuffix(theirs, "requestbody"), ".", "")
	for _, m := range []string{"post", "put", "patch"} {
		theirs = strings.TrimSuffix(theirs, m)
	}
	parts := strings.Split(ours, "_")
	last := parts[len(parts)-1]
	if last == "" || !strings.HasSuffix(theirs, last) {
		return false
	}
	theirs = strings.TrimSuffix(theirs, last)
	for _, p := range parts[:len(parts)-1] {
		i := strings.Index(theirs, p)
		if i < 0 {
			return false
		}
		theirs = theirs[i+len(p):]
	}
	return true
}

func shapes(l []Shape) string {
	if len(l) == 0 {
		return "none"
	}
	s := make([]string, len(l))
	for i, x := range l {
		s[i] = x.String()
	}
	return strings.Join(s, "|")
}

type opComparer struct {
	schemas openapi3.Schemas
	m       *Model
}

func (c *opComparer) agreeAny(ours []Shape, theirs Shape) bool {
	if len(ours) == 0 {
		return theirs.Type == ""
	}
	for _, o := range ours {
		if c.agree(o, theirs) {
			return true
		}
	}
	return false
}

func (c *opComparer) agree(o, t Shape) bool {
	if o.Collection != t.Collection {
		return false
	}
	a, b := strings.ReplaceAll(strings.ToLower(o.Type), "/", "."), strings.ReplaceAll(strings.ToLower(t.Type), "/", ".")
	switch {
	case a == b:
		return true
	case strings.HasPrefix(a, "actionbody:") && strings.HasPrefix(b, "actionbody:"):
		return true
	case a == "reference" && b == "string":
		// The model reads a $ref GET's {"@odata.id": ...} as its string.
		return true
	}
	return c.m.derives(a, b) || c.m.derives(b, a)
}

// derives reports whether type key a has b among its bases.
func (m *Model) derives(a, b string) bool {
	for i := 0; a != "" && i < 32; i++ {
		t := m.Types[a]
		if t == nil {
			return false
		}
		if a = t.Base; a == b {
			return true
		}
	}
	return false
}

func (c *opComparer) ourOp(item *openapi3.PathItem, op *openapi3.Operation) ourOp {
	var o ourOp
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		o.Body = c.contentShapes(op.RequestBody.Value.Content)
	}
	if op.Responses != nil {
		rs := op.Responses.Map()
		for _, code := range slices.Sorted(maps.Keys(rs)) {
			resp := rs[code]
			if len(code) == 3 && code[0] == '2' && resp != nil && resp.Value != nil && len(resp.Value.Content) > 0 {
				o.Result = c.contentShapes(resp.Value.Content)
				break
			}
		}
		has := func(code string) bool { return rs[code] != nil || rs[strings.ToLower(code)] != nil }
		o.Errors = has("4XX") && has("5XX") || has("default")
	}
	for _, params := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, p := range params {
			if p != nil && p.Value != nil && p.Value.In == openapi3.ParameterInQuery && strings.HasPrefix(p.Value.Name, "$") && !slices.Contains(o.Query, p.Value.Name) {
				o.Query = append(o.Query, p.Value.Name)
			}
		}
	}
	slices.Sort(o.Query)
	return o
}

// contentShapes reads a body's content, each media type an alternative:
// JSON by its schema, anything else as a stream unless its schema is a
// non-binary primitive.
func (c *opComparer) contentShapes(content openapi3.Content) []Shape {
	var out []Shape
	for _, kind := range slices.Sorted(maps.Keys(content)) {
		mt := content[kind]
		if mt == nil {
			continue
		}
		var add []Shape
		if s := mt.Schema; strings.Contains(kind, "json") || s != nil && s.Ref == "" && s.Value != nil && s.Value.Type != nil &&
			!s.Value.Type.Is("string") && !s.Value.Type.Is("object") && !s.Value.Type.Is("array") {
			add = c.schemaShapes(mt.Schema, 0)
		} else {
			add = []Shape{{Type: "stream"}}
		}
		for _, a := range add {
			if !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
	}
	return out
}

// schemaShapes reads a body's schema as the shapes it may have.
func (c *opComparer) schemaShapes(sr *openapi3.SchemaRef, depth int) []Shape {
	if sr == nil || depth > 16 {
		return []Shape{{Type: "any"}}
	}
	if sr.Ref != "" {
		name := refName(sr.Ref)
		key := strings.ToLower(name)
		if key == "referencecreate" || key == "referenceupdate" {
			return []Shape{{Type: "reference"}}
		}
		props := map[string]*openapi3.SchemaRef{}
		flatten(c.schemas, name, props, 0)
		if s := c.wrapped(props, strings.HasSuffix(key, "response"), depth); s != nil {
			return s
		}
		switch {
		case strings.HasSuffix(key, "requestbody"):
			return []Shape{{Type: "actionbody:" + key}}
		case isReference(props):
			return []Shape{{Type: "reference"}}
		}
		return []Shape{{Type: key}}
	}
	s := sr.Value
	if s == nil {
		return []Shape{{Type: "any"}}
	}
	if alts := append(slices.Clone(s.AnyOf), s.OneOf...); len(alts) > 0 {
		var out []Shape
		for _, a := range alts {
			out = append(out, c.schemaShapes(a, depth+1)...)
		}
		return out
	}
	if s.Type.Is("array") {
		out := c.schemaShapes(s.Items, depth+1)
		for i := range out {
			out[i].Collection = true
		}
		return out
	}
	if s.Type.Is("string") && s.Format == "binary" {
		return []Shape{{Type: "stream"}}
	}
	if len(s.AllOf) == 1 && len(s.Properties) == 0 {
		return c.schemaShapes(s.AllOf[0], depth+1)
	}
	// An inline object, with the properties of its allOf parts; one part
	// alone is that part ("allOf: [$ref], nullable").
	props := map[string]*openapi3.SchemaRef{}
	var refs []*openapi3.SchemaRef
	for k, v := range s.Properties {
		props[k] = v
	}
	for _, part := range s.AllOf {
		if part.Ref != "" {
			refs = append(refs, part)
			flatten(c.schemas, refName(part.Ref), props, 0)
		} else if part.Value != nil {
			for k, v := range part.Value.Properties {
				props[k] = v
			}
		}
	}
	if w := c.wrapped(props, true, depth); w != nil {
		return w
	}
	switch {
	case isReference(props):
		return []Shape{{Type: "reference"}}
	case len(s.Properties) == 0 && len(refs) == 1:
		return c.schemaShapes(refs[0], depth+1)
	case len(props) > 0:
		return []Shape{{Type: "actionbody:"}}
	}
	if sig := propSig(sr); sig != "any" {
		return []Shape{{Type: sig}}
	}
	return []Shape{{Type: "any"}}
}

// wrapped reads an object whose only property besides "@odata."
// annotations is "value": a collection of an array's items, or, when
// single is set, a single value's shape. It returns nil for other objects.
func (c *opComparer) wrapped(props map[string]*openapi3.SchemaRef, single bool, depth int) []Shape {
	v, ok := props["value"]
	if !ok {
		return nil
	}
	for k := range props {
		if k != "value" && !strings.HasPrefix(k, "@odata.") {
			return nil
		}
	}
	if v != nil && v.Ref == "" && v.Value != nil && v.Value.Type.Is("array") {
		return c.schemaShapes(v, depth+1)
	}
	if single {
		return c.schemaShapes(v, depth+1)
	}
	return nil
}

// isReference reports whether an object's only property besides other
// "@odata." annotations is "@odata.id".
func isReference(props map[string]*openapi3.SchemaRef) bool {
	if _, ok := props["@odata.id"]; !ok {
		return false
	}
	for k := range props {
		if !strings.HasPrefix(k, "@odata.") {
			return false
		}
	}
	return true
}
