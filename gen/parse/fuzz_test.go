package parse

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/page"
)

// FuzzParse: no input panics the parser, it always returns a page, and
// every offset and diagnostic position lies inside the input.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../spec/pages/*.txt")
	golden, _ := filepath.Glob("../assemble/testdata/golden/*/*.md")
	curated, _ := filepath.Glob("../assemble/testdata/golden/*/api-reference/*/*/*.md")
	// With the corpus beside the checkout, every 25th page seeds too.
	corpus, _ := filepath.Glob("../../../shared/graph-docs/v1.0/*/*.md")
	for i := 0; i < len(corpus); i += 25 {
		golden = append(golden, corpus[i])
	}
	golden = append(golden, curated...)
	for _, s := range append(seeds, golden...) {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("---\ntitle: [\n---\n| a |\n|---|\n| `x|y` |\n```\nGET {"))
	f.Add([]byte("# T\n\n## Permissions\n\n[!INCLUDE [p](inc.md)]\n\n```http\nGET /x\n\n<<<<<<< a\n|a|b|\n=======\n>>>>>>> b\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		// Every include names the input itself: nesting, cycles and the
		// limits are all exercised.
		p, diags := ParseWith("f.md", src, func(name string) ([]byte, error) {
			if name == "inc.md" {
				return src, nil
			}
			return nil, fs.ErrNotExist
		})
		if p == nil {
			t.Fatal("nil page")
		}
		n := len(p.Src.Text)
		in := func(what string, off int) {
			if off < 0 || off > n {
				t.Fatalf("%s offset %d outside input of %d bytes", what, off, n)
			}
		}
		in("title", p.Title.Off)
		for _, r := range p.Requests {
			in("request", r.Off)
			in("target", r.TargetOff)
		}
		for _, perm := range p.Permissions {
			for _, s := range perm.Scopes {
				in("scope", s.Off)
			}
		}
		if p.Body != nil {
			for _, r := range p.Body.Rows {
				in("row", r.Off)
				in("property", r.Name.Off)
			}
		}
		for i := range p.Examples {
			ex := &p.Examples[i]
			in("example", ex.Off)
			in("body", ex.BodyOff)
			for k := 0; k <= len(ex.Body); k += 1 + len(ex.Body)/8 {
				in("body position", ex.BodyPos(k))
			}
			if ex.Kind != page.RequestExample && ex.Kind != page.ResponseExample {
				t.Fatalf("example kind %q", ex.Kind)
			}
		}
		lines := 1
		for _, c := range p.Src.Text {
			if c == '\n' {
				lines++
			}
		}
		for _, d := range diags {
			if d.Pos.Line < 1 || d.Pos.Line > lines || d.Pos.Col < 1 {
				t.Fatalf("diagnostic outside input: %s", d)
			}
		}
	})
}
