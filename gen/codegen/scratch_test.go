package codegen_test

import (
	"fmt"
	"github.com/getkin/kin-openapi/openapi3"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/build"
	"github.com/docs2openapi/docs2openapi/gen/codegen"
	"github.com/docs2openapi/docs2openapi/gen/parse"
)

func TestScratchGen(t *testing.T) {
	out := os.Getenv("SCRATCH_OUT")
	if out == "" {
		t.Skip()
	}
	const corpus = "../../../shared/graph-docs/v1.0"
	var names []string
	var srcs [][]byte
	filepath.WalkDir(corpus, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			src, _ := os.ReadFile(path)
			names, srcs = append(names, path), append(srcs, src)
		}
		return nil
	})
	pages, _ := parse.ParseAll(names, srcs)
	res := build.Build(pages, build.Options{Version: "v1.0"})
	for _, item := range res.Doc.Paths.Map() {
		for _, o := range item.Operations() {
			if os.Getenv("SCRATCH_NOERR") != "" {
				o.Responses.Delete("4XX")
				o.Responses.Delete("5XX")
			}
			if os.Getenv("SCRATCH_NOQUERY") != "" {
				var keep openapi3.Parameters
				for _, p := range o.Parameters {
					if p.Value.In != "query" {
						keep = append(keep, p)
					}
				}
				o.Parameters = keep
			}
		}
	}
	gen, _ := codegen.NewGenerator(res.Doc)
	pkgs := []codegen.Package{{Name: "models", Generate: []string{codegen.Models}, SchemasOnly: true}}
	for i, sel := range groupOperations(res.Doc, maxOps) {
		pkgs = append(pkgs, codegen.Package{Name: fmt.Sprintf("api%02d", i), Generate: []string{codegen.Client, codegen.StdHTTPServer},
			ModelsImport: os.Getenv("SCRATCH_IMPORT"), Select: sel})
	}
	for _, p := range pkgs {
		code, _, err := gen.Generate(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(out, p.Name), 0o755)
		os.WriteFile(filepath.Join(out, p.Name, p.Name+".gen.go"), code, 0o644)
	}
}
