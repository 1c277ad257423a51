// Package assemble turns parsed pages into one OpenAPI 3.0.3 document per API
// version: it maps Graph types to schemas, merges what several pages say
// about the same type or operation, names operations and parameters, and
// attaches the pages' examples. Problems become diagnostics; the document is
// always built from everything that could be read.
package assemble

import (
	"context"
	"maps"
	"net/http"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/getkin/kin-openapi/openapi3"
)

// Versions lists the API versions the tool knows, with their base URLs.
var Versions = map[string]string{
	"v1.0": "https://graph.microsoft.com/v1.0",
	"beta": "https://graph.microsoft.com/beta",
}

// SecurityScheme is the name of the OAuth2 scheme every operation uses.
const SecurityScheme = "azureaadv2"

// Options control a build.
type Options struct {
	// Version selects the API version; pages of other versions are skipped
	// and pages whose version cannot be told are included with a warning.
	Version string
}

// Stats counts what a build read and produced.
type Stats struct {
	Pages, OtherVersion, Operations, Schemas, Examples int
}

// Result is the outcome of a build: the document (never nil), the examples
// found in the pages with the operations they belong to, and the sorted
// diagnostics.
type Result struct {
	Doc      *openapi3.T
	Examples []*ExamplePair
	Diags    diag.List
	Stats    Stats
	// Sources says where the pages document each part of the spec.
	Sources Sources

	jsonOnce  sync.Once
	json      []byte
	jsonParts *JSONParts
	jsonErr   error
}

// JSON is the document as json.Marshal encodes it: the form both
// encodings and the code generator start from, encoded once however often
// it is asked for. The document must not change after the first call.
func (r *Result) JSON() ([]byte, error) {
	r.jsonOnce.Do(func() { r.json, r.jsonParts, r.jsonErr = marshalDoc(r.Doc) })
	return r.json, r.jsonErr
}

// JSONParts is JSON cut into parts, or nil when it could not be (the
// document was encoded whole).
func (r *Result) JSONParts() (*JSONParts, error) {
	if _, err := r.JSON(); err != nil {
		return nil, err
	}
	return r.jsonParts, nil
}

// Sources maps parts of the spec to the page positions that document them.
type Sources struct {
	// Operations is keyed by "METHOD /path" (the spec's path, method in
	// capitals): the first request line that claims the operation.
	Operations map[string]diag.Pos
	// Schemas is keyed by component name: where the type is defined.
	Schemas map[string]diag.Pos
	// Properties is keyed by "schema/property": the table row.
	Properties map[string]diag.Pos
}

// Pages assembles the document for opts.Version from pages, whatever order they
// come in.
func Pages(pages []*page.Page, opts Options) *Result {
	b := &builder{
		version:   opts.Version,
		types:     map[string]*typeDef{},
		ops:       map[string]*opDef{},
		scopes:    map[string]bool{},
		exNames:   map[string]int{},
		pageOps:   map[*page.Page][]*opDef{},
		byFile:    map[string]*typeDef{},
		byPath:    map[string]*page.Page{},
		included:  map[*page.Page]bool{},
		queryUsed: map[string]bool{},
		pathTypes: map[string]*typeDef{},
		norms:     map[string]normalized{},
		spreads:   map[*page.Page]int{},
		hdrCache:  map[*page.Page][]*openapi3.Parameter{},
		permCache: map[*page.Page][]page.Permission{},
	}
	sorted := append([]*page.Page(nil), pages...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Src.Name < sorted[j].Src.Name })
	var mine []*page.Page
	for _, p := range sorted {
		b.byPath[path.Clean(filepath.ToSlash(p.Src.Name))] = p
	}
	// A file that pages include is read as part of them, not as a page
	// of its own; so is one that says it is an include.
	for _, p := range sorted {
		for _, n := range p.Includes {
			if ip := b.byPath[n]; ip != nil && ip != p {
				b.included[ip] = true
			}
		}
	}
	for _, p := range sorted {
		if p.Kind == page.IncludePage || b.included[p] && len(p.Requests) == 0 && len(p.Types) == 0 {
			b.included[p] = true
			continue
		}
		switch {
		case p.Version.Value == b.version:
		case p.Version.Value == "":
			b.diags.Add(p.Pos(0), diag.Warning, "VERSION_ASSUMED", "page does not tell its API version (no versioned example URL or folder); assumed %q", b.version)
		default:
			b.stats.OtherVersion++
			continue
		}
		mine = append(mine, p)
	}
	b.stats.Pages = len(mine)
	// Resource and enum pages first: a type's own page is the authority
	// on it, and method pages' body tables only add what it lacks.
	for _, p := range mine {
		if len(p.Types) > 0 {
			b.pageTypes(p)
		}
	}
	for _, p := range mine {
		if len(p.Types) == 0 {
			b.pageTypes(p)
		}
	}
	b.spellings(mine)
	for _, p := range mine {
		b.pageOperations(p)
	}
	b.noOperations(mine)
	b.settleOperations()
	b.respellFromPaths()
	b.collectionsFromPaths()
	for _, k := range b.opOrder {
		o := b.ops[k]
		b.ns = subNamespace(o.primary.p)
		b.finishOp(o)
	}
	b.ns = ""
	b.assignOperationIDs()
	doc := b.document()
	b.doc = doc
	for _, p := range mine {
		b.pageExamples(doc, p)
	}
	b.attachAll()
	b.stats.Examples = len(b.examples)
	for _, p := range mine {
		if len(b.pageOps[p]) == 0 && len(p.Types) == 0 && len(p.Examples) == 0 && p.Body == nil && !b.included[p] {
			b.diags.Add(p.Pos(p.Title.Off), diag.Warning, "PAGE_EMPTY", "page documents no operation, type or example (%s page)", kindOf(p))
		}
	}
	b.diags.Sort()
	return &Result{Doc: doc, Examples: b.examples, Diags: b.diags, Stats: b.stats, Sources: b.sources(doc)}
}

// noOperations reports a build whose pages show example requests but
// yield no operation at all: pages of a layout the reader does not know
// (another language, another site's template) would otherwise build an
// empty spec without a word.
func (b *builder) noOperations(pages []*page.Page) {
	if len(b.ops) > 0 {
		return
	}
	for _, p := range pages {
		for _, ex := range p.Examples {
			if ex.Kind == page.RequestExample {
				b.diags.Add(p.Pos(ex.URLOff), diag.Error, "NO_OPERATION_RECOGNISED", "the pages show example requests, but no page has a request line that was recognised as an operation (an HTTP request section with lines such as \"GET /users/{id}\"); the spec has no paths")
				return
			}
		}
	}
}

type builder struct {
	version  string
	types    map[string]*typeDef
	ops      map[string]*opDef
	opOrder  []string
	pageOps  map[*page.Page][]*opDef // each page's operations, in request-line order
	refs     []typeRef               // every reference to a named type, named in document()
	ns       string                  // sub-namespace of the page being read
	byFile   map[string]*typeDef     // the type each resource page defines, by file name
	byPath   map[string]*page.Page   // every page read, by its slash-separated path
	included map[*page.Page]bool     // pages read as another page's include
	scopes   map[string]bool
	examples []*ExamplePair
	exNames  map[string]int
	// attachments are example bodies waiting for attachAll.
	attachments []attachment
	// collRefs are references to collection pages, named in document();
	// errResp is the shared error response, queryUsed the OData query
	// parameter components operations refer to.
	collRefs  []collRef
	errResp   *openapi3.Response
	queryUsed map[string]bool
	// spelling maps a lower-cased path segment to the spelling most
	// request lines give it.
	spelling map[string]string
	// doc is the document, once document() has made it.
	doc *openapi3.T
	// pathTypes caches entityTypeAt, spreads spread.
	// norms remembers normPath by request target.
	norms     map[string]normalized
	pathTypes map[string]*typeDef
	spreads   map[*page.Page]int
	// Each page's header parameters and permissions, read once.
	hdrCache  map[*page.Page][]*openapi3.Parameter
	permCache map[*page.Page][]page.Permission
	diags     diag.List
	stats     Stats
}

// document assembles the OpenAPI document from the merged model.
func (b *builder) document() *openapi3.T {
	doc := &openapi3.T{
		OpenAPI: "3.0.3",
		Info: &openapi3.Info{
			Title:       "Microsoft Graph " + b.version,
			Version:     b.version,
			Description: "Built by docs2openapi from the Microsoft Graph reference pages.",
		},
		Servers: openapi3.Servers{{URL: Versions[b.version]}},
		Paths:   openapi3.NewPaths(),
		Components: &openapi3.Components{
			Schemas:         openapi3.Schemas{},
			SecuritySchemes: openapi3.SecuritySchemes{},
		},
	}
	if doc.Servers[0].URL == "" {
		doc.Servers[0].URL = "https://graph.microsoft.com/" + b.version
	}
	keys := make([]string, 0, len(b.types))
	for k := range b.types {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b.resolveAliases(keys)
	b.ns = ""
	// A type no page defines is emitted only if something still refers
	// to it once references are resolved in their namespaces.
	used := map[*typeDef]bool{}
	for _, r := range b.refs {
		used[b.resolve(r.t, r.ns)] = true
	}
	for _, c := range b.collRefs {
		used[b.resolve(c.t, c.ns)] = true
	}
	for _, k := range keys {
		if t := b.types[k]; t.base != nil {
			used[b.resolve(t.base, t.ns)] = true
		}
	}
	emitted := 0
	for _, k := range keys {
		t := b.types[k]
		if t.alias != nil || !t.defined && !t.isEnum && len(t.props) == 0 && !used[t] {
			continue
		}
		if !t.defined && !t.isEnum && len(t.props) == 0 {
			b.diags.Add(t.where, diag.Warning, "TYPE_UNDEFINED", "type %q is used but no page documents it; left as an open object", t.name)
		}
		doc.Components.Schemas[t.name] = &openapi3.SchemaRef{Value: b.schema(t)}
		emitted++
	}
	b.stats.Schemas = emitted
	// Every reference is one of ours, so it is resolved here, to the
	// schema it names, rather than by a loader walking the whole document.
	unresolved := map[string]bool{}
	for _, r := range b.refs {
		name := b.resolve(r.t, r.ns).name
		r.sr.Ref = ref(name)
		if target := doc.Components.Schemas[name]; target != nil {
			r.sr.Value = target.Value
		} else {
			unresolved[name] = true
		}
	}
	b.addSharedComponents(doc)
	for _, name := range slices.Sorted(maps.Keys(unresolved)) {
		b.diags.Add(diag.Pos{File: "openapi.yaml"}, diag.Error, "SPEC_INVALID", "reference to schema %q, which the document does not define", name)
	}

	scopes := map[string]string{}
	for s := range b.scopes {
		scopes[s] = s
	}
	doc.Components.SecuritySchemes[SecurityScheme] = &openapi3.SecuritySchemeRef{Value: &openapi3.SecurityScheme{
		Type: "oauth2",
		Flows: &openapi3.OAuthFlows{
			AuthorizationCode: &openapi3.OAuthFlow{
				AuthorizationURL: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
				TokenURL:         "https://login.microsoftonline.com/common/oauth2/v2.0/token",
				Scopes:           scopes,
			},
		},
	}}

	sort.Strings(b.opOrder)
	tags := map[string]bool{}
	for _, k := range b.opOrder {
		o := b.ops[k]
		item := doc.Paths.Value(o.path)
		if item == nil {
			item = &openapi3.PathItem{}
			doc.Paths.Set(o.path, item)
		}
		item.SetOperation(o.method, o.op)
		tags[o.op.Tags[0]] = true
	}
	b.stats.Operations = len(b.opOrder)
	tagNames := make([]string, 0, len(tags))
	for t := range tags {
		tagNames = append(tagNames, t)
	}
	sort.Strings(tagNames)
	for _, t := range tagNames {
		doc.Tags = append(doc.Tags, &openapi3.Tag{Name: t})
	}
	return doc
}

// resolveAliases points bare type names that no page defines at the one
// namespaced type with that last name ("callRecord" means
// "callRecords.callRecord"), as the docs' link texts drop namespaces.
func (b *builder) resolveAliases(keys []string) {
	byLast := map[string][]*typeDef{}
	for _, k := range keys {
		t := b.types[k]
		if i := strings.LastIndexByte(k, '.'); i >= 0 && t.defined {
			byLast[k[i+1:]] = append(byLast[k[i+1:]], t)
		}
	}
	for _, k := range keys {
		t := b.types[k]
		if t.defined || t.isEnum || len(t.props) > 0 || strings.Contains(k, ".") {
			continue
		}
		if c := byLast[k]; len(c) == 1 {
			t.alias = c[0]
			continue
		}
		for _, l := range t.links {
			if d := b.byFile[pageFile(l)]; d != nil && d != t && d.defined && d.alias == nil {
				t.alias = d
				break
			}
		}
	}
}

func kindOf(p *page.Page) string {
	if p.Kind == "" {
		if dt := p.FrontMatter["doc_type"]; dt != "" {
			return dt
		}
		return "unknown"
	}
	return string(p.Kind)
}

// NoteInvalid records a failed validation (see Validate): a bug of ours,
// reported as SPEC_INVALID so that it is never silent.
func (r *Result) NoteInvalid(err error) {
	if err != nil {
		r.Diags.Add(diag.Pos{File: "openapi.yaml"}, diag.Error, "SPEC_INVALID", "built spec does not validate: %v", err)
		r.Diags.Sort()
	}
}

// Validate checks the document with kin-openapi's validator (every
// component once, every path, the security schemes); it only reads the
// document, so it can run beside Encode.
func (r *Result) Validate() error { return validateDoc(context.Background(), r.Doc) }

// Encode renders the document as JSON or YAML; it does not validate it.
func (r *Result) Encode(asJSON bool) ([]byte, error) {
	b, err := r.JSON()
	if err != nil {
		return nil, err
	}
	if asJSON {
		return indentJSON(b)
	}
	return jsonToYAML(b)
}

// statusText returns the reason phrase for a status code.
func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return t
	}
	return "Status " + strconv.Itoa(code)
}

// sources records where each operation, schema and property of doc was
// documented.
func (b *builder) sources(doc *openapi3.T) Sources {
	src := Sources{Operations: map[string]diag.Pos{}, Schemas: map[string]diag.Pos{}, Properties: map[string]diag.Pos{}}
	for _, o := range b.ops {
		src.Operations[o.method+" "+o.path] = o.where()
	}
	for _, t := range b.types {
		if doc.Components.Schemas[t.name] == nil {
			continue
		}
		src.Schemas[t.name] = t.where
		for _, pr := range t.props {
			src.Properties[t.name+"/"+pr.name] = pr.where
		}
	}
	return src
}
