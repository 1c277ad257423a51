package assemble_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// oasSchemaFile is the official OpenAPI 3.0 JSON Schema
// (https://spec.openapis.org/oas/3.0/schema/2021-09-28, by the OpenAPI
// Initiative, Apache License 2.0).
const oasSchemaFile = "testdata/oas-3.0-schema.json"

var (
	oasOnce   sync.Once
	oasSchema *jsonschema.Schema
	oasErr    error
)

// TestIndependentValidator validates the committed specs and every golden
// spec against the official OpenAPI 3.0 JSON Schema, with a JSON Schema
// validator that knows nothing of kin-openapi (santhosh-tekuri/jsonschema),
// and checks that every $ref resolves: a second opinion, independent of
// kin-openapi's own rules.
func TestIndependentValidator(t *testing.T) {
	specs, _ := filepath.Glob("../../spec/*/openapi.yaml")
	golden, _ := filepath.Glob("testdata/golden/*/openapi.yaml")
	specs = append(specs, golden...)
	if len(specs) < 3 {
		t.Fatalf("found only %v", specs)
	}
	for _, path := range specs {
		t.Run(path, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range independentErrors(t, data) {
				t.Error(e)
			}
		})
	}
}

func validateOAS30(t *testing.T, spec []byte) {
	t.Helper()
	for _, e := range independentErrors(t, spec) {
		t.Error(e)
	}
}

// independentErrors validates a YAML or JSON spec against the official
// schema and resolves every local $ref in it.
func independentErrors(t *testing.T, spec []byte) []string {
	t.Helper()
	oasOnce.Do(func() {
		f, err := os.Open(oasSchemaFile)
		if err != nil {
			oasErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			oasErr = err
			return
		}
		c := jsonschema.NewCompiler()
		if oasErr = c.AddResource("oas-3.0.json", doc); oasErr == nil {
			oasSchema, oasErr = c.Compile("oas-3.0.json")
		}
	})
	if oasErr != nil {
		t.Fatal(oasErr)
	}
	var v any
	if err := yaml.Unmarshal(spec, &v); err != nil {
		t.Fatal(err)
	}
	// Through JSON, so numbers and maps have the types the validator knows.
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	var errs []string
	if err := oasSchema.Validate(inst); err != nil {
		errs = append(errs, err.Error())
	}
	var walk func(n any)
	walk = func(n any) {
		switch n := n.(type) {
		case map[string]any:
			if ref, ok := n["$ref"].(string); ok && !resolves(inst, ref) {
				errs = append(errs, "dangling $ref "+ref)
			}
			for _, c := range n {
				walk(c)
			}
		case []any:
			for _, c := range n {
				walk(c)
			}
		}
	}
	walk(inst)
	return errs
}

// resolves reports whether a local JSON pointer reference names a value.
func resolves(doc any, ref string) bool {
	if !strings.HasPrefix(ref, "#/") {
		return false
	}
	cur := doc
	for _, tok := range strings.Split(ref[2:], "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, ok := cur.(map[string]any)
		if !ok {
			return false
		}
		if cur, ok = m[tok]; !ok {
			return false
		}
	}
	return true
}

// TestIndependentValidatorRejects shows the validator has teeth: a response
// without its description, an optional path parameter and a dangling
// reference all fail.
func TestIndependentValidatorRejects(t *testing.T) {
	for name, bad := range map[string]string{
		"optional path parameter": `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a/{id}:
    get:
      parameters:
        - {name: id, in: path, required: false, schema: {type: string}}
      responses:
        "200": {description: ok}
`,
		"response without description": `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200": {}
`,
		"dangling reference": `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/missing"}}}}
`,
	} {
		if errs := independentErrors(t, []byte(bad)); len(errs) == 0 {
			t.Errorf("%s: the validator accepted an invalid spec", name)
		}
	}
}
