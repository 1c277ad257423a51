package agreement

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// testdata/sdk is a small module laid out like msgraph-sdk-go: models
// with their deserializers (one in a sub-namespace) and request builders.
func loadTestSDK(t *testing.T) *Model {
	t.Helper()
	m, err := Load("testdata/sdk")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLoad(t *testing.T) {
	m := loadTestSDK(t)
	user := m.Types["user"]
	if user == nil || user.Base != "entity" {
		t.Fatalf("user: %+v", user)
	}
	want := map[string]string{
		"accountEnabled": "boolean", "createdDateTime": "date-time", "businessPhones": "[]string",
		"drive": "ref:drive", "package": "ref:package", "status": "ref:userstatus", "extra": "ref:untypednode",
		"mailboxSettings": "ref:mailboxsettings",
	}
	if !maps.Equal(user.Props, want) {
		t.Errorf("user properties:\n got %v\nwant %v", user.Props, want)
	}
	cr := m.Types["callrecords.callrecord"]
	if cr == nil || cr.Base != "entity" || cr.Props["organizer"] != "ref:identityset" || cr.Props["sessions"] != "[]ref:callrecords.session" {
		t.Errorf("callRecords.callRecord: %+v", cr)
	}
	if got := m.props("user")["id"]; got != "string" {
		t.Errorf("inherited id: %q", got)
	}
	for _, p := range []string{"/users", "/users/{}", "/users/{}/drive", "/users/{}/changepassword", "/users/{}/calendarview/delta", "/drives/{}/items/{}/workbook/worksheets/{}/range"} {
		if !m.Paths[p] {
			t.Errorf("path %s not read; have %v", p, slices.Sorted(maps.Keys(m.Paths)))
		}
	}
}

func TestCompare(t *testing.T) {
	m := loadTestSDK(t)
	str := func(format string) *openapi3.SchemaRef {
		return &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, Format: format}}
	}
	ref := func(name string) *openapi3.SchemaRef {
		return &openapi3.SchemaRef{Value: &openapi3.Schema{AllOf: openapi3.SchemaRefs{{Ref: "#/components/schemas/" + name}}, Nullable: true}}
	}
	doc := &openapi3.T{Components: &openapi3.Components{Schemas: openapi3.Schemas{
		"entity": {Value: &openapi3.Schema{Properties: openapi3.Schemas{"id": str(""), "@odata.type": str("")}}},
		"user": {Value: &openapi3.Schema{AllOf: openapi3.SchemaRefs{
			{Ref: "#/components/schemas/entity"},
			{Value: &openapi3.Schema{Properties: openapi3.Schemas{
				"accountEnabled":  {Value: &openapi3.Schema{Type: &openapi3.Types{"boolean"}}},
				"createdDateTime": str("date-time"),
				"businessPhones":  {Value: &openapi3.Schema{Type: &openapi3.Types{"array"}, Items: str("")}},
				"drive":           ref("drive"),
				"package":         ref("package"),
				"status":          {Ref: "#/components/schemas/userStatus"},
				"extra":           {Value: &openapi3.Schema{}},
				"mail":            str(""),
			}}},
		}}},
		"callRecords.callRecord": {Value: &openapi3.Schema{Properties: openapi3.Schemas{
			"version":   {Value: &openapi3.Schema{Type: &openapi3.Types{"integer"}, Format: "int32"}},
			"organizer": ref("identitySet"),
		}}},
		"userStatus":  {Value: &openapi3.Schema{Type: &openapi3.Types{"string"}, Enum: []any{"a"}}},
		"unknownType": {Value: &openapi3.Schema{Properties: openapi3.Schemas{"x": str("")}}},
	}}, Paths: openapi3.NewPaths()}
	for _, p := range []string{
		"/users/{user-id}",
		"/me/changePassword",
		"/me/drive/items/{item-id}/workbook/worksheets/{worksheet-id}/range(address='{address}')",
		"/me/drive/root:/{item-path}:/content",
		"/users/{user-id}/drive/items/{item-id}/content",
		"/users/{user-id}/calendarView/microsoft.graph.delta(endDateTime='{endDateTime}')",
		"/drives/{drive-id}/items/{parent-id}:/{filename}:/content",
		"/me/drive/root/content",
		"/users/alice@contoso.com/drive",
		// Below what the SDK has: properties, then a bound action.
		"/me/drive/items/{item-id}/workbook/names/{name-id}/range/format/font",
		"/me/drive/items/{item-id}/workbook/names/{name-id}/range/format/fill/clear",
		"/users/{user-id}/mailboxSettings/timeZone",
		"/me/drive/items/{item-id}/workbook/names/{name-id}/range/format/sort",
		"/users/{user-id}/mailboxSettings/clear",
		"/users/{user-id}/photo",
		"/groups/{group-id}/drive",
	} {
		doc.Paths.Set(p, &openapi3.PathItem{})
	}

	pr := CompareProperties(doc, m)
	if pr.Schemas != 3 || pr.Unmatched != 1 {
		t.Errorf("schemas compared %d, unmatched %d; want 3 and 1", pr.Schemas, pr.Unmatched)
	}
	// entity.id; user: id, 7 matching, mail; callRecord: version, organizer.
	if pr.Compared != 12 || pr.Named != 11 || pr.Typed != 10 {
		t.Errorf("compared %d, named %d, typed %d; want 12, 11, 10", pr.Compared, pr.Named, pr.Typed)
	}
	if !slices.Equal(pr.Missing, []string{"user.mail"}) {
		t.Errorf("missing %v", pr.Missing)
	}
	if !slices.Equal(pr.Mismatched, []string{"callRecords.callRecord.version: int32 vs int64"}) {
		t.Errorf("mismatched %v", pr.Mismatched)
	}

	pa := ComparePaths(doc, m)
	if pa.Compared != 16 || pa.Agreed != 12 {
		t.Errorf("paths: %d of %d agree, want 12 of 16; disagreeing: %s", pa.Agreed, pa.Compared, strings.Join(pa.Disagreed, " "))
	}
	if !slices.Equal(pa.Disagreed, []string{"/groups/{group-id}/drive", "/me/drive/items/{item-id}/workbook/names/{name-id}/range/format/sort", "/users/{user-id}/mailboxSettings/clear", "/users/{user-id}/photo"}) {
		t.Errorf("disagreeing paths %v", pa.Disagreed)
	}
}
