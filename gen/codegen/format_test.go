package codegen_test

import (
	"os"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/codegen"
	"github.com/getkin/kin-openapi/openapi3"
)

// TestFormatGoAsGoimports: the code of every kind of package, from two
// committed specs, is formatted byte for byte as goimports formats it.
// (The corpus tests compare all of the v1.0 corpus's packages too.)
func TestFormatGoAsGoimports(t *testing.T) {
	codegen.CompareFormatting(t)
	for _, file := range []string{"../../spec/v1.0/openapi.yaml", "../../examples/downstream/tasks/openapi.yaml"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := openapi3.NewLoader().LoadFromData(data)
		if err != nil {
			t.Fatal(err)
		}
		g, err := codegen.NewGenerator(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, pkg := range []codegen.Package{
			{Name: "graph", Generate: codegen.AllKinds},
			{Name: "models", Generate: []string{codegen.Models}, SchemasOnly: true},
			{Name: "client", Generate: []string{codegen.Client, codegen.StdHTTPServer}, ModelsImport: "example.com/x/models"},
			{Name: "strict", Generate: []string{codegen.Models, codegen.StrictServer, codegen.StdHTTPServer}},
		} {
			if _, _, err := g.Generate(pkg, nil); err != nil {
				t.Errorf("%s %s: %v", file, pkg.Name, err)
			}
		}
	}
}
