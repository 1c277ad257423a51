// Package serve is the documented API as a local test double: it routes
// every documented request under /{version}/, validates it against the spec
// (path, query, headers, body), and answers with the documented example
// response that best matches it, or with a schema-valid answer where the
// docs have none. Violations, undocumented paths and methods are answered
// with Graph's error body (400, 404, 405).
package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// maxBody bounds a request body read for validation.
const maxBody = 32 << 20

// API is one version of the API to serve: its spec and the examples of
// its pages (none for a spec read from a file).
type API struct {
	Version  string
	Doc      *openapi3.T
	Examples []*assemble.ExamplePair
}

// Handler serves the APIs it is made with, each under /{version}/.
type Handler struct {
	apis map[string]*api
	log  io.Writer
	now  func() time.Time
}

type api struct {
	doc      *openapi3.T
	rt       *router
	examples map[string][]*assemble.ExamplePair // by "METHOD /path"
}

// New makes the handler; log, when set, gets one line per request.
func New(apis []API, log io.Writer) *Handler {
	h := &Handler{apis: map[string]*api{}, log: log, now: time.Now}
	for _, a := range apis {
		paths := map[string][]string{}
		for path, item := range a.Doc.Paths.Map() {
			for m := range item.Operations() {
				paths[path] = append(paths[path], m)
			}
		}
		x := &api{doc: a.Doc, rt: newRouter(paths), examples: map[string][]*assemble.ExamplePair{}}
		for _, pr := range a.Examples {
			// An example that its types cannot read (placeholders such as
			// "datetime-value") would break a typed client: the schema-valid
			// answer serves better.
			if pr.OperationID != "" && !pr.Skip() && pr.Response != nil && (pr.ResponseSound || pr.ResponseJSON == nil) {
				k := pr.Method + " " + pr.Path
				x.examples[k] = append(x.examples[k], pr)
			}
		}
		h.apis[a.Version] = x
	}
	return h
}

// statusWriter remembers the status written, for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(s int) {
	w.status = s
	w.ResponseWriter.WriteHeader(s)
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := h.now()
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	h.serve(sw, r)
	if h.log != nil {
		fmt.Fprintf(h.log, "%s %s %d %s\n", r.Method, r.URL.RequestURI(), sw.status, h.now().Sub(start).Round(time.Microsecond))
	}
}

func (h *Handler) serve(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/")
	version, path, _ := strings.Cut(rest, "/")
	a := h.apis[version]
	if a == nil {
		versions := make([]string, 0, len(h.apis))
		for v := range h.apis {
			versions = append(versions, "/"+v+"/")
		}
		sort.Strings(versions)
		graphError(w, http.StatusNotFound, "UnknownVersion", fmt.Sprintf("no API version is served at /%s; served: %s", version, strings.Join(versions, ", ")))
		return
	}
	ro, params, allow := a.rt.find(r.Method, "/"+path)
	if ro == nil && len(allow) == 0 {
		ro, params = a.call(r, "/"+path)
	}
	if ro == nil {
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			graphError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", fmt.Sprintf("%s is not documented for /%s; documented: %s", r.Method, path, strings.Join(allow, ", ")))
			return
		}
		graphError(w, http.StatusNotFound, "UnknownPath", fmt.Sprintf("no operation is documented at /%s", path))
		return
	}
	item := a.doc.Paths.Value(ro.path)
	op := item.GetOperation(r.Method)
	var body []byte
	if r.Body != nil {
		var err error
		if body, err = io.ReadAll(io.LimitReader(r.Body, maxBody+1)); err != nil || len(body) > maxBody {
			graphError(w, http.StatusBadRequest, "BadRequest", "the request body cannot be read or is larger than 32 MB")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	in := &openapi3filter.RequestValidationInput{
		Request: r, PathParams: params,
		Route:   &routers.Route{Spec: a.doc, Path: ro.path, PathItem: item, Method: r.Method, Operation: op},
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	}
	if len(body) == 0 {
		in.Options.ExcludeRequestBody = op.RequestBody != nil && !op.RequestBody.Value.Required
	}
	if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
		graphError(w, http.StatusBadRequest, "BadRequest", problem(err))
		return
	}
	if pr := a.bestExample(r.Method+" "+ro.path, params, r.URL.Query()); pr != nil {
		writeExample(w, r, version, pr)
		return
	}
	writeSynthetic(w, op, r, body)
}

// bestExample picks the documented example of an operation that is most
// like the request: the most path values and query keys in common, then
// the first documented.
func (a *api) bestExample(key string, params map[string]string, query url.Values) *assemble.ExamplePair {
	best, bestScore := (*assemble.ExamplePair)(nil), -1
	exs := a.examples[key]
	if len(exs) == 0 {
		exs = a.examples[a.likeKey(key)]
	}
	for _, pr := range exs {
		score := 0
		for k, v := range pr.PathValues {
			if strings.EqualFold(params[k], v) {
				score += 2
			}
		}
		if q, err := url.ParseQuery(pr.Query); err == nil {
			for k := range q {
				if _, ok := query[k]; ok {
					score++
				}
			}
		}
		if pr.Status >= 200 && pr.Status < 300 {
			score++ // the documented success, unless the request is like an error's
		}
		if score > bestScore {
			best, bestScore = pr, score
		}
	}
	return best
}

// likeKey finds, for an operation without examples, the operation of the
// same method with examples whose path ends most like its own (pages
// document /me/memberOf by an example of /users/{id}/memberOf): at least
// the last segment, a literal one, in common.
func (a *api) likeKey(key string) string {
	method, path, _ := strings.Cut(key, " ")
	segs := strings.Split(strings.Trim(path, "/"), "/")
	best, bestN := "", 0
	for k := range a.examples {
		m, p, _ := strings.Cut(k, " ")
		if m != method {
			continue
		}
		other := strings.Split(strings.Trim(p, "/"), "/")
		n := 0
		for n < len(segs) && n < len(other) {
			x, y := segs[len(segs)-1-n], other[len(other)-1-n]
			if strings.HasPrefix(x, "{") != strings.HasPrefix(y, "{") || !strings.HasPrefix(x, "{") && !strings.EqualFold(x, y) {
				break
			}
			n++
		}
		if n > bestN || n == bestN && n > 0 && k < best {
			best, bestN = k, n
		}
	}
	if bestN == 0 || strings.HasPrefix(segs[len(segs)-1], "{") {
		return ""
	}
	return best
}

// writeExample answers with a documented example response. Links to
// Graph (@odata.nextLink, Location) point at this server instead, and the
// request that follows the example's @odata.nextLink gets the example as
// the last page, so that a client's pager ends (and a delta round ends
// with an @odata.deltaLink).
func writeExample(w http.ResponseWriter, r *http.Request, version string, pr *assemble.ExamplePair) {
	graph := "https://graph.microsoft.com/" + version
	local := "http://" + r.Host + "/" + version
	for _, h := range pr.Response.Headers {
		switch name := http.CanonicalHeaderKey(strings.TrimSpace(h.Name)); name {
		case "Content-Length", "Transfer-Encoding", "Connection":
		default:
			w.Header().Add(name, strings.ReplaceAll(strings.TrimSpace(h.Value), graph, local))
		}
	}
	body := []byte(strings.TrimSpace(pr.Response.Body))
	if pr.ResponseJSON != nil {
		body = pr.ResponseJSON
		if follows(r, version, body) {
			body = lastPage(body, r, version)
		}
		body = bytes.ReplaceAll(body, []byte(graph), []byte(local))
		w.Header().Set("Content-Type", "application/json")
	}
	status := pr.Status
	if status == 0 {
		status = http.StatusOK
	}
	if status == http.StatusNoContent || status == http.StatusNotModified {
		body = nil
	}
	w.WriteHeader(status)
	w.Write(body)
}

// follows reports whether r requests the @odata.nextLink of an example
// body (its path and query, in any letter case).
func follows(r *http.Request, version string, body []byte) bool {
	var top struct {
		NextLink string `json:"@odata.nextLink"`
	}
	if json.Unmarshal(body, &top) != nil || top.NextLink == "" {
		return false
	}
	u, err := url.Parse(top.NextLink)
	if err != nil {
		return false
	}
	next := strings.TrimPrefix(u.Path, "/"+version)
	got := strings.TrimPrefix(r.URL.Path, "/"+version)
	return strings.EqualFold(next, got) && u.Query().Encode() == r.URL.Query().Encode()
}

// lastPage makes an example body the last page: no @odata.nextLink, and,
// for a delta function, the @odata.deltaLink that ends every round of
// Graph's (the docs seldom show one), with a token of this server's.
func lastPage(body []byte, r *http.Request, version string) []byte {
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil {
		return body
	}
	delete(top, "@odata.nextLink")
	if p := strings.TrimSuffix(r.URL.Path, "()"); strings.HasSuffix(strings.ToLower(p), "/delta") && top["@odata.deltaLink"] == nil {
		link, _ := json.Marshal("https://graph.microsoft.com" + r.URL.Path + "?$deltatoken=docs2openapi-serve")
		top["@odata.deltaLink"] = link
	}
	out, err := json.Marshal(top)
	if err != nil {
		return body
	}
	return out
}

// writeSynthetic answers where the docs have no example: the documented
// success status, with a body its schema accepts: the created entity for a
// create, an empty page for a collection, bytes for a stream, {} else.
func writeSynthetic(w http.ResponseWriter, op *openapi3.Operation, r *http.Request, body []byte) {
	status := 0
	var resp *openapi3.Response
	for code, rr := range op.Responses.Map() {
		var c int
		if _, err := fmt.Sscanf(code, "%d", &c); err == nil && c >= 200 && c < 300 && (status == 0 || c < status) && rr.Value != nil {
			status, resp = c, rr.Value
		}
	}
	if status == 0 {
		status = http.StatusNoContent
	}
	if resp == nil || len(resp.Content) == 0 || status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	if mt := resp.Content.Get("application/json"); mt != nil && mt.Schema != nil {
		out := []byte("{}")
		switch ref := mt.Schema.Ref; {
		case status == http.StatusCreated && json.Valid(body) && bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")):
			out = body // the created entity, as sent
		case strings.HasSuffix(ref, "CollectionResponse") || strings.HasSuffix(ref, "DeltaResponse"):
			out = []byte(`{"value":[]}`)
		case mt.Schema.Value != nil && mt.Schema.Value.Type.Is("array"):
			out = []byte("[]")
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write(out)
		return
	}
	media := "application/octet-stream"
	for m := range resp.Content {
		media = m
		break
	}
	w.Header().Set("Content-Type", media)
	w.WriteHeader(status)
	io.WriteString(w, "docs2openapi serve: the docs show no content for this download\n")
}

// problem says what is wrong with a request in one line.
func problem(err error) string {
	var re *openapi3filter.RequestError
	if errors.As(err, &re) {
		where := ""
		if re.Parameter != nil {
			where = fmt.Sprintf("%s parameter %q: ", re.Parameter.In, re.Parameter.Name)
		} else if re.RequestBody != nil {
			where = "request body: "
		}
		msg := re.Reason
		if re.Err != nil {
			msg = strings.TrimSpace(strings.TrimPrefix(re.Err.Error(), re.Reason))
			if re.Reason != "" {
				msg = re.Reason + ": " + msg
			}
		}
		return where + firstLine(msg)
	}
	return firstLine(err.Error())
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// graphError answers with Graph's error body.
func graphError(w http.ResponseWriter, status int, code, msg string) {
	body, _ := json.Marshal(map[string]any{"error": map[string]any{
		"code": code, "message": msg,
		"innerError": map[string]string{"date": time.Now().UTC().Format(time.RFC3339), "request-id": "docs2openapi-serve"},
	}})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

// Serve runs the handler on addr until ctx ends, then shuts down within
// five seconds. ready, when set, is called with the address listened on.
func Serve(ctx context.Context, addr string, h http.Handler, ready func(string)) error {
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	}
}

// call routes a path whose last segment calls a function with its
// arguments, name(a=1,b='x'), to the GET operation of name that takes each
// argument as a query parameter, as the generated servers do; the
// arguments join the request's query where it does not give them.
func (a *api) call(r *http.Request, p string) (*route, map[string]string) {
	open := strings.LastIndexByte(p, '(')
	if r.Method != http.MethodGet || open < 0 || !strings.HasSuffix(p, ")") || strings.IndexByte(p[open:], '/') >= 0 {
		return nil, nil
	}
	args, ok := functionArgs(p[open+1 : len(p)-1])
	if !ok {
		return nil, nil
	}
	ro, params, _ := a.rt.find(r.Method, p[:open])
	if ro == nil {
		return nil, nil
	}
	op := a.doc.Paths.Value(ro.path).GetOperation(r.Method)
	takes := map[string]bool{}
	for _, pr := range op.Parameters {
		if pr.Value != nil && pr.Value.In == openapi3.ParameterInQuery && !strings.HasPrefix(pr.Value.Name, "$") {
			takes[pr.Value.Name] = true
		}
	}
	q := r.URL.Query()
	for _, kv := range args {
		if !takes[kv[0]] {
			return nil, nil
		}
		if !q.Has(kv[0]) {
			q.Set(kv[0], kv[1])
		}
	}
	r.URL.RawQuery = q.Encode()
	return ro, params
}

// functionArgs splits a function call's arguments, a=1,b='x' (a quote inside doubled), into
// names and values (quotes removed).
func functionArgs(s string) ([][2]string, bool) {
	var out [][2]string
	for s != "" {
		eq := strings.IndexByte(s, '=')
		if eq <= 0 {
			return nil, false
		}
		name, v := strings.TrimSpace(s[:eq]), strings.TrimLeft(s[eq+1:], " ")
		var val string
		if strings.HasPrefix(v, "'") {
			end := 1
			for ; end < len(v); end++ {
				if v[end] == '\'' {
					if end+1 < len(v) && v[end+1] == '\'' {
						end++
						continue
					}
					break
				}
			}
			if end >= len(v) {
				return nil, false
			}
			val = strings.ReplaceAll(v[1:end], "''", "'")
			v = strings.TrimLeft(v[end+1:], " ")
		} else {
			end := strings.IndexByte(v, ',')
			if end < 0 {
				end = len(v)
			}
			val, v = strings.TrimSpace(v[:end]), v[end:]
		}
		if v != "" {
			if v[0] != ',' {
				return nil, false
			}
			v = v[1:]
		}
		out = append(out, [2]string{name, val})
		s = v
	}
	return out, len(out) > 0
}
