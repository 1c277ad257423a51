package gen_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/docs2openapi/docs2openapi/gen"
	"github.com/docs2openapi/docs2openapi/gen/check"
	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/parse"
)

// hostilePage is a method page with one request line (or reqLine
// verbatim), perms permission rows, reqs more request lines, an example
// pair whose response body is body, and pre inserted before the HTTP
// request section.
type hostilePage struct {
	reqLine     string
	perms, reqs int
	body, pre   string
}

func (h hostilePage) String() string {
	var b strings.Builder
	b.WriteString("---\ntitle: \"Get thing\"\ndescription: \"x\"\ndoc_type: apiPageType\n---\n\n# Get thing\n\nNamespace: microsoft.graph\n")
	b.WriteString(h.pre)
	b.WriteString("\n## Permissions\n\n|Permission type | Permissions (from least to most privileged) |\n|:---|:---|\n|Delegated (work or school account) | Thing.Read.All |\n")
	for i := range h.perms {
		fmt.Fprintf(&b, "|Application | Perm%d.Read.All |\n", i)
	}
	line := h.reqLine
	if line == "" {
		line = "GET /things/{id}"
	}
	fmt.Fprintf(&b, "\n## HTTP request\n\n```http\n%s\n", line)
	for i := range h.reqs {
		fmt.Fprintf(&b, "GET /more%d/{id}\n", i)
	}
	body := h.body
	if body == "" {
		body = `{"id": "1"}`
	}
	b.WriteString("```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [thing](../resources/thing.md) object in the response body.\n\n## Example\n\n### Request\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"get_thing\"\n} -->\n```http\nGET https://graph.microsoft.com/v1.0/things/1\n```\n\n### Response\n<!-- {\n  \"blockType\": \"response\",\n  \"truncated\": true,\n  \"@odata.type\": \"microsoft.graph.thing\"\n} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n")
	b.WriteString(body)
	b.WriteString("\n```\n")
	return b.String()
}

// thingPage documents the type, with an enumeration whose members are
// written in its description cell.
func thingPage(members string) string {
	return "---\ntitle: \"thing resource type\"\ndescription: \"x\"\ndoc_type: resourcePageType\n---\n\n# thing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | The id. |\n| kind | thingKind | The kind. Possible values are: " + members + ". |\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.thing\"\n} -->\n```json\n{\"id\": \"String\", \"kind\": \"String\"}\n```\n"
}

// at is the line:col of the first byte of the n-th (from 1) occurrence of
// marker in src, plus skip bytes.
func at(src, marker string, n, skip int) string {
	off := -1
	for range n {
		k := strings.Index(src[off+1:], marker)
		if k < 0 {
			return "marker " + marker + " not found"
		}
		off += 1 + k
	}
	p := diag.NewSource("", []byte(src)).Pos(off + skip)
	return fmt.Sprintf("%d:%d", p.Line, p.Col)
}

func utf16LE(s string, bom bool) []byte {
	var out []byte
	if bom {
		out = append(out, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func utf16BE(s string) []byte {
	out := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u>>8), byte(u))
	}
	return out
}

// TestIssue15HostileInput: each hostile or careless page of issue 15 gives
// its diagnostic at the page's line and column (never at openapi.yaml), the
// rest of the input still builds, the spec validates and routes, and a
// second run gives the same bytes.
func TestIssue15HostileInput(t *testing.T) {
	deep := `{"a": ` + strings.Repeat("[", 9999) + strings.Repeat("]", 9999) + "}"
	manySegs := "GET " + strings.Repeat("/a", 20000)
	longLine := "GET " + strings.Repeat("/a0", 40000)
	unterminated := "\n<!-- {\n  \"blockType\": \"ignored\"\n}\n"
	valid := hostilePage{}.String()
	for _, c := range []struct {
		name string
		src  []byte
		code string
		// want is the line:col of the diagnostic, computed from src.
		want string
		// ops is the number of operations the spec must still have.
		ops int
	}{
		{"permissions x request lines", []byte(hostilePage{perms: 1500, reqs: 1499}.String()), "PAGE_TOO_MANY_OPERATIONS", "", 500},
		{"permissions x request lines/scopes", []byte(hostilePage{perms: 1500, reqs: 1499}.String()), "PERMISSIONS_TOO_MANY", "", 500},
		{"JSON nested 9,999 deep", []byte(hostilePage{body: deep}.String()), "EXAMPLE_TOO_DEEP", "", 1},
		{"line length", []byte(hostilePage{reqLine: longLine, reqs: 1}.String()), "LINE_TOO_LONG", "", 1},
		{"segments per request line", []byte(hostilePage{reqLine: manySegs, reqs: 1}.String()), "HTTP_LINE_TOO_MANY_SEGMENTS", "", 1},
		{"double braces", []byte(hostilePage{reqLine: "GET /things/{{id}}", reqs: 1}.String()), "HTTP_LINE_BRACES", "", 1},
		{"unbalanced brace", []byte(hostilePage{reqLine: "GET /things/{id", reqs: 1}.String()), "HTTP_LINE_BRACES", "", 1},
		{"dot segments", []byte(hostilePage{reqLine: "GET /a/../../{id}", reqs: 1}.String()), "HTTP_LINE_DOT_SEGMENT", "", 1},
		{"invalid UTF-8", []byte(hostilePage{reqLine: "GET /things/\xff\xfe{id}", reqs: 1}.String()), "HTTP_LINE_NOT_UTF8", "", 1},
		{"UTF-16 little-endian", utf16LE(valid, true), "PAGE_UTF16", "1:1", 1},
		{"UTF-16 little-endian without BOM", utf16LE(valid, false), "PAGE_UTF16", "1:1", 1},
		{"UTF-16 big-endian", utf16BE(valid), "PAGE_UTF16", "1:1", 1},
		{"enum member 9lives", []byte(thingPage("`cat`, `9lives`, `dog`")), "ENUM_MEMBER_INVALID", "", 0},
		{"enum member x y", []byte(thingPage("`cat`, `x y`, `dog`")), "ENUM_MEMBER_INVALID", "", 0},
		{"unterminated comment", []byte(hostilePage{pre: unterminated}.String()), "COMMENT_UNTERMINATED", "", 1},
		{"unterminated comment at the end", []byte(valid + unterminated), "COMMENT_UNTERMINATED", "", 1},
		{"number out of range", []byte(hostilePage{body: `{"id": "1", "n": 1E700}`}.String()), "EXAMPLE_NUMBER_RANGE", "", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := string(c.src)
			want := c.want
			switch c.code {
			case "PAGE_TOO_MANY_OPERATIONS":
				want = at(src, "GET /more", 500, 0) // the 501st request line
			case "PERMISSIONS_TOO_MANY":
				want = at(src, "Perm299.Read.All", 1, 0) // the 301st scope
			case "EXAMPLE_TOO_DEEP":
				want = at(src, "[", 101, 0)
			case "LINE_TOO_LONG":
				want = at(src, "GET /a0", 1, 64<<10)
			case "HTTP_LINE_TOO_MANY_SEGMENTS":
				want = at(src, "GET /a", 1, 4+2*100) // the 101st slash
			case "HTTP_LINE_BRACES":
				if strings.Contains(src, "{{") {
					want = at(src, "{{id}}", 1, 1)
				} else {
					want = at(src, "{id\n", 1, 0)
				}
			case "HTTP_LINE_DOT_SEGMENT":
				want = at(src, "../", 1, 0)
			case "HTTP_LINE_NOT_UTF8":
				want = at(src, "\xff", 1, 0)
			case "ENUM_MEMBER_INVALID":
				want = at(src, "The kind.", 1, 0)
			case "COMMENT_UNTERMINATED":
				want = at(src, "<!-- {\n  \"blockType\": \"ignored\"", 1, 0)
			case "EXAMPLE_NUMBER_RANGE":
				want = at(src, "1E700", 1, 0)
			}
			files := [][]byte{c.src}
			names := []string{"api/thing-get.md"}
			if c.ops == 0 {
				names[0] = "resources/thing.md"
			}
			build := func() ([]byte, diag.List) {
				res, err := gen.FromSources(names, files, gen.Options{Version: "v1.0"})
				if err != nil {
					t.Fatal(err)
				}
				out, err := gen.Output(res, false)
				if err != nil {
					t.Fatalf("output: %v", err)
				}
				if got := res.Doc.Paths.Len(); got != c.ops {
					t.Errorf("%d paths in the spec, want %d", got, c.ops)
				}
				rep := check.Check(context.Background(), res)
				return out, append(res.Diags, rep.Diags...)
			}
			out, diags := build()
			found := false
			for _, d := range diags {
				if d.Pos.Line == 0 || d.Pos.File != names[0] {
					t.Errorf("unlocated: %s", d)
				}
				if d.Code == c.code {
					if got := fmt.Sprintf("%d:%d", d.Pos.Line, d.Pos.Col); got != want {
						t.Errorf("%s at %s, want %s", c.code, got, want)
					}
					found = true
				}
			}
			if !found {
				t.Errorf("no %s; got %v", c.code, diags)
			}
			// 500 operations × 300 scopes make 5 MB; before the caps
			// this page made 71 MB and the deep example 100 MB.
			if len(out) > 8<<20 {
				t.Errorf("spec is %d bytes, want it bounded", len(out))
			}
			if again, _ := build(); !bytes.Equal(out, again) {
				t.Error("a second run gives other bytes")
			}
		})
	}
}

// TestIssue15Limits: the caps leave the corpus's largest pages alone (each
// is several times the corpus's maximum, see parse/limits.go) and a page at
// a cap is read whole.
func TestIssue15Limits(t *testing.T) {
	src := hostilePage{perms: parse.MaxScopes - 1, reqs: parse.MaxRequestLines - 1}.String()
	p, diags := parse.Parse("api/thing-get.md", []byte(src))
	for _, d := range diags {
		if d.Severity == diag.Error {
			t.Errorf("page at the caps: %s", d)
		}
	}
	n := 0
	for _, perm := range p.Permissions {
		n += len(perm.Scopes)
	}
	if len(p.Requests) != parse.MaxRequestLines || n != parse.MaxScopes {
		t.Errorf("%d request lines and %d scopes, want %d and %d", len(p.Requests), n, parse.MaxRequestLines, parse.MaxScopes)
	}
}
