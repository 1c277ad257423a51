package assemble_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestOperationsAsDocumented checks, on the real pages of the golden case
// testdata/golden/operations, that each operation carries what its page
// says: query options, request body, result and errors. Each subtest is
// named after the page it reads.
func TestOperationsAsDocumented(t *testing.T) {
	_, _, res := buildCase(t, "testdata/golden/operations")
	doc := res.Doc
	op := func(t *testing.T, method, path string) *openapi3.Operation {
		t.Helper()
		item := doc.Paths.Value(path)
		if item == nil || item.GetOperation(method) == nil {
			t.Fatalf("no operation %s %s; paths: %v", method, path, doc.Paths.InMatchingOrder())
		}
		return item.GetOperation(method)
	}
	query := func(o *openapi3.Operation) map[string]*openapi3.Parameter {
		out := map[string]*openapi3.Parameter{}
		for _, p := range o.Parameters {
			if p.Value.In == openapi3.ParameterInQuery {
				out[p.Value.Name] = p.Value
			}
		}
		return out
	}
	bodyRef := func(o *openapi3.Operation, media string) string {
		if o.RequestBody == nil || o.RequestBody.Value.Content.Get(media) == nil {
			return ""
		}
		return o.RequestBody.Value.Content.Get(media).Schema.Ref
	}
	result := func(t *testing.T, o *openapi3.Operation, status string) *openapi3.MediaType {
		t.Helper()
		r := o.Responses.Value(status)
		if r == nil || r.Value == nil {
			t.Fatalf("no %s response; have %v", status, slices.Sorted(func(yield func(string) bool) {
				for k := range o.Responses.Map() {
					if !yield(k) {
						return
					}
				}
			}))
		}
		for _, mt := range r.Value.Content {
			return mt
		}
		return nil
	}
	wantOData := func(t *testing.T, o *openapi3.Operation, names ...string) {
		t.Helper()
		q := query(o)
		for _, n := range names {
			if q[n] == nil {
				t.Errorf("%s lacks query option %s; has %v", o.OperationID, n, q)
			}
		}
	}

	t.Run("user-list-messages", func(t *testing.T) {
		// "supports the OData Query Parameters", then a note on $filter
		// and $orderby together: all of a collection's options.
		o := op(t, "GET", "/me/messages")
		wantOData(t, o, "$select", "$filter", "$top", "$count", "$search", "$orderby", "$skip", "$expand")
		q := query(o)
		if s := q["$top"].Schema.Value; !s.Type.Is("integer") {
			t.Errorf("$top is %v, want integer", s.Type)
		}
		if s := q["$count"].Schema.Value; !s.Type.Is("boolean") {
			t.Errorf("$count is %v, want boolean", s.Type)
		}
		if p := q["$select"]; !p.Schema.Value.Type.Is("array") || p.Style != "form" || p.Explode == nil || *p.Explode {
			t.Errorf("$select is not a comma-separated list (style form, explode false): %+v", p)
		}
		if mt := result(t, o, "200"); mt.Schema.Ref != "#/components/schemas/messageCollectionResponse" {
			t.Errorf("result is %q, want the message collection page", mt.Schema.Ref)
		}
		if o.Summary != "List messages" {
			t.Errorf("summary %q: an extension page took over the operation", o.Summary)
		}
	})
	t.Run("user-list", func(t *testing.T) {
		wantOData(t, op(t, "GET", "/users"), "$select", "$filter", "$top", "$count", "$search", "$orderby")
	})
	t.Run("calendar-list-calendarview", func(t *testing.T) {
		q := query(op(t, "GET", "/me/calendar/calendarView"))
		for _, n := range []string{"startDateTime", "endDateTime"} {
			if q[n] == nil || !q[n].Required {
				t.Errorf("%s is not a required query parameter: %+v", n, q[n])
			}
		}
	})
	t.Run("group-post-members", func(t *testing.T) {
		o := op(t, "POST", "/groups/{group-id}/members/$ref")
		if got := bodyRef(o, "application/json"); got != "#/components/schemas/ReferenceCreate" {
			t.Errorf("body %q, want ReferenceCreate", got)
		}
		s := doc.Components.Schemas["ReferenceCreate"].Value
		if s.Properties["@odata.id"] == nil || !slices.Contains(s.Required, "@odata.id") {
			t.Errorf("ReferenceCreate does not require @odata.id: %+v", s)
		}
	})
	t.Run("group-delete-acceptedsenders", func(t *testing.T) {
		q := query(op(t, "DELETE", "/groups/{group-id}/acceptedSenders/$ref"))
		if q["$id"] == nil || !q["$id"].Required {
			t.Errorf("DELETE …/$ref?$id= has no required $id: %v", q)
		}
	})
	t.Run("driveitem-put-content", func(t *testing.T) {
		o := op(t, "PUT", "/me/drive/items/{item-id}/content")
		// The example uploads text/plain, which generated code holds as a
		// string; any other bytes are octet-stream, read as a stream.
		if mt := o.RequestBody.Value.Content.Get("application/octet-stream"); mt == nil || mt.Schema.Value.Format != "binary" {
			t.Errorf("upload does not take application/octet-stream as binary: %v", o.RequestBody.Value.Content)
		}
		if mt := o.RequestBody.Value.Content.Get("text/plain"); mt == nil || !mt.Schema.Value.Type.Is("string") || mt.Schema.Value.Format != "" {
			t.Errorf("upload does not take text/plain as a string: %v", o.RequestBody.Value.Content)
		}
	})
	t.Run("driveitem-get-content", func(t *testing.T) {
		o := op(t, "GET", "/me/drive/items/{item-id}/content")
		if mt := result(t, o, "200"); mt.Schema.Value.Format != "binary" {
			t.Errorf("download is not a binary stream: %+v", mt.Schema.Value)
		}
		if r := o.Responses.Value("302"); r == nil || r.Value.Headers["Location"] == nil {
			t.Errorf("download does not answer 302 with Location")
		}
	})
	t.Run("driveitem-list-children-shared-response", func(t *testing.T) {
		// One response example names three requests ("name": [...]): the
		// request of a documented path takes it as its own.
		mt := result(t, op(t, "GET", "/drives/{drive-id}/items/{item-id}/children"), "200")
		if mt.Examples["list-children-files"] == nil {
			t.Errorf("no example list-children-files; have %v", mt.Examples)
		}
	})
	t.Run("driveitem-list-children", func(t *testing.T) {
		o := op(t, "GET", "/me/drive/items/{item-id}/children")
		page := doc.Components.Schemas["driveItemCollectionResponse"]
		if mt := result(t, o, "200"); mt.Schema.Ref != "#/components/schemas/driveItemCollectionResponse" || page == nil {
			t.Fatalf("result %q, want driveItemCollectionResponse", mt.Schema.Ref)
		}
		for _, p := range []string{"value", "@odata.nextLink", "@odata.count"} {
			if page.Value.Properties[p] == nil {
				t.Errorf("collection page lacks %s", p)
			}
		}
	})
	t.Run("user-post-events", func(t *testing.T) {
		o := op(t, "POST", "/me/events")
		if got := bodyRef(o, "application/json"); got != "#/components/schemas/event" {
			t.Errorf("body %q, want event (the page supplies a JSON representation of [event])", got)
		}
		if mt := result(t, o, "201"); mt.Schema.Ref != "#/components/schemas/event" {
			t.Errorf("201 returns %q, want the created event", mt.Schema.Ref)
		}
	})
	t.Run("user-delta", func(t *testing.T) {
		o := op(t, "GET", "/users/delta")
		page := doc.Components.Schemas["userDeltaResponse"]
		if mt := result(t, o, "200"); mt.Schema.Ref != "#/components/schemas/userDeltaResponse" || page == nil {
			t.Fatalf("result %q, want userDeltaResponse", mt.Schema.Ref)
		}
		for _, p := range []string{"value", "@odata.nextLink", "@odata.deltaLink"} {
			if page.Value.Properties[p] == nil {
				t.Errorf("delta page lacks %s", p)
			}
		}
	})
	t.Run("user-get", func(t *testing.T) {
		o := op(t, "GET", "/me")
		if o.OperationID != "me.get" {
			t.Errorf("GET /me is %q, want me.get", o.OperationID)
		}
		wantOData(t, o, "$select")
		if query(o)["$top"] != nil {
			t.Errorf("one user takes $top")
		}
	})
	t.Run("errors", func(t *testing.T) {
		n := 0
		for _, item := range doc.Paths.Map() {
			for _, o := range item.Operations() {
				n++
				for _, code := range []string{"4XX", "5XX"} {
					if r := o.Responses.Value(code); r == nil || r.Ref != "#/components/responses/error" {
						t.Errorf("%s has no shared %s error response", o.OperationID, code)
					}
				}
			}
		}
		e := doc.Components.Schemas["ODataErrors.MainError"]
		if n == 0 || e == nil || e.Value.Properties["innerError"] == nil || e.Value.Properties["details"] == nil {
			t.Errorf("no Graph error model (%d operations)", n)
		}
	})
	t.Run("singlevaluelegacyextendedproperty-post-singlevalueextendedproperties", func(t *testing.T) {
		// The extension page names POST /me/events too; the event page
		// describes it.
		o := op(t, "POST", "/me/events")
		if o.Summary != "Create event" && o.Summary != "Create Event" {
			t.Errorf("POST /me/events is summarised %q", o.Summary)
		}
	})
	t.Run("user-list-events", func(t *testing.T) {
		o := op(t, "GET", "/users/{user-id}/events")
		if mt := result(t, o, "200"); mt.Schema.Ref != "#/components/schemas/eventCollectionResponse" {
			t.Errorf("GET /users/{id}/events returns %q, want events (opentypeextension-get names the path too)", mt.Schema.Ref)
		}
	})
	t.Run("itemactivitystat-getactivitybyinterval", func(t *testing.T) {
		const p = "/drives/{drive-id}/items/{item-id}/getActivitiesByInterval(startDateTime='{startDateTime}',endDateTime='{endDateTime}',interval='{interval}')"
		o := op(t, "GET", p)
		var names []string
		for _, prm := range o.Parameters {
			if prm.Value.In == openapi3.ParameterInPath {
				names = append(names, prm.Value.Name)
			}
		}
		if strings.Join(names, ",") != "drive-id,item-id,startDateTime,endDateTime,interval" {
			t.Errorf("path parameters %v", names)
		}
		for path := range doc.Paths.Map() {
			if strings.Contains(path, "'2017") || strings.Contains(path, "'day'") {
				t.Errorf("a literal argument is left in %s", path)
			}
		}
	})
	t.Run("accessreviewscheduledefinition-filterbycurrentuser", func(t *testing.T) {
		op(t, "GET", "/identityGovernance/accessReviews/definitions/filterByCurrentUser(on='{on}')")
	})
	t.Run("reportroot-getemailactivitycounts", func(t *testing.T) {
		o := op(t, "GET", "/reports/getEmailActivityCounts(period='{period}')")
		found := false
		for _, prm := range o.Parameters {
			if prm.Value.Name == "period" && prm.Value.In == openapi3.ParameterInPath {
				found = true
				if !strings.Contains(prm.Value.Description, "D7") {
					t.Errorf("period is not described by the Function parameters table: %q", prm.Value.Description)
				}
			}
		}
		if !found {
			t.Errorf("no path parameter period: %v", o.Parameters)
		}
	})
	t.Run("intune-apps-androidlobapp-create", func(t *testing.T) {
		// androidLobApp and iosStoreApp pages both create mobileApps:
		// the operation takes their common base.
		o := op(t, "POST", "/deviceAppManagement/mobileApps")
		if got := bodyRef(o, "application/json"); got != "#/components/schemas/mobileApp" {
			t.Errorf("body %q, want the base mobileApp", got)
		}
	})
	t.Run("group-get-thread", func(t *testing.T) {
		n := 0
		for _, d := range res.Diags {
			if d.Code == "OPERATION_CONFLICT" && strings.HasSuffix(d.Pos.File, "group-get-thread.md") &&
				d.Related != nil && strings.HasSuffix(d.Related.File, "conversationthread-get.md") {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no OPERATION_CONFLICT naming group-get-thread.md and conversationthread-get.md: %v", res.Diags)
		}
	})
	hasDiag := func(code, file string) bool {
		for _, d := range res.Diags {
			if d.Code == code && strings.HasSuffix(d.Pos.File, file) {
				return true
			}
		}
		return false
	}
	t.Run("opentypeextension-post-opentypeextension", func(t *testing.T) {
		// The first example creates a message with an extension; the
		// extension paths answer as the example on …/messages/{id}/extensions.
		for _, path := range []string{"/users/{user-id}/messages/{message-id}/extensions", "/devices/{device-id}/extensions"} {
			if mt := result(t, op(t, "POST", path), "201"); mt.Schema.Ref != "#/components/schemas/openTypeExtension" {
				t.Errorf("POST %s returns %q, want openTypeExtension", path, mt.Schema.Ref)
			}
		}
	})
	t.Run("riskyuser-get-riskyuserhistoryitem", func(t *testing.T) {
		// The page says one item (and its example wraps one in "value"),
		// riskyUser's page types history as a collection.
		o := op(t, "GET", "/identityProtection/riskyUsers/{riskyUser-id}/history")
		if mt := result(t, o, "200"); mt.Schema.Ref != "#/components/schemas/riskyUserHistoryItemCollectionResponse" {
			t.Errorf("result %q, want the riskyUserHistoryItem collection page", mt.Schema.Ref)
		}
		if !hasDiag("RESPONSE_CARDINALITY", "riskyuser-get-riskyuserhistoryitem.md") {
			t.Errorf("no RESPONSE_CARDINALITY warning at the page")
		}
	})
	t.Run("channel-post-tabs", func(t *testing.T) {
		// The example is annotated "team"; its keys are a teamsTab's.
		o := op(t, "POST", "/teams/{team-id}/channels/{channel-id}/tabs")
		if mt := result(t, o, "201"); mt.Schema.Ref != "#/components/schemas/teamsTab" {
			t.Errorf("result %q, want teamsTab", mt.Schema.Ref)
		}
		if !hasDiag("ANNOTATION_TYPE_MISMATCH", "channel-post-tabs.md") {
			t.Errorf("no ANNOTATION_TYPE_MISMATCH warning at the page")
		}
	})
	t.Run("grouplifecyclepolicy-addgroup", func(t *testing.T) {
		// {"value": true}: a Boolean result.
		o := op(t, "POST", "/groupLifecyclePolicies/{groupLifecyclePolicy-id}/addGroup")
		mt := result(t, o, "200")
		if mt == nil || mt.Schema == nil {
			t.Fatalf("the 200 response has no body")
		}
		v := mt.Schema.Value
		if mt.Schema.Ref != "" {
			v = doc.Components.Schemas[strings.TrimPrefix(mt.Schema.Ref, "#/components/schemas/")].Value
		}
		if v == nil || v.Properties["value"] == nil || !v.Properties["value"].Value.Type.Is("boolean") {
			t.Errorf("result %q %+v, want {value: boolean}", mt.Schema.Ref, v)
		}
	})
	t.Run("onlinemeeting-get", func(t *testing.T) {
		// GET /me/onlineMeetings?$filter=JoinWebUrl eq '…': $filter
		// takes a collection.
		o := op(t, "GET", "/me/onlineMeetings")
		if mt := result(t, o, "200"); mt.Schema.Ref != "#/components/schemas/onlineMeetingCollectionResponse" {
			t.Errorf("result %q, want the onlineMeeting collection page", mt.Schema.Ref)
		}
	})
	t.Run("directoryobject-getbyids", func(t *testing.T) {
		// "returns … a string collection object", while the example
		// returns directoryObjects, as its annotation says.
		o := op(t, "POST", "/directoryObjects/getByIds")
		if mt := result(t, o, "200"); mt.Schema.Ref != "#/components/schemas/directoryObjectCollectionResponse" {
			t.Errorf("result %q, want the directoryObject collection page", mt.Schema.Ref)
		}
	})
}
