package codegen

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// paramSpec has every kind of parameter that the changed templates
// (templates/) encode and bind through shared helpers: path, optional and
// required query parameters of several schemas and styles, optional and
// required headers.
const paramSpec = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /users/{user-id}/items:
    get:
      operationId: items.list
      parameters:
        - {name: user-id, in: path, required: true, schema: {type: string}}
        - {name: $top, in: query, schema: {type: integer, minimum: 0}}
        - {name: $select, in: query, style: form, explode: false, schema: {type: array, items: {type: string}}}
        - {name: $count, in: query, schema: {type: boolean}}
        - {name: startDateTime, in: query, required: true, schema: {type: string}}
        - {name: Prefer, in: header, schema: {type: string}}
        - {name: ConsistencyLevel, in: header, required: true, schema: {type: string}}
      responses:
        "200": {description: OK}
        "4XX": {$ref: '#/components/responses/error'}
        "5XX": {$ref: '#/components/responses/error'}
components:
  responses:
    error:
      description: error
      content:
        application/json:
          schema: {$ref: '#/components/schemas/ODataError'}
  schemas:
    ODataError:
      type: object
      required: [error]
      properties:
        error:
          type: object
          required: [code, message]
          properties:
            code: {type: string}
            message: {type: string}
`

// paramTest runs in the generated package: the typed client sends every
// parameter, the generated server binds them, and the handler echoes what
// arrived. Missing required and malformed parameters are answered 400.
const paramTest = `package tmpl

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

type echo struct{}

func (echo) ItemsList(w http.ResponseWriter, r *http.Request, userId string, params ItemsListParams) {
	if r.Header.Get("X-Editor") != "yes" {
		http.Error(w, "request editor did not run", http.StatusTeapot)
		return
	}
	if userId == "missing" || userId == "busy" {
		status, code := http.StatusNotFound, "itemNotFound"
		if userId == "busy" {
			status, code = http.StatusServiceUnavailable, "serviceNotAvailable"
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, "{\"error\": {\"code\": %q, \"message\": \"m\"}}", code)
		return
	}
	fmt.Fprintf(w, "%s|%v|%v|%v|%s|%v|%s|%s", userId, deref(params.Top), deref(params.Select), deref(params.Count),
		params.StartDateTime, deref(params.Prefer), params.ConsistencyLevel, r.URL.RawQuery)
}

func deref[T any](p *T) any {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func TestParameters(t *testing.T) {
	// Middlewares run around the handler, the first outermost.
	mw := func(tag string) MiddlewareFunc {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Add("X-Seen", tag)
				next.ServeHTTP(w, r)
			})
		}
	}
	ts := httptest.NewServer(HandlerWithOptions(echo{}, StdHTTPServerOptions{Middlewares: []MiddlewareFunc{mw("a"), mw("b")}}))
	defer ts.Close()
	// A request editor runs on every call.
	editor := WithRequestEditorFn(func(ctx context.Context, req *http.Request) error {
		req.Header.Set("X-Editor", "yes")
		return nil
	})
	c, err := NewClient(ts.URL, editor)
	if err != nil {
		t.Fatal(err)
	}
	top, sel, cnt, prefer := 5, []string{"id", "displayName"}, true, "outlook.timezone"
	for _, tc := range []struct {
		params ItemsListParams
		want   string
	}{
		{ItemsListParams{Top: &top, Select: &sel, Count: &cnt, StartDateTime: "2020-01-01", Prefer: &prefer, ConsistencyLevel: "eventual"},
			"u 1|5|[id displayName]|true|2020-01-01|outlook.timezone|eventual|%24top=5&%24select=id,displayName&%24count=true&startDateTime=2020-01-01"},
		{ItemsListParams{StartDateTime: "x", ConsistencyLevel: "eventual"},
			"u 1|<nil>|<nil>|<nil>|x|<nil>|eventual|startDateTime=x"},
	} {
		rsp, err := c.ItemsList(context.Background(), "u 1", &tc.params)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rsp.Body)
		rsp.Body.Close()
		if string(b) != tc.want {
			t.Errorf("server got\n%s\nwant\n%s", b, tc.want)
		}
		if seen := rsp.Header.Values("X-Seen"); len(seen) != 2 || seen[0]+seen[1] != "ba" && seen[0]+seen[1] != "ab" {
			t.Errorf("middlewares ran as %v", seen)
		}
	}
	// The shared Graph error response arrives in JSON4XX or JSON5XX.
	cr, _ := NewClientWithResponses(ts.URL, editor)
	for _, tc := range []struct {
		id, code string
		status   int
	}{{"missing", "itemNotFound", 404}, {"busy", "serviceNotAvailable", 503}} {
		rsp, err := cr.ItemsListWithResponse(context.Background(), tc.id, &ItemsListParams{StartDateTime: "x", ConsistencyLevel: "eventual"})
		if err != nil {
			t.Fatal(err)
		}
		e := rsp.JSON4XX
		if tc.status >= 500 {
			e = rsp.JSON5XX
		}
		if rsp.StatusCode() != tc.status || e == nil || e.Error.Code != tc.code || rsp.GetJSON4XX() != rsp.JSON4XX {
			t.Errorf("%s: status %d, JSON4XX %v, JSON5XX %v; want %d with code %s", tc.id, rsp.StatusCode(), rsp.JSON4XX, rsp.JSON5XX, tc.status, tc.code)
		}
	}
	for _, tc := range []struct {
		name, query, header string
	}{
		{"required header missing", "startDateTime=x", ""},
		{"required query missing", "%24top=1", "eventual"},
		{"malformed integer", "startDateTime=x&%24top=many", "eventual"},
		{"malformed boolean", "startDateTime=x&%24count=maybe", "eventual"},
	} {
		req, _ := http.NewRequest("GET", ts.URL+"/users/u/items?"+tc.query, nil)
		if tc.header != "" {
			req.Header.Set("ConsistencyLevel", tc.header)
		}
		rsp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		rsp.Body.Close()
		if rsp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", tc.name, rsp.StatusCode)
		}
	}
}
`

// TestTemplatesEncodeAndBindParameters generates a client and a std-http
// server from paramSpec and runs paramTest against them: the shared
// helpers of the changed templates must send and bind what oapi-codegen's
// own code did.
func TestTemplatesEncodeAndBindParameters(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs generated code")
	}
	doc, err := openapi3.NewLoader().LoadFromData([]byte(paramSpec))
	if err != nil {
		t.Fatal(err)
	}
	code, _, err := Generate(doc, Package{Name: "tmpl", Generate: []string{Models, Client, StdHTTPServer}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, helper := range []string{"appendStyledQueries(", "stylePathParams(", "setStyledHeader(", "bindStyledQueries(", "bindStyledPath(", "bindStyledHeader(", "\tgraphErrors\n", "\tresponseBase\n"} {
		if !strings.Contains(string(code), helper) {
			t.Errorf("generated code does not use %q", helper)
		}
	}
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("testdata", "tmpl-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "tmpl.gen.go"), code, 0o644)
	os.WriteFile(filepath.Join(dir, "tmpl_test.go"), []byte(paramTest), 0o644)
	if out, err := exec.Command("go", "test", "./"+dir).CombinedOutput(); err != nil {
		t.Fatalf("generated code fails its test: %v\n%s", err, out)
	}
}
