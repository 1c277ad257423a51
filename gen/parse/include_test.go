package parse

import (
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/diag"
)

// files is an IncludeReader over a map, recording what was read.
type files struct {
	m    map[string]string
	read []string
}

func (f *files) reader() IncludeReader {
	return func(name string) ([]byte, error) {
		f.read = append(f.read, name)
		if s, ok := f.m[name]; ok {
			return []byte(s), nil
		}
		return nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
}

func located(ds diag.List) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Pos.File+":"+strconv.Itoa(d.Pos.Line)+":"+strconv.Itoa(d.Pos.Col)+" "+d.Code)
	}
	return out
}

const includingPage = `---
title: "Get widget"
doc_type: apiPageType
---

# Get widget

[!INCLUDE [national-cloud-support](../../includes/all-clouds.md)]

## Permissions

[!INCLUDE [permissions-table](../includes/permissions/widget-get-permissions.md)]

## HTTP request

` + "```http" + `
GET /widgets/{id}
` + "```" + `

## Examples

# [HTTP](#tab/http)
` + "```http" + `
GET https://graph.microsoft.com/v1.0/widgets/1
` + "```" + `

# [C#](#tab/csharp)
[!INCLUDE [sample-code](../includes/snippets/csharp/get-widget-csharp-snippets.md)]

---
`

// TestIncludes: includes resolve relative to the including file, to any
// depth (the permissions include includes a second file); what is found
// in included text is reported at the include file's own line; snippet
// includes of an SDK tab are not read at all.
func TestIncludes(t *testing.T) {
	f := &files{m: map[string]string{
		"api-reference/includes/all-clouds.md": "---\nms.topic: include\n---\n\nSupported in all clouds.\n",
		"api-reference/v1.0/includes/permissions/widget-get-permissions.md": "---\nms.topic: include\n---\n\n" +
			"|Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n" +
			"|Delegated (work or school account)|Widget.Read|Widget.ReadWrite|\n" +
			"|Application|TODO|Not available.|\n\n" +
			"[!INCLUDE [more](more.md)]\n",
		"api-reference/v1.0/includes/permissions/more.md": "|Permission type|Permissions|\n|:---|:---|\n|Application|Widget.Read.All|\n",
	}}
	p, ds := ParseWith("api-reference/v1.0/api/widget-get.md", []byte(includingPage), f.reader())
	var scopes []string
	for _, perm := range p.Permissions {
		for _, s := range perm.Scopes {
			scopes = append(scopes, s.Value)
			if got := p.Pos(s.Off).File; got == "api-reference/v1.0/api/widget-get.md" {
				t.Errorf("scope %s is located in the page, want the include file", s.Value)
			}
		}
	}
	if want := []string{"Widget.Read", "Widget.ReadWrite", "Widget.Read.All"}; !slices.Equal(scopes, want) {
		t.Errorf("scopes %v, want %v", scopes, want)
	}
	want := []string{"api-reference/v1.0/includes/permissions/widget-get-permissions.md:8:14 PERMISSION_TODO"}
	if got := located(ds); !slices.Equal(got, want) {
		t.Errorf("diagnostics %v, want %v", got, want)
	}
	if slices.ContainsFunc(f.read, func(n string) bool {
		return n == "api-reference/v1.0/includes/snippets/csharp/get-widget-csharp-snippets.md"
	}) {
		t.Errorf("the C# tab's snippet was read: %v", f.read)
	}
	wantIncl := []string{"api-reference/includes/all-clouds.md", "api-reference/v1.0/includes/permissions/widget-get-permissions.md", "api-reference/v1.0/includes/permissions/more.md"}
	if !slices.Equal(p.Includes, wantIncl) {
		t.Errorf("Includes %v, want %v", p.Includes, wantIncl)
	}
	if p.PermissionsInclude.Value != "" {
		t.Errorf("PermissionsInclude %q, want none: the include was read", p.PermissionsInclude.Value)
	}
	if len(p.Requests) != 1 || p.Requests[0].Target != "/widgets/{id}" {
		t.Errorf("requests %v", p.Requests)
	}
}

// TestIncludeProblems: a missing file, a cycle and an include whose front
// matter is not closed are each a warning at the include line (or the
// include file's first line), and the rest of the page still reads.
func TestIncludeProblems(t *testing.T) {
	f := &files{m: map[string]string{
		"docs/a.md":        "[!INCLUDE [b](b.md)]\n",
		"docs/b.md":        "[!INCLUDE [a](a.md)]\n",
		"docs/unclosed.md": "---\nms.topic: include\n\n|Permission type|Permissions|\n|:---|:---|\n|Application|Widget.Read.All|\n",
	}}
	src := "# Get widget\n\n## Permissions\n\n[!INCLUDE [x](unclosed.md)]\n\n## HTTP request\n\n```http\nGET /widgets\n```\n\n" +
		"[!INCLUDE [gone](gone.md)]\n\n[!INCLUDE [a](a.md)]\n"
	p, ds := ParseWith("docs/page.md", []byte(src), f.reader())
	want := []string{
		"docs/b.md:1:15 INCLUDE_CYCLE",
		"docs/page.md:13:18 INCLUDE_MISSING",
		"docs/unclosed.md:1:1 FRONT_MATTER_UNCLOSED",
	}
	if got := located(ds); !slices.Equal(got, want) {
		t.Errorf("diagnostics %v, want %v", got, want)
	}
	if len(p.Permissions) != 1 || len(p.Permissions[0].Scopes) != 1 || p.Permissions[0].Scopes[0].Value != "Widget.Read.All" {
		t.Errorf("permissions %+v, want Widget.Read.All from the include", p.Permissions)
	}
	if len(p.Requests) != 1 {
		t.Errorf("requests %v", p.Requests)
	}
}

// TestIncludeWithoutReader: Parse reads no include and leaves a
// permissions include to the assembler, as before.
func TestIncludeWithoutReader(t *testing.T) {
	p, ds := Parse("api-reference/v1.0/api/widget-get.md", []byte(includingPage))
	if p.PermissionsInclude.Value != "../includes/permissions/widget-get-permissions.md" {
		t.Errorf("PermissionsInclude %q", p.PermissionsInclude.Value)
	}
	if len(ds) != 0 || len(p.Includes) != 0 {
		t.Errorf("diagnostics %v, includes %v; want none", located(ds), p.Includes)
	}
}
