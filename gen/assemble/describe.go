package assemble

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/getkin/kin-openapi/openapi3"
)

// response is what a successful call returns, as the describing page says.
type response struct {
	kind respKind
	// t is the result type; prim a primitive result ("String collection").
	t    *typeDef
	prim *openapi3.Schema
	// coll is set for collections, delta for a delta function's page.
	coll, delta bool
	// media is a stream's media type; streamJSON is set when the examples
	// answer JSON where the prose says stream.
	media      string
	streamJSON bool
	// redirect is set when the docs answer 302 with a Location to follow
	// (downloads); the bytes then come from there.
	redirect bool
}

type respKind int

const (
	respNone respKind = iota
	respJSON
	respStream
)

// describeOp builds an operation from the page that describes it: summary,
// path, query and header parameters, request body and responses.
func (b *builder) describeOp(o *opDef, p *page.Page) {
	op := openapi3.NewOperation()
	op.Summary = p.Title.Value
	op.Description = p.Description.Value
	op.Tags = []string{tagOf(o.path)}
	o.op = op
	for _, pr := range o.params {
		prm := &openapi3.Parameter{
			Name: pr.Name, In: openapi3.ParameterInPath, Required: true,
			Description: "key: " + pr.DocName,
			Schema:      &openapi3.SchemaRef{Value: openapi3.NewStringSchema()},
		}
		// The parameters tables describe a path parameter; its schema stays
		// a string, as the docs' example URLs write values quoted or as
		// placeholders ("{row}") whatever the type.
		if row, ok := pageParam(p, pr.Name, pr.DocName); ok {
			if d := strings.TrimSpace(row.Description); d != "" {
				prm.Description = d
			}
		}
		op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: prm})
	}
	reqs, resps := b.opExamples(o, p)
	b.requestBody(o, p, reqs)
	b.responseOf(o, p, resps, len(reqs) == 0)
	b.queryParams(o, p)
}

// pageParam finds the row of a parameters table that describes a path
// parameter, by its name in the spec or on the page.
func pageParam(p *page.Page, names ...string) (page.Parameter, bool) {
	for _, prm := range p.Parameters {
		for _, n := range names {
			if strings.EqualFold(prm.Name.Value, n) {
				return prm, true
			}
		}
	}
	return page.Parameter{}, false
}

// opExamples returns the page's example requests and responses that belong
// to an operation: those whose request matches its method and path, or all
// of them when the page has no other operation with that method.
func (b *builder) opExamples(o *opDef, p *page.Page) (reqs, resps []*page.Example) {
	only := true
	for _, q := range b.pageOps[p] {
		if q.method == o.method && q != o {
			only = false
			break
		}
	}
	mine := false
	for i := range p.Examples {
		ex := &p.Examples[i]
		if ex.Kind == page.RequestExample {
			mine = ex.Method == o.method
			if mine && !only {
				pth, _ := examplePath(ex.URL)
				_, mine = matchPath(o.path, pth)
			}
			if mine {
				reqs = append(reqs, ex)
			}
			continue
		}
		if mine || only && len(reqs) == 0 && o.method != "" {
			resps = append(resps, ex)
		}
	}
	if len(resps) == 0 && len(reqs) == 0 {
		// The page's examples call another of its paths (/me/drive/… for
		// /drives/{drive-id}/…): the same method answers the same way, as
		// the examples whose paths end most like this one show it
		// (…/messages/{id}/extensions, not …/messages, on a page that
		// documents both).
		best := -1
		for i := range p.Examples {
			if ex := &p.Examples[i]; ex.Kind == page.RequestExample && ex.Method == o.method {
				pth, _ := examplePath(ex.URL)
				best = max(best, tailMatch(o.path, pth))
			}
		}
		same := false
		for i := range p.Examples {
			ex := &p.Examples[i]
			if ex.Kind == page.RequestExample {
				pth, _ := examplePath(ex.URL)
				same = ex.Method == o.method && tailMatch(o.path, pth) == best
			} else if same {
				resps = append(resps, ex)
			}
		}
	}
	return reqs, resps
}

// tailMatch counts the trailing segments of a path that match a path
// template's, a key matching any value.
func tailMatch(tmpl, path string) int {
	ts := strings.Split(strings.Trim(tmpl, "/"), "/")
	ps := strings.Split(strings.Trim(path, "/"), "/")
	n := 0
	for n < len(ts) && n < len(ps) {
		t, p := ts[len(ts)-1-n], ps[len(ps)-1-n]
		if !isKey(t) && !strings.EqualFold(t, p) {
			break
		}
		n++
	}
	return n
}

// contentType returns the media type of an example's Content-Type header,
// without parameters, lower-cased; "" when it has none.
func contentType(ex *page.Example) string {
	for _, h := range ex.Headers {
		if strings.EqualFold(strings.TrimSpace(h.Name), "Content-Type") {
			v, _, _ := strings.Cut(h.Value, ";")
			return strings.ToLower(strings.TrimSpace(v))
		}
	}
	return ""
}

// isJSONMedia reports whether a media type carries JSON.
func isJSONMedia(m string) bool { return m == "" || strings.Contains(m, "json") }

// unnamedMedia reports whether oapi-codegen reads a body of media type m
// as a plain io.Reader: any type but JSON, text/plain, forms and
// multipart, which it names.
func unnamedMedia(m string) bool {
	switch {
	case isJSONMedia(m), m == "text/plain", m == "application/x-www-form-urlencoded", strings.HasPrefix(m, "multipart/"):
		return false
	}
	return true
}

// lastSegment is the last segment of a path.
func lastSegment(path string) string {
	return path[strings.LastIndexByte(path, '/')+1:]
}

// isStreamSegment reports whether a path's last segment addresses a
// stream: a drive item's /content, a media entity's /$value.
func isStreamSegment(seg string) bool {
	return seg == "$value" || seg == "content" || strings.HasPrefix(seg, "content(")
}

// requestBody settles an operation's request body, in every form the docs
// use: a property table, "a JSON representation of [x]", a reference
// ({"@odata.id"}) for $ref paths, and a stream (upload) of the media type
// its example sends.
func (b *builder) requestBody(o *opDef, p *page.Page, reqs []*page.Example) {
	if o.method == "GET" || o.method == "DELETE" {
		return
	}
	last := lastSegment(o.path)
	// The media types the examples send besides JSON: an upload's bytes,
	// a MIME message, a multipart form. An example without a body makes
	// the body optional.
	for _, ex := range reqs {
		body := strings.TrimSpace(ex.Body)
		if body == "" {
			o.optionalBody = true
			continue
		}
		if m := contentType(ex); m != "" && !isJSONMedia(m) && !hasFold(o.bodyMedia, m) {
			o.bodyMedia = append(o.bodyMedia, m)
		}
	}
	if (o.method == "PUT" || o.method == "POST") && isStreamSegment(last) && !slices.ContainsFunc(o.bodyMedia, unnamedMedia) {
		// An upload takes any bytes. Where an example shows their type
		// (image/jpeg), that type is the upload's: generated code reads
		// every such body as one io.Reader, which two types would
		// declare twice.
		o.bodyMedia = append(o.bodyMedia, "application/octet-stream")
	}
	// A $ref path takes a reference ({"@odata.id": …}), unless its page
	// documents a table of other properties: the docs win, with a warning.
	refBody := last == "$ref" && (p.Body == nil || len(p.Body.Rows) == 0 || hasRow(p.Body, "@odata.id"))
	if last == "$ref" && !refBody {
		b.diags.Add(p.Pos(p.Body.Off), diag.Warning, "REF_BODY_DOCUMENTED", "the $ref path %s takes the body this table documents, not a reference", o.path)
	}
	switch {
	case refBody:
		o.bodyType = b.referenceType(o.method)
	case isStreamSegment(last) && len(o.bodyMedia) > 0:
		for _, ex := range reqs {
			if strings.HasPrefix(strings.TrimSpace(ex.Body), "{") && isJSONMedia(contentType(ex)) {
				o.bodyOpen = true // a JSON document uploaded as the content
			}
		}
		return
	case p.Body != nil:
		nav := b.entityTypeAt(o.path)
		action := nav == nil && b.isAction(o.path)
		switch {
		case action && p.BodyType.Name != "" && p.BodyType.Name == p.Response.Type.Name && p.BodyType.Off == p.Response.Type.Off:
			// A table of an action's parameters headed "Property"
			// (addKey): the type the action returns is no body.
		case p.BodyType.Name != "" && !p.Body.Parameters:
			o.bodyType = b.bodyTypeOf(p)
			if t := o.bodyType; (t == nil || !t.ownPage) && nav != nil && !nav.isEnum && p.BodyType.Link == "" {
				// A type the page only names ("Update settings") that no
				// page documents: the entity the path holds is the body.
				o.bodyType = nav
			}
		case nav != nil && !nav.isEnum && (isKey(last) || o.method == "POST"):
			// A table that names no type (or is headed "Parameter") for
			// a create (POST /me/mailFolders) or an update (PATCH
			// /groupSettings/{id}): the body is the entity the path holds.
			o.bodyType = nav
		}
		if o.bodyType == nil {
			o.bodyType = b.actionBody(p, o.path)
			o.optionalBody = true
		}
	case p.BodyType.Name != "" && isTypeName(stripNamespace(p.BodyType.Name)):
		o.bodyType = b.bodyTypeOf(p)
	}
	if o.bodyType != nil || len(o.bodyMedia) > 0 {
		return
	}
	// No table and no type named: a JSON example body still says there
	// is a body. The path's resource names its type when it is one (POST
	// to /me/events creates an event); else the body is left open.
	for _, ex := range reqs {
		if body := strings.TrimSpace(ex.Body); strings.HasPrefix(body, "{") {
			if t := b.entityTypeAt(o.path); t != nil && !t.isEnum {
				o.bodyType = t
				b.diags.Add(p.Pos(ex.BodyOff), diag.Warning, "BODY_TYPE_ASSUMED", "the page names no request body type; the example body is read as %q, the resource its path addresses", t.name)
				return
			}
			o.bodyOpen = true
			b.diags.Add(p.Pos(ex.BodyOff), diag.Warning, "BODY_TYPE_UNKNOWN", "the example sends a JSON body, but the page names no type or parameters for it; typed as an open object")
			return
		}
	}
}

// isKey reports whether a path segment is a key placeholder.
func isKey(seg string) bool { return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") }

// entityTypeAt returns the type of the entity, or of the entities, a path
// addresses through navigation: the type a GET of the path returns, else
// the type of the navigation property the last segment names on the type
// of the path before it, else the type its name says (/me/mailFolders
// holds mailFolder). A function, action or cast segment addresses none.
func (b *builder) entityTypeAt(path string) *typeDef {
	if t, ok := b.pathTypes[path]; ok {
		return t
	}
	b.pathTypes[path] = nil // a cycle ends here
	var t *typeDef
	i := strings.LastIndexByte(path, '/')
	if i < 0 {
		return nil
	}
	seg, parent := path[i+1:], path[:i]
	switch {
	case seg == "":
	case isKey(seg):
		t = b.entityTypeAt(parent)
	case !isLiteral(seg):
	default:
		if o := b.ops["GET "+path]; o != nil && o.resp.t != nil {
			t = o.resp.t.final()
			break
		}
		if pt := b.entityTypeAt(parent); pt != nil {
			if _, pd := b.propertyOf(pt, seg); pd != nil {
				if k, ok := strings.CutPrefix(strings.TrimPrefix(pd.sig, "array of "), "$ref:"); ok {
					t = b.types[strings.SplitN(k, "=", 2)[0]]
				}
				break
			}
			if !b.hasNavigation(pt) {
				t = b.namedEntity(seg)
			}
			break
		}
		t = b.namedEntity(seg)
	}
	if t != nil {
		t = t.final()
	}
	b.pathTypes[path] = t
	return t
}

// namedEntity is the defined type a collection segment's name says.
func (b *builder) namedEntity(seg string) *typeDef {
	if t := b.types[schemaKey(singular(seg))]; t != nil && t.defined && !t.isEnum && t.fixed == nil {
		return t
	}
	return nil
}

// hasNavigation reports whether the docs list any property of t or its
// bases that refers to another type: without them, a missing property
// says nothing.
func (b *builder) hasNavigation(t *typeDef) bool {
	for a := range b.lineage(t) {
		for _, pd := range a.props {
			if strings.Contains(pd.sig, "$ref:") {
				return true
			}
		}
	}
	return false
}

// isAction reports whether the last segment of a path is an action or
// function bound to the entity before it: a plain name that is no
// property of that entity's type.
func (b *builder) isAction(path string) bool {
	i := strings.LastIndexByte(path, '/')
	if i <= 0 {
		return false
	}
	seg, parent := path[i+1:], path[:i]
	if !isLiteral(seg) {
		return false
	}
	pt := b.entityTypeAt(parent)
	if pt == nil || !b.hasNavigation(pt) {
		return false
	}
	_, pd := b.propertyOf(pt, seg)
	return pd == nil
}

// hasRow reports whether a table has a row of that name.
func hasRow(t *page.PropertyTable, name string) bool {
	for _, r := range t.Rows {
		if r.Name.Value == name {
			return true
		}
	}
	return false
}

// responseOf settles what a successful call returns: the status, and a
// type (one or a collection, from the Response prose, the example's
// annotation and its JSON together), a delta page, a stream, or nothing.
// borrowed says the examples call another path of the page.
func (b *builder) responseOf(o *opDef, p *page.Page, resps []*page.Example, borrowed bool) {
	o.status = p.Response.Status
	var first *page.Example
	for _, ex := range resps {
		if first == nil {
			first = ex
		}
		for _, h := range ex.Headers {
			switch n := strings.TrimSpace(h.Name); strings.ToLower(n) {
			case "location", "content-location", "operation-location", "retry-after":
				if !hasFold(o.headers[ex.Status], n) {
					o.headers[ex.Status] = append(o.headers[ex.Status], canonicalHeader(n))
				}
			}
		}
	}
	if o.status == 0 && first != nil && first.Status >= 200 && first.Status < 400 {
		o.status = first.Status
	}
	if o.status == 0 {
		o.status = defaultStatus(o.method)
	}
	r := &o.resp
	last := lastSegment(o.path)
	r.delta = o.method == "GET" && (last == "delta" || last == "delta()")
	exMedia := ""
	if first != nil && strings.TrimSpace(first.Body) != "" {
		exMedia = contentType(first)
	}
	switch {
	case o.status == 204 || o.status == 202 && p.Response.Type.Name == "":
		return
	case o.status == 302 || p.Response.Stream && p.Response.Type.Name == "" || exMedia != "" && !isJSONMedia(exMedia) ||
		o.method == "GET" && (last == "$value" || isStreamSegment(last) && (p.Response.Type.Name == "" || exMedia == "")):
		// $value is a media entity's raw bytes by OData's definition; a
		// page that documents it beside the entity names the entity.
		r.kind, r.media = respStream, "application/octet-stream"
		if exMedia != "" && !isJSONMedia(exMedia) {
			r.media = exMedia
		}
		r.streamJSON = exMedia != "" && isJSONMedia(exMedia)
		if o.status == 302 {
			// Graph answers a download with a redirect to the bytes; a
			// client that follows it gets them with 200.
			r.redirect = true
			o.status = 200
		}
		return
	case p.Response.Empty && p.Response.Type.Name == "":
		return
	}
	name, coll := p.Response.Type.Name, p.Response.Type.Collection
	var ann *page.Annotation
	if first != nil {
		ann = first.Annotation
	}
	fromAnnotation := false
	if ann != nil && ann.ODataType != "" {
		an, ac := annotationType(ann.ODataType)
		if name == "" || first != nil && primitiveSchema(name) != nil && primitiveSchema(an) == nil && len(exampleKeys(first.Body)) > 0 {
			// The sentence names nothing, or a primitive where the example
			// shows objects ("a string collection" of directoryObjects).
			name, fromAnnotation = an, true
		}
		coll = coll || ac && schemaKey(an) == schemaKey(name)
	}
	if ann != nil && ann.IsCollection {
		coll = true
	}
	// The example's JSON has the last word where it has a body: the docs'
	// sentences call one item "a collection" as often as the reverse. A
	// GET by key returns one entity whatever they say.
	if first != nil && strings.HasPrefix(strings.TrimSpace(first.Body), "{") {
		if ex := isValueArray(first.Body); ex != coll {
			coll = ex
		}
	}
	if o.method == "GET" && strings.HasSuffix(o.path, "}") && !strings.HasSuffix(o.path, ")") {
		coll = false
	}
	nc, nav := b.navCollection(o.path)
	nav = nav && o.method == "GET"
	if nav && nc != coll && (nc || borrowed) {
		// The path names a navigation property, and its resource page
		// says whether it holds one or many: the structure outranks a
		// method page's sentence or example that says otherwise. Resource
		// pages leave "collection" out more often than method pages err,
		// so "one item" only outranks examples of another path.
		at := p.Pos(p.Response.Off)
		if first != nil {
			at = p.Pos(first.BodyOff)
		}
		b.diags.Add(at, diag.Warning, "RESPONSE_CARDINALITY", "the page returns %s, but its resource page types %s as %s; the spec follows the resource", oneOrMany(coll), lastSegment(o.path), oneOrMany(nc))
		coll = nc
	}
	if !nav && !coll && o.method == "GET" && o.primary != nil && isLiteral(last) && collectionQueryRe.MatchString(o.primary.query) {
		// $filter, $top, $orderby and $search apply to collections only:
		// GET /me/onlineMeetings?$filter=… answers with one in a page.
		coll = true
	}
	if name == "" && o.method == "POST" && o.status == 201 && o.bodyType != nil && !o.optionalBody && o.bodyType.defined {
		// A create returns the entity it created.
		r.kind, r.t = respJSON, o.bodyType
		return
	}
	if name == "" && first != nil {
		// Graph wraps a primitive result as {"value": true}: the example
		// says which primitive.
		if prim, c := examplePrimitive(first.Body); prim != nil {
			r.kind, r.prim, r.coll = respJSON, prim, c
			return
		}
	}
	if name == "" {
		return
	}
	if prim := primitiveSchema(name); prim != nil {
		if prim.Type == nil {
			return // "Json", "Stream": nothing to say in a schema
		}
		r.kind, r.prim, r.coll = respJSON, prim, coll
		return
	}
	if !isTypeName(stripNamespace(name)) {
		return
	}
	t := b.types[schemaKey(name)]
	if l := p.Response.Type.Link; l != "" && name == p.Response.Type.Name {
		// The link is the authority where its text is a display name.
		if d := b.byFile[pageFile(l)]; d != nil && d.ownPage && !d.isEnum {
			t = d
		}
	}
	if t == nil {
		return
	}
	if nav && borrowed {
		// The examples call another path of the page (…/trending for
		// …/trending/{id}/resource): the property's type is the result.
		if at := b.entityTypeAt(o.path); at != nil {
			t = at
		}
	} else if fromAnnotation && b.misses(t, exampleKeys(first.Body)) > 0 {
		// An annotation copied from another page (a teamsTab annotated
		// "team"): the resource the path addresses has more of the keys
		// the example shows.
		keys := exampleKeys(first.Body)
		if at := b.entityTypeAt(o.path); at != nil && at != t.final() && b.misses(at, keys) < b.misses(t, keys) {
			b.diags.Add(p.Pos(first.Off), diag.Warning, "ANNOTATION_TYPE_MISMATCH", "the example is annotated %q, whose properties lack some of its keys; it is read as %q, the resource its path addresses", t.name, at.name)
			t = at
		}
	}
	r.kind, r.t, r.coll = respJSON, t, coll || r.delta
}

// exampleKeys returns the top-level keys of an example body's object, or
// of the first item of its "value" array.
func exampleKeys(body string) []string {
	if v, ok := wrapped(body); ok && strings.HasPrefix(v, "[") {
		body = firstItem(v)
	}
	var keys []string
	members(body, func(k, _ string) bool {
		keys = append(keys, k)
		return true
	})
	return keys
}

// examplePrimitive reads an example body that holds nothing but a
// primitive "value" (and annotations): its schema, and whether it is an
// array of them.
func examplePrimitive(body string) (*openapi3.Schema, bool) {
	v, ok := wrapped(body)
	if !ok {
		return nil, false
	}
	coll := strings.HasPrefix(v, "[")
	if coll {
		v = firstItem(v)
	}
	switch {
	case v == "true" || v == "false":
		return openapi3.NewBoolSchema(), coll
	case strings.HasPrefix(v, `"`):
		return openapi3.NewStringSchema(), coll
	case v != "" && (v[0] == '-' || v[0] >= '0' && v[0] <= '9'):
		return openapi3.NewFloat64Schema(), coll
	}
	return nil, false
}

// misses counts the keys that are neither annotations nor properties of t
// or its bases.
func (b *builder) misses(t *typeDef, keys []string) int {
	n := 0
	for _, k := range keys {
		if strings.Contains(k, "@") {
			continue
		}
		if _, pd := b.propertyOf(t, k); pd == nil {
			n++
		}
	}
	return n
}

// navCollection reports whether the last segment of a path is a
// collection-valued navigation property of the type the path before it
// addresses; ok is false where it names no such property, or where a
// plural name is typed as one item.
func (b *builder) navCollection(path string) (coll, ok bool) {
	i := strings.LastIndexByte(path, '/')
	if i <= 0 || !isLiteral(path[i+1:]) {
		return false, false
	}
	pt := b.entityTypeAt(path[:i])
	if pt == nil {
		return false, false
	}
	_, pd := b.propertyOf(pt, path[i+1:])
	if pd == nil || !strings.Contains(pd.sig, "$ref:") {
		return false, false
	}
	coll = strings.HasPrefix(pd.sig, "array of ")
	if seg := path[i+1:]; !coll && singular(seg) != seg {
		// Resource pages often type a plural property (replies,
		// hostedContents) as one item: they leave "collection" out, they
		// never add it by mistake.
		return false, false
	}
	return coll, true
}

func oneOrMany(coll bool) string {
	if coll {
		return "a collection"
	}
	return "a single item"
}

// collectionQueryRe spots, in a request line's query string, the system
// query options that only a collection takes.
var collectionQueryRe = regexp.MustCompile(`(?i)(?:^|&)\$?(?:filter|top|orderby|search|skip)=`)

// canonicalHeader spells a header name the usual way (Location,
// Content-Location, Operation-Location).
func canonicalHeader(n string) string {
	parts := strings.Split(strings.ToLower(n), "-")
	for i, s := range parts {
		if s != "" {
			parts[i] = strings.ToUpper(s[:1]) + s[1:]
		}
	}
	return strings.Join(parts, "-")
}

// hasFold reports whether list holds s, ignoring letter case (media types,
// header names).
func hasFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func defaultStatus(method string) int {
	switch method {
	case "POST":
		return 201
	case "DELETE":
		return 204
	}
	return 200
}

// finishOp writes an operation's request body and responses into the
// OpenAPI operation, with the shared Graph error response for 4XX and 5XX.
func (b *builder) finishOp(o *opDef) {
	op := o.op
	var body *openapi3.RequestBody
	switch {
	case o.bodyType != nil:
		body = openapi3.NewRequestBody().WithJSONSchemaRef(b.refTo(o.bodyType))
	case o.bodyOpen:
		s := openapi3.NewObjectSchema()
		s.AdditionalProperties.Has = openapi3.Ptr(true)
		body = openapi3.NewRequestBody().WithJSONSchema(s)
	case len(o.bodyMedia) > 0:
		body = openapi3.NewRequestBody().WithContent(openapi3.Content{})
	}
	if body != nil {
		for _, m := range o.bodyMedia {
			s := binarySchema()
			switch {
			case strings.HasPrefix(m, "multipart/"):
				s = openapi3.NewObjectSchema()
			case m == "text/plain":
				// Text, which generated code holds as a string (a MIME
				// message in base64), not a file.
				s = openapi3.NewStringSchema()
			}
			body.Content[m] = openapi3.NewMediaType().WithSchema(s)
		}
		body.Required = !o.optionalBody
		op.RequestBody = &openapi3.RequestBodyRef{Value: body}
	}
	resp := openapi3.NewResponse().WithDescription(statusText(o.status))
	r := o.resp
	switch r.kind {
	case respStream:
		resp = resp.WithContent(openapi3.NewContentWithSchema(binarySchema(), []string{r.media}))
		if r.streamJSON {
			resp.Content["application/json"] = openapi3.NewMediaType().WithSchema(openapi3.NewObjectSchema())
		}
	case respJSON:
		resp = resp.WithJSONSchemaRef(b.resultSchema(r))
	}
	addResponseHeaders(resp, o.headers[o.status])
	op.Responses = openapi3.NewResponses(openapi3.WithStatus(o.status, &openapi3.ResponseRef{Value: resp}))
	op.Responses.Delete("default")
	if r.redirect {
		red := openapi3.NewResponse().WithDescription(statusText(302))
		addResponseHeaders(red, append([]string{"Location"}, o.headers[302]...))
		op.Responses.Set("302", &openapi3.ResponseRef{Value: red})
	}
	for _, st := range o.moreStatus {
		extra := openapi3.NewResponse().WithDescription(statusText(st))
		if st != 204 {
			extra.Content = resp.Content
		}
		op.Responses.Set(strconv.Itoa(st), &openapi3.ResponseRef{Value: extra})
	}
	for st, hs := range o.headers {
		if st != o.status && st != 302 && st >= 200 && st < 300 {
			extra := openapi3.NewResponse().WithDescription(statusText(st))
			addResponseHeaders(extra, hs)
			if op.Responses.Value(strconv.Itoa(st)) == nil {
				op.Responses.Set(strconv.Itoa(st), &openapi3.ResponseRef{Value: extra})
			}
		}
	}
	op.Responses.Set("4XX", b.errorResponseRef())
	op.Responses.Set("5XX", b.errorResponseRef())
	scopes := make([]string, 0, len(o.scopes))
	for s := range o.scopes {
		scopes = append(scopes, s)
	}
	sortStrings(scopes)
	if len(scopes) > 0 {
		req := openapi3.NewSecurityRequirement().Authenticate(SecurityScheme, scopes...)
		op.Security = &openapi3.SecurityRequirements{req}
	}
}

// addResponseHeaders declares the named headers on a response.
func addResponseHeaders(resp *openapi3.Response, names []string) {
	for _, n := range names {
		if resp.Headers == nil {
			resp.Headers = openapi3.Headers{}
		}
		if _, ok := resp.Headers[n]; ok {
			continue
		}
		resp.Headers[n] = &openapi3.HeaderRef{Value: &openapi3.Header{Parameter: openapi3.Parameter{
			Schema: &openapi3.SchemaRef{Value: openapi3.NewStringSchema()},
		}}}
	}
}

func binarySchema() *openapi3.Schema {
	s := openapi3.NewStringSchema()
	s.Format = "binary"
	return s
}
