package build

import (
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/getkin/kin-openapi/openapi3"
)

// opDef is one operation being assembled from the pages that document it.
type opDef struct {
	method, path string
	params       []param
	op           *openapi3.Operation
	pages        []*page.Page
	pos          diag.Pos // the request line that created it
	scopes       map[string]bool
	status       int
	bodyType     *typeDef // the request body's type, nil if none
	// altBodies are further body types other pages document for the same
	// operation; the body is then anyOf all of them.
	altBodies []*typeDef
	// optionalBody is set for action bodies, whose parameters are often
	// all optional and whose examples then send no body.
	optionalBody bool
	respType     *typeDef // the response body's type, nil if none
	respColl     bool
}

var identPartRe = regexp.MustCompile(`[^A-Za-z0-9]+`)

// pageOperations adds an operation for every request line of a method page.
func (b *builder) pageOperations(p *page.Page) {
	b.ns = subNamespace(p)
	headers := b.pageHeaders(p)
	perms := b.permissionsOf(p)
	for _, rl := range p.Requests {
		if m := literalIDRe.FindStringSubmatch(rl.Target); m != nil {
			b.diags.Add(p.Pos(rl.Off), diag.Warning, "HTTP_LINE_LITERAL_ID", "request line has the literal id %q where a placeholder belongs; read as a path parameter", m[1])
		}
		path, params, _ := normPath(rl.Target)
		key := rl.Method + " " + path
		o := b.ops[key]
		if o == nil {
			o = b.newOp(p, rl.Method, path, params)
			o.pos = p.Pos(rl.Off)
			b.ops[key] = o
			b.opOrder = append(b.opOrder, key)
		} else if !containsPage(o.pages, p) {
			o.pages = append(o.pages, p)
			b.mergeBody(o, p)
		}
		if !containsOp(b.pageOps[p], o) {
			b.pageOps[p] = append(b.pageOps[p], o)
		}
		addHeaders(o.op, headers)
		for _, perm := range perms {
			for _, s := range perm.Scopes {
				o.scopes[s.Value] = true
				b.scopes[s.Value] = true
			}
		}
		b.finishOp(o)
	}
}

// permissionsOf returns a page's permissions: its own table's, or those of
// the include file it names, read among the pages like any other
// ("../includes/permissions/user-get-permissions.md" beside the page).
func (b *builder) permissionsOf(p *page.Page) []page.Permission {
	inc := p.PermissionsInclude
	if len(p.Permissions) > 0 || inc.Value == "" || len(p.Requests) == 0 {
		return p.Permissions
	}
	target := path.Clean(path.Join(path.Dir(filepath.ToSlash(p.Src.Name)), inc.Value))
	if ip := b.byPath[target]; ip != nil && len(ip.Permissions) > 0 {
		b.included[ip] = true
		return ip.Permissions
	}
	b.diags.Add(p.Pos(inc.Off), diag.Warning, "PERMISSIONS_NOT_READ", "the permissions are in %q, which is not among the pages read or has no permissions table; the operations list no scopes", inc.Value)
	return nil
}

func containsOp(os []*opDef, o *opDef) bool {
	for _, q := range os {
		if q == o {
			return true
		}
	}
	return false
}

func containsPage(ps []*page.Page, p *page.Page) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// headerNameRe is an HTTP header name as the docs write them.
var headerNameRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*$`)

// pageHeaders turns the rows of a page's request-headers table into
// optional header parameters. Authorization, Content-Type and Accept are
// left out: OpenAPI describes them by security and content, and ignores
// header parameters of those names. A row whose name is not a header name
// is a warning; "Prefer: outlook.timezone" is the header Prefer.
func (b *builder) pageHeaders(p *page.Page) []*openapi3.Parameter {
	var out []*openapi3.Parameter
	seen := map[string]bool{}
	for _, h := range p.Headers {
		name, value, hasValue := strings.Cut(h.Name, ":")
		name = strings.TrimSpace(name)
		desc := strings.TrimSpace(h.Value)
		if hasValue && strings.TrimSpace(value) != "" {
			desc = strings.TrimSpace(strings.TrimSpace(value) + ". " + desc)
		}
		if !headerNameRe.MatchString(name) {
			b.diags.Add(p.Pos(h.Off), diag.Warning, "HEADER_NAME_INVALID", "request header %q is not a header name; left out", h.Name)
			continue
		}
		switch strings.ToLower(name) {
		case "authorization", "content-type", "accept":
			continue
		}
		if seen[strings.ToLower(name)] {
			continue
		}
		seen[strings.ToLower(name)] = true
		out = append(out, &openapi3.Parameter{Name: name, In: openapi3.ParameterInHeader, Description: desc,
			Schema: &openapi3.SchemaRef{Value: openapi3.NewStringSchema()}})
	}
	return out
}

// addHeaders adds header parameters an operation does not have yet; the
// first page to describe a header describes it.
func addHeaders(op *openapi3.Operation, headers []*openapi3.Parameter) {
next:
	for _, h := range headers {
		for _, pr := range op.Parameters {
			if pr.Value.In == openapi3.ParameterInHeader && strings.EqualFold(pr.Value.Name, h.Name) {
				continue next
			}
		}
		c := *h
		op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: &c})
	}
}

// newOp creates an operation from the first page that documents it.
func (b *builder) newOp(p *page.Page, method, path string, params []param) *opDef {
	o := &opDef{method: method, path: path, params: params, pages: []*page.Page{p}, scopes: map[string]bool{}}
	op := openapi3.NewOperation()
	op.Summary = p.Title.Value
	op.Description = p.Description.Value
	op.Tags = []string{tagOf(path)}
	for _, pr := range params {
		op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: &openapi3.Parameter{
			Name: pr.Name, In: openapi3.ParameterInPath, Required: true,
			Description: "key: " + pr.DocName,
			Schema:      &openapi3.SchemaRef{Value: openapi3.NewStringSchema()},
		}})
	}
	if p.Body != nil && method != "GET" && method != "DELETE" {
		if t := p.BodyType.Name; t != "" && !p.Body.Parameters {
			o.bodyType = b.bodyTypeOf(p)
		}
		if o.bodyType == nil {
			o.bodyType = b.actionBody(p, path)
			o.optionalBody = true
		}
	}
	o.status = p.Response.Status
	if o.status == 0 {
		o.status = defaultStatus(method)
	}
	if rt := p.Response.Type.Name; rt != "" && o.status != 204 {
		if td := b.types[schemaKey(rt)]; td != nil {
			o.respType, o.respColl = td, p.Response.Type.Collection
		}
	}
	o.op = op
	return o
}

// finishOp (re)writes the parts of an operation that merge across pages:
// body, responses and security.
func (b *builder) finishOp(o *opDef) {
	op := o.op
	switch {
	case o.bodyType != nil && len(o.altBodies) > 0:
		alts := openapi3.SchemaRefs{b.refTo(o.bodyType)}
		for _, t := range o.altBodies {
			alts = append(alts, b.refTo(t))
		}
		op.RequestBody = &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody().
			WithRequired(true).
			WithJSONSchema(&openapi3.Schema{AnyOf: alts})}
	case o.bodyType != nil:
		op.RequestBody = &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody().
			WithRequired(!o.optionalBody).
			WithJSONSchemaRef(b.refTo(o.bodyType))}
	}
	resp := openapi3.NewResponse().WithDescription(statusText(o.status))
	if o.respType != nil {
		var s *openapi3.SchemaRef
		if o.respColl {
			s = &openapi3.SchemaRef{Value: collectionOf(b.refTo(o.respType))}
		} else {
			s = b.refTo(o.respType)
		}
		resp = resp.WithJSONSchemaRef(s)
	}
	op.Responses = openapi3.NewResponses(openapi3.WithStatus(o.status, &openapi3.ResponseRef{Value: resp}))
	op.Responses.Delete("default")
	scopes := make([]string, 0, len(o.scopes))
	for s := range o.scopes {
		scopes = append(scopes, s)
	}
	sort.Strings(scopes)
	if len(scopes) > 0 {
		req := openapi3.NewSecurityRequirement().Authenticate(SecurityScheme, scopes...)
		op.Security = &openapi3.SecurityRequirements{req}
	}
}

// collectionOf is Graph's collection response: {"value": [...]}.
func collectionOf(item *openapi3.SchemaRef) *openapi3.Schema {
	arr := openapi3.NewArraySchema()
	arr.Items = item
	s := openapi3.NewObjectSchema()
	s.Properties = openapi3.Schemas{
		"value":           &openapi3.SchemaRef{Value: arr},
		"@odata.nextLink": &openapi3.SchemaRef{Value: openapi3.NewStringSchema()},
	}
	return s
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

// tagOf groups an operation by the first segment of its path.
func tagOf(path string) string {
	seg := strings.SplitN(strings.TrimPrefix(path, "/"), "/", 2)[0]
	if seg == "" {
		return "root"
	}
	return seg
}

// assignOperationIDs gives every operation a deterministic, unique id built
// from the literal segments of its path and a verb for its method:
// PATCH /deviceAppManagement/enterpriseCodeSigningCertificates/{…} becomes
// "deviceAppManagement.enterpriseCodeSigningCertificates.update". Ids that
// collide are numbered in path order.
func (b *builder) assignOperationIDs() {
	sort.Strings(b.opOrder)
	seen := map[string]int{}
	for _, k := range b.opOrder {
		o := b.ops[k]
		var parts []string
		segs := strings.Split(strings.Trim(o.path, "/"), "/")
		for _, s := range segs {
			if strings.HasPrefix(s, "{") {
				continue
			}
			if i := strings.IndexByte(s, '('); i >= 0 {
				s = s[:i]
			}
			s = strings.Trim(identPartRe.ReplaceAllString(lastDotted(s), "_"), "_")
			if s != "" {
				parts = append(parts, s)
			}
		}
		// A cast (".../{id}/microsoft.graph.x") reads one item or a list as
		// the segment before it does.
		last := len(segs) - 1
		for last > 0 && isCast(segs[last]) {
			last--
		}
		item := last >= 0 && strings.HasPrefix(segs[last], "{")
		parts = append(parts, verb(o.method, item))
		id := strings.Join(parts, ".")
		seen[id]++
		if n := seen[id]; n > 1 {
			id += itoa(n)
		}
		o.op.OperationID = id
	}
}

// isCast reports whether a path segment is a type cast: a qualified name
// such as microsoft.graph.agentIdentity, not a function call or a key.
func isCast(seg string) bool {
	return strings.Contains(seg, ".") && !strings.ContainsAny(seg, "({:")
}

func verb(method string, item bool) string {
	switch method {
	case "GET":
		if item {
			return "get"
		}
		return "list"
	case "POST":
		return "create"
	case "PATCH":
		return "update"
	case "PUT":
		return "set"
	case "DELETE":
		return "delete"
	}
	return strings.ToLower(method)
}

// where returns the position of an operation's first request line.
func (o *opDef) where() diag.Pos { return o.pos }

// actionBody makes an action's Parameter|Type|Description table a schema
// of its own, named after the action ("sendMail" takes
// sendMailRequestBody). Actions of one name with the same parameters share
// the schema (POST /me/sendMail and /users/{id}/sendMail); one with other
// parameters is named after the segment before it too.
func (b *builder) actionBody(p *page.Page, path string) *typeDef {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var lits []string
	for _, sg := range segs {
		if sg != "" && !strings.HasPrefix(sg, "{") {
			if i := strings.IndexByte(sg, '('); i >= 0 {
				sg = sg[:i]
			}
			lits = append(lits, identPartRe.ReplaceAllString(lastDotted(sg), ""))
		}
	}
	if len(lits) == 0 {
		lits = []string{"root"}
	}
	var sigs []string
	var schemas []*openapi3.SchemaRef
	for _, row := range p.Body.Rows {
		s, sig := b.propertySchema(p, row)
		schemas = append(schemas, s)
		sigs = append(sigs, row.Name.Value+":"+sig)
	}
	want := strings.Join(sigs, ";")
	name := ""
	for n := len(lits) - 1; n >= 0; n-- {
		name = graphCase(strings.Join(lits[n:], "_")) + "RequestBody"
		t := b.types[schemaKey(name)]
		if t == nil || t.actionSig == want {
			break
		}
	}
	t := b.types[schemaKey(name)]
	if t != nil && t.actionSig == want {
		return t
	}
	for base, i := name, 2; b.types[schemaKey(name)] != nil; i++ {
		name = base + itoa(i)
	}
	t = b.typeFor(name, p.Pos(p.Body.Off))
	t.defined, t.actionSig = true, want
	for i, row := range p.Body.Rows {
		if _, dup := t.byName[row.Name.Value]; dup {
			continue
		}
		pd := &propDef{name: row.Name.Value, schema: schemas[i], sig: sigs[i], where: p.Pos(row.Off)}
		t.props = append(t.props, pd)
		t.byName[pd.name] = pd
	}
	return t
}

// mergeBody adds the body type another page documents for an operation as
// an alternative: several pages claim one operation (POST /users/{id}/
// events and the same call in another guide), sometimes with different
// body types.
func (b *builder) mergeBody(o *opDef, p *page.Page) {
	if p.Body == nil || p.Body.Parameters || p.BodyType.Name == "" || o.bodyType == nil {
		return
	}
	t := b.types[schemaKey(p.BodyType.Name)]
	if t == nil || t == o.bodyType || containsType(o.altBodies, t) {
		return
	}
	o.altBodies = append(o.altBodies, t)
}

func containsType(ts []*typeDef, t *typeDef) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}
