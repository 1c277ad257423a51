// Package contract is the runtime of the contract tests that docs2openapi
// generates next to oapi-codegen output: they drive the generated types,
// client and strict server with every example of the pages. It compares JSON
// by value (instants, bytes and numbers, not spellings), validates examples
// against the embedded spec, and runs tests that are expected to fail.
package contract

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// T is the part of testing.TB the checks use; Run substitutes a recorder
// for expected failures.
type T interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Logf(format string, args ...any)
}

// Example is one example pair of a page, as the generated tests carry it.
type Example struct {
	Name string
	// Source is file:line of the example request (or response) in the docs.
	Source     string
	Method     string
	Path       string // the spec's path template; empty for schema-only examples
	PathValues map[string]string
	Request    string // strict JSON, "" when the example has no body
	Status     int
	Response   string // strict JSON, "" when the example has no body
}

// URLPath returns Path with the example's values in place of parameters.
func (e *Example) URLPath() string {
	p := e.Path
	for k, v := range e.PathValues {
		p = strings.ReplaceAll(p, "{"+k+"}", url.PathEscape(v))
	}
	return p
}

// ExpectedFailure is a reviewed entry of the expected-failure list: an
// example the docs get wrong, and why.
type ExpectedFailure struct {
	Example string
	Reason  string
}

// Run runs check as the test t. When reason is not empty the check is
// expected to fail: its failures are logged, and t fails if it passes, so
// that an entry of the expected-failure list never outlives its cause.
func Run(t T, reason string, check func(T)) {
	t.Helper()
	if reason == "" {
		check(t)
		return
	}
	rec := &recorder{t: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		check(rec)
	}()
	<-done
	if len(rec.errs) == 0 {
		t.Errorf("example is on the expected-failure list (%s) but passes: remove the entry", reason)
		return
	}
	t.Logf("expected failure (%s): %s", reason, rec.errs[0])
}

// recorder is a T that records failures instead of failing the test.
type recorder struct {
	t    T
	mu   sync.Mutex
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Logf(format string, args ...any) {
	r.t.Logf(format, args...)
}
func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}

// Context returns a context for one example's requests.
func Context() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 30*time.Second)
}

// RoundTrip decodes the JSON raw into v, rejecting properties v's type does
// not have, then encodes v and requires the same JSON values back.
func RoundTrip(t T, raw string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("decoding into %T: %v", v, err)
	}
	EqualJSON(t, raw, v)
}

// EqualJSON requires got, encoded as JSON, to hold the same values as the
// JSON want: instants compare as instants, base64 strings as bytes, numbers
// as numbers, so the typed code may respell them. A null property equals an
// absent one: generated pointer fields with omitempty cannot tell them apart.
func EqualJSON(t T, want string, got any) {
	t.Helper()
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatalf("encoding %T: %v", got, err)
	}
	var w, g any
	if err := decode(want, &w); err != nil {
		t.Fatalf("example JSON: %v", err)
	}
	if err := decode(string(b), &g); err != nil {
		t.Fatalf("encoded JSON: %v", err)
	}
	if d := diff("", w, g); d != "" {
		t.Errorf("JSON differs at %s\nwant: %s\n got: %s", d, want, b)
	}
}

func decode(s string, v any) error {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	return dec.Decode(v)
}

// diff returns the JSON pointer of the first difference, or "".
func diff(at string, w, g any) string {
	switch w := w.(type) {
	case map[string]any:
		gm, ok := g.(map[string]any)
		if !ok {
			return orRoot(at)
		}
		keys := make([]string, 0, len(w)+len(gm))
		for k := range w {
			keys = append(keys, k)
		}
		for k := range gm {
			if _, ok := w[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			if d := diff(at+"/"+k, w[k], gm[k]); d != "" {
				return d
			}
		}
		return ""
	case []any:
		ga, ok := g.([]any)
		if !ok || len(ga) != len(w) {
			return orRoot(at)
		}
		for i := range w {
			if d := diff(fmt.Sprintf("%s/%d", at, i), w[i], ga[i]); d != "" {
				return d
			}
		}
		return ""
	case json.Number:
		gn, ok := g.(json.Number)
		if !ok {
			return orRoot(at)
		}
		wf, _ := w.Float64()
		gf, _ := gn.Float64()
		if wf != gf {
			return orRoot(at)
		}
		return ""
	case string:
		gs, ok := g.(string)
		if !ok || !sameString(w, gs) {
			return orRoot(at)
		}
		return ""
	default:
		if w != g {
			return orRoot(at)
		}
		return ""
	}
}

func orRoot(at string) string {
	if at == "" {
		return "/"
	}
	return at
}

// sameString compares strings as the typed code may respell them: equal
// instants (time.Time drops trailing zeros), equal dates and times of day,
// equal bytes (base64 padding and alphabet).
func sameString(w, g string) bool {
	if w == g {
		return true
	}
	if tw, err := time.Parse(time.RFC3339Nano, w); err == nil {
		if tg, err := time.Parse(time.RFC3339Nano, g); err == nil {
			return tw.Equal(tg)
		}
	}
	if bw, err := decodeBase64(w); err == nil {
		if bg, err := decodeBase64(g); err == nil {
			return bytes.Equal(bw, bg)
		}
	}
	return false
}

func decodeBase64(s string) ([]byte, error) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("not base64")
}

// Validate checks the example against the spec the generated package
// embeds: the request (path, body) as a request of its operation, the
// response as its response. Examples without an operation are checked
// against the schemas the page documents, by name.
func Validate(t T, doc *openapi3.T, ex *Example, bodySchema, responseSchema string) {
	t.Helper()
	ctx, cancel := Context()
	defer cancel()
	if ex.Path == "" {
		validateSchema(t, doc, bodySchema, ex.Request, openapi3.VisitAsRequest())
		validateSchema(t, doc, responseSchema, ex.Response, openapi3.VisitAsResponse())
		return
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("router: %v", err)
	}
	var body *strings.Reader
	if ex.Request != "" {
		body = strings.NewReader(ex.Request)
	} else {
		body = strings.NewReader("")
	}
	req, err := http.NewRequestWithContext(ctx, ex.Method, doc.Servers[0].URL+ex.URLPath(), body)
	if err != nil {
		t.Fatalf("request: %v", err)
	}
	if ex.Request != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Fatalf("no route for %s %s: %v", ex.Method, ex.URLPath(), err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
		t.Errorf("example request (%s) violates the spec: %v", ex.Source, err)
	}
	if ex.Status == 0 {
		return
	}
	h := http.Header{}
	if ex.Response != "" {
		h.Set("Content-Type", "application/json")
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: ex.Status, Header: h,
		Options: &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true, ExcludeResponseBody: ex.Response == ""}}
	out.SetBodyBytes([]byte(ex.Response))
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		t.Errorf("example response (%s) violates the spec: %v", ex.Source, err)
	}
}

func validateSchema(t T, doc *openapi3.T, name, raw string, mode openapi3.SchemaValidationOption) {
	t.Helper()
	if name == "" || raw == "" {
		return
	}
	s := doc.Components.Schemas[name]
	if s == nil || s.Value == nil {
		t.Fatalf("spec has no schema %q", name)
	}
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		t.Fatalf("example JSON: %v", err)
	}
	if err := s.Value.VisitJSON(v, mode, openapi3.MultiErrors()); err != nil {
		t.Errorf("example violates schema %q: %v", name, err)
	}
}
