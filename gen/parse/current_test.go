package parse

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
)

// Real pages in today's format, copied unchanged from
// microsoftgraph/microsoft-graph-docs-contrib (CC BY 4.0; see the README of
// that folder).
const currentDir = "../assemble/testdata/golden/current-2026/"

func currentPage(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(currentDir + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// diskReader reads includes from the current-2026 folder.
func diskReader(name string) ([]byte, error) { return os.ReadFile(currentDir + name) }

// shape is what a page says about its operations and types, without
// positions: what must not change when sections are added around it or
// the page is translated.
func shape(p *page.Page) string {
	var b strings.Builder
	for _, rl := range p.Requests {
		fmt.Fprintf(&b, "request %s %s\n", rl.Method, rl.Target)
		for _, perm := range rl.Permissions {
			fmt.Fprintf(&b, "  caller scopes %v\n", texts(perm.Scopes))
		}
	}
	for _, perm := range p.Permissions {
		fmt.Fprintf(&b, "scopes %v\n", texts(perm.Scopes))
	}
	fmt.Fprintf(&b, "query all=%v none=%v named=%v\n", p.Query.All, p.Query.None, texts(p.Query.Named))
	for _, prm := range p.Parameters {
		fmt.Fprintf(&b, "param %s %s %s req=%v\n", prm.In, prm.Name.Value, prm.Type.Name, prm.Required)
	}
	for _, h := range p.Headers {
		fmt.Fprintf(&b, "header %s\n", h.Name)
	}
	fmt.Fprintf(&b, "body type %q\n", p.BodyType.Name)
	if p.Body != nil {
		fmt.Fprintf(&b, "body params=%v\n", p.Body.Parameters)
		for _, r := range p.Body.Rows {
			fmt.Fprintf(&b, "  %s %s coll=%v\n", r.Name.Value, r.Type.Name, r.Type.Collection)
		}
	}
	fmt.Fprintf(&b, "response %d %q coll=%v empty=%v stream=%v\n", p.Response.Status, p.Response.Type.Name, p.Response.Type.Collection, p.Response.Empty, p.Response.Stream)
	for _, ex := range p.Examples {
		fmt.Fprintf(&b, "example %s %s %s %d body=%d\n", ex.Kind, ex.Method, ex.URL, ex.Status, len(ex.Body))
	}
	for _, ty := range p.Types {
		fmt.Fprintf(&b, "type %s base=%s enum=%v members=%v\n", ty.Name.Value, ty.BaseType.Value, ty.IsEnum, texts(ty.Members))
		for _, pr := range ty.Properties {
			fmt.Fprintf(&b, "  %s %s coll=%v\n", pr.Name.Value, pr.Type.Name, pr.Type.Collection)
		}
	}
	return b.String()
}

func texts(ts []page.Text) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Value)
	}
	return out
}

func codes(ds diag.List) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Code)
	}
	return out
}

// TestNewSectionsSkipped: sections of today's pages that say nothing the
// spec keeps are read without noise. channel-get.md has "## Related
// content" (a list of links), msgraph-interactive fences, ``` http fences
// with a space and CLI/SDK tabs of snippet includes; user-list-memberof.md
// is given a "### Supported query patterns" table under its query
// parameters, a "## Response headers" table and an enum table, as other
// pages of the current docs have them: the page must read exactly as
// before, with no diagnostics added.
func TestNewSectionsSkipped(t *testing.T) {
	const name = "api-reference/v1.0/api/user-list-memberof.md"
	src := string(currentPage(t, name))
	base, bd := ParseWith(name, []byte(src), diskReader)
	added := strings.Replace(src, "## Request headers", "### Supported query patterns\n\n"+
		"| Pattern | Supported | Syntax | Notes |\n|---|---|---|---|\n"+
		"| Server-side filter | ✓ | `/users/{id}/memberOf?$filter=startswith(displayName,'a')` | Advanced query |\n"+
		"| Count | ✓ | `/users/{id}/memberOf/$count` | |\n\n## Request headers", 1)
	added = strings.Replace(added, "## Examples", "## Response headers\n\n"+
		"| Name | Description |\n|:---|:---|\n| Location | The URL of the next page. |\n| Retry-After | Seconds to wait. |\n\n"+
		"### membershipKind values\n\n| Member | Description |\n|:---|:---|\n| direct | A direct member. |\n| transitive | A member through a group. |\n\n## Examples", 1)
	added += "\n## Related content\n\n- [List groups](group-list.md)\n- [Get user](user-get.md)\n"
	if added == src || strings.Count(added, "Supported query patterns") != 1 {
		t.Fatal("the page no longer has the headings the test adds sections at")
	}
	p, ds := ParseWith(name, []byte(added), diskReader)
	got, want := shape(p), shape(base)
	// The enum table is read for what it says: one type more.
	want += "type membershipKind base= enum=true members=[direct transitive]\n"
	if got != want {
		t.Errorf("page reads otherwise with the new sections:\n got: %s\nwant: %s", got, want)
	}
	if !reflect.DeepEqual(codes(ds), codes(bd)) {
		t.Errorf("diagnostics %v, want %v", codes(ds), codes(bd))
	}

	// channel-get.md as it is: three example requests, in
	// msgraph-interactive fences, the SDK tabs' snippets not read.
	const cg = "api-reference/v1.0/api/channel-get.md"
	p, ds = ParseWith(cg, currentPage(t, cg), func(n string) ([]byte, error) {
		if strings.Contains(n, "/snippets/") {
			t.Errorf("snippet include %s was read", n)
		}
		return diskReader(n)
	})
	if len(p.Requests) != 1 || p.Requests[0].Target != "/teams/{team-id}/channels/{channel-id}" {
		t.Errorf("requests %v", p.Requests)
	}
	var reqs int
	for _, ex := range p.Examples {
		if ex.Kind == page.RequestExample {
			reqs++
		}
	}
	if reqs != 3 {
		t.Errorf("%d example requests, want 3 (msgraph-interactive fences)", reqs)
	}
	for _, d := range ds {
		if d.Code != "ANNOTATION_REPAIRED" { // channel-get.md:74, a trailing comma
			t.Errorf("unexpected diagnostic %s", d)
		}
	}
}

// TestNoteIncludesSkipped: the include kinds today's pages use for notes,
// which the sample holds none of (a table intro, an app-only permissions
// note, a sign-in note), are read and leave user-list-memberof.md reading
// exactly as before, with no diagnostic added. Their texts follow the
// docs' include files: front matter marked ms.topic: include, then a
// sentence or a note block.
func TestNoteIncludesSkipped(t *testing.T) {
	const name = "api-reference/v1.0/api/user-list-memberof.md"
	src := string(currentPage(t, name))
	base, bd := ParseWith(name, []byte(src), diskReader)
	notes := map[string]string{
		"api-reference/v1.0/includes/table-intro.md":    "---\nauthor: x\nms.topic: include\n---\n\nThe following table lists the request headers this API takes, and whether each is required.\n",
		"api-reference/v1.0/includes/app-only-note.md":  "---\nms.topic: include\n---\n\n> [!NOTE]\n> This API supports application permissions only; a delegated call returns `403 Forbidden`.\n",
		"api-reference/v1.0/includes/signed-in-note.md": "---\nms.topic: include\n---\n\n> [!IMPORTANT]\n> In delegated scenarios, the signed-in user must also be assigned a supported [Microsoft Entra role](/entra/identity/role-based-access-control/permissions-reference).\n",
	}
	var read []string
	reader := func(n string) ([]byte, error) {
		if s, ok := notes[n]; ok {
			read = append(read, n)
			return []byte(s), nil
		}
		return diskReader(n)
	}
	added := strings.Replace(src, "## HTTP request", "[!INCLUDE [app-only](../includes/app-only-note.md)]\n\n[!INCLUDE [signed-in](../includes/signed-in-note.md)]\n\n## HTTP request", 1)
	added = strings.Replace(added, "## Request headers\n", "## Request headers\n\n[!INCLUDE [table-intro](../includes/table-intro.md)]\n", 1)
	if strings.Count(added, "[!INCLUDE [") != strings.Count(src, "[!INCLUDE [")+3 {
		t.Fatal("the page no longer has the headings the test adds includes at")
	}
	p, ds := ParseWith(name, []byte(added), reader)
	slices.Sort(read)
	if len(read) != 3 {
		t.Errorf("includes read: %v", read)
	}
	if got, want := shape(p), shape(base); got != want {
		t.Errorf("page reads otherwise with the note includes:\n got: %s\nwant: %s", got, want)
	}
	if !reflect.DeepEqual(codes(ds), codes(bd)) {
		t.Errorf("diagnostics %v, want %v", codes(ds), codes(bd))
	}
}
