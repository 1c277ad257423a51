package agreement

import (
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// testdata/sdk has request builders written as Kiota writes them: a
// collection's GET (with its query parameters struct) and POST, a delta
// function (deprecated Get and GetAsDeltaGetResponse), an action, $ref
// builders, and a drive item's content (bytes).
func TestLoadOps(t *testing.T) {
	m := loadTestSDK(t)
	for key, want := range map[string]Op{
		"GET /users/{}/messages":        {Result: Shape{"message", true}, Query: []string{"$count", "$filter", "$select", "$top", "includeHiddenMessages"}, Errors: true},
		"POST /users/{}/messages":       {Body: Shape{Type: "message"}, Result: Shape{Type: "message"}, Errors: true},
		"GET /users/{}/messages/delta":  {Result: Shape{"message", true}, Query: []string{"$select", "$top"}, Errors: true},
		"POST /users/{}/sendmail":       {Body: Shape{Type: "actionbody:users.itemsendmailpostrequestbody"}, Errors: true},
		"GET /users/{}/manager/$ref":    {Result: Shape{Type: "string"}, Errors: true},
		"PUT /users/{}/manager/$ref":    {Body: Shape{Type: "reference"}, Errors: true},
		"DELETE /users/{}/manager/$ref": {Errors: true},
		"GET /groups/{}/members/$ref":   {Result: Shape{"string", true}, Query: []string{"$count", "$filter", "$top"}, Errors: true},
		"POST /groups/{}/members/$ref":  {Body: Shape{Type: "reference"}, Errors: true},
		// The template's "?@id={%40id}" is the DELETE's, by its struct.
		"DELETE /groups/{}/members/$ref":     {Query: []string{"@id"}, Errors: true},
		"GET /drives/{}/items/{}/content":    {Result: Shape{Type: "stream"}, Query: []string{"$format"}, Errors: true},
		"PUT /drives/{}/items/{}/content":    {Body: Shape{Type: "stream"}, Result: Shape{Type: "driveitem"}, Errors: true},
		"GET /users/{}/messages/{}/nonesuch": {},
	} {
		got := m.Ops[key]
		if want.Body.Type == "" && want.Result.Type == "" && !want.Errors {
			if got != nil {
				t.Errorf("%s: %+v, want none", key, got)
			}
			continue
		}
		if got == nil {
			t.Errorf("%s: not read", key)
			continue
		}
		if got.Body != want.Body || got.Result != want.Result || got.Errors != want.Errors || !slices.Equal(got.Query, want.Query) {
			t.Errorf("%s:\n got %+v\nwant %+v", key, *got, want)
		}
	}
	if len(m.Ops) != 12 {
		t.Errorf("%d operations read, want 12", len(m.Ops))
	}
}

func TestCompareOperations(t *testing.T) {
	m := loadTestSDK(t)
	ref := func(name string) *openapi3.SchemaRef { return &openapi3.SchemaRef{Ref: "#/components/schemas/" + name} }
	obj := func(props openapi3.Schemas) *openapi3.SchemaRef {
		return &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"object"}, Properties: props}}
	}
	arr := func(items *openapi3.SchemaRef) *openapi3.SchemaRef {
		return &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"array"}, Items: items}}
	}
	str := &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}}}
	binary := &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, Format: "binary"}}
	json := func(s *openapi3.SchemaRef) openapi3.Content { return openapi3.NewContentWithJSONSchemaRef(s) }
	body := func(c openapi3.Content) *openapi3.RequestBodyRef {
		return &openapi3.RequestBodyRef{Value: &openapi3.RequestBody{Content: c}}
	}
	// responses: code → content (nil: none); "errors" adds 4XX and 5XX.
	responses := func(codes map[string]openapi3.Content) *openapi3.Responses {
		r := openapi3.NewResponses()
		r.Delete("default")
		for code, c := range codes {
			if code == "errors" {
				r.Set("4XX", &openapi3.ResponseRef{Value: openapi3.NewResponse()})
				r.Set("5XX", &openapi3.ResponseRef{Value: openapi3.NewResponse()})
				continue
			}
			r.Set(code, &openapi3.ResponseRef{Value: openapi3.NewResponse().WithContent(c)})
		}
		return r
	}
	query := func(names ...string) openapi3.Parameters {
		var ps openapi3.Parameters
		for _, n := range names {
			if n == "$top" {
				// Shared options are $refs to components.parameters.
				ps = append(ps, &openapi3.ParameterRef{Ref: "#/components/parameters/top", Value: openapi3.NewQueryParameter(n)})
				continue
			}
			ps = append(ps, &openapi3.ParameterRef{Value: openapi3.NewQueryParameter(n)})
		}
		return ps
	}
	doc := &openapi3.T{Components: &openapi3.Components{Schemas: openapi3.Schemas{
		"entity":       obj(openapi3.Schemas{"id": str}),
		"outlookItem":  {Value: &openapi3.Schema{AllOf: openapi3.SchemaRefs{ref("entity")}}},
		"message":      {Value: &openapi3.Schema{AllOf: openapi3.SchemaRefs{ref("outlookItem")}}},
		"driveItem":    {Value: &openapi3.Schema{AllOf: openapi3.SchemaRefs{ref("entity")}}},
		"BaseResponse": obj(openapi3.Schemas{"@odata.nextLink": str}),
		"messageCollectionResponse": {Value: &openapi3.Schema{AllOf: openapi3.SchemaRefs{
			ref("BaseResponse"), obj(openapi3.Schemas{"value": arr(ref("message"))}),
		}}},
		"messageDeltaResponse": obj(openapi3.Schemas{"@odata.deltaLink": str, "value": arr(ref("message"))}),
		"sendMailRequestBody":  obj(openapi3.Schemas{"message": ref("message"), "saveToSentItems": str}),
		"ReferenceUpdate":      obj(openapi3.Schemas{"@odata.id": str}),
	}}, Paths: openapi3.NewPaths()}
	set := func(path, method string, op *openapi3.Operation) {
		item := doc.Paths.Value(path)
		if item == nil {
			item = &openapi3.PathItem{}
			doc.Paths.Set(path, item)
		}
		item.SetOperation(method, op)
	}
	// The model's GET /users/{}/messages.
	set("/me/messages", "GET", &openapi3.Operation{
		Parameters: query("$count", "$filter", "$select", "$top", "includeHiddenMessages"),
		Responses:  responses(map[string]openapi3.Content{"200": json(ref("messageCollectionResponse")), "errors": nil}),
	})
	// A base type of the model's.
	set("/me/messages", "POST", &openapi3.Operation{
		RequestBody: body(json(ref("outlookItem"))),
		Responses: func() *openapi3.Responses {
			r := responses(map[string]openapi3.Content{"201": json(ref("message"))})
			r.Set("default", &openapi3.ResponseRef{Value: openapi3.NewResponse()})
			return r
		}(),
	})
	// One message for a collection, no query options, no errors.
	set("/users/{user-id}/messages", "GET", &openapi3.Operation{Responses: responses(map[string]openapi3.Content{"200": json(ref("message"))})})
	set("/users/{user-id}/messages", "POST", &openapi3.Operation{Responses: responses(map[string]openapi3.Content{"201": nil})})
	// A delta response, resolved through its value; lacks $top.
	set("/users/{user-id}/messages/delta()", "GET", &openapi3.Operation{
		Parameters: query("$select"),
		Responses:  responses(map[string]openapi3.Content{"200": json(ref("messageDeltaResponse"))}),
	})
	set("/me/sendMail", "POST", &openapi3.Operation{
		RequestBody: body(json(ref("sendMailRequestBody"))),
		Responses: func() *openapi3.Responses {
			r := responses(map[string]openapi3.Content{"202": nil})
			r.Set("4XX", &openapi3.ResponseRef{Value: openapi3.NewResponse()})
			return r
		}(),
	})
	set("/users/{user-id}/manager/$ref", "PUT", &openapi3.Operation{
		RequestBody: body(json(ref("ReferenceUpdate"))),
		Responses:   responses(map[string]openapi3.Content{"204": nil, "errors": nil}),
	})
	set("/users/{user-id}/manager/$ref", "GET", &openapi3.Operation{
		Responses: responses(map[string]openapi3.Content{"200": json(obj(openapi3.Schemas{"@odata.id": str})), "errors": nil}),
	})
	set("/users/{user-id}/manager/$ref", "DELETE", &openapi3.Operation{Responses: responses(map[string]openapi3.Content{"204": nil, "errors": nil})})
	set("/groups/{group-id}/members/$ref", "POST", &openapi3.Operation{
		RequestBody: body(json(obj(openapi3.Schemas{"@odata.id": str}))),
		Responses:   responses(map[string]openapi3.Content{"204": nil}),
	})
	set("/groups/{group-id}/members/$ref", "GET", &openapi3.Operation{
		Responses: responses(map[string]openapi3.Content{"200": json(obj(openapi3.Schemas{"@odata.nextLink": str, "value": arr(str)}))}),
	})
	// Reached through the user's drive; $select is more than the model's;
	// each media type is an alternative.
	set("/me/drive/items/{item-id}/content", "GET", &openapi3.Operation{
		Parameters: query("$format", "$select"),
		Responses: responses(map[string]openapi3.Content{
			"200": {
				"application/json":         openapi3.NewMediaType().WithSchemaRef(obj(nil)),
				"application/octet-stream": openapi3.NewMediaType().WithSchemaRef(binary),
			},
			"errors": nil,
		}),
	})
	set("/me/drive/items/{item-id}/content", "PUT", &openapi3.Operation{
		RequestBody: body(openapi3.Content{"application/octet-stream": openapi3.NewMediaType().WithSchemaRef(binary)}),
		Responses:   responses(map[string]openapi3.Content{"200": nil, "201": json(ref("driveItem")), "errors": nil}),
	})
	// Not in the model: counted as ours, not compared.
	set("/me/drive/items/{item-id}", "PATCH", &openapi3.Operation{RequestBody: body(json(ref("driveItem"))), Responses: responses(nil)})
	set("/me/things", "GET", &openapi3.Operation{Responses: responses(map[string]openapi3.Content{"200": json(arr(ref("entity")))})})

	r := CompareOperations(doc, m)
	for _, f := range []struct {
		what      string
		got, want int
	}{
		{"ours", r.Ours, 15}, {"compared", r.Compared, 13},
		{"bodies", r.Bodies, 6}, {"bodies agreed", r.BodiesAgreed, 5},
		{"action bodies", r.ActionBodies, 1}, {"action bodies named", r.ActionNamed, 1},
		{"results", r.Results, 9}, {"results agreed", r.ResultsAgreed, 7},
		{"queries", r.Queries, 6}, {"queries covered", r.QueriesCovered, 3}, {"queries exact", r.QueriesExact, 2},
		{"errors", r.Errors, 13}, {"errors agreed", r.ErrorsAgreed, 7},
		{"collection GETs", r.CollectionGets, 4}, {"collection GETs queried", r.CollectionGetsQueried, 2},
	} {
		if f.got != f.want {
			t.Errorf("%s: %d, want %d", f.what, f.got, f.want)
		}
	}
	for _, d := range []struct {
		what      string
		got, want []string
	}{
		{"body", r.BodyDiffs, []string{"POST /users/{user-id}/messages: none vs message"}},
		{"result", r.ResultDiffs, []string{"GET /users/{user-id}/messages: message vs []message", "POST /users/{user-id}/messages: none vs message"}},
		{"query", r.QueryDiffs, []string{
			"GET /groups/{group-id}/members/$ref: lacks $count,$filter,$top",
			"GET /me/drive/items/{item-id}/content: extra $select",
			"GET /users/{user-id}/messages/delta(): lacks $top",
			"GET /users/{user-id}/messages: lacks $count,$filter,$select,$top",
		}},
		{"error", r.ErrorDiffs, []string{
			"GET /groups/{group-id}/members/$ref", "GET /users/{user-id}/messages", "GET /users/{user-id}/messages/delta()",
			"POST /groups/{group-id}/members/$ref", "POST /me/sendMail", "POST /users/{user-id}/messages",
		}},
	} {
		if !slices.Equal(d.got, d.want) {
			t.Errorf("%s disagreements:\n got %s\nwant %s", d.what, strings.Join(d.got, "; "), strings.Join(d.want, "; "))
		}
	}
}

func TestActionNamed(t *testing.T) {
	for _, c := range []struct {
		ours, theirs string
		want         bool
	}{
		{"sendmailrequestbody", "users.itemsendmailpostrequestbody", true},
		{"messages_forwardrequestbody", "users.itemmessagesitemforwardpostrequestbody", true},
		{"groups_validatepropertiesrequestbody", "groups.itemvalidatepropertiespostrequestbody", true},
		{"tables_sort_applyrequestbody", "drives.itemitemsitemworkbooktablesitemsortapplypostrequestbody", true},
		{"replyrequestbody", "users.itemmessagesitemforwardpostrequestbody", false},
		{"", "users.itemsendmailpostrequestbody", false},
	} {
		if got := actionNamed(c.ours, c.theirs); got != c.want {
			t.Errorf("actionNamed(%q, %q) = %v", c.ours, c.theirs, got)
		}
	}
}
