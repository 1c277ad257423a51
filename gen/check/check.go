// Package check validates the examples of the pages against the spec built
// from them, with kin-openapi's openapi3filter: each example request is
// routed and validated as a request, each example response as the response
// to it. Every failure is a diagnostic at the offending value in the page.
package check

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/jsonc"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Report is the outcome of checking examples.
type Report struct {
	// Examples counts example requests and responses checked; Passed and
	// Failed split it.
	Examples int       `json:"examples"`
	Passed   int       `json:"passed"`
	Failed   int       `json:"failed"`
	Diags    diag.List `json:"diagnostics"`
}

// Check validates every example pair of a build against its document.
func Check(ctx context.Context, res *assemble.Result) *Report {
	r := &Report{}
	router, err := newRouter(res.Doc)
	if err != nil {
		r.Diags.Add(diag.Pos{File: "openapi.yaml"}, diag.Error, "SPEC_ROUTER", "cannot route requests with the built spec: %v", err)
		router = nil
	}
	base := res.Doc.Servers[0].URL
	for _, pr := range res.Examples {
		c := &checker{ctx: ctx, doc: res.Doc, router: router, base: base, pr: pr, r: r}
		c.run()
	}
	r.Diags.Sort()
	return r
}

type checker struct {
	ctx    context.Context
	doc    *openapi3.T
	router routers.Router
	base   string
	pr     *assemble.ExamplePair
	r      *Report
}

func (c *checker) run() {
	pr := c.pr
	if pr.Skip() {
		return
	}
	if pr.OperationID == "" || c.router == nil {
		c.schemaOnly()
		return
	}
	in, ok := c.request()
	if pr.Request != nil {
		c.tally(ok)
	}
	if pr.Response == nil || in == nil {
		return
	}
	c.tally(c.response(in))
}

func (c *checker) tally(ok bool) {
	c.r.Examples++
	if ok {
		c.r.Passed++
	} else {
		c.r.Failed++
	}
}

// request validates the example request and returns the validation input
// its response is checked against.
func (c *checker) request() (*openapi3filter.RequestValidationInput, bool) {
	pr := c.pr
	path := pr.Path
	for name, v := range pr.PathValues {
		path = strings.ReplaceAll(path, "{"+name+"}", url.PathEscape(v))
	}
	u := c.base + path
	if pr.Query != "" {
		u += "?" + strings.ReplaceAll(pr.Query, " ", "%20")
	}
	var body io.Reader
	// An example body unreadable even after repair is reported already;
	// the rest of the request is still checked.
	unreadable := false
	// A body that is not JSON (an upload, a MIME message) is sent as
	// written with its media type, which the operation must declare; its
	// bytes are not validated.
	media := ""
	if pr.RequestJSON != nil {
		body = bytes.NewReader(pr.RequestJSON)
	} else if pr.Request != nil && strings.TrimSpace(pr.Request.Body) != "" {
		if media = exampleMedia(pr.Request); media != "" && !strings.Contains(media, "json") {
			body = strings.NewReader(pr.Request.Body)
		} else {
			media, unreadable = "", true
		}
	}
	req, err := http.NewRequestWithContext(c.ctx, pr.Method, u, body)
	if err != nil {
		c.fail(pr.Request, pr.Request.Off, "EXAMPLE_URL_INVALID", "example URL is not a valid URL: %v", err)
		return nil, false
	}
	if pr.RequestJSON != nil {
		req.Header.Set("Content-Type", "application/json")
	} else if media != "" {
		req.Header.Set("Content-Type", media)
	}
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		if pr.Request != nil {
			c.fail(pr.Request, pr.Request.URLOff, "EXAMPLE_NO_ROUTE", "example request %s %s has no route in the spec: %v", pr.Method, path, err)
		}
		return nil, false
	}
	in := &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true},
	}
	if pr.Request == nil {
		return in, true
	}
	if unreadable {
		in.Options.ExcludeRequestBody = true
	}
	if media != "" {
		in.Options.ExcludeRequestBody = true
		if rb := route.Operation.RequestBody; rb == nil || rb.Value == nil || rb.Value.Content.Get(media) == nil {
			c.fail(pr.Request, pr.Request.Off, "EXAMPLE_MEDIA_UNDECLARED", "example request sends %q, which the operation does not take", media)
			return in, false
		}
	}
	// Query values in the docs are often placeholders; the check is about
	// bodies, so only the body and path are validated strictly.
	if err := openapi3filter.ValidateRequest(c.ctx, in); err != nil {
		return in, c.report(pr.Request, pr.RequestJSON, pr.RequestOrigin, err)
	}
	return in, true
}

func (c *checker) response(in *openapi3filter.RequestValidationInput) bool {
	pr := c.pr
	h := http.Header{}
	if pr.ResponseJSON != nil {
		h.Set("Content-Type", "application/json")
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: pr.Status, Header: h,
		Options: &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true},
	}
	if pr.ResponseJSON == nil {
		// No body, or one unreadable even after repair (already reported):
		// only the status is checked.
		out.Options.ExcludeResponseBody = true
	}
	out.SetBodyBytes(pr.ResponseJSON)
	if err := openapi3filter.ValidateResponse(c.ctx, out); err != nil {
		return c.report(pr.Response, pr.ResponseJSON, pr.ResponseOrigin, err)
	}
	return true
}

// exampleMedia is the media type of an example's Content-Type header,
// lower-cased and without parameters.
func exampleMedia(ex *page.Example) string {
	for _, h := range ex.Headers {
		if strings.EqualFold(strings.TrimSpace(h.Name), "Content-Type") {
			v, _, _ := strings.Cut(h.Value, ";")
			return strings.ToLower(strings.TrimSpace(v))
		}
	}
	return ""
}

// schemaOnly checks the bodies of examples that match no operation against
// the types the page documents.
func (c *checker) schemaOnly() {
	pr := c.pr
	visit := func(ex *page.Example, raw []byte, origin func(int) int, name string, coll bool, mode openapi3.SchemaValidationOption) {
		if ex == nil || raw == nil || name == "" {
			return
		}
		s := c.doc.Components.Schemas[name]
		if s == nil || s.Value == nil {
			return
		}
		schema := s.Value
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return
		}
		if coll {
			if m, ok := v.(map[string]any); ok {
				v = m["value"]
			}
			schema = openapi3.NewArraySchema().WithItems(schema)
		}
		ok := true
		if err := schema.VisitJSON(v, mode, openapi3.MultiErrors()); err != nil {
			ok = c.report(ex, raw, origin, err)
		}
		c.tally(ok)
	}
	visit(pr.Request, pr.RequestJSON, pr.RequestOrigin, pr.BodySchema, false, openapi3.VisitAsRequest())
	visit(pr.Response, pr.ResponseJSON, pr.ResponseOrigin, pr.ResponseSchema, pr.ResponseCollection, openapi3.VisitAsResponse())
}

// report turns a validation error into one diagnostic per schema error, at
// the value it concerns, and tells whether the example still passes: two
// kinds of disagreement are warnings, as the docs' own usage settles them.
// A create (POST, PUT) that sets a property the docs call read-only shows
// that the property is immutable, set once at creation (OData's
// Core.Immutable), which the docs' "Read-only" does not tell from computed
// (EXAMPLE_SETS_READ_ONLY). An enumeration member written in other letter
// case ("HTML" for "html") names the member (EXAMPLE_ENUM_CASE); the
// generated client sends the schema's spelling.
func (c *checker) report(ex *page.Example, raw []byte, origin func(int) int, err error) (ok bool) {
	ok = true
	var idx map[string]int
	if raw != nil {
		idx, _ = jsonc.Index(raw)
	}
	var leaves []error
	flatten(err, &leaves)
	for _, e := range leaves {
		off := ex.Off
		var se *openapi3.SchemaError
		if errors.As(e, &se) {
			ptr := pointer(se.JSONPointer())
			if o, ok := idx[ptr]; ok && origin != nil {
				off = origin(o)
			} else if o, ok := idx[ptr+"#key"]; ok && origin != nil {
				off = origin(o)
			}
			val := ""
			if b, err := json.Marshal(se.Value); err == nil && len(b) < 60 {
				val = string(b) + " "
			}
			where := ptr
			if where == "" {
				where = "/"
			}
			switch {
			case ex.Kind == page.RequestExample && (ex.Method == "POST" || ex.Method == "PUT") && strings.HasPrefix(se.Reason, "readOnly property"):
				c.warn(ex, off, "EXAMPLE_SETS_READ_ONLY", "example request sets %q at %q, which the docs call read-only; read as set once at creation", se.JSONPointer()[len(se.JSONPointer())-1], where)
			case enumCase(se):
				c.warn(ex, off, "EXAMPLE_ENUM_CASE", "example %s value %sat %q is a member of the enumeration in other letter case", ex.Kind, val, where)
			default:
				ok = false
				c.fail(ex, off, "EXAMPLE_VIOLATES_SCHEMA", "example %s value %sat %q: %s", ex.Kind, val, where, se.Reason)
			}
			continue
		}
		ok = false
		c.fail(ex, off, "EXAMPLE_INVALID", "example %s: %v", ex.Kind, oneLine(e))
	}
	return ok
}

// enumCase reports whether a schema error is a string that matches a
// member of the enumeration only when letter case is ignored.
func enumCase(se *openapi3.SchemaError) bool {
	v, isStr := se.Value.(string)
	if !isStr || se.Schema == nil || len(se.Schema.Enum) == 0 {
		return false
	}
	for _, m := range se.Schema.Enum {
		if s, ok := m.(string); ok && s != v && strings.EqualFold(s, v) {
			return true
		}
	}
	return false
}

// flatten collects the leaf errors of MultiErrors and filter errors.
func flatten(err error, out *[]error) {
	var me openapi3.MultiError
	if errors.As(err, &me) {
		for _, e := range me {
			flatten(e, out)
		}
		return
	}
	var re *openapi3filter.RequestError
	if errors.As(err, &re) && re.Err != nil {
		flatten(re.Err, out)
		return
	}
	var rs *openapi3filter.ResponseError
	if errors.As(err, &rs) && rs.Err != nil {
		flatten(rs.Err, out)
		return
	}
	*out = append(*out, err)
}

func pointer(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(p))
	}
	return b.String()
}

func oneLine(err error) string {
	s := strings.Join(strings.Fields(err.Error()), " ")
	if len(s) > 200 {
		s = s[:197] + "..."
	}
	return s
}

// warn records a disagreement of an example that does not fail it.
func (c *checker) warn(ex *page.Example, off int, code, format string, args ...any) {
	c.r.Diags.Add(c.pr.Page.Pos(off), diag.Warning, code, format, args...)
}

// fail records one failure of an example.
func (c *checker) fail(ex *page.Example, off int, code, format string, args ...any) {
	p := c.pr.Page
	c.r.Diags.Add(p.Pos(off), diag.Error, code, format, args...)
}
