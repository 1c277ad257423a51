package assemble

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/docs2openapi/docs2openapi/gen/parse"
)

func seedDoc(t *testing.T) *openapi3.T {
	t.Helper()
	files, _ := filepath.Glob("../../spec/pages/*.txt")
	var pages []*page.Page
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := parse.Parse(filepath.Base(f), src)
		pages = append(pages, p)
	}
	return Pages(pages, Options{Version: "beta"}).Doc
}

// TestValidateDocCatches: the cheaper validation view still finds what
// kin-openapi's Validate finds, in components, inline schemas and paths,
// and leaves the document as it was.
func TestValidateDocCatches(t *testing.T) {
	ctx := context.Background()
	if err := validateDoc(ctx, seedDoc(t)); err != nil {
		t.Fatalf("valid spec: %v", err)
	}
	for name, corrupt := range map[string]func(*openapi3.T){
		"component schema type": func(d *openapi3.T) {
			for _, s := range d.Components.Schemas {
				s.Value.Type = &openapi3.Types{"strin"}
				return
			}
		},
		"inline response schema": func(d *openapi3.T) {
			for _, item := range d.Paths.Map() {
				for _, op := range item.Operations() {
					for _, r := range op.Responses.Map() {
						r.Value.Content = openapi3.NewContentWithJSONSchema(&openapi3.Schema{Type: &openapi3.Types{"array"}})
						return
					}
				}
			}
		},
		"undeclared security scheme": func(d *openapi3.T) {
			for _, item := range d.Paths.Map() {
				for _, op := range item.Operations() {
					op.Security = openapi3.NewSecurityRequirements().With(openapi3.NewSecurityRequirement().Authenticate("apiKey"))
					return
				}
			}
		},
		"path parameter": func(d *openapi3.T) {
			for _, item := range d.Paths.Map() {
				for _, op := range item.Operations() {
					if len(op.Parameters) > 0 {
						op.Parameters = nil
						return
					}
				}
			}
		},
	} {
		d := seedDoc(t)
		corrupt(d)
		want := d.Validate(ctx)
		got := validateDoc(ctx, d)
		if want == nil {
			t.Fatalf("%s: the corruption is not invalid for kin-openapi either", name)
		}
		if got == nil {
			t.Errorf("%s: kin-openapi finds %v; the view finds nothing", name, want)
		}
	}
	d := seedDoc(t)
	before, _ := MarshalJSON(d)
	validateDoc(ctx, d)
	if after, _ := MarshalJSON(d); string(after) != string(before) {
		t.Error("validateDoc changed the document")
	}
}
