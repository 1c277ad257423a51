package assemble

import (
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/internal/par"
	"github.com/docs2openapi/docs2openapi/gen/jsonc"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/getkin/kin-openapi/openapi3"
)

// exampleNameRe matches what may not stand in an example name (OpenAPI
// component keys allow letters, digits, ".", "-" and "_").
var exampleNameRe = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// ExamplePair is an example request and the response that follows it on a
// page (either may be missing), with what the build made of them.
type ExamplePair struct {
	// Name is unique in the document: the request annotation's name, or one
	// derived from the operation id or the page.
	Name string
	Page *page.Page
	// OperationID is the operation the request URL matched; empty when the
	// page documents no usable operation (the pair then still checks its
	// bodies against BodySchema and ResponseSchema).
	OperationID  string
	Method, Path string
	// PathValues are the example URL's values for the path parameters.
	PathValues map[string]string
	// URLMatches is set when the request URL matches the operation's path
	// (not when the page's only operation of the method is assumed).
	URLMatches bool
	// ResponseSound is set when the response example satisfies its schema
	// and the generated types keep all of it (no EXAMPLE_NOT_ATTACHED or
	// EXAMPLE_LOSSY at it).
	ResponseSound bool
	Query         string
	Request       *page.Example
	Response      *page.Example
	// RequestJSON and ResponseJSON are the bodies as strict JSON (repaired
	// where the docs' JSON was lenient), nil when absent or unreadable.
	RequestJSON, ResponseJSON []byte
	// RequestOrigin and ResponseOrigin map an offset in the JSON above to an
	// offset in the page.
	RequestOrigin, ResponseOrigin func(int) int
	// BodySchema and ResponseSchema name the component schemas the bodies
	// should satisfy ("" when unknown); ResponseCollection says the response
	// is Graph's {"value": [...]} wrapper of ResponseSchema.
	BodySchema, ResponseSchema string
	ResponseCollection         bool
	// Status is the response example's status code (0 without a response).
	Status int
	// skip marks examples that are not requests to this API (callbacks).
	skip bool
}

// Skip reports whether the pair is not a request to the API (a callback or
// upload example) and so is neither checked nor tested.
func (pr *ExamplePair) Skip() bool { return pr.skip }

// pageExamples pairs a page's examples, matches them to the page's
// operations and attaches the bodies to the document as named examples.
func (b *builder) pageExamples(doc *openapi3.T, p *page.Page) {
	var pairs []*ExamplePair
	var cur *ExamplePair
	for i := range p.Examples {
		ex := &p.Examples[i]
		if ex.Kind == page.RequestExample || cur == nil || cur.Response != nil {
			cur = &ExamplePair{Page: p}
			pairs = append(pairs, cur)
		}
		if ex.Kind == page.RequestExample {
			cur.Request = ex
			cur.RequestJSON, cur.RequestOrigin = b.readJSON(p, ex)
		} else {
			if ex.Status == 204 && strings.TrimSpace(ex.Body) != "" {
				// HTTP forbids a body after 204; the body shown is the
				// docs' mistake, and the service sends none.
				b.diags.Add(p.Pos(ex.BodyOff), diag.Warning, "EXAMPLE_NO_CONTENT_BODY", "the example response is 204 No Content but shows a body; the body is left out")
				bare := *ex
				bare.Body, bare.Lines = "", nil
				ex = &bare
			}
			cur.Response = ex
			cur.Status = ex.Status
			cur.ResponseJSON, cur.ResponseOrigin = b.readJSON(p, ex)
		}
	}
	// A response that names several requests answers each of them: the
	// requests before it that have no response of their own take it too.
	for i, pr := range pairs {
		if pr.Request == nil || pr.Response != nil || pr.Request.Annotation == nil || pr.Request.Annotation.Name == "" {
			continue
		}
		for _, later := range pairs[i+1:] {
			if later.Response == nil || later.Response.Annotation == nil || !slices.Contains(later.Response.Annotation.Names, pr.Request.Annotation.Name) {
				continue
			}
			pr.Response, pr.Status = later.Response, later.Status
			pr.ResponseJSON, pr.ResponseOrigin = later.ResponseJSON, later.ResponseOrigin
			break
		}
	}
	mine := b.pageOps[p]
	for _, pr := range pairs {
		o := b.matchOp(p, pr, mine)
		base := strings.TrimSuffix(filepath.Base(p.Src.Name), filepath.Ext(p.Src.Name))
		if pr.Request != nil && pr.Request.Annotation != nil && pr.Request.Annotation.Name != "" {
			base = pr.Request.Annotation.Name
		} else if o != nil {
			base = o.op.OperationID
		}
		pr.Name = b.uniqueName(base)
		if pr.skip {
			b.examples = append(b.examples, pr)
			continue
		}
		if o == nil {
			if t := b.types[schemaKey(p.BodyType.Name)]; t != nil && p.BodyType.Name != "" {
				pr.BodySchema = t.final().name
			}
			if t := b.types[schemaKey(p.Response.Type.Name)]; t != nil && p.Response.Type.Name != "" {
				pr.ResponseSchema, pr.ResponseCollection = t.final().name, p.Response.Type.Collection
			}
			if pr.Request != nil {
				b.diags.Add(p.Pos(pr.Request.Off), diag.Warning, "EXAMPLE_NO_OPERATION", "example request matches no operation of this page; its bodies are checked against the documented types only")
			}
		} else {
			pr.OperationID, pr.Method, pr.Path = o.op.OperationID, o.method, o.path
			if o.bodyType != nil {
				pr.BodySchema = o.bodyType.final().name
			}
			if t := o.resp.t; t != nil && o.resp.kind == respJSON {
				pr.ResponseSchema, pr.ResponseCollection = t.final().name, o.resp.coll
			}
			b.attach(o, pr)
		}
		b.examples = append(b.examples, pr)
	}
}

// matchOp finds the operation an example request belongs to: the page's
// operation whose method and path template match the example URL; failing
// that, the page's only operation with that method (the docs' example URLs
// drift from their request lines), with a warning.
func (b *builder) matchOp(p *page.Page, pr *ExamplePair, ops []*opDef) *opDef {
	if pr.Request == nil {
		if len(ops) == 1 {
			pr.PathValues = map[string]string{}
			return ops[0]
		}
		return nil
	}
	if h := hostRe.FindString(strings.TrimSpace(pr.Request.URL)); h != "" && !strings.Contains(strings.ToLower(h), "graph.microsoft.com") {
		// Notifications sent to a bot or an upload URL: not a request to
		// the API this spec describes.
		b.diags.Add(p.Pos(pr.Request.URLOff), diag.Warning, "EXAMPLE_NOT_GRAPH", "example request goes to %s, not to Microsoft Graph; not checked", h)
		pr.skip = true
		return nil
	}
	path, query := examplePath(pr.Request.URL)
	pr.Query = query
	var same []*opDef
	var best *opDef
	for _, o := range ops {
		if o.method != pr.Request.Method {
			continue
		}
		same = append(same, o)
		// Of the paths that match, the one with the most literal text:
		// roleTemplateId={id} before {directoryRole-id}.
		if vals, ok := matchPath(o.path, path); ok && (best == nil || literalLen(o.path) > literalLen(best.path)) {
			best, pr.PathValues = o, vals
		}
	}
	if best == nil {
		// A function whose request line lists no arguments takes them in
		// the query ("## Function parameters"), but the example may call
		// it with them inline: getAllRecordings(userId=…,startDateTime=…).
		if fpath, args, ok := inlineArgs(path); ok {
			for _, o := range same {
				if vals, ok := matchPath(o.path, fpath); ok && (best == nil || literalLen(o.path) > literalLen(best.path)) {
					best, pr.PathValues = o, vals
				}
			}
			if best != nil {
				pr.Query = strings.TrimPrefix(pr.Query+"&"+args, "&")
			}
		}
	}
	if best != nil {
		pr.URLMatches = true
		return best
	}
	if len(same) == 1 {
		b.diags.Add(p.Pos(pr.Request.URLOff), diag.Warning, "EXAMPLE_URL_MISMATCH", "example URL %q does not match the request line %q", clip(path), same[0].path)
		pr.PathValues = map[string]string{}
		for _, prm := range same[0].params {
			pr.PathValues[prm.Name] = prm.DocName
		}
		if _, args, ok := inlineArgs(path); ok {
			pr.Query = strings.TrimPrefix(pr.Query+"&"+args, "&")
		}
		return same[0]
	}
	return nil
}

// inlineArgs turns a last segment with named arguments, f(a=1,b='x'), into
// the bare f and the query string a=1&b=x.
func inlineArgs(path string) (string, string, bool) {
	i := strings.LastIndexByte(path, '/')
	m := funcCallRe.FindStringSubmatch(path[i+1:])
	if m == nil {
		return "", "", false
	}
	var q []string
	for _, arg := range splitArgs(m[2]) {
		k, v, ok := strings.Cut(arg, "=")
		k, v = strings.TrimSpace(k), strings.Trim(strings.TrimSpace(v), "'")
		if !ok || k == "" {
			return "", "", false
		}
		if strings.HasPrefix(v, "<") && strings.HasSuffix(v, ">") || strings.HasPrefix(v, "{") && strings.HasSuffix(v, "}") {
			continue // a placeholder ("<timestamp>", "{id}"), not a value
		}
		q = append(q, url.QueryEscape(k)+"="+url.QueryEscape(v))
	}
	return path[:i+1] + m[1], strings.Join(q, "&"), true
}

func countOrMore(n int) string {
	if n >= maxLossy-1 {
		return fmt.Sprintf("%d or", n)
	}
	return strconv.Itoa(n)
}

// literalLen counts the bytes of a path template outside its parameters.
func literalLen(tmpl string) int {
	n, depth := 0, 0
	for i := 0; i < len(tmpl); i++ {
		switch tmpl[i] {
		case '{':
			depth++
		case '}':
			depth--
		default:
			if depth == 0 {
				n++
			}
		}
	}
	return n
}

func (b *builder) uniqueName(base string) string {
	base = exampleNameRe.ReplaceAllString(base, "_")
	if base == "" {
		base = "example"
	}
	b.exNames[base]++
	if n := b.exNames[base]; n > 1 {
		return base + "-" + itoa(n)
	}
	return base
}

// readJSON returns an example's body as strict JSON, reporting each repair
// made to lenient JSON at its position. A body that is not JSON (CSV, a
// binary placeholder) is left out quietly when a header says so.
func (b *builder) readJSON(p *page.Page, ex *page.Example) ([]byte, func(int) int) {
	body := strings.TrimSpace(ex.Body)
	if body == "" {
		return nil, nil
	}
	if !strings.HasPrefix(body, "{") && !strings.HasPrefix(body, "[") {
		for _, h := range ex.Headers {
			if strings.EqualFold(h.Name, "Content-Type") && !strings.Contains(strings.ToLower(h.Value), "json") {
				return nil, nil
			}
		}
		b.diags.Add(p.Pos(ex.BodyOff), diag.Warning, "EXAMPLE_BODY_NOT_JSON", "example body is not JSON and no Content-Type says what it is")
		return nil, nil
	}
	out, fixes, origin, err := jsonc.Repair([]byte(ex.Body))
	for _, f := range fixes {
		b.diags.Add(p.Pos(ex.BodyPos(f.Offset)), diag.Warning, f.Code, "%s", f.Msg)
	}
	if err != nil {
		off := jsonc.ErrOffset(err)
		if off < 0 {
			off = 0
		}
		b.diags.Add(p.Pos(ex.BodyPos(off)), diag.Warning, "EXAMPLE_JSON_INVALID", "example body is not JSON even after repair: %v", err)
		return nil, nil
	}
	if off, num := numberOutOfRange(out); off >= 0 {
		b.diags.Add(p.Pos(ex.BodyPos(origin(off))), diag.Warning, "EXAMPLE_NUMBER_RANGE", "example body has the number %s, which no 64-bit float holds; the body is not read", clip(num))
		return nil, nil
	}
	return out, func(o int) int { return ex.BodyPos(origin(o)) }
}

// attach adds a pair's bodies to its operation as named examples. A body
// that its schema rejects is not attached, so that the document stays valid
// and its examples trustworthy; `check` reports why at the example.
func (b *builder) attach(o *opDef, pr *ExamplePair) {
	if pr.RequestJSON != nil && o.op.RequestBody != nil {
		mt := o.op.RequestBody.Value.Content.Get("application/json")
		b.attachTo(mt, pr, pr.Request, pr.RequestJSON, openapi3.VisitAsRequest(), false)
	}
	if pr.Response != nil && pr.ResponseJSON == nil && strings.TrimSpace(pr.Response.Body) == "" && pr.Status >= 200 && pr.Status < 400 {
		// A response without a body, with a success or redirect status
		// the docs do not name (202 where they say 200, the 302 of a
		// thumbnail's content): the service is shown to answer so.
		if r := o.op.Responses.Status(pr.Status); r == nil || r.Value == nil {
			b.addStatus(o, pr)
		}
	}
	if pr.Response != nil && pr.ResponseJSON != nil {
		r := o.op.Responses.Status(pr.Status)
		if r == nil || r.Value == nil {
			r = b.addStatus(o, pr)
		}
		if mt := r.Value.Content.Get("application/json"); mt != nil {
			// The shared error response takes no page's examples; what its
			// types lose is still said.
			b.attachTo(mt, pr, pr.Response, pr.ResponseJSON, openapi3.VisitAsResponse(), r.Ref != "")
		}
	}
}

// addStatus adds the response an example shows but the Response section
// does not name (it says 200, the example answers 204), with the documented
// response's body, so the spec covers what the service is shown to do.
func (b *builder) addStatus(o *opDef, pr *ExamplePair) *openapi3.ResponseRef {
	b.diags.Add(pr.Page.Pos(pr.Response.Off), diag.Warning, "EXAMPLE_STATUS_UNDOCUMENTED", "example response status %d is not the documented %d; added to the operation", pr.Status, o.status)
	resp := openapi3.NewResponse().WithDescription(statusText(pr.Status))
	if pr.ResponseJSON != nil {
		if doc := o.op.Responses.Status(o.status); doc != nil && doc.Value != nil {
			if mt := doc.Value.Content.Get("application/json"); mt != nil {
				resp = resp.WithJSONSchemaRef(mt.Schema)
			}
		}
		if resp.Content == nil && o.method != "POST" && !isValueArray(pr.Response.Body) {
			// An update or a read answers with the entity the path holds
			// (PATCH with "Prefer: return=representation").
			if t := b.entityTypeAt(o.path); t != nil && b.doc.Components.Schemas[t.name] != nil {
				resp = resp.WithJSONSchemaRef(&openapi3.SchemaRef{Ref: ref(t.name), Value: b.doc.Components.Schemas[t.name].Value})
			}
		}
		if resp.Content == nil {
			// Nothing documented says what the body holds: an object,
			// which every Graph response body is.
			resp = resp.WithJSONSchema(openapi3.NewObjectSchema())
		}
	}
	r := &openapi3.ResponseRef{Value: resp}
	o.op.Responses.Set(strconv.Itoa(pr.Status), r)
	return r
}

func (b *builder) attachTo(mt *openapi3.MediaType, pr *ExamplePair, ex *page.Example, raw []byte, mode openapi3.SchemaValidationOption, shared bool) {
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return
	}
	b.attachments = append(b.attachments, attachment{mt: mt, pr: pr, ex: ex, raw: raw, mode: mode, shared: shared})
}

// attachment is an example body waiting to be checked against its schema
// and attached to its media type.
type attachment struct {
	mt   *openapi3.MediaType
	pr   *ExamplePair
	ex   *page.Example
	raw  []byte
	mode openapi3.SchemaValidationOption
	// Set by attachAll's parallel stage:
	value    any
	decoded  bool
	violates bool
	lossy    []string
	// shared is set for an example of a shared component response: it is
	// read for what its types lose, and not attached.
	shared bool
}

// attachAll checks the waiting example bodies against their schemas on all
// cores (schemas are only read), then attaches them in page order.
func (b *builder) attachAll() {
	jobs := b.attachments
	par.Each(len(jobs), func(i int) {
		a := &jobs[i]
		if err := json.Unmarshal(a.raw, &a.value); err != nil {
			return
		}
		a.decoded = true
		a.violates = a.mt.Schema.Value.VisitJSON(a.value, a.mode) != nil
		if !a.violates {
			a.lossy = lossy(a.value, a.mt.Schema.Value, "", nil)
		}
	})
	for i := range jobs {
		a := &jobs[i]
		if a.ex == a.pr.Response {
			a.pr.ResponseSound = a.decoded && !a.violates && len(a.lossy) == 0
		}
		switch {
		case !a.decoded:
			// readJSON passed only what decodes; should anything else
			// come here, it is said, not dropped.
			b.diags.Add(a.pr.Page.Pos(a.ex.Off), diag.Warning, "EXAMPLE_JSON_INVALID", "example %q does not decode and is not attached to the spec", a.pr.Name)
		case a.violates:
			b.diags.Add(a.pr.Page.Pos(a.ex.Off), diag.Warning, "EXAMPLE_NOT_ATTACHED", "example %q violates its schema and is not attached to the spec (see check)", a.pr.Name)
		default:
			if n := len(a.lossy); n == 1 {
				b.diags.Add(a.pr.Page.Pos(a.ex.Off), diag.Warning, "EXAMPLE_LOSSY", "example %q: %s; generated Go types do not keep it", a.pr.Name, a.lossy[0])
			} else if n > 1 {
				b.diags.Add(a.pr.Page.Pos(a.ex.Off), diag.Warning, "EXAMPLE_LOSSY", "example %q: %s, and %s more; generated Go types do not keep them", a.pr.Name, a.lossy[0], countOrMore(n-1))
			}
			if a.shared {
				continue
			}
			if a.mt.Examples == nil {
				a.mt.Examples = openapi3.Examples{}
			}
			a.mt.Examples[a.pr.Name] = &openapi3.ExampleRef{Value: openapi3.NewExample(a.value)}
		}
	}
	b.attachments = nil
}
