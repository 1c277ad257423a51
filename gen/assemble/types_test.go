package assemble

import (
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
)

// TestTypeMapping: the Graph type names of issue 2, in the spellings the
// survey counts, map to OpenAPI types and formats.
func TestTypeMapping(t *testing.T) {
	cases := []struct{ in, typ, format string }{
		{"String", "string", ""}, {"string", "string", ""}, {"Edm.String", "string", ""},
		{"Boolean", "boolean", ""}, {"Edm.boolean", "boolean", ""},
		{"Int32", "integer", "int32"}, {"Int16", "integer", "int16"}, {"Byte", "integer", "uint8"},
		{"Int64", "integer", "int64"},
		{"Double", "number", "double"}, {"Single", "number", "float"}, {"Decimal", "number", "double"},
		{"DateTimeOffset", "string", "date-time"}, {"DateTimeOffSet", "string", "date-time"}, {"Edm.DateTimeOffset", "string", "date-time"},
		{"Date", "string", "date"}, {"TimeOfDay", "string", "time"}, {"Duration", "string", "duration"},
		{"Guid", "string", "uuid"}, {"GUID", "string", "uuid"},
		{"Binary", "string", "byte"}, {"Stream", "string", "binary"},
		{"microsoft.graph.Int32", "integer", "int32"},
		{"Timestamp", "string", "date-time"}, {"Url", "string", ""},
	}
	for _, c := range cases {
		s := primitiveSchema(c.in)
		if s == nil {
			t.Errorf("%q: not primitive", c.in)
			continue
		}
		if s.Type.Slice()[0] != c.typ || s.Format != c.format {
			t.Errorf("%q -> %v/%q, want %s/%q", c.in, s.Type.Slice(), s.Format, c.typ, c.format)
		}
	}
	for _, named := range []string{"certificateStatus", "identitySet", "microsoft.graph.callRecords.callRecord"} {
		if primitiveSchema(named) != nil {
			t.Errorf("%q is a named type, not a primitive", named)
		}
	}
}

// TestPropertySchemas: collections, links, Enumeration and unknown types.
func TestPropertySchemas(t *testing.T) {
	p := &page.Page{Src: diag.NewSource("p.md", []byte("x"))}
	b := &builder{types: map[string]*typeDef{}}
	row := func(typ string, coll bool, enum ...string) page.Property {
		return page.Property{Name: page.Text{Value: "f"}, Type: page.TypeRef{Raw: typ, Name: typ, Collection: coll}, Enum: enum}
	}
	s, sig := b.propertySchema(p, row("String", true))
	if sig != "array of string" || s.Value.Items.Value.Type.Slice()[0] != "string" {
		t.Errorf("String collection: %s", sig)
	}
	s, _ = b.propertySchema(p, row("keyValuePair", true))
	if s.Value.Items.Ref != "#/components/schemas/keyValuePair" {
		t.Errorf("keyValuePair collection: items %q", s.Value.Items.Ref)
	}
	s, _ = b.propertySchema(p, row("itemBody", false))
	if len(s.Value.AllOf) != 1 || s.Value.AllOf[0].Ref != "#/components/schemas/itemBody" || !s.Value.Nullable {
		t.Errorf("a nullable reference must be allOf [$ref] with nullable")
	}
	s, _ = b.propertySchema(p, row("Enumeration", false, "a", "b"))
	if len(s.Value.Enum) != 2 || s.Value.Type.Slice()[0] != "string" {
		t.Errorf("Enumeration: %+v", s.Value)
	}
	_, sig = b.propertySchema(p, row("string/number", false))
	if sig != "any" || len(b.diags) != 1 || b.diags[0].Code != "PROPERTY_TYPE_UNKNOWN" {
		t.Errorf("unknown type: sig %q, diags %v", sig, b.diags)
	}
	b.propertySchema(p, row("certificateStatus", false, "notProvisioned", "provisioned"))
	if td := b.types["certificatestatus"]; td == nil || !td.isEnum || len(td.enum) != 2 {
		t.Errorf("a named type with possible values becomes an enum schema")
	}
}

// TestNormPath: the path spellings of the survey become one template.
func TestNormPath(t *testing.T) {
	cases := []struct{ in, want string }{
		{"/deviceAppManagement/enterpriseCodeSigningCertificates/{enterpriseCodeSigningCertificateId}", "/deviceAppManagement/enterpriseCodeSigningCertificates/{enterpriseCodeSigningCertificate-id}"},
		{"/users/{id | userPrincipalName}/events/{id}/attachments/{id}", "/users/{user-id}/events/{event-id}/attachments/{attachment-id}"},
		{"/users/{id|userPrincipalName}/events/{event-id}/attachments/{id}", "/users/{user-id}/events/{event-id}/attachments/{attachment-id}"},
		{"policies/activityBasedTimeoutPolicies", "/policies/activityBasedTimeoutPolicies"},
		// A segment of dots: the one before it repeats; the path is one level.
		{"/me/mailFolders/{id}/childFolders/{id}/.../messages/{id}", "/me/mailFolders/{mailFolder-id}/childFolders/{childFolder-id}/messages/{message-id}"},
		{"https://graph.microsoft.com/v1.0/me/messages?$top=1", "/me/messages"},
		{"~/onPremisesPublishingProfiles/{publishingType}/agentGroups", "/onPremisesPublishingProfiles/{onPremisesPublishingProfile-id}/agentGroups"},
		{"/drives/{drive-id}/root/search(q='{search-text}')", "/drives/{drive-id}/root/search(q='{q}')"},
		{"/directory/administrativeUnits/{id}/members/{id}/$ref", "/directory/administrativeUnits/{administrativeUnit-id}/members/{member-id}/$ref"},
		{"/a/{x}/{x}", "/a/{a-id}/{x}"},
		{"/a/{x}/b/{x}/{x}", "/a/{a-id}/b/{b-id}/{x}"},
	}
	for _, c := range cases {
		got, _, _ := normPath(c.in)
		if got != c.want {
			t.Errorf("normPath(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// Names stay unique even when derivation collides.
	got, params, _ := normPath("/x/{id}/x/{id}")
	if got != "/x/{x-id}/x/{x-id-2}" || len(params) != 2 {
		t.Errorf("repeated segments: %q %v", got, params)
	}
}

func TestMatchPath(t *testing.T) {
	vals, ok := matchPath("/users/{user-id}/drives/{drive-id}", "/Users/alice%40contoso.com/drives/d1")
	if !ok || vals["user-id"] != "alice@contoso.com" || vals["drive-id"] != "d1" {
		t.Errorf("matchPath: %v %v", vals, ok)
	}
	if _, ok := matchPath("/users/{user-id}", "/users/a/b"); ok {
		t.Error("matched a longer path")
	}
}

// TestNormPathIrregular: the survey's irregular placeholder spellings.
func TestNormPathIrregular(t *testing.T) {
	cases := []struct{ in, want string }{
		{"/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<address>')", "/me/drive/items/{item-id}/workbook/worksheets/{worksheet-id}/range(address='{address}')"},
		{"/me/drive/items/{id}/workbook/worksheets/{id|name}/range(<address>)/format", "/me/drive/items/{item-id}/workbook/worksheets/{worksheet-id}/range(address='{address}')/format"},
		{"/me/drive/items/{id}/workbook/worksheets/{id|name}/range/resizedRange(deltaRows={n}, deltaColumns={n})", "/me/drive/items/{item-id}/workbook/worksheets/{worksheet-id}/range/resizedRange(deltaRows={deltaRows},deltaColumns={deltaColumns})"},
		{"/users/{user-id} | user-principal-name/chats/{chat-id}", "/users/{user-id}/chats/{chat-id}"},
		{"/teams/(team-id)/channels/{channel-id}", "/teams/{team-id}/channels/{channel-id}"},
		{"/reports/getEmailActivityUserDetail(date={date_value})", "/reports/getEmailActivityUserDetail(date={date})"},
		// An example's GUIDs left in a request line are placeholders.
		{"/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/CF6005FC-9E13-44A2-A6AC-A53322006454/rubric/$ref", "/education/classes/{class-id}/assignments/{assignment-id}/rubric/$ref"},
		{"/x/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/acdefc6b-2dc6-4e71-b1e9-6d9810ab1794", "/x/{x-id}/{acdefc6b-2dc6-4e71-b1e9-6d9810ab1794}"},
		{"/drives/{drive-id}/root/search(q='{search-text}')", "/drives/{drive-id}/root/search(q='{q}')"},
	}
	for _, c := range cases {
		if got, _, _ := normPath(c.in); got != c.want {
			t.Errorf("normPath(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestMatchPathInsideSegments(t *testing.T) {
	vals, ok := matchPath("/me/drive/items/{item-id}/workbook/worksheets/{worksheet-id}/range(address='{address}')", "/me/drive/items/01ABC/workbook/worksheets/Sheet1/range(address='A1:B2')")
	if !ok || vals["address"] != "A1:B2" || vals["worksheet-id"] != "Sheet1" {
		t.Errorf("function argument: %v %v", vals, ok)
	}
	vals, ok = matchPath("/reports/getEmailActivityUserDetail(date={date})", "/reports/getEmailActivityUserDetail(date=2016-06-14)")
	if !ok || vals["date"] != "2016-06-14" {
		t.Errorf("unquoted argument: %v %v", vals, ok)
	}
	if _, ok := matchPath("/reports/getX(date={date})", "/reports/getY(date=1)"); ok {
		t.Error("matched another function")
	}
}
