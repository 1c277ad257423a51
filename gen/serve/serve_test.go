package serve_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen"
	"github.com/docs2openapi/docs2openapi/gen/serve"
	"github.com/getkin/kin-openapi/openapi3"
)

// The operations golden case: real v1.0 pages (see its README).
const pages = "../assemble/testdata/golden/operations"

func handler(t *testing.T, log io.Writer) *serve.Handler {
	t.Helper()
	res, err := gen.Build([]string{pages}, gen.Options{Version: "v1.0", Base: pages})
	if err != nil {
		t.Fatal(err)
	}
	return serve.New([]serve.API{{Version: "v1.0", Doc: res.Doc, Examples: res.Examples}}, log)
}

type graphError struct {
	Error struct{ Code, Message string }
}

func do(t *testing.T, h http.Handler, method, target, body string) (*http.Response, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, target, rd)
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec.Result(), rec.Body.Bytes()
}

func TestServe(t *testing.T) {
	var log bytes.Buffer
	h := handler(t, &log)

	// The documented example answers a documented request (user-get.md).
	resp, body := do(t, h, "GET", "/v1.0/me", "")
	var me map[string]any
	if resp.StatusCode != 200 || json.Unmarshal(body, &me) != nil || me["displayName"] == nil {
		t.Errorf("GET /v1.0/me: %d %s", resp.StatusCode, body)
	}
	// A request the spec rejects: 400 with Graph's error body naming it.
	for _, c := range []struct{ method, target, body, want string }{
		{"GET", "/v1.0/users?$top=abc", "", "$top"},
		{"GET", "/v1.0/me/calendar/calendarView?startDateTime=2021-01-01T00:00:00Z", "", "endDateTime"},
		{"POST", "/v1.0/groups/g1/members/$ref", `{"@odata.id": 5}`, "request body"},
	} {
		resp, body := do(t, h, c.method, c.target, c.body)
		var ge graphError
		if resp.StatusCode != 400 || json.Unmarshal(body, &ge) != nil || ge.Error.Code != "BadRequest" || !strings.Contains(ge.Error.Message, c.want) {
			t.Errorf("%s %s: %d %s, want 400 naming %s", c.method, c.target, resp.StatusCode, body, c.want)
		}
	}
	// Undocumented: 404 for a path or version, 405 with Allow for a method.
	for _, c := range []struct {
		method, target string
		status         int
		code           string
	}{
		{"GET", "/v1.0/nowhere", 404, "UnknownPath"},
		{"GET", "/beta/me", 404, "UnknownVersion"},
		{"DELETE", "/v1.0/me", 405, "MethodNotAllowed"},
	} {
		resp, body := do(t, h, c.method, c.target, "")
		var ge graphError
		if resp.StatusCode != c.status || json.Unmarshal(body, &ge) != nil || ge.Error.Code != c.code {
			t.Errorf("%s %s: %d %s, want %d %s", c.method, c.target, resp.StatusCode, body, c.status, c.code)
		}
		if c.status == 405 && resp.Header.Get("Allow") != "GET" {
			t.Errorf("%s %s: Allow %q", c.method, c.target, resp.Header.Get("Allow"))
		}
	}
	// A valid $ref body answers as documented (204, no body).
	resp, body = do(t, h, "POST", "/v1.0/groups/g1/members/$ref", `{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/d1"}`)
	if resp.StatusCode != 204 || len(body) != 0 {
		t.Errorf("POST $ref: %d %q", resp.StatusCode, body)
	}
	// Paths match in any letter case, as Graph's do.
	if resp, _ := do(t, h, "GET", "/v1.0/ME", ""); resp.StatusCode != 200 {
		t.Errorf("GET /v1.0/ME: %d", resp.StatusCode)
	}
	if !strings.Contains(log.String(), "GET /v1.0/me 200 ") || !strings.Contains(log.String(), "DELETE /v1.0/me 405 ") {
		t.Errorf("log:\n%s", log.String())
	}
}

// TestServeWithoutExamples: a spec without examples (a built spec file)
// answers every documented request with a body its schema accepts.
func TestServeWithoutExamples(t *testing.T) {
	res, err := gen.Build([]string{pages}, gen.Options{Version: "v1.0"})
	if err != nil {
		t.Fatal(err)
	}
	h := serve.New([]serve.API{{Version: "v1.0", Doc: res.Doc}}, nil)
	resp, body := do(t, h, "GET", "/v1.0/me/messages", "")
	if resp.StatusCode != 200 || string(body) != `{"value":[]}` {
		t.Errorf("a collection: %d %s", resp.StatusCode, body)
	}
	event := `{"subject": "Plan", "start": {"dateTime": "2021-07-01T10:00:00", "timeZone": "UTC"}}`
	resp, body = do(t, h, "POST", "/v1.0/me/events", event)
	if resp.StatusCode != 201 || string(body) != event {
		t.Errorf("a create: %d %s, want 201 with the created entity", resp.StatusCode, body)
	}
	resp, body = do(t, h, "GET", "/v1.0/me/drive/items/i1/content", "")
	if resp.StatusCode != 200 || len(body) == 0 || strings.Contains(resp.Header.Get("Content-Type"), "json") {
		t.Errorf("a download: %d %q %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
}

// TestServeShutsDown: Serve listens, answers, and returns when its context
// ends.
func TestServeShutsDown(t *testing.T) {
	h := handler(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- serve.Serve(ctx, "127.0.0.1:0", h, func(a string) { addr <- a }) }()
	resp, err := http.Get("http://" + <-addr + "/v1.0/me")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET: %v %v", resp, err)
	}
	resp.Body.Close()
	cancel()
	if err := <-done; err != nil {
		t.Errorf("shutdown: %v", err)
	}
}

// TestServePages: links to Graph in an example point at the server, and
// the request that follows an example's @odata.nextLink gets the last
// page, so that a client's pager ends (user-delta.md).
func TestServePages(t *testing.T) {
	h := handler(t, nil)
	resp, body := do(t, h, "GET", "http://localhost:8080/v1.0/users/delta?$select=displayName", "")
	var page struct {
		Value    []map[string]any
		NextLink string `json:"@odata.nextLink"`
	}
	if resp.StatusCode != 200 || json.Unmarshal(body, &page) != nil || !strings.HasPrefix(page.NextLink, "http://localhost:8080/v1.0/users/delta?$skiptoken=") {
		t.Fatalf("first page: %d %s", resp.StatusCode, body)
	}
	next := strings.TrimPrefix(page.NextLink, "http://localhost:8080")
	page.NextLink = ""
	resp, body = do(t, h, "GET", "http://localhost:8080"+next, "")
	var last struct {
		NextLink  string `json:"@odata.nextLink"`
		DeltaLink string `json:"@odata.deltaLink"`
		Value     []map[string]any
	}
	if resp.StatusCode != 200 || json.Unmarshal(body, &last) != nil || last.NextLink != "" || len(last.Value) == 0 ||
		!strings.HasPrefix(last.DeltaLink, "http://localhost:8080/v1.0/users/delta?$deltatoken=") {
		t.Errorf("the page of the nextLink: %d %s, want the last page of the round, with a deltaLink here", resp.StatusCode, body)
	}
}

// TestServeFunctionArguments: a function's query parameters written as its
// arguments in the last segment, cell(row=5,column=6), reach the function
// and are validated as its query (a row that is not an integer is 400); an
// argument the function does not take is no route (404).
func TestServeFunctionArguments(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /me/workbook/names/{name-id}/range/cell:
    get:
      operationId: cell
      parameters:
        - {name: name-id, in: path, required: true, schema: {type: string}}
        - {name: row, in: query, required: true, schema: {type: integer}}
        - {name: column, in: query, required: true, schema: {type: integer}}
      responses: {"200": {description: OK, content: {application/json: {schema: {type: object}}}}}
`))
	if err != nil {
		t.Fatal(err)
	}
	h := serve.New([]serve.API{{Version: "v1.0", Doc: doc}}, nil)
	for _, c := range []struct {
		target string
		status int
	}{
		{"/v1.0/me/workbook/names/n1/range/cell(row=5,column=6)", 200},
		{"/v1.0/me/workbook/names/n1/range/cell?row=5&column=6", 200},
		{"/v1.0/me/workbook/names/n1/range/cell(row='x',column=6)", 400},
		{"/v1.0/me/workbook/names/n1/range/cell(row=5)", 400},
		{"/v1.0/me/workbook/names/n1/range/cell(sheet=1)", 404},
		{"/v1.0/me/workbook/names/n1/range/cell(row=5", 404},
	} {
		if resp, body := do(t, h, "GET", c.target, ""); resp.StatusCode != c.status {
			t.Errorf("GET %s: %d %s, want %d", c.target, resp.StatusCode, body, c.status)
		}
	}
}
