package assemble

import (
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"regexp"
	"slices"
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
	pos          diag.Pos // the primary request line
	scopes       map[string]bool
	// claims are the request lines that name the operation, in page
	// order; primary is the one whose page describes it (see rank).
	claims  []claim
	primary *claim
	status  int
	// The request body: a JSON body of bodyType, or, when bodyMedia is
	// set, a stream of that media type.
	bodyType *typeDef
	// bodyMedia are the media types of the bodies the examples send
	// besides JSON ("text/plain" for a MIME message, an upload's type).
	bodyMedia []string
	// bodyOpen is set when an example sends JSON that no type describes.
	bodyOpen bool
	// optionalBody is set for action bodies, whose parameters are often
	// all optional and whose examples then send no body.
	optionalBody bool
	resp         response
	// moreStatus are further success statuses other pages document.
	moreStatus []int
	// headers are the response headers the examples show, by status.
	headers map[int][]string
}

// claim is one request line naming an operation.
type claim struct {
	p  *page.Page
	rl page.HTTPLine
	// query is the request line's query string.
	query string
	// rank orders the claims: lower describes the operation better.
	rank int
}

var identPartRe = regexp.MustCompile(`[^A-Za-z0-9]+`)

// pageOperations records the operation every request line of a method page
// names. Which page describes an operation is settled once every page has
// been read (settleOperations).
func (b *builder) pageOperations(p *page.Page) {
	for _, rl := range p.Requests {
		if m := literalID(rl.Target); m != nil {
			b.diags.Add(p.Pos(rl.Off), diag.Warning, "HTTP_LINE_LITERAL_ID", "request line has the literal id %q where a placeholder belongs; read as a path parameter", m[1])
		}
		target := b.respellTarget(p, rl)
		path, params, query := b.normPath(target)
		key := rl.Method + " " + path
		o := b.ops[key]
		if o == nil {
			o = &opDef{method: rl.Method, path: path, params: params, scopes: map[string]bool{}, headers: map[int][]string{}}
			b.ops[key] = o
			b.opOrder = append(b.opOrder, key)
		}
		if !containsPage(o.pages, p) {
			o.pages = append(o.pages, p)
		}
		o.claims = append(o.claims, claim{p: p, rl: rl, query: query})
		if !containsOp(b.pageOps[p], o) {
			b.pageOps[p] = append(b.pageOps[p], o)
		}
	}
}

// normPath is normPath, remembered: every request line is read twice,
// and pages repeat each other's lines.
func (b *builder) normPath(target string) (string, []param, string) {
	r, ok := b.norms[target]
	if !ok {
		r.path, r.params, r.query = normPath(target)
		b.norms[target] = r
	}
	return r.path, slices.Clone(r.params), r.query
}

type normalized struct {
	path   string
	params []param
	query  string
}

// spellings counts how the request lines spell each path segment. Graph's
// paths are case-insensitive, so /me/contactfolders and /me/contactFolders
// are one path, which takes one spelling.
func (b *builder) spellings(pages []*page.Page) {
	count := map[string]map[string]int{}
	for _, p := range pages {
		for _, rl := range p.Requests {
			path, _, _ := b.normPath(rl.Target)
			for seg := range strings.SplitSeq(path[1:], "/") {
				if !isLiteral(seg) {
					continue
				}
				k := strings.ToLower(seg)
				if count[k] == nil {
					count[k] = map[string]int{}
				}
				count[k][seg]++
			}
		}
	}
	props := map[string]bool{}
	for _, t := range b.types {
		for _, pd := range t.props {
			props[pd.name] = true
		}
	}
	// A spelling that is a property's name wins, then one with capitals
	// (Graph's names are camelCase), then the most frequent.
	score := func(f string, n int) [3]int {
		s := [3]int{0, 0, n}
		if props[f] {
			s[0] = 1
		}
		if f != strings.ToLower(f) {
			s[1] = 1
		}
		return s
	}
	b.spelling = map[string]string{}
	for k, forms := range count {
		if len(forms) < 2 {
			continue
		}
		best := ""
		for _, f := range slices.Sorted(maps.Keys(forms)) {
			if best == "" {
				best = f
				continue
			}
			if a, z := score(f, forms[f]), score(best, forms[best]); a[0] > z[0] || a[0] == z[0] && (a[1] > z[1] || a[1] == z[1] && a[2] > z[2]) {
				best = f
			}
		}
		b.spelling[k] = best
	}
}

// respellTarget gives the literal segments of a request line's path the
// spelling most request lines give them, with a warning.
func (b *builder) respellTarget(p *page.Page, rl page.HTTPLine) string {
	t := rl.Target
	if len(b.spelling) == 0 {
		return t
	}
	end := len(t)
	if i := strings.IndexAny(t, "?"); i >= 0 {
		end = i
	}
	segs := strings.Split(t[:end], "/")
	changed := false
	off := 0 // of the segment in t
	for i, seg := range segs {
		at := off
		off += len(seg) + 1
		if !isLiteral(seg) {
			continue
		}
		if want, ok := b.spelling[strings.ToLower(seg)]; ok && want != seg {
			b.diags.Add(p.Pos(rl.TargetOff+at), diag.Warning, "PATH_SEGMENT_RESPELT", "path segment %q is spelt %q in other request lines, as a property or in camelCase; Graph's paths ignore case, and that spelling is used", seg, want)
			segs[i] = want
			changed = true
		}
	}
	if !changed {
		return t
	}
	return strings.Join(segs, "/") + t[end:]
}

// settleOperations picks, for every operation, the page that describes it
// and builds the operation from that page: a page about the resource the
// path addresses wins over one about something it carries (an open
// extension or extended property, documented on many paths at once), and a
// request line without OData options wins over one that only adds them.
// Pages that tie and disagree on the body or result are a conflict,
// reported at both request lines. Headers and scopes come from every page
// of the winning rank.
func (b *builder) settleOperations() {
	sort.Strings(b.opOrder)
	for _, k := range b.opOrder {
		o := b.ops[k]
		for i := range o.claims {
			o.claims[i].rank = b.rank(o, &o.claims[i])
		}
		// Of pages that rank alike, the one about fewer resources is
		// the more particular: an extension page lists messages, events,
		// contacts and groups; the message page only messages.
		best := &o.claims[0]
		for i := range o.claims {
			c := &o.claims[i]
			if c.rank < best.rank || c.rank == best.rank && b.spread(c.p) < b.spread(best.p) {
				best = c
			}
		}
		o.primary = best
		p := best.p
		b.ns = subNamespace(p)
		o.pos = p.Pos(best.rl.Off)
		b.describeOp(o, p)
		var conflicts []conflict
		for i := range o.claims {
			c := &o.claims[i]
			if c.rank != best.rank {
				continue
			}
			hdrs, ok := b.hdrCache[c.p]
			if !ok {
				hdrs = b.pageHeaders(c.p)
				b.hdrCache[c.p] = hdrs
			}
			addHeaders(o.op, hdrs)
			perms, ok := b.permCache[c.p]
			if !ok {
				perms = b.permissionsOf(c.p)
				b.permCache[c.p] = perms
			}
			if c.rl.Permissions != nil {
				perms = c.rl.Permissions // the page splits them by caller
			}
			for _, perm := range perms {
				for _, s := range perm.Scopes {
					o.scopes[s.Value] = true
					b.scopes[s.Value] = true
				}
			}
			if c.p != p {
				if cf, ok := findConflict(o, best, c); ok {
					conflicts = append(conflicts, cf)
				}
				// Pages that tie and name other success statuses (200
				// with the entity, 204 without) are both true of the
				// service: the operation declares each.
				if st := c.p.Response.Status; st >= 200 && st < 300 && st != o.status && !slices.Contains(o.moreStatus, st) {
					o.moreStatus = append(o.moreStatus, st)
				}
			}
		}
		b.settleConflicts(o, best, conflicts)
	}
	b.ns = ""
}

// rank scores how well a request line's page describes an operation: 0 is
// best. Two points if the page is not about the resource the path
// addresses, one if the line adds OData options ("?$expand=…").
func (b *builder) rank(o *opDef, c *claim) int {
	r := 0
	if seg := resourceSegment(o.path); seg != "" && !pageIsAbout(c.p, seg) {
		r += 2
	}
	for _, kv := range splitQuery(c.query) {
		if strings.HasPrefix(kv[0], "$") {
			r++
			break
		}
	}
	return r
}

// spread counts the resources a page's request lines address.
func (b *builder) spread(p *page.Page) int {
	if n, ok := b.spreads[p]; ok {
		return n
	}
	segs := map[string]bool{}
	for _, o := range b.pageOps[p] {
		segs[resourceSegment(o.path)] = true
	}
	b.spreads[p] = len(segs)
	return len(segs)
}

// resourceSegment returns the last navigation segment of a path, the
// resource it addresses ("events" for /me/events/{event-id}), or "".
func resourceSegment(path string) string {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for i := len(segs) - 1; i >= 0; i-- {
		s := segs[i]
		switch {
		case strings.HasPrefix(s, "{"), isCast(s), strings.HasPrefix(s, "$"):
			continue
		case isLiteral(s):
			return s
		default:
			return "" // a function or action: its own page describes it
		}
	}
	return ""
}

// pageIsAbout reports whether a method page is about the resource a path
// segment names: its body, result or title names the segment's type.
func pageIsAbout(p *page.Page, seg string) bool {
	one := singular(seg)
	for _, n := range []string{p.BodyType.Name, p.Response.Type.Name, responseAnnotationType(p)} {
		n = stripNamespace(n)
		if n != "" && (strings.EqualFold(n, one) || strings.EqualFold(n, seg)) {
			return true
		}
	}
	return strings.Contains(strings.ToLower(p.Title.Value), strings.ToLower(one))
}

// responseAnnotationType is the type the page's first response annotation
// names ("Collection(microsoft.graph.driveItem)" names driveItem).
func responseAnnotationType(p *page.Page) string {
	for _, ex := range p.Examples {
		if a := ex.Annotation; ex.Kind == page.ResponseExample && a != nil && a.ODataType != "" {
			t, _ := annotationType(a.ODataType)
			return t
		}
	}
	return ""
}

// annotationType reads an annotation's "@odata.type": the type name and
// whether it is a collection.
func annotationType(s string) (name string, coll bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "#"))
	if len(s) > 11 && strings.EqualFold(s[:11], "collection(") && strings.HasSuffix(s, ")") {
		s, coll = s[11:len(s)-1], true
	}
	for _, pre := range []string{"microsoft.graph.", "Microsoft.Graph.", "Edm."} {
		s = strings.TrimPrefix(s, pre)
	}
	return s, coll
}

// conflict is a page that describes an operation as well as its primary
// page does, but with another body or result type.
type conflict struct {
	c          *claim
	what, a, z string
}

// findConflict returns how a claim's page disagrees with the primary's.
func findConflict(o *opDef, best, c *claim) (conflict, bool) {
	switch {
	case o.method != "GET" && o.method != "DELETE" && differ(best.p.BodyType.Name, c.p.BodyType.Name) && c.p.Body != nil && !c.p.Body.Parameters:
		return conflict{c, "request body", best.p.BodyType.Name, c.p.BodyType.Name}, true
	case differ(best.p.Response.Type.Name, c.p.Response.Type.Name):
		return conflict{c, "response", best.p.Response.Type.Name, c.p.Response.Type.Name}, true
	}
	return conflict{}, false
}

// settleConflicts decides what disagreeing pages mean. Pages about derived
// types of one base (androidLobApp and iosLobApp for /deviceAppManagement/
// mobileApps) describe one polymorphic operation: it takes and returns
// their nearest common base, unless that is Graph's root of every entity
// type. Otherwise each disagreement is reported, naming both pages.
func (b *builder) settleConflicts(o *opDef, best *claim, cs []conflict) {
	if len(cs) == 0 {
		return
	}
	var base *typeDef
	for i, c := range cs {
		if i == 0 {
			base = b.commonBase(c.a, c.z)
		} else if base != nil {
			base = b.commonBase(base.name, c.z)
		}
	}
	if base != nil && schemaKey(base.name) != "entity" {
		if o.bodyType != nil && b.derivesFrom(o.bodyType.name, base) {
			o.bodyType = base
		}
		if o.resp.t != nil && b.derivesFrom(o.resp.t.name, base) {
			o.resp.t = base
		}
		return
	}
	first := best.p.Pos(best.rl.Off)
	for _, c := range cs {
		b.diags = append(b.diags, diag.Diagnostic{Pos: c.c.p.Pos(c.c.rl.Off), Severity: diag.Warning, Code: "OPERATION_CONFLICT",
			Msg: fmt.Sprintf("%s %s is also described by %s:%d with the %s type %q, not %q; that page's description is used",
				o.method, o.path, first.File, first.Line, c.what, c.a, c.z),
			Related: &first})
	}
}

// derivesFrom reports whether the type named name is base or derives
// from it.
func (b *builder) derivesFrom(name string, base *typeDef) bool {
	t := b.types[schemaKey(name)]
	if t == nil {
		return false
	}
	for a := range b.lineage(t) {
		if a == base.final() {
			return true
		}
	}
	return false
}

// commonBase returns the nearest type that the types named a and z both
// are or derive from, or nil.
func (b *builder) commonBase(a, z string) *typeDef {
	ta, tz := b.types[schemaKey(a)], b.types[schemaKey(z)]
	if ta == nil || tz == nil {
		return nil
	}
	for x := range b.lineage(ta) {
		if b.derivesFrom(tz.name, x) {
			return x
		}
	}
	return nil
}

// differ reports whether two type names are both given and not the same.
func differ(a, b string) bool {
	return a != "" && b != "" && schemaKey(a) != schemaKey(b)
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

// tagOf groups an operation by the first segment of its path, without the
// alternate key or arguments it may carry: /applications(uniqueName=
// '{uniqueName}') is tagged applications, as /applications/{id} is.
func tagOf(path string) string {
	seg := strings.SplitN(strings.TrimPrefix(path, "/"), "/", 2)[0]
	if i := strings.IndexByte(seg, '('); i > 0 {
		seg = seg[:i]
	}
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
			s = strings.Trim(replaceNonAlnum(lastDotted(s), "_"), "_")
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
		switch {
		case o.method != "GET":
		case o.resp.kind == respJSON:
			// The result says it: a singleton (/me) or a single-valued
			// relationship (/me/manager) is got, not listed.
			item = !o.resp.coll
		case o.resp.kind == respStream:
			item = true
		}
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
			lits = append(lits, replaceNonAlnum(lastDotted(sg), ""))
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
