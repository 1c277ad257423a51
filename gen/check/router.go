package check

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// indexedRouter finds routes as gorillamux does over the whole document,
// but tries only the paths that can match the request. gorillamux's
// FindRoute tries every path in turn, so checking every example of a corpus
// cost operations × examples (8,000 generated pages took 9 s, 50,000 more
// than 300 s); with the index the cost per example no longer grows with
// the document.
//
// The index is a tree of the paths' segments: a literal segment (compared
// without letter case, a superset of what gorilla/mux matches) or one with
// a parameter, which can match any segment. A parameter matches no slash
// (gorilla/mux's default pattern is [^/]+), so a request can match only a
// path it can walk down the tree. Paths whose parameters carry a pattern of
// their own ("{x:.*}") could span slashes and are tried for every request.
// The candidates keep the document's matching order (a subset of a total
// order keeps its relative order), so the answer, error included, is the
// one the whole-document router gives.
type indexedRouter struct {
	doc      *openapi3.T
	basePath string // the server URL's path ("/v1.0")
	root     *segNode
	wild     []int    // paths tried for every request, by matching order
	order    []string // the document's paths in matching order
	routers  map[string]routers.Router
	all      routers.Router // for a request outside the base path
}

// segNode is one level of the tree: the paths that end here, by their
// matching order, and the segments that continue them.
type segNode struct {
	ends  []int
	lit   map[string]*segNode
	param *segNode
}

// newRouter returns the index, or gorillamux's router where the document
// has other servers than one for all paths (never so for a built spec).
func newRouter(doc *openapi3.T) (routers.Router, error) {
	// The whole-document router is built once up front all the same:
	// it reports a path gorilla/mux cannot take as an error here, as
	// before, and serves requests outside the base path.
	all, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, err
	}
	if len(doc.Servers) != 1 {
		return all, nil
	}
	u, err := url.Parse(doc.Servers[0].URL)
	if err != nil {
		return all, nil
	}
	r := &indexedRouter{doc: doc, basePath: strings.TrimSuffix(u.Path, "/"), root: &segNode{}, routers: map[string]routers.Router{}, all: all}
	r.order = doc.Paths.InMatchingOrder()
	for i, path := range r.order {
		if len(doc.Paths.Value(path).Servers) > 0 {
			return all, nil
		}
		if strings.Contains(path, ":") && strings.ContainsAny(path, "{}") && patterned(path) {
			r.wild = append(r.wild, i)
			continue
		}
		n := r.root
		for seg := range strings.SplitSeq(strings.TrimPrefix(path, "/"), "/") {
			if strings.ContainsAny(seg, "{}") {
				if n.param == nil {
					n.param = &segNode{}
				}
				n = n.param
				continue
			}
			k := strings.ToLower(seg)
			if n.lit == nil {
				n.lit = map[string]*segNode{}
			}
			next := n.lit[k]
			if next == nil {
				next = &segNode{}
				n.lit[k] = next
			}
			n = next
		}
		n.ends = append(n.ends, i)
	}
	return r, nil
}

// patterned reports whether a path has a parameter with a pattern of its
// own ("{name:regexp}"), which gorilla/mux lets match slashes.
func patterned(path string) bool {
	for {
		i := strings.IndexByte(path, '{')
		if i < 0 {
			return false
		}
		j := strings.IndexByte(path[i:], '}')
		if j < 0 {
			return true // unbalanced: let gorilla/mux judge it
		}
		if strings.Contains(path[i:i+j], ":") {
			return true
		}
		path = path[i+j+1:]
	}
}

// FindRoute implements routers.Router.
func (r *indexedRouter) FindRoute(req *http.Request) (*routers.Route, map[string]string, error) {
	p := req.URL.EscapedPath()
	if !strings.HasPrefix(p, r.basePath+"/") {
		return r.all.FindRoute(req)
	}
	nodes := []*segNode{r.root}
	for seg := range strings.SplitSeq(p[len(r.basePath)+1:], "/") {
		var next []*segNode
		k := strings.ToLower(seg)
		for _, n := range nodes {
			if m := n.lit[k]; m != nil {
				next = append(next, m)
			}
			if n.param != nil {
				next = append(next, n.param)
			}
		}
		nodes = next
	}
	cand := append([]int(nil), r.wild...)
	for _, n := range nodes {
		cand = append(cand, n.ends...)
	}
	if len(cand) == 0 {
		return nil, nil, routers.ErrPathNotFound
	}
	// Sorted for the cache key; the candidates' router puts them in
	// the document's matching order itself.
	slices.Sort(cand)
	var key strings.Builder
	for _, i := range cand {
		key.WriteString(strconv.Itoa(i))
		key.WriteByte(',')
	}
	sub, ok := r.routers[key.String()]
	if !ok {
		// A shallow copy shares components, security and servers with
		// the document; the route found names the document itself.
		doc := *r.doc
		doc.Paths = openapi3.NewPaths()
		for _, i := range cand {
			doc.Paths.Set(r.order[i], r.doc.Paths.Value(r.order[i]))
		}
		var err error
		if sub, err = gorillamux.NewRouter(&doc); err != nil {
			sub = r.all
		}
		r.routers[key.String()] = sub
	}
	route, params, err := sub.FindRoute(req)
	if route != nil {
		route.Spec = r.doc
	}
	return route, params, err
}
