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
