package build_test

import (
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	"github.com/pb33f/libopenapi/datamodel"
)

// TestIndependentValidator validates the committed specs and every golden
// spec with pb33f's libopenapi-validator, which checks a document against
// the official OpenAPI 3.0 JSON schema: a second opinion, independent of
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
			validateOAS30(t, data)
		})
	}
}

func validateOAS30(t *testing.T, spec []byte) {
	t.Helper()
	cfg := datamodel.NewDocumentConfiguration()
	cfg.Logger = slog.New(slog.DiscardHandler)
	doc, err := libopenapi.NewDocumentWithConfiguration(spec, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if ok, errs := schema_validation.ValidateOpenAPIDocument(doc); !ok {
		for _, e := range errs {
			if len(e.SchemaValidationErrors) > 0 && e.SchemaValidationErrors[0].OriginalJsonSchemaError != nil {
				t.Error(e.SchemaValidationErrors[0].OriginalJsonSchemaError.Error())
			} else {
				t.Errorf("%s: %s", e.Message, e.Reason)
			}
		}
	}
	if _, err := doc.BuildV3Model(); err != nil {
		t.Errorf("building the model (dangling references?): %v", err)
	}
}

// TestIndependentValidatorRejects shows the validator has teeth: a spec with
// a response lacking its description and an optional path parameter fails.
func TestIndependentValidatorRejects(t *testing.T) {
	bad := []byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a/{id}:
    get:
      parameters:
        - {name: id, in: path, required: false, schema: {type: string}}
      responses:
        "200": {}
`)
	cfg := datamodel.NewDocumentConfiguration()
	cfg.Logger = slog.New(slog.DiscardHandler)
	doc, err := libopenapi.NewDocumentWithConfiguration(bad, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := schema_validation.ValidateOpenAPIDocument(doc); ok {
		t.Error("validator accepted an invalid spec")
	}
}
