package config

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("docs2openapi.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("config.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("config.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return s.Validate(inst)
}

// TestSchemaAgreesWithLoad: the published JSON Schema accepts the configs
// Load accepts and rejects what Load rejects.
func TestSchemaAgreesWithLoad(t *testing.T) {
	s := compileSchema(t)
	configs, _ := filepath.Glob("../../spec/*.yaml")
	configs = append(configs, "../../examples/downstream/docs2openapi.yaml")
	if len(configs) == 0 {
		t.Fatal("no configs in spec/")
	}
	for _, c := range configs {
		if strings.HasSuffix(c, "expected-failures.yaml") {
			continue
		}
		data, _ := os.ReadFile(c)
		if err := validate(t, s, data); err != nil {
			t.Errorf("%s: schema rejects: %v", c, err)
		}
		if _, err := Load(c); err != nil {
			t.Errorf("%s: Load rejects: %v", c, err)
		}
	}
	bad := map[string]string{
		"unknown key":   "version: 1\ninputs: [d]\napi-version: v1.0\nspec: o.yaml\nspecs: x\n",
		"bad version":   "version: 2\ninputs: [d]\napi-version: v1.0\nspec: o.yaml\n",
		"no inputs":     "version: 1\ninputs: []\napi-version: v1.0\nspec: o.yaml\n",
		"bad kind":      "version: 1\ninputs: [d]\napi-version: v1.0\nspec: o.yaml\npackages:\n  - {package: g, output: g.go, generate: [sdk]}\n",
		"empty select":  "version: 1\ninputs: [d]\napi-version: v1.0\nspec: o.yaml\npackages:\n  - {package: g, output: g.go, generate: [client], select: {}}\n",
		"select typo":   "version: 1\ninputs: [d]\napi-version: v1.0\nspec: o.yaml\npackages:\n  - {package: g, output: g.go, generate: [client], select: {tag: [x]}}\n",
		"output not go": "version: 1\ninputs: [d]\napi-version: v1.0\nspec: o.yaml\npackages:\n  - {package: g, output: g.txt, generate: [models]}\n",
	}
	dir := t.TempDir()
	for name, text := range bad {
		if err := validate(t, s, []byte(text)); err == nil {
			t.Errorf("%s: schema accepts", name)
		}
		p := filepath.Join(dir, "c.yaml")
		os.WriteFile(p, []byte(text), 0o644)
		if _, err := Load(p); err == nil {
			t.Errorf("%s: Load accepts", name)
		} else if e, ok := err.(*Error); !ok || e.Line == 0 {
			t.Errorf("%s: error without a line: %v", name, err)
		}
	}
}

// TestModelsFrom: a package may take its schema types from another package
// of the config; mistakes in that link are errors at the entry's line.
func TestModelsFrom(t *testing.T) {
	head := "version: 1\ninputs: [d]\napi-version: v1.0\nspec: o.yaml\npackages:\n"
	good := head +
		"  - package: models\n    output: graph/models/models.gen.go\n    generate: [models]\n" +
		"  - package: users\n    output: graph/users/users.gen.go\n    generate: [client]\n    models-from: graph/models/\n    select: {tags: [users], path-prefixes: [/me]}\n"
	dir := t.TempDir()
	p := filepath.Join(dir, "c.yaml")
	os.WriteFile(p, []byte(good), 0o644)
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Packages[1]; got.Line != 9 || got.Select == nil || got.Select.Tags[0] != "users" || got.Select.PathPrefixes[0] != "/me" {
		t.Errorf("second package: %+v", got)
	}
	if !c.IsModelsOf(&c.Packages[0]) || c.IsModelsOf(&c.Packages[1]) {
		t.Error("IsModelsOf: want the first package only")
	}
	if err := validate(t, compileSchema(t), []byte(good)); err != nil {
		t.Errorf("schema rejects: %v", err)
	}
	bad := map[string]string{
		"not a package": "  - {package: u, output: u/u.go, generate: [client], models-from: nowhere}\n",
		"itself":        "  - {package: u, output: u/u.go, generate: [client], models-from: u}\n",
		"not models":    "  - {package: m, output: m/m.go, generate: [models, client]}\n  - {package: u, output: u/u.go, generate: [client], models-from: m}\n",
		"embedded":      "  - {package: m, output: m/m.go, generate: [models]}\n  - {package: u, output: u/u.go, generate: [client, embedded-spec], models-from: m}\n",
	}
	for name, pkgs := range bad {
		os.WriteFile(p, []byte(head+pkgs), 0o644)
		_, err := Load(p)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%s: want a config error, got %v", name, err)
			continue
		}
		if want := strings.Count(head+pkgs, "\n"); e.Line != want {
			t.Errorf("%s: line %d, want %d (the entry): %v", name, e.Line, want, e)
		}
	}
}
