package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
)

func seed(t testing.TB, n string) (string, []byte) {
	t.Helper()
	m, _ := filepath.Glob("../../spec/pages/" + n + "_*.txt")
	if len(m) != 1 {
		t.Fatalf("seed %s: %v", n, m)
	}
	b, err := os.ReadFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Base(m[0]), b
}

func TestDetectFormat(t *testing.T) {
	for n, want := range map[string]page.Format{"000": page.Markdown, "001": page.Markdown, "002": page.PlainText, "003": page.Markdown, "004": page.Markdown} {
		_, b := seed(t, n)
		if got := DetectFormat(b); got != want {
			t.Errorf("seed %s: %s, want %s", n, got, want)
		}
	}
}

// TestSeeds checks what every seed page yields, element by element, with
// the positions of what the author wrote.
func TestSeeds(t *testing.T) {
	type want struct {
		title, version, method, target string
		targetLine, scopes, rows       int
		bodyType, status4Type          string
		status                         int
		examples                       int
	}
	cases := map[string]want{
		"000": {"Update symantecCodeSigningCertificate", "beta", "PATCH", "/deviceAppManagement/symantecCodeSigningCertificate", 35, 2, 10, "symantecCodeSigningCertificate", "symantecCodeSigningCertificate", 200, 2},
		"001": {"Update enterpriseCodeSigningCertificate", "v1.0", "PATCH", "/deviceAppManagement/enterpriseCodeSigningCertificates/{enterpriseCodeSigningCertificateId}", 34, 2, 9, "enterpriseCodeSigningCertificate", "enterpriseCodeSigningCertificate", 200, 2},
		"002": {"Update enterpriseCodeSigningCertificate", "v1.0", "PATCH", "/deviceAppManagement/enterpriseCodeSigningCertificates/{enterpriseCodeSigningCertificateId}", 20, 2, 9, "enterpriseCodeSigningCertificate", "enterpriseCodeSigningCertificate", 200, 2},
		"003": {"Update enterpriseCertificate", "beta", "PATCH", "/deviceAppManagement/enterpriseCerts/{enterpriseCertificateId}", 16, 1, 7, "enterpriseCertificate", "enterpriseCertificate", 200, 2},
		"004": {"Create symantecCodeSigningCertificate", "", "", "", 0, 0, 10, "symantecCodeSigningCertificate", "symantecCodeSigningCertificate", 201, 2},
	}
	for n, w := range cases {
		t.Run(n, func(t *testing.T) {
			name, b := seed(t, n)
			p, _ := Parse(name, b)
			if p.Title.Value != w.title {
				t.Errorf("title %q, want %q", p.Title.Value, w.title)
			}
			if p.Version.Value != w.version {
				t.Errorf("version %q, want %q", p.Version.Value, w.version)
			}
			if w.method == "" {
				if len(p.Requests) != 0 {
					t.Errorf("requests %v, want none", p.Requests)
				}
			} else if len(p.Requests) != 1 || p.Requests[0].Method != w.method || p.Requests[0].Target != w.target {
				t.Errorf("requests %+v, want %s %s", p.Requests, w.method, w.target)
			} else if l := p.Pos(p.Requests[0].Off).Line; l != w.targetLine {
				t.Errorf("request line at line %d, want %d", l, w.targetLine)
			}
			scopes := 0
			for _, perm := range p.Permissions {
				scopes += len(perm.Scopes)
				for _, s := range perm.Scopes {
					if s.Value != "DeviceManagementApps.ReadWrite.All" {
						t.Errorf("scope %q", s.Value)
					}
					if got := string(b[s.Off : s.Off+len(s.Value)]); got != s.Value {
						t.Errorf("scope offset points at %q", got)
					}
				}
			}
			if scopes != w.scopes {
				t.Errorf("%d scopes, want %d (Not supported. is no scope)", scopes, w.scopes)
			}
			if p.Body == nil || len(p.Body.Rows) != w.rows {
				t.Fatalf("body rows: %+v, want %d", p.Body, w.rows)
			}
			for _, r := range p.Body.Rows {
				if got := string(b[r.Name.Off : r.Name.Off+len(r.Name.Value)]); got != r.Name.Value {
					t.Errorf("property %q offset points at %q", r.Name.Value, got)
				}
			}
			if p.BodyType.Name != w.bodyType || p.Response.Type.Name != w.status4Type || p.Response.Status != w.status {
				t.Errorf("body type %q, response %d %q", p.BodyType.Name, p.Response.Status, p.Response.Type.Name)
			}
			if len(p.Examples) != w.examples || p.Examples[0].Kind != page.RequestExample || p.Examples[1].Kind != page.ResponseExample {
				t.Fatalf("examples: %+v", p.Examples)
			}
			for _, ex := range p.Examples {
				if !strings.HasPrefix(ex.Body, "{") || !strings.HasSuffix(ex.Body, "}") {
					t.Errorf("example body %q", ex.Body)
				}
				if got := string(b[ex.BodyOff]); got != "{" {
					t.Errorf("body offset points at %q", got)
				}
			}
			if p.Examples[1].Status != w.status {
				t.Errorf("response example status %d", p.Examples[1].Status)
			}
		})
	}
}

// TestEnumSpellings: the "possible values" sentences of the survey.
func TestEnumSpellings(t *testing.T) {
	cases := []struct {
		raw  string
		want string
	}{
		{"The Cert Status. Possible values are: `notProvisioned`, `provisioned`.", "notProvisioned provisioned"},
		{"Status. Possible values are: notProvisioned, provisioned. Default is notProvisioned. Possible values are: `notProvisioned`, `provisioned`.", "notProvisioned provisioned"},
		{"Who. The possible values are: everyone, organization, roleIsPresenter, organizer, and unknownFutureValue.", "everyone organization roleIsPresenter organizer unknownFutureValue"},
		{"Visibility. Possible values are `Private`, `Public`, or `HiddenMembership`.", "Private Public HiddenMembership"},
		{"Valid values are: 'viewer', 'sharer'.", "viewer sharer"},
		{"Supported values are: `a`, `b`<br>More prose.", "a b"},
		{"The type of classification. The possible value is: `low`.", "low"},
		{"Level. POSSIBLE VALUES ARE: `a`, `b`.", "a b"},
		{"Kind. Allowed values are `x`, `y`.", "x y"},
		{"The value of the setting, valid only when enabled.", ""},
		{"Size in bytes. Valid values are 1 to 10.", ""},
		{"Nothing to see here.", ""},
		// 2024+ pages: members after unknownFutureValue behind the Prefer header.
		{"Kind. The possible values are: `autonomous`, `assistive`, `unknownFutureValue`. Use the `Prefer: include-unknown-enum-members` request header to get the following value(s) in this evolvable enum: `delegated`, `hosted`.", "autonomous assistive unknownFutureValue delegated hosted"},
		{"Use the Prefer: include-unknown-enum-members request header to get the following values in this evolvable enum: delegated.", "delegated"},
	}
	for _, c := range cases {
		vals, _ := enumValues(inline{raw: c.raw, text: c.raw})
		if got := strings.Join(vals, " "); got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.raw, got, c.want)
		}
	}
}

func TestContainsFold(t *testing.T) {
	for _, c := range []struct {
		s, w string
		want bool
	}{
		{"Inherits from entity", "inherits", true},
		{"it INHERITS", "inherits", true},
		{"inherit", "inherits", false},
		{"", "x", false},
		{"a collection of", "collection", true},
		{"\u212a", "k", false}, // the Kelvin sign folds to k, but it is no ASCII k
	} {
		if got := containsFold(c.s, c.w); got != c.want {
			t.Errorf("containsFold(%q, %q) = %v, want %v", c.s, c.w, got, c.want)
		}
	}
}

func TestTypeRef(t *testing.T) {
	cases := []struct {
		in   inline
		name string
		coll bool
	}{
		{inline{text: "String collection"}, "String", true},
		{inline{text: "Collection(Edm.String)"}, "Edm.String", true},
		{inline{text: "keyValuePair collection", links: []link{{text: "keyValuePair", dest: "../resources/keyvaluepair.md"}}}, "keyValuePair", true},
		{inline{text: "windowsInformationProtectionResourceCollection collection", links: []link{{text: "windowsInformationProtectionResourceCollection"}}}, "windowsInformationProtectionResourceCollection", true},
		{inline{text: "mimeContent", links: []link{{text: "mimeContent", dest: "../resources/intune-shared-mimecontent.md"}}}, "mimeContent", false},
		{inline{text: "Int32"}, "Int32", false},
		{inline{text: "string (url)"}, "string", false},
		{inline{text: "(Optional) String"}, "String", false},
		{inline{text: "String collection (optional)"}, "String", true},
		{inline{text: "Collection of String"}, "String", true},
		{inline{text: "[invitedUserMessageInfo](invitedusermessageinfo.md"}, "invitedUserMessageInfo", false},
		{inline{text: "Untyped JSON object"}, "Json", false},
		{inline{text: "JSON object"}, "Json", false},
		{inline{text: "string/number"}, "string/number", false},
		{inline{text: "educationOutcome collection. Holds grades and feedback", links: []link{{text: "educationOutcome", dest: "educationOutcome.md"}}}, "educationOutcome", true},
		{inline{text: "itemBody The collection of notes", links: []link{{text: "itemBody", dest: "itembody.md"}}}, "itemBody", false},
		{inline{text: "error object"}, "error object", false},
	}
	for _, c := range cases {
		tr := typeRef(c.in)
		if tr.Name != c.name || tr.Collection != c.coll {
			t.Errorf("%q: %q coll=%v, want %q coll=%v", c.in.text, tr.Name, tr.Collection, c.name, c.coll)
		}
	}
}

func TestHTTPLines(t *testing.T) {
	src := "x\nGET /users/{id}\nPOST ** Collection URI for x not found\nDELETE/me/items/{id}\nworkbook-session-id: {s}\n{\"a\": 1}\nGET policies/x\nGET /me/todo/lists/{id}\n"
	var cd code
	off := 0
	for _, l := range strings.SplitAfter(src, "\n") {
		if l == "" {
			continue
		}
		cd.lines = append(cd.lines, strings.TrimSuffix(l, "\n"))
		cd.lineOff = append(cd.lineOff, off)
		off += len(l)
	}
	cd.lines, cd.lineOff = cd.lines[1:], cd.lineOff[1:]
	var diags diag.List
	lines := httpLines(&cd, diag.NewSource("f", []byte(src)), &diags)
	var got []string
	for _, l := range lines {
		got = append(got, l.Method+" "+l.Target)
	}
	if strings.Join(got, ",") != "GET /users/{id},DELETE /me/items/{id},GET policies/x,GET /me/todo/lists/{id}" {
		t.Errorf("lines: %v", got)
	}
	codes := map[string]string{}
	for _, d := range diags {
		codes[d.Code] = d.Pos.String()
	}
	for code, pos := range map[string]string{"HTTP_LINE_INVALID": "f:3:6", "HTTP_LINE_NO_SPACE": "f:4:7", "HTTP_LINE_IGNORED": "f:5:1"} {
		if codes[code] != pos {
			t.Errorf("%s at %q, want %s (all: %v)", code, codes[code], pos, diags)
		}
	}
}

func TestAnnotations(t *testing.T) {
	var diags diag.List
	src := diag.NewSource("f", []byte("x"))
	cases := []struct {
		in, blockType, name string
		trunc               bool
	}{
		{`<!-- { "blockType": "request" , "name" : "intune_x" }-->`, "request", "intune_x", false},
		{"<!-- {\n  \"blockType\": \"ignored\"\n}\n-->", "ignored", "", false},
		{`<!-- {   "blockType": "response", "truncated": "true", } -->`, "response", "", true},
		{`<!-- { "blockType": "response", isCollection: true } -->`, "response", "", false},
		{`<!-- { "blockType": "response" "name": broken -->`, "response", "", false},
	}
	for _, c := range cases {
		a := annotationOf(c.in, 0, src, &diags)
		if a == nil || a.BlockType != c.blockType || a.Name != c.name || a.Truncated != c.trunc {
			t.Errorf("%q: %+v", c.in, a)
		}
	}
	if a := annotationOf(`<!-- uuid: 1234 2015-10-25 -->`, 0, src, &diags); a != nil {
		t.Errorf("a stamp is no annotation: %+v", a)
	}
}

// TestHazards parses markup the survey found in the corpus: CRLF, tab
// markers, notes, NBSP, zero-width spaces, indented fences, and an
// unclosed fence.
func TestHazards(t *testing.T) {
	src := "---\r\ntitle: \"x: y\"\r\n---\r\n# x: y\r\n\r\n> **Note:** not the description\r\n\r\nThe description.\r\n\r\n## HTTP request\r\n\r\n# [HTTP](#tab/http)\r\n```http\r\nGET\u00a0/me/drive\r\n```\r\n# [C#](#tab/csharp)\r\n[!INCLUDE [sample-code](../includes/x.md)]\r\n\r\n---\r\n\r\n## Request body\r\n\r\n| Property | Type | Description |\r\n|---|---|---|\r\n| dis\u200bplayName | String | Name. |\r\n\r\n## Example\r\n\r\n1. First:\r\n\r\n   ```http\r\n   GET https://graph.microsoft.com/beta/me/drive\r\n   ```\r\n\r\n```http\r\nHTTP/1.1 200 OK\r\n\r\n{\"a\": 1"
	p, diags := Parse("h.md", []byte(src))
	if p.Title.Value != "x: y" || p.Description.Value != "The description." {
		t.Errorf("title %q description %q", p.Title.Value, p.Description.Value)
	}
	if len(p.Requests) != 1 || p.Requests[0].Target != "/me/drive" {
		t.Errorf("requests %+v", p.Requests)
	}
	if p.Body == nil || len(p.Body.Rows) != 1 || p.Body.Rows[0].Name.Value != "displayName" {
		t.Errorf("body %+v", p.Body)
	}
	if len(p.Examples) != 2 || p.Examples[0].URL != "https://graph.microsoft.com/beta/me/drive" || p.Version.Value != "beta" {
		t.Errorf("examples %+v version %q", p.Examples, p.Version.Value)
	}
	if got := p.Pos(p.Examples[0].URLOff); got.Line != 32 || got.Col != 8 {
		t.Errorf("indented example URL at %s, want 32:8", got)
	}
	if p.Examples[1].Body != `{"a": 1` {
		t.Errorf("unclosed fence body %q", p.Examples[1].Body)
	}
	_ = diags
}

func TestHasWord(t *testing.T) {
	for _, c := range []struct {
		s, w string
		want bool
	}{
		{"Read-only.", "Read-only", true}, {"x. Required.", "Required", true}, {"NotRequired", "Required", false},
		{"Required-ness", "Required", false}, {"a required b", "Required", false}, {"Required", "Required", true},
	} {
		if got := hasWord(c.s, c.w); got != c.want {
			t.Errorf("hasWord(%q, %q) = %v", c.s, c.w, got)
		}
	}
}

func TestCleanSpace(t *testing.T) {
	for in, want := range map[string]string{
		"plain text":               "plain text",
		"a\u00a0b\u202fc\td":       "a b c d",
		"zero\u200bwidth\ufeff":    "zerowidth",
		"é and “quotes” stay":      "é and “quotes” stay",
		"\u2014 dash is not space": "\u2014 dash is not space",
	} {
		if got := cleanSpace(in); got != want {
			t.Errorf("cleanSpace(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBaseTypeProse: the intro's phrasings of inheritance, when the JSON
// annotation names no base type.
func TestBaseTypeProse(t *testing.T) {
	for prose, want := range map[string]string{
		"Inherits from [entity](entity.md).":                                       "entity",
		"Represents a room. Derived from [place](place.md).":                       "place",
		"The **drive** resource is derived from [**baseItem**](baseitem.md).":      "baseItem",
		"chatMessageHostedContent derives from [teamworkHostedContent](t.md)":      "teamworkHostedContent",
		"Values derived from the [user](user.md) are shown.":                       "",
		"Represents a room in a tenant; see [place](place.md), derived elsewhere.": "",
	} {
		src := "---\ntitle: x resource type\ndoc_type: resourcePageType\n---\n# x resource type\n\n" + prose +
			"\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| a | String | A. |\n"
		p, _ := Parse("x.md", []byte(src))
		if len(p.Types) != 1 {
			t.Fatalf("%q: %d types", prose, len(p.Types))
		}
		if got := p.Types[0].BaseType.Value; got != want {
			t.Errorf("%q: base %q, want %q", prose, got, want)
		}
		if link := p.Types[0].BaseLink; (link != "") != (want != "") || link != "" && !strings.HasSuffix(link, ".md") {
			t.Errorf("%q: base link %q", prose, link)
		}
	}
}

func TestVersionFromPath(t *testing.T) {
	for name, want := range map[string]string{
		"docs/api-reference/v1.0/api/user-get.md": "v1.0",
		`docs\api-reference\beta\api\user-get.md`: "beta",
		"beta/x.md":               "beta",
		"v1.0":                    "v1.0",
		"docs/v1.0x/beta.md":      "",
		"docs/notbeta/v1.0.md":    "",
		"pages/001_current-v1.md": "",
	} {
		if got := versionFromPath(name); got != want {
			t.Errorf("versionFromPath(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestTypeNameFromHeading: a front-matter title that names no type
// ("Members") leaves the type's name to the first heading.
func TestTypeNameFromHeading(t *testing.T) {
	src := "---\ntitle: \"Members\"\ndoc_type: enumPageType\n---\n\n# teamVisibilityType enum type\n\nDescribes the visibility of a team.\n\n" +
		"## Members\n\n| Member | Value | Description |\n|:--|:--|:--|\n|private|0|Private.|\n|public|1|Public.|\n"
	p, diags := Parse("teamvisibilitytype.md", []byte(src))
	if len(p.Types) != 1 || p.Types[0].Name.Value != "teamVisibilityType" || !p.Types[0].IsEnum || len(p.Types[0].Members) != 2 {
		t.Fatalf("types %+v, diagnostics %v", p.Types, diags)
	}
	if pos := p.Src.Pos(p.Types[0].Name.Off); pos.Line != 6 {
		t.Errorf("the name is at line %d, want the heading's, 6", pos.Line)
	}
}

// TestODataTypeRow: newer resource pages list the type discriminator as a
// property ("odata.type"); it is not one.
func TestODataTypeRow(t *testing.T) {
	src := "---\ntitle: agentIdentity resource type\ndoc_type: resourcePageType\n---\n# agentIdentity resource type\n\n## Properties\n\n" +
		"| Property | Type | Description |\n|:--|:--|:--|\n|odata.type|String| #microsoft.graph.agentIdentity.|\n|@odata.type|String|The type.|\n|displayName|String|The name.|\n"
	p, _ := Parse("agentidentity.md", []byte(src))
	if len(p.Types) != 1 || len(p.Types[0].Properties) != 1 || p.Types[0].Properties[0].Name.Value != "displayName" {
		t.Fatalf("properties %+v", p.Types)
	}
}

// TestRespellFromJSON: a property the table spells otherwise than the
// page's JSON representation, in letter case only, takes the JSON's
// spelling; other differences are left alone.
func TestRespellFromJSON(t *testing.T) {
	src := "---\ntitle: printUsageByPrinter resource type\ndoc_type: resourcePageType\n---\n# printUsageByPrinter resource type\n\n## Properties\n\n" +
		"| Property | Type | Description |\n|:--|:--|:--|\n|printerID|String|The printer.|\n|usageDate|Date|The day.|\n|jobCount|Int32|Jobs.|\n\n" +
		"## JSON representation\n\n```json\n{\n  \"printerId\": \"String\",\n  \"usageDate\": \"Date\",\n  \"jobsCount\": \"Int32\",\n  \"note\": \"jobcount is not a key\"\n}\n```\n"
	p, diags := Parse("printusagebyprinter.md", []byte(src))
	var names []string
	for _, pr := range p.Types[0].Properties {
		names = append(names, pr.Name.Value)
	}
	if got := strings.Join(names, " "); got != "printerId usageDate jobCount" {
		t.Errorf("properties %q", got)
	}
	if len(diags) != 1 || diags[0].Code != "PROPERTY_NAME_RESPELT" || diags[0].Pos.Line != 11 {
		t.Errorf("diagnostics %v", diags)
	}
}

// TestLocalizedSpans: localized copies of the docs wrap every cell in a
// translated span followed by a hidden English one ("sxs-lookup"); the
// cell reads as the first, once. Other spans keep their text.
func TestLocalizedSpans(t *testing.T) {
	src := "---\ntitle: agentIdentity resource type\ndoc_type: resourcePageType\n---\n# agentIdentity resource type\n\n## Properties\n\n" +
		"| Property | Type | Description |\n|:--|:--|:--|\n" +
		`|<span data-ttu-id="a1">sponsorNote</span><span class="sxs-lookup">sponsorNote</span>|<span data-ttu-id="a2">String</span><span class="sxs-lookup"><span>String</span></span>|<span data-ttu-id="a3">Eine Notiz.</span><span class="sxs-lookup">A note.</span> Read-only.|` + "\n" +
		"|<span>kind</span>|String|The <SPAN>kind</SPAN>.|\n"
	p, diags := Parse("agentidentity.md", []byte(src))
	if len(diags) != 0 {
		t.Errorf("diagnostics %v", diags)
	}
	if len(p.Types) != 1 || len(p.Types[0].Properties) != 2 {
		t.Fatalf("types %+v", p.Types)
	}
	for i, want := range []struct{ name, typ, desc string }{{"sponsorNote", "String", "Eine Notiz. Read-only."}, {"kind", "String", "The kind."}} {
		pr := p.Types[0].Properties[i]
		if pr.Name.Value != want.name || pr.Type.Name != want.typ || pr.Description != want.desc {
			t.Errorf("row %d: %q %q %q, want %q %q %q", i, pr.Name.Value, pr.Type.Name, pr.Description, want.name, want.typ, want.desc)
		}
	}
	if !p.Types[0].Properties[0].ReadOnly {
		t.Error("Read-only after the spans not read")
	}
}
