package codegen

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"golang.org/x/tools/imports"
)

func TestSplitChunks(t *testing.T) {
	src := "package p\n\nimport \"fmt\"\n\n" +
		"// A is a type.\ntype A struct{ X int }\n\n\n" +
		"func f() {\n\n\tfmt.Println(`raw\n\nstill raw {`)\n\n}\n" +
		"func g() { _ = \"}\\\"\"; _ = '}' }\n  \t\n" +
		"/* a block\n\ncomment */\nvar v = []int{\n\n1}\n\n" +
		"const c = 1 // {\n"
	from := strings.Index(src, "// A")
	var got []string
	for _, r := range splitChunks([]byte(src), from) {
		got = append(got, src[r[0]:r[1]])
	}
	want := []string{
		"// A is a type.\ntype A struct{ X int }\n",
		"func f() {\n\n\tfmt.Println(`raw\n\nstill raw {`)\n\n}\nfunc g() { _ = \"}\\\"\"; _ = '}' }\n",
		"/* a block\n\ncomment */\nvar v = []int{\n\n1}\n",
		"const c = 1 // {\n",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("chunks:\n%q\nwant\n%q", got, want)
	}
}

// chunkedSrc is oapi-codegen-like output: an import block with an unused
// import and a missing one, doc comments indented as the client template
// indents them (one with a paragraph gofmt makes a heading of, and an
// indented line it makes a code block of), and a reference across chunks.
const chunkedSrc = `// Package p is generated.
package p

import (
	"io"
	"fmt"
	"net/http"
)

    // Get Get a thing
//
// Check for membership in a specified list of groups
//
// Does things.
//
//  Returns all the groups.
func Get(c *http.Client) error {
    _, err := c.Get(url.PathEscape("x"))
    return err
}


type T   struct {
	A int  ` + "`json:\"a\"`" + `
	Bee string ` + "`json:\"bee\"`" + `
}

func (t T) String() string { return fmt.Sprint(t.A) }
var zero = T{}
func use() { _ = zero.String() }
`

// TestFormatAsGoimportsEdgeCases: doc comments that only goimports'
// second print formats, in files with and without an import block.
func TestFormatAsGoimportsEdgeCases(t *testing.T) {
	for name, src := range map[string]string{
		"an indented declaration": "package p\n\nimport (\n\t\"fmt\"\n)\n\n// F does.\n//\n//   code\n  func F() { fmt.Println() }\n",
		"one import, no block":    "package p\n\nimport \"fmt\"\n\n    // F does.\n//\n//  code\nfunc F() { fmt.Println() }\n",
		"no import left":          "package p\n\nimport (\n\t\"fmt\"\n)\n\n    // F does.\n//\n//  code\nfunc F() {}\n",
		"no imports":              "package p\n\n    // F does.\n//\n// Heading here\n//\n// More.\nfunc F() {}\n",
	} {
		want, err := imports.Process("p.go", []byte(src), nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := formatCode("p.go", []byte(src), nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got.Code, want) {
			t.Errorf("%s:\n%s\ngoimports:\n%s", name, got.Code, want)
		}
		if whole, err := formatGo("p.go", []byte(src)); err != nil || !bytes.Equal(whole, want) {
			t.Errorf("%s, formatted whole:\n%s\ngoimports:\n%s", name, whole, want)
		}
	}
}

func TestFormatChunkedAsGoimports(t *testing.T) {
	want, err := imports.Process("p.go", []byte(chunkedSrc), nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := formatChunked("p.go", []byte(chunkedSrc), nil)
	if err != nil || f == nil {
		t.Fatalf("not cut: %v", err)
	}
	if !bytes.Equal(f.Code, want) {
		t.Errorf("chunked:\n%s\ngoimports:\n%s", f.Code, want)
	}
	if n, reused := f.Chunks(); n != 3 || reused != 0 {
		t.Errorf("%d chunks, %d reused; want 3, 0", n, reused)
	}
	if !bytes.Contains(f.Code, []byte("// # Check for membership")) || !bytes.Contains(f.Code, []byte("\"net/url\"")) {
		t.Errorf("no heading or no added import:\n%s", f.Code)
	}
}

// TestFormatChunkedReuses: a package generated again after an edit of one
// operation's description reuses all but the chunks of that operation, and
// its code is the code formatted from scratch.
func TestFormatChunkedReuses(t *testing.T) {
	data, err := os.ReadFile("../../examples/downstream/tasks/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	pkg := Package{Name: "tasks", Generate: []string{Client, StdHTTPServer}, ModelsImport: "example.com/models"}
	generate := func(data []byte, prev *Formatted) *Formatted {
		t.Helper()
		doc, err := openapi3.NewLoader().LoadFromData(data)
		if err != nil {
			t.Fatal(err)
		}
		g, err := NewGenerator(doc)
		if err != nil {
			t.Fatal(err)
		}
		sl, err := g.Slice(pkg)
		if err != nil {
			t.Fatal(err)
		}
		f, _, err := sl.GenerateReusing(nil, prev)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	first := generate(data, nil)
	n, _ := first.Chunks()
	if n < 20 {
		t.Fatalf("only %d chunks", n)
	}
	const from, to = "Retrieve the properties and relationships of user object.", "Read the properties and relationships of a user."
	if !bytes.Contains(data, []byte(from)) {
		t.Fatalf("%q not in the spec", from)
	}
	edited := bytes.Replace(data, []byte(from), []byte(to), 1)
	fresh := generate(edited, nil)
	again := generate(edited, Reuse(first.Code, first.Index()))
	if !bytes.Equal(again.Code, fresh.Code) {
		t.Fatal("code formatted reusing chunks differs from code formatted from scratch")
	}
	if bytes.Equal(fresh.Code, first.Code) {
		t.Fatal("the edit changed no code")
	}
	n, reused := again.Chunks()
	if reused == 0 || n-reused > 3 {
		t.Errorf("%d of %d chunks reused; want all but the edited operation's", reused, n)
	}
}

// TestReuseRejects: an index that does not describe the code is not used.
func TestReuseRejects(t *testing.T) {
	f, err := formatChunked("p.go", []byte(chunkedSrc), nil)
	if err != nil || f == nil {
		t.Fatalf("not cut: %v", err)
	}
	idx := string(f.Index())
	if Reuse(f.Code, []byte(idx)) == nil {
		t.Fatal("the index of the code is rejected")
	}
	lines := strings.Split(idx, "\n")
	for name, bad := range map[string]string{
		"another version":  strings.Replace(idx, indexHeader, "docs2openapi format index 0", 1),
		"past the end":     strings.Replace(idx, lines[len(lines)-2], strings.Join(append(strings.Fields(lines[len(lines)-2])[:2], "999999", "-", "-"), " "), 1),
		"overlapping":      idx + lines[2] + "\n",
		"a field missing":  strings.Replace(idx, " - ", " ", 1),
		"a key too short":  strings.Replace(idx, lines[2][:32], "abc", 1),
		"empty":            "",
		"garbled numbers":  strings.Replace(idx, lines[2], strings.Replace(lines[2], " ", " x", 1), 1),
		"a different file": idx,
	} {
		code := f.Code
		if name == "a different file" {
			code = code[:len(code)/2]
		}
		if Reuse(code, []byte(bad)) != nil {
			t.Errorf("%s: index accepted", name)
		}
	}
}
