package codegen

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

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
	whole := &Generator{data: pruned.data, keepPaths: true}
	for _, pkg := range []Package{
		{Name: "models", Generate: []string{Models}, SchemasOnly: true},
		{Name: "groups", Generate: []string{Client, StdHTTPServer}, ModelsImport: "example.com/models", Select: &Selection{Tags: []string{"groups"}, OperationIDs: []string{"me.changePassword.create"}}},
		{Name: "all", Generate: []string{Client, StrictServer}, ModelsImport: "example.com/models"},
		{Name: "chats", Generate: []string{Models, Client}, Select: &Selection{PathPrefixes: []string{"/me/chats", "/users/{user-id}/chats"}}},
	} {
		a, _, err := pruned.Generate(pkg, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _, err := whole.Generate(pkg, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: pruned paths change the generated code", pkg.Name)
		}
		if len(a) < 1000 {
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
