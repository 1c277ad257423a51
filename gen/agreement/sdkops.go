package agreement

import (
	"go/ast"
	"go/token"
	"net/url"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Shape is the type of a request or response body in the model's terms: a
// type key ("message", "callrecords.callrecord"), a primitive ("string",
// "int32"), "stream" for bytes of any media type, "reference" for the
// {"@odata.id": ...} body of a $ref operation (the SDK's ReferenceCreate
// and ReferenceUpdate), or "actionbody:<name>" for the parameters of an
// action (the model's name has its package: "users.itemsendmailpostrequestbody");
// Collection is set for a collection of it. The zero Shape is no body.
type Shape struct {
	Type       string
	Collection bool
}

// String writes a shape as "none", "message" or "[]message".
func (s Shape) String() string {
	switch {
	case s.Type == "":
		return "none"
	case s.Collection:
		return "[]" + s.Type
	}
	return s.Type
}

// Op is what a request builder's method says about an operation.
type Op struct {
	// Body is what the method sends; Result what it returns: for a
	// collection response (models.XCollectionResponse, a function's
	// XGetResponse or an action's XPostResponse) the type of its "value"
	// items, as a collection.
	Body, Result Shape
	// Query lists the query options the method takes ("$select", "$top",
	// "@id"), sorted: those of its XRequestBuilderGetQueryParameters
	// struct (one per method), or, when the builder has no such struct
	// for any method, those its URL template lists.
	Query []string
	// Errors reports whether the method maps error responses to ODataError
	// (Kiota writes every 4XX and 5XX as "XXX").
	Errors bool
}

// goType is a type named in a request builder's file.
type goType struct {
	pkg   string // the declaring package's directory in the module ("users", "models/callrecords"); "" for Go's and other modules' types
	name  string
	slice bool
}

type sdkMethod struct {
	body, result *goType // nil: none
	errors       bool
}

// builder is a request builder type: its URL template and methods, keyed
// by HTTP method. asResult holds the results of the GetAsXGetResponse form
// that replaces a deprecated Get returning XResponse.
type builder struct {
	template string
	methods  map[string]*sdkMethod
	asResult map[string]*goType
}

// opReader collects the request builders of an SDK module, package by
// package, and makes the model's operations of them once all files are
// read (a builder's response types are declared in other files).
type opReader struct {
	root     string
	builders map[string]*builder // "users.ItemMessagesRequestBuilder"
	query    map[string][]string // "users.ItemMessagesRequestBuilderGetQueryParameters" → option names
	values   map[string]*goType  // "users.ItemMessagesDeltaGetResponse" → the result of its GetValue
	embeds   map[string]string   // "users.ItemMessagesDeltaResponse" → "users.ItemMessagesDeltaGetResponse"
}

func newOpReader(root string) *opReader {
	return &opReader{root: root, builders: map[string]*builder{}, query: map[string][]string{}, values: map[string]*goType{}, embeds: map[string]string{}}
}

func (r *opReader) builder(key string) *builder {
	b := r.builders[key]
	if b == nil {
		b = &builder{methods: map[string]*sdkMethod{}, asResult: map[string]*goType{}}
		r.builders[key] = b
	}
	return b
}

// httpMethods maps the names of request builders' methods to the HTTP
// methods they send.
var httpMethods = map[string]string{"Get": "GET", "Post": "POST", "Patch": "PATCH", "Put": "PUT", "Delete": "DELETE"}

// read collects what the file at path declares for request builders: the
// URL template of each New…RequestBuilderInternal, the HTTP methods, query
// parameter structs, and the GetValue results and embedded types of
// response types.
func (r *opReader) read(f *ast.File, path string) {
	pkg, err := filepath.Rel(r.root, filepath.Dir(path))
	if err != nil || strings.HasPrefix(pkg, "..") {
		return
	}
	pkg = filepath.ToSlash(pkg)
	imports := map[string]string{} // alias → package directory, "" outside the module
	for _, imp := range f.Imports {
		ip, _ := strconv.Unquote(imp.Path.Value)
		name := ip[strings.LastIndexByte(ip, '/')+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		rest, _ := strings.CutPrefix(ip, SDKModule+"/")
		if rest == ip {
			rest = ""
		}
		imports[name] = rest
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			r.readTypes(d, pkg)
		case *ast.FuncDecl:
			r.readFunc(d, pkg, imports)
		}
	}
}

func (r *opReader) readTypes(d *ast.GenDecl, pkg string) {
	for _, s := range d.Specs {
		ts, ok := s.(*ast.TypeSpec)
		if !ok {
			continue
		}
		st, ok := ts.Type.(*ast.StructType)
		if !ok {
			continue
		}
		name := ts.Name.Name
		for _, fld := range st.Fields.List {
			if id, ok := fld.Type.(*ast.Ident); ok && len(fld.Names) == 0 {
				r.embeds[pkg+"."+name] = pkg + "." + id.Name
			}
			if !strings.HasSuffix(name, "QueryParameters") || fld.Tag == nil {
				continue
			}
			tag, _ := strconv.Unquote(fld.Tag.Value)
			if q := reflect.StructTag(tag).Get("uriparametername"); q != "" {
				if u, err := url.PathUnescape(q); err == nil {
					q = u
				}
				r.query[pkg+"."+name] = append(r.query[pkg+"."+name], q)
			}
		}
		if strings.HasSuffix(name, "QueryParameters") && r.query[pkg+"."+name] == nil {
			r.query[pkg+"."+name] = []string{}
		}
	}
}

func (r *opReader) readFunc(fd *ast.FuncDecl, pkg string, imports map[string]string) {
	if fd.Body == nil {
		return
	}
	var results []ast.Expr
	if fd.Type.Results != nil {
		for _, f := range fd.Type.Results.List {
			for range max(1, len(f.Names)) {
				results = append(results, f.Type)
			}
		}
	}
	if fd.Recv == nil {
		// func NewXRequestBuilderInternal(...)(*XRequestBuilder) {
		//     m := &XRequestBuilder{BaseRequestBuilder: *a.NewBaseRequestBuilder(requestAdapter, "{+baseurl}/...", pathParameters)}
		if len(results) != 1 {
			return
		}
		star, ok := results[0].(*ast.StarExpr)
		if !ok {
			return
		}
		id, ok := star.X.(*ast.Ident)
		if !ok || !strings.HasSuffix(id.Name, "RequestBuilder") {
			return
		}
		if t := template(fd.Body); t != "" {
			r.builder(pkg + "." + id.Name).template = t
		}
		return
	}
	recv, ok := pointerReceiver(fd)
	if !ok {
		return
	}
	if fd.Name.Name == "GetValue" && len(results) == 1 {
		r.values[pkg+"."+recv] = resolveGo(results[0], pkg, imports)
		return
	}
	if !strings.HasSuffix(recv, "RequestBuilder") || !takesContext(fd.Type) {
		return
	}
	// Get, Post, ... and the GetAsXGetResponse, PostAsXPostResponse forms.
	name, as := fd.Name.Name, false
	if i := strings.Index(name, "As"); i > 0 && i+2 < len(name) && unicode.IsUpper(rune(name[i+2])) {
		name, as = name[:i], true
	}
	method, ok := httpMethods[name]
	if !ok {
		return
	}
	b := r.builder(pkg + "." + recv)
	var result *goType
	if len(results) == 2 {
		result = resolveGo(results[0], pkg, imports)
	}
	if as {
		b.asResult[method] = result
		return
	}
	sm := &sdkMethod{result: result, errors: mapsErrors(fd.Body)}
	for _, p := range fd.Type.Params.List {
		for _, n := range p.Names {
			if n.Name == "body" {
				sm.body = resolveGo(p.Type, pkg, imports)
			}
		}
	}
	b.methods[method] = sm
}

// takesContext reports whether a function's first parameter is a
// context.Context: request builders' methods that send requests do,
// their navigation methods ("GetMemberGroups()") do not.
func takesContext(ft *ast.FuncType) bool {
	if len(ft.Params.List) == 0 {
		return false
	}
	sel, ok := ft.Params.List[0].Type.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Context"
}

// template returns the URL template a function body gives
// NewBaseRequestBuilder.
func template(body *ast.BlockStmt) string {
	var t string
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) < 2 || t != "" {
			return t == ""
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "NewBaseRequestBuilder" {
			return true
		}
		if lit, ok := call.Args[1].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			t, _ = strconv.Unquote(lit.Value)
		}
		return false
	})
	return t
}

// mapsErrors reports whether a method's body declares an error mapping:
// errorMapping := a.ErrorMappings{"XXX": odataerrors.CreateODataErrorFromDiscriminatorValue}.
func mapsErrors(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if cl, ok := n.(*ast.CompositeLit); ok {
			if sel, ok := cl.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "ErrorMappings" && len(cl.Elts) > 0 {
				found = true
			}
		}
		return !found
	})
	return found
}

// resolveGo resolves a type expression of a file in package pkg.
func resolveGo(e ast.Expr, pkg string, imports map[string]string) *goType {
	switch x := e.(type) {
	case *ast.StarExpr:
		return resolveGo(x.X, pkg, imports)
	case *ast.ArrayType:
		if x.Len != nil {
			return nil
		}
		t := resolveGo(x.Elt, pkg, imports)
		if t != nil {
			t.slice = true
		}
		return t
	case *ast.Ident:
		if unicode.IsLower(rune(x.Name[0])) { // string, bool, byte, int32, ...
			return &goType{name: x.Name}
		}
		return &goType{pkg: pkg, name: x.Name}
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			return &goType{pkg: imports[id.Name], name: x.Sel.Name}
		}
	}
	return nil
}

// templateQueryRe finds the query options of a URL template:
// "{?%24count,%24expand,includeHiddenMessages*}", "{&%24top}".
var templateQueryRe = regexp.MustCompile(`\{[?&]([^}]*)\}`)

func templateQuery(t string) []string {
	var out []string
	for _, g := range templateQueryRe.FindAllStringSubmatch(t, -1) {
		for _, q := range strings.Split(g[1], ",") {
			q = strings.TrimSuffix(q, "*")
			if u, err := url.PathUnescape(q); err == nil {
				q = u
			}
			if q != "" && !slices.Contains(out, q) {
				out = append(out, q)
			}
		}
	}
	return out
}

// finish makes the model's operations of the builders read. Builders
// whose templates normalise to the same path (a function's overloads:
// "range()" and "range(address='{address}')") give the first's
// operations, in the order of their packages and names.
func (r *opReader) finish(m *Model) {
	keys := make([]string, 0, len(r.builders))
	for k := range r.builders {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		b := r.builders[key]
		if b.template == "" || len(b.methods) == 0 {
			continue
		}
		path := sdkPath(b.template)
		perMethod := false
		for _, mn := range httpMethods {
			if _, ok := r.query[key+titleCase(mn)+"QueryParameters"]; ok {
				perMethod = true
			}
		}
		for method, sm := range b.methods {
			opKey := method + " " + path
			if m.Ops[opKey] != nil {
				continue
			}
			result := sm.result
			if as, ok := b.asResult[method]; ok {
				result = as
			}
			op := &Op{Body: r.shape(m, sm.body), Result: r.shape(m, result), Errors: sm.errors}
			if perMethod {
				op.Query = slices.Clone(r.query[key+titleCase(method)+"QueryParameters"])
			} else {
				op.Query = templateQuery(b.template)
			}
			slices.Sort(op.Query)
			m.Ops[opKey] = op
		}
	}
}

// titleCase writes an HTTP method as Kiota names it: "GET" → "Get".
func titleCase(method string) string {
	return method[:1] + strings.ToLower(method[1:])
}

// shape is the Shape of a type of a request builder's method.
func (r *opReader) shape(m *Model, t *goType) Shape {
	if t == nil {
		return Shape{}
	}
	switch {
	case t.pkg == "":
		if t.slice && (t.name == "byte" || t.name == "uint8") {
			return Shape{Type: "stream"}
		}
		if p, ok := primitives[strings.ToLower(t.name)]; ok {
			return Shape{Type: p, Collection: t.slice}
		}
		return Shape{Type: strings.ToLower(t.name), Collection: t.slice}
	case t.pkg == "models" || strings.HasPrefix(t.pkg, "models/"):
		ns := strings.TrimPrefix(strings.TrimPrefix(t.pkg, "models"), "/")
		if ns != "" {
			ns = strings.ToLower(ns) + "."
		}
		// Kiota's interfaces are the type's name and "able"; it renames
		// types that are Go keywords ("package").
		key := ns + strings.TrimSuffix(strings.ToLower(strings.TrimSuffix(t.name, "able")), "escaped")
		switch {
		case key == "referencecreate" || key == "referenceupdate":
			return Shape{Type: "reference", Collection: t.slice}
		case strings.HasSuffix(key, "collectionresponse"):
			if v, ok := strings.CutPrefix(m.props(key)["value"], "[]"); ok {
				return Shape{Type: strings.TrimPrefix(v, "ref:"), Collection: true}
			}
			return Shape{Type: strings.TrimSuffix(key, "collectionresponse"), Collection: true}
		}
		return Shape{Type: key, Collection: t.slice}
	}
	// A type of a request builders' package: an action's parameters
	// (ItemSendMailPostRequestBody), a function's or action's response
	// (ItemMessagesDeltaGetResponse, with a value).
	name := strings.TrimSuffix(t.name, "able")
	if strings.HasSuffix(name, "RequestBody") {
		return Shape{Type: "actionbody:" + strings.ReplaceAll(t.pkg, "/", ".") + "." + strings.ToLower(name), Collection: t.slice}
	}
	key := t.pkg + "." + name
	for range 8 {
		if v := r.values[key]; v != nil {
			s := r.shape(m, &goType{pkg: v.pkg, name: v.name})
			s.Collection = v.slice
			return s
		}
		if key = r.embeds[key]; key == "" {
			break
		}
	}
	if strings.Contains(name, "Delta") {
		return Shape{Type: "delta", Collection: true}
	}
	return Shape{Type: strings.ToLower(name), Collection: t.slice}
}
