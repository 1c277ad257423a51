package codegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// prunedAsWhole generates pkg from g's pruned slices and from the whole
// spec, fails t where the code differs, and returns the pruned code.
func prunedAsWhole(t *testing.T, g *Generator, pkg Package) []byte {
	t.Helper()
	a, _, err := g.Generate(pkg, nil)
	if err != nil {
		t.Fatalf("%s: %v", pkg.Name, err)
	}
	b, _, err := (&Generator{data: g.data, keepPaths: true}).Generate(pkg, nil)
	if err != nil {
		t.Fatalf("%s, whole: %v", pkg.Name, err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("%s: the code differs from the whole spec's", pkg.Name)
	}
	return a
}

// TestPruningChangesNothing: a package generated from a copy without the
// paths it cannot use (and, when it imports its models, with stubs for the
// schemas) is the package generated from the whole spec.
func TestPruningChangesNothing(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromFile("../assemble/testdata/golden/corpus-v1/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	pruned, err := NewGenerator(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []Package{
		{Name: "models", Generate: []string{Models}, SchemasOnly: true},
		{Name: "groups", Generate: []string{Client, StdHTTPServer}, ModelsImport: "example.com/models", Select: &Selection{Tags: []string{"groups"}, OperationIDs: []string{"me.changePassword.create"}}},
		{Name: "all", Generate: []string{Client, StrictServer}, ModelsImport: "example.com/models"},
		{Name: "chats", Generate: []string{Models, Client}, Select: &Selection{PathPrefixes: []string{"/me/chats", "/users/{user-id}/chats"}}},
	} {
		if a := prunedAsWhole(t, pruned, pkg); len(a) < 1000 {
			t.Errorf("%s: only %d bytes generated", pkg.Name, len(a))
		}
	}
}

// TestGeneratorPartsIsGeneratorJSON: a Generator given the spec's JSON cut
// into parts cuts every package's slice as one that decodes the JSON.
func TestGeneratorPartsIsGeneratorJSON(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromFile("../assemble/testdata/golden/corpus-v1/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var top, paths map[string]json.RawMessage
	json.Unmarshal(data, &top)
	json.Unmarshal(top["paths"], &paths)
	fromJSON, fromParts := NewGeneratorJSON(data), NewGeneratorParts(data, doc, top, paths)
	for _, pkg := range []Package{
		{Name: "models", Generate: []string{Models}, SchemasOnly: true},
		{Name: "groups", Generate: []string{Client}, ModelsImport: "example.com/models", Select: &Selection{Tags: []string{"groups"}, OperationIDs: []string{"me.changePassword.create"}}},
		{Name: "chats", Generate: []string{Models, Client}, Select: &Selection{PathPrefixes: []string{"/me/chats"}}},
		{Name: "all", Generate: []string{Client}, ModelsImport: "example.com/models"},
	} {
		a, err := fromJSON.Slice(pkg)
		if err != nil {
			t.Fatal(err)
		}
		b, err := fromParts.Slice(pkg)
		if err != nil {
			t.Fatal(err)
		}
		if a.Key() != b.Key() || !bytes.Equal(a.data, b.data) {
			t.Errorf("%s: the slices differ", pkg.Name)
		}
		if len(a.data) < 1000 {
			t.Errorf("%s: a slice of %d bytes", pkg.Name, len(a.data))
		}
	}
}

// stubSpec has what oapi-codegen reads of a schema it only names:
// parameters whose schemas are references (their type and format go into
// the encoding calls), a text body whose schema is a string by
// reference, a response that is a union by reference; and, with
// inlineAllOf, a body composed inline from a named schema, which
// oapi-codegen merges from its properties.
func stubSpec(inlineAllOf bool) string {
	body := `{"$ref": "#/components/schemas/thing"}`
	if inlineAllOf {
		body = `{"allOf": [{"$ref": "#/components/schemas/thing"}, {"type": "object", "properties": {"extra": {"type": "string"}}}]}`
	}
	return `{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {
  "/things/{id}": {
    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"$ref": "#/components/schemas/uuid"}}],
    "get": {"operationId": "things.get", "tags": ["things"],
      "parameters": [{"name": "kind", "in": "query", "schema": {"$ref": "#/components/schemas/kind"}},
        {"name": "filter", "in": "query", "style": "deepObject", "explode": true, "schema": {"$ref": "#/components/schemas/thing"}},
        {"name": "X-Count", "in": "header", "schema": {"$ref": "#/components/schemas/count"}}],
      "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/pet"}}}}}},
    "put": {"operationId": "things.put", "tags": ["things"],
      "requestBody": {"content": {"text/plain": {"schema": {"$ref": "#/components/schemas/note"}}, "application/json": {"schema": ` + body + `}}},
      "responses": {"204": {"description": "done"}}}}},
  "components": {"schemas": {
    "uuid": {"type": "string", "format": "uuid", "description": "An id."},
    "kind": {"type": "string", "enum": ["a", "b"]},
    "count": {"type": "integer", "format": "int32"},
    "note": {"type": "string", "description": "Text."},
    "thing": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "size": {"$ref": "#/components/schemas/count"}}},
    "cat": {"type": "object", "properties": {"kind": {"type": "string"}, "purrs": {"type": "boolean"}}},
    "dog": {"allOf": [{"$ref": "#/components/schemas/thing"}, {"type": "object", "properties": {"kind": {"type": "string"}}}]},
    "pet": {"oneOf": [{"$ref": "#/components/schemas/cat"}, {"$ref": "#/components/schemas/dog"}], "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/cat", "dog": "#/components/schemas/dog"}}}}}}`
}

// TestStubsChangeNothing: a package that imports its models generates the
// same code from the stubs as from the whole schemas, for everything it
// reads of the schemas it names; and the stubs do leave the properties
// out where nothing composes schemas inline.
func TestStubsChangeNothing(t *testing.T) {
	for _, inline := range []bool{false, true} {
		doc, err := openapi3.NewLoader().LoadFromData([]byte(stubSpec(inline)))
		if err != nil {
			t.Fatal(err)
		}
		pruned, err := NewGenerator(doc)
		if err != nil {
			t.Fatal(err)
		}
		pkg := Package{Name: "things", Generate: []string{Client, StdHTTPServer, StrictServer}, ModelsImport: "example.com/models", Select: &Selection{Tags: []string{"things"}}}
		var a []byte
		t.Run(fmt.Sprintf("inline allOf %v", inline), func(t *testing.T) { a = prunedAsWhole(t, pruned, pkg) })
		for _, want := range []string{`"uuid"`, `"int32"`, "MarshalJSON"} {
			if !bytes.Contains(a, []byte(want)) {
				t.Errorf("inline allOf %v: no %s in the code, which the test is meant to cover", inline, want)
			}
		}
		sl, err := pruned.Slice(pkg)
		if err != nil {
			t.Fatal(err)
		}
		if stubbed := !bytes.Contains(sl.data, []byte(`"purrs"`)); stubbed == inline {
			t.Errorf("inline allOf %v: schemas stubbed %v", inline, stubbed)
		}
	}
}

// TestPathsExtensions: a spec whose paths object has extensions (not one
// docs2openapi builds) generates as before: whole, or pruned of them.
func TestPathsExtensions(t *testing.T) {
	spec := strings.Replace(stubSpec(false), `"paths": {`, `"paths": {"x-note": true, "x-more": {"a": 1},`, 1)
	doc, err := openapi3.NewLoader().LoadFromData([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Paths.Extensions) != 2 {
		t.Fatalf("extensions %v", doc.Paths.Extensions)
	}
	g, err := NewGenerator(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []Package{
		{Name: "all", Generate: []string{Models, Client}},
		{Name: "things", Generate: []string{Client}, ModelsImport: "example.com/models", Select: &Selection{Tags: []string{"things"}}},
	} {
		prunedAsWhole(t, g, pkg)
	}
}
