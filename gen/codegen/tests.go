package codegen

import (
	"bytes"
	"fmt"
	"go/format"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

// opNames are the Go names oapi-codegen gave one operation, read from its
// own operation definitions so the tests never guess its naming rules.
type opNames struct {
	OperationID string // the spec's id
	GoName      string
	Params      []paramNames
	BodyType    string // Go type of the JSON request body, "" if none
	ClientCall  string // the typed client method
	NeedsParams bool   // the client method takes a *Params argument
	Responses   []respNames
}

type paramNames struct {
	Name  string // spec name
	Field string // field of the strict request object
}

type respNames struct {
	Status      int
	StrictType  string // the strict server's response type
	JSON        bool
	ClientField string // the typed client response's field, JSON200
}

// namesOf reads the names oapi-codegen gives operations from its own
// operation definitions. It must run right after codegen.Generate on the
// same spec, under mu, since the naming options live in oapi-codegen's
// package state.
func namesOf(defs []codegen.OperationDefinition) map[string]*opNames {
	out := map[string]*opNames{}
	for _, d := range defs {
		n := &opNames{OperationID: d.SpecOperationId, GoName: d.OperationId, NeedsParams: d.RequiresParamObject()}
		for _, p := range d.PathParams {
			n.Params = append(n.Params, paramNames{Name: p.ParamName, Field: codegen.UppercaseFirstCharacter(p.GoName())})
		}
		for _, b := range d.Bodies {
			if b.NameTag == "JSON" {
				n.BodyType = d.OperationId + "JSONRequestBody"
				n.ClientCall = d.OperationId + b.Suffix() + "WithResponse"
				break
			}
		}
		if n.ClientCall == "" {
			n.ClientCall = d.OperationId + "WithResponse"
		}
		for _, r := range d.Responses {
			code, err := strconv.Atoi(r.StatusCode)
			if err != nil {
				continue
			}
			rn := respNames{Status: code, StrictType: d.OperationId + r.StatusCode + "Response"}
			for _, c := range r.Contents {
				if c.IsJSON() {
					rn.StrictType = d.OperationId + r.StatusCode + c.NameTagOrContentType() + "Response"
					rn.JSON = true
					rn.ClientField = "JSON" + r.StatusCode
					break
				}
			}
			n.Responses = append(n.Responses, rn)
		}
		out[n.OperationID] = n
	}
	return out
}

// TestInput is what the contract tests are generated from.
type TestInput struct {
	Package  string
	Examples []*assemble.ExamplePair
	// Source gives the file:line an example pair is reported under.
	Source func(*assemble.ExamplePair) string
	// ExpectedFailures maps example names to the reason they fail.
	ExpectedFailures map[string]string
	// selected is set for a package of selected operations: the examples
	// of the others are not its tests.
	selected bool
}

type testExample struct {
	Ident, Name, Source, Method, Path string
	PathValues                        []kv
	Request, Response                 string
	Status                            int
	BodySchema, RespSchema            string // Go-facing component names, for schema-only checks
	BodyGo, RespGo                    string // Go types for schema-only round trips
	Op                                *opNames
	Resp                              *respNames
}

type kv struct{ K, V string }

var identRe = regexp.MustCompile(`[^A-Za-z0-9]+`)

// contractTests renders the example tests of one package.
func contractTests(in TestInput, ops map[string]*opNames) ([]byte, error) {
	var exs []testExample
	seen := map[string]int{}
	known := map[string]bool{}
	var opList []*opNames
	for _, o := range ops {
		opList = append(opList, o)
	}
	sort.Slice(opList, func(i, j int) bool { return opList[i].GoName < opList[j].GoName })
	for _, pr := range in.Examples {
		known[pr.Name] = true
		if pr.Skip() {
			continue
		}
		te := testExample{Name: pr.Name, Source: in.Source(pr), Method: pr.Method, Path: pr.Path, Status: pr.Status,
			Request: string(pr.RequestJSON), Response: string(pr.ResponseJSON)}
		id := codegen.UppercaseFirstCharacter(strings.Trim(identRe.ReplaceAllString(pr.Name, "_"), "_"))
		seen[id]++
		if n := seen[id]; n > 1 {
			id += "_" + strconv.Itoa(n)
		}
		te.Ident = id
		keys := make([]string, 0, len(pr.PathValues))
		for k := range pr.PathValues {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			te.PathValues = append(te.PathValues, kv{k, pr.PathValues[k]})
		}
		if pr.OperationID != "" {
			te.Op = ops[pr.OperationID]
			if te.Op == nil && in.selected {
				delete(known, pr.Name) // another package's example
				continue
			}
			if te.Op == nil {
				return nil, fmt.Errorf("example %q: oapi-codegen generated no operation %q", pr.Name, pr.OperationID)
			}
			for i := range te.Op.Responses {
				if te.Op.Responses[i].Status == pr.Status {
					te.Resp = &te.Op.Responses[i]
				}
			}
		} else {
			te.BodySchema, te.RespSchema = pr.BodySchema, pr.ResponseSchema
			if pr.RequestJSON != nil && pr.BodySchema != "" {
				te.BodyGo = codegen.SchemaNameToTypeName(pr.BodySchema)
			}
			if pr.ResponseJSON != nil && pr.ResponseSchema != "" && !pr.ResponseCollection {
				te.RespGo = codegen.SchemaNameToTypeName(pr.ResponseSchema)
			}
		}
		exs = append(exs, te)
	}
	var xfail []kv
	for name, why := range in.ExpectedFailures {
		if !known[name] && in.selected && slices.ContainsFunc(in.Examples, func(pr *assemble.ExamplePair) bool { return pr.Name == name }) {
			continue // an example of an operation the package does not select
		}
		if !known[name] {
			return nil, fmt.Errorf("expected-failure list names %q, which is no example of this spec", name)
		}
		xfail = append(xfail, kv{name, why})
	}
	sort.Slice(xfail, func(i, j int) bool { return xfail[i].K < xfail[j].K })
	var buf bytes.Buffer
	err := testTmpl.Execute(&buf, map[string]any{
		"Package": in.Package, "Header": Header, "Examples": exs, "Ops": opList, "XFail": xfail,
	})
	if err != nil {
		return nil, err
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting contract tests: %w\n%s", err, buf.Bytes())
	}
	return src, nil
}

var testTmpl = template.Must(template.New("tests").Funcs(template.FuncMap{
	"q": strconv.Quote,
	"raw": func(s string) string {
		if !strings.Contains(s, "`") {
			return "`" + s + "`"
		}
		return strconv.Quote(s)
	},
}).Parse(`{{.Header}}

package {{.Package}}

// The contract tests prove the generated code against every example of the
// pages: the embedded spec accepts the example, the request body decodes
// into the generated type and encodes back to the same JSON, and the typed
// client, talking to the strict server, sends the example request and gets
// the example response back as a typed value equal to it.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/contract"
)

var (
	_ = context.Background
	_ = json.Unmarshal
	_ = fmt.Errorf
	_ = httptest.NewServer
)

// expectedFailures is the reviewed list of examples the docs get wrong, with
// the reason; an entry whose example passes fails its test.
var expectedFailures = map[string]string{
{{- range .XFail}}
	{{q .K}}: {{q .V}},
{{- end}}
}

// exampleServer answers each operation with the example response of the
// test that drives it, after checking it received the example request.
type exampleServer struct {
	t  contract.T
	ex *contract.Example
}
{{range .Ops}}
func (s exampleServer) {{.GoName}}(ctx context.Context, req {{.GoName}}RequestObject) ({{.GoName}}ResponseObject, error) {
	s.t.Helper()
{{- if .BodyType}}
	if s.ex.Request != "" {
		contract.EqualJSON(s.t, s.ex.Request, req.Body)
	}
{{- end}}
{{- range .Params}}
	if got, want := req.{{.Field}}, s.ex.PathValues[{{q .Name}}]; got != want {
		s.t.Errorf("server got path parameter %s = %q, want %q", {{q .Name}}, got, want)
	}
{{- end}}
	switch s.ex.Status {
{{- range .Responses}}
	case {{.Status}}:
{{- if .JSON}}
		var out {{.StrictType}}
		if err := json.Unmarshal([]byte(s.ex.Response), &out); err != nil {
			return nil, err
		}
		return out, nil
{{- else}}
		return {{.StrictType}}{}, nil
{{- end}}
{{- end}}
	}
	return nil, fmt.Errorf("example status %d is not a documented response", s.ex.Status)
}
{{end}}
{{range .Examples}}
// TestExample_{{.Ident}} drives example {{q .Name}} ({{.Source}}).
func TestExample_{{.Ident}}(t *testing.T) {
	ex := &contract.Example{
		Name:   {{q .Name}},
		Source: {{q .Source}},
		Method: {{q .Method}},
		Path:   {{q .Path}},
		PathValues: map[string]string{ {{- range .PathValues}}{{q .K}}: {{q .V}}, {{end -}} },
		Request:  {{raw .Request}},
		Status:   {{.Status}},
		Response: {{raw .Response}},
	}
	contract.Run(t, expectedFailures[ex.Name], func(t contract.T) {
		spec, err := GetSwagger()
		if err != nil {
			t.Fatalf("embedded spec: %v", err)
		}
		contract.Validate(t, spec, ex, {{q .BodySchema}}, {{q .RespSchema}})
{{- if .Op}}
{{- if .Op.BodyType}}
		var body {{.Op.BodyType}}
		if ex.Request != "" {
			contract.RoundTrip(t, ex.Request, &body)
		}
{{- end}}
		srv := httptest.NewServer(Handler(NewStrictHandler(exampleServer{t: t, ex: ex}, nil)))
		defer srv.Close()
		client, err := NewClientWithResponses(srv.URL)
		if err != nil {
			t.Fatalf("client: %v", err)
		}
		ctx, cancel := contract.Context()
		defer cancel()
		resp, err := client.{{.Op.ClientCall}}(ctx{{range .Op.Params}}, ex.PathValues[{{q .Name}}]{{end}}{{if .Op.NeedsParams}}, nil{{end}}{{if .Op.BodyType}}, body{{end}})
		if err != nil {
			t.Fatalf("client call: %v", err)
		}
		if resp.StatusCode() != ex.Status {
			t.Fatalf("status %d, want %d: %s", resp.StatusCode(), ex.Status, resp.Body)
		}
{{- if and .Resp .Resp.JSON}}
		if ex.Response != "" {
			if resp.{{.Resp.ClientField}} == nil {
				t.Fatalf("typed response {{.Resp.ClientField}} is nil: %s", resp.Body)
			}
			contract.EqualJSON(t, ex.Response, resp.{{.Resp.ClientField}})
		}
{{- end}}
{{- else}}
{{- if .BodyGo}}
		var body {{.BodyGo}}
		contract.RoundTrip(t, ex.Request, &body)
{{- end}}
{{- if .RespGo}}
		var out {{.RespGo}}
		contract.RoundTrip(t, ex.Response, &out)
{{- end}}
{{- end}}
	})
}
{{end}}`))
