package codegen

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// clashSpec has the traps that pass oapi-codegen but fail go build.
const clashSpec = `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    searchRequest:
      type: object
      properties:
        queryString: {type: string}
        query_string: {type: string}
    derived:
      allOf:
        - $ref: '#/components/schemas/searchRequest'
        - type: object
          properties:
            QueryString: {type: integer}
    color:
      type: string
      enum: [red, type]
    colorType:
      type: object
      properties:
        name: {type: string}
`

// TestGoNameClashesBuild generates the clash spec and compiles it: it only
// builds because the clashes are resolved.
func TestGoNameClashesBuild(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(clashSpec))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(doc)
	spec, _ := load(data)
	notes := resolveGoNames(spec)
	if len(notes) != 3 {
		t.Errorf("want 3 clashes resolved (query_string, derived QueryString, color type), got %d:\n%s", len(notes), strings.Join(notes, "\n"))
	}
	code, _, err := Generate(doc, Package{Name: "clash", Generate: []string{Models}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Components.Schemas["searchRequest"].Value.Properties["query_string"].Value.Extensions["x-go-name"] != nil {
		t.Error("Generate changed the caller's spec")
	}
	for _, want := range []string{"QueryString2 ", "ColorTypeValue "} {
		if !strings.Contains(string(code), want) {
			t.Errorf("generated code lacks %q", want)
		}
	}
	if testing.Short() {
		return
	}
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("testdata", "clash-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "clash.go"), code, 0o644)
	if out, err := exec.Command("go", "vet", "./"+dir).CombinedOutput(); err != nil {
		t.Fatalf("generated code does not build:\n%s", out)
	}
}
