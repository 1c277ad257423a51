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
		if rsp.StatusCode() != tc.status || e == nil || e.Error.Code != tc.code {
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

// routeSpec has the paths that ServeMux patterns cannot express: an
// alternate key, function arguments, item paths across segments, and
// $value, $ref and $count segments beside keys.
const routeSpec = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /directoryRoles/roleTemplateId={roleTemplateId}:
    get: {operationId: byTemplate, parameters: [{name: roleTemplateId, in: path, required: true, schema: {type: string}}], responses: {"200": {description: OK}}}
  /directoryRoles/{directoryRole-id}:
    get: {operationId: role, parameters: [{name: directoryRole-id, in: path, required: true, schema: {type: string}}], responses: {"200": {description: OK}}}
  /me/drive/root:/{item-path}:/content:
    get: {operationId: download, parameters: [{name: item-path, in: path, required: true, schema: {type: string}}], responses: {"200": {description: OK}}}
    put: {operationId: upload, parameters: [{name: item-path, in: path, required: true, schema: {type: string}}], responses: {"200": {description: OK}}}
  '/me/drive/root:/{item-path}:':
    get: {operationId: item, parameters: [{name: item-path, in: path, required: true, schema: {type: string}}], responses: {"200": {description: OK}}}
  /me/drive/items/{item-id}/content:
    get: {operationId: content, parameters: [{name: item-id, in: path, required: true, schema: {type: string}}], responses: {"200": {description: OK}}}
  /me/workbook/worksheets/{worksheet-id}/range(address='{address}'):
    get: {operationId: range, parameters: [{name: worksheet-id, in: path, required: true, schema: {type: string}}, {name: address, in: path, required: true, schema: {type: string}}], responses: {"200": {description: OK}}}
  /users/delta():
    get: {operationId: delta, responses: {"200": {description: OK}}}
  /users/$count:
    get: {operationId: count, responses: {"200": {description: OK}}}
  /users/{user-id}:
    get: {operationId: user, parameters: [{name: user-id, in: path, required: true, schema: {type: string}}], responses: {"200": {description: OK}}}
  /groups/{group-id}/members/$ref:
    post: {operationId: addMember, parameters: [{name: group-id, in: path, required: true, schema: {type: string}}], responses: {"204": {description: OK}}}
  /applications(uniqueName='{uniqueName}'):
    get: {operationId: app, parameters: [{name: uniqueName, in: path, required: true, schema: {type: string}}], responses: {"200": {description: OK}}}
  /me/photo/$value:
    get: {operationId: photo, responses: {"200": {description: OK}}}
  /me/workbook/names/{name-id}/range/cell:
    get: {operationId: cell, parameters: [{name: name-id, in: path, required: true, schema: {type: string}}, {name: row, in: query, required: true, schema: {type: integer}}, {name: column, in: query, required: true, schema: {type: integer}}, {name: $select, in: query, schema: {type: string}}], responses: {"200": {description: OK}}}
  /reports/getUserArchivedPrintJobs:
    get: {operationId: printJobs, parameters: [{name: userId, in: query, required: true, schema: {type: string}}, {name: startDateTime, in: query, schema: {type: string, format: date-time}}], responses: {"200": {description: OK}}}
`

// routeTest runs in the generated package: each request must reach the
// operation of its path template, with its path values; the others are
// 404 and 405 with a Graph error body, or go to NotFound.
const routeTest = `package route

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

var names = []string{"roleTemplateId", "directoryRole_id", "item_path", "item_id", "worksheet_id", "address", "user_id", "group_id", "uniqueName", "name_id"}

func record(http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out := r.Pattern
		for _, n := range names {
			if v := r.PathValue(n); v != "" {
				out += " " + n + "=" + v
			}
		}
		if r.URL.RawQuery != "" {
			out += " ?" + r.URL.RawQuery
		}
		w.Write([]byte(out))
	})
}

func TestRoutes(t *testing.T) {
	other := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("other")) })
	for _, c := range []struct{ base, method, url, want string; status int }{
		{"", "GET", "/directoryRoles/roleTemplateId=62e90394", "GET /directoryRoles/roleTemplateId={roleTemplateId} roleTemplateId=62e90394", 200},
		{"", "GET", "/directoryRoles/f8e85ed8", "GET /directoryRoles/{directoryRole_id} directoryRole_id=f8e85ed8", 200},
		{"", "GET", "/me/drive/root:/Docs/My%20file.txt:/content", "GET /me/drive/root:/{item_path}:/content item_path=Docs/My file.txt", 200},
		{"", "PUT", "/me/drive/root:/a.txt:/content", "PUT /me/drive/root:/{item_path}:/content item_path=a.txt", 200},
		{"", "GET", "/me/drive/root:/Docs/a.txt:", "GET /me/drive/root:/{item_path}: item_path=Docs/a.txt", 200},
		{"", "GET", "/ME/Drive/Items/01ABC/Content", "GET /me/drive/items/{item_id}/content item_id=01ABC", 200},
		{"", "GET", "/me/workbook/worksheets/Sheet1/range(address='A1:B2')", "GET /me/workbook/worksheets/{worksheet_id}/range(address='{address}') worksheet_id=Sheet1 address=A1:B2", 200},
		{"", "GET", "/me/workbook/worksheets/Sheet1/range(address='$A$1')", "GET /me/workbook/worksheets/{worksheet_id}/range(address='{address}') worksheet_id=Sheet1 address=$A$1", 200},
		{"", "GET", "/users/delta()", "GET /users/delta()", 200},
		{"", "GET", "/users/$count", "GET /users/$count", 200},
		{"", "GET", "/users/87d349ed/", "GET /users/{user_id} user_id=87d349ed", 200},
		{"", "POST", "/groups/g1/members/$ref", "POST /groups/{group_id}/members/$ref group_id=g1", 200},
		{"", "GET", "/applications(uniqueName='app1')", "GET /applications(uniqueName='{uniqueName}') uniqueName=app1", 200},
		{"", "GET", "/me/photo/$value", "GET /me/photo/$value", 200},
		// A function's query parameters written as its arguments.
		{"", "GET", "/me/workbook/names/n1/range/cell(row=5,column=6)", "GET /me/workbook/names/{name_id}/range/cell name_id=n1 ?column=6&row=5", 200},
		{"", "GET", "/me/workbook/names/n1/range/cell(row=5,%20column=6)?row=9", "GET /me/workbook/names/{name_id}/range/cell name_id=n1 ?column=6&row=9", 200},
		{"", "GET", "/reports/getUserArchivedPrintJobs(userId='it''s,x',startDateTime=2020-01-01T00:00:00Z)", "GET /reports/getUserArchivedPrintJobs ?startDateTime=2020-01-01T00%3A00%3A00Z&userId=it%27s%2Cx", 200},
		{"", "GET", "/me/workbook/names/n1/range/cell(sheet=1)", "UnknownPath", 404},
		{"", "GET", "/me/workbook/names/n1/range/cell($select=x)", "UnknownPath", 404},
		{"", "GET", "/me/workbook/names/n1/range/cell(row=5", "UnknownPath", 404},
		{"", "GET", "/me/photo/$value(x=1)", "UnknownPath", 404},
		{"", "POST", "/me/workbook/names/n1/range/cell(row=5,column=6)", "UnknownPath", 404},
		{"/v1.0", "GET", "/v1.0/users/42", "GET /v1.0/users/{user_id} user_id=42", 200},
		{"", "DELETE", "/users/42", "MethodNotAllowed", 405},
		{"", "GET", "/users/42/nothing", "UnknownPath", 404},
		{"", "GET", "/groups/$count", "UnknownPath", 404},
		{"/v1.0", "GET", "/beta/users/42", "UnknownPath", 404},
		{"-", "GET", "/users/42/nothing", "other", 200},
	} {
		opts := StdHTTPServerOptions{BaseURL: c.base, Middlewares: []MiddlewareFunc{record}}
		if c.base == "-" {
			opts = StdHTTPServerOptions{Middlewares: []MiddlewareFunc{record}, NotFound: other}
		}
		h := HandlerWithOptions(nil, opts)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(c.method, c.url, nil))
		if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
			t.Errorf("%s %s: %d %q, want %d %q", c.method, c.url, rec.Code, rec.Body.String(), c.status, c.want)
		}
		if c.status == 405 && rec.Header().Get("Allow") != "GET" {
			t.Errorf("%s %s: Allow %q, want GET", c.method, c.url, rec.Header().Get("Allow"))
		}
	}
	// Behind a ServeMux, under a base URL.
	mux := http.NewServeMux()
	HandlerWithOptions(nil, StdHTTPServerOptions{BaseURL: "/v1.0", BaseRouter: mux, Middlewares: []MiddlewareFunc{record}})
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/v1.0/directoryRoles/roleTemplateId=x", nil))
	if want := "GET /v1.0/directoryRoles/roleTemplateId={roleTemplateId} roleTemplateId=x"; rec.Body.String() != want {
		t.Errorf("behind a ServeMux: %q, want %q", rec.Body.String(), want)
	}
}
`

// TestGeneratedRouter generates a std-http server from routeSpec and runs
// routeTest against it.
func TestGeneratedRouter(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs generated code")
	}
	doc, err := openapi3.NewLoader().LoadFromData([]byte(routeSpec))
	if err != nil {
		t.Fatal(err)
	}
	code, _, err := Generate(doc, Package{Name: "route", Generate: []string{Models, StdHTTPServer}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("testdata", "route-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "route.gen.go"), code, 0o644)
	os.WriteFile(filepath.Join(dir, "route_test.go"), []byte(routeTest), 0o644)
	if out, err := exec.Command("go", "test", "./"+dir).CombinedOutput(); err != nil {
		t.Fatalf("generated router fails its test: %v\n%s", err, out)
	}
}

// helperSpec is a collection, its delta function, an item and a create.
const helperSpec = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /users:
    get: {operationId: users.list, responses: {"200": {description: OK}}}
    post:
      operationId: users.create
      requestBody: {required: true, content: {application/json: {schema: {type: object, additionalProperties: true}}}}
      responses: {"201": {description: OK}}
  /users/delta():
    get: {operationId: users.delta, responses: {"200": {description: OK}}}
  /users/{user-id}:
    get: {operationId: users.get, parameters: [{name: user-id, in: path, required: true, schema: {type: string}}], responses: {"200": {description: OK}}}
`

// helperTest runs in the generated package against a fake Graph: three
// pages of users, a delta round of two pages, a 404 with Graph's error
// body, a create answered 429 twice before 201, and tokens from a
// credential shaped like azidentity's.
const helperTest = `package helpers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

type tokenOptions struct{ Scopes []string }
type accessToken struct {
	Token     string
	ExpiresOn time.Time
}
type credential struct{ calls atomic.Int32 }

func (c *credential) GetToken(ctx context.Context, o tokenOptions) (accessToken, error) {
	c.calls.Add(1)
	return accessToken{Token: "tok-" + o.Scopes[0], ExpiresOn: time.Now().Add(time.Hour)}, nil
}

type user struct {
	ID string ` + "`json:\"id\"`" + `
}

func TestHelpers(t *testing.T) {
	var srv *httptest.Server
	var creates atomic.Int32
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok-https://graph.microsoft.com/.default" {
			http.Error(w, "no token: "+r.Header.Get("Authorization"), http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		page := r.URL.Query().Get("page")
		switch {
		case r.URL.Path == "/users" && r.Method == "GET":
			next := map[string]string{"": "2", "2": "3"}[page]
			out := map[string]any{"value": []user{{"u" + page + "a"}, {"u" + page + "b"}}}
			if next != "" {
				out["@odata.nextLink"] = srv.URL + "/users?page=" + next
			}
			json.NewEncoder(w).Encode(out)
		case r.URL.Path == "/users/delta()":
			out := map[string]any{"value": []user{{"d" + page}}}
			if page == "" {
				out["@odata.nextLink"] = srv.URL + "/users/delta()?page=2"
			} else {
				out["@odata.deltaLink"] = srv.URL + "/users/delta()?token=abc"
			}
			json.NewEncoder(w).Encode(out)
		case r.URL.Path == "/users" && r.Method == "POST":
			body, _ := io.ReadAll(r.Body)
			if creates.Add(1) <= 2 {
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
			w.WriteHeader(http.StatusCreated)
			w.Write(body)
		default:
			w.Header().Set("request-id", "header-id")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, ` + "`" + `{"error": {"code": "Request_ResourceNotFound", "message": "Resource 'x' does not exist.", "innerError": {"date": "2021-07-01T00:00:00", "request-id": "9b0e", "client-request-id": "9b0f"}}}` + "`" + `)
		}
	}))
	defer srv.Close()
	cred := &credential{}
	c, err := NewClient(srv.URL, WithRetries(3, 10*time.Millisecond), WithCredential(cred))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	var ids []string
	for u, err := range AllItems[user](ctx, c, func(ctx context.Context) (*http.Response, error) { return c.UsersList(ctx) }) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.ID)
	}
	if fmt.Sprint(ids) != "[ua ub u2a u2b u3a u3b]" {
		t.Errorf("pages gave %v", ids)
	}

	var link string
	ids = nil
	for u, err := range DeltaItems[user](ctx, c, func(ctx context.Context) (*http.Response, error) { return c.UsersDelta(ctx) }, &link) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.ID)
	}
	if fmt.Sprint(ids) != "[d d2]" || link != srv.URL+"/users/delta()?token=abc" {
		t.Errorf("delta round gave %v, deltaLink %q", ids, link)
	}

	for _, err := range AllItems[user](ctx, c, func(ctx context.Context) (*http.Response, error) { return c.UsersGet(ctx, "x") }) {
		var ge *GraphError
		if !errors.As(err, &ge) || ge.StatusCode != 404 || ge.Code != "Request_ResourceNotFound" || ge.RequestID != "9b0e" || ge.ClientRequestID != "9b0f" {
			t.Errorf("error %#v", err)
		}
	}
	strict, _ := NewClient(srv.URL, WithGraphErrors(), WithCredential(cred))
	if _, err := strict.UsersGet(ctx, "x"); err == nil {
		t.Error("WithGraphErrors: a 404 is no error")
	} else if ge := (*GraphError)(nil); !errors.As(err, &ge) || ge.Message != "Resource 'x' does not exist." {
		t.Errorf("WithGraphErrors: %v", err)
	}

	resp, err := c.UsersCreate(ctx, UsersCreateJSONRequestBody{"displayName": "Ada"})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 201 || creates.Load() != 3 || string(body) != "{\"displayName\":\"Ada\"}" {
		t.Errorf("create after two 429s: %d after %d tries, body %q", resp.StatusCode, creates.Load(), body)
	}
	if n := cred.calls.Load(); n != 2 {
		t.Errorf("two clients asked the credential %d times, want once each", n)
	}
}
`

// TestClientHelpers generates a client from helperSpec and runs
// helperTest: paging, delta rounds, Graph errors, retries and tokens.
func TestClientHelpers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs generated code")
	}
	doc, err := openapi3.NewLoader().LoadFromData([]byte(helperSpec))
	if err != nil {
		t.Fatal(err)
	}
	code, _, err := Generate(doc, Package{Name: "helpers", Generate: []string{Models, Client}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("testdata", "helpers-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "helpers.gen.go"), code, 0o644)
	os.WriteFile(filepath.Join(dir, "helpers_test.go"), []byte(helperTest), 0o644)
	if out, err := exec.Command("go", "test", "./"+dir).CombinedOutput(); err != nil {
		t.Fatalf("generated client helpers fail their test: %v\n%s", err, out)
	}
}
