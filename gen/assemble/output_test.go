package assemble_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"go.yaml.in/yaml/v3"
)

// roundTrip requires the YAML written for a JSON document to read back, with
// a real YAML parser, as the same values.
func roundTrip(t *testing.T, data []byte) {
	t.Helper()
	out, err := assemble.JSONToYAML(data)
	if err != nil {
		t.Fatal(err)
	}
	var want, got any
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(out, &got); err != nil {
		t.Fatalf("YAML does not parse: %v\n%s", err, out)
	}
	g, _ := json.Marshal(got)
	var gv any
	json.Unmarshal(g, &gv)
	if !reflect.DeepEqual(want, gv) {
		t.Errorf("YAML reads back differently\njson: %s\nyaml: %s\nback: %s", data, out, g)
	}
}

func TestJSONToYAMLRoundTrips(t *testing.T) {
	for _, c := range []string{
		`{"a": "plain", "b": "with: colon", "c": "#hash", "d": "true", "e": "10", "f": "2016-12-31T23:57:57Z", "g": "", "h": " lead", "i": "x #y", "j": "é", "k": "tab\there", "l": "new\nline", "m": null, "n": 1.5, "o": -3, "p": true, "q": {}, "r": [], "s": ".inf", "t": "~", "u": "y", "v": "- dash", "w": "key:", "x": "a'b\"c", "@odata.type": "#x", "200": "ok"}`,
		`{"list": [1, "two", {"a": 1, "b": [{"c": [[1, 2], [], [[3]]]}]}, [], {}], "nested": {"deep": {"deeper": [{"x": null}]}}}`,
		`[1, [2, 3], {"a": {"b": 1}}]`,
		`"just a string"`,
		`{}`,
	} {
		roundTrip(t, []byte(c))
	}
}

// TestCommittedSpecsRoundTrip: every golden spec reads back as its JSON.
func TestCommittedSpecsRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*/openapi.yaml")
	for _, f := range files {
		data, _ := os.ReadFile(f)
		var v any
		if err := yaml.Unmarshal(data, &v); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		j, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, j)
	}
}

func FuzzJSONToYAML(f *testing.F) {
	f.Add([]byte(`{"a": ["b", {"c": "d: e"}]}`))
	f.Add([]byte(`[[["x"]]]`))
	f.Add([]byte(`["\u0085", "a\u2028b", "\u2029 c"]`)) // YAML's other line breaks
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if json.Unmarshal(data, &v) != nil {
			if _, err := assemble.JSONToYAML(data); err == nil {
				t.Fatalf("invalid JSON accepted: %q", data)
			}
			return
		}
		roundTrip(t, data)
	})
}

// TestMarshalDocIsJSONMarshal: the spliced encoding equals json.Marshal.
func TestMarshalDocIsJSONMarshal(t *testing.T) {
	for _, v := range []string{"v1.0", "beta"} {
		res := assemble.Pages(seedPages(t, "000", "001", "002", "003", "004"), assemble.Options{Version: v})
		want, _ := json.Marshal(res.Doc)
		var buf bytes.Buffer
		json.Indent(&buf, want, "", "  ")
		buf.WriteByte('\n')
		got, err := assemble.MarshalJSON(res.Doc)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, buf.Bytes()) {
			t.Errorf("%s: MarshalJSON differs from json.Marshal", v)
		}
	}
}

// TestJSONParts: the parts are the members and path items of JSON, as
// decoding it gives them.
func TestJSONParts(t *testing.T) {
	pages, _, version := loadCase(t, "testdata/golden/corpus-v1")
	res := assemble.Pages(pages, assemble.Options{Version: version})
	data, err := res.JSON()
	if err != nil {
		t.Fatal(err)
	}
	parts, err := res.JSONParts()
	if err != nil || parts == nil {
		t.Fatalf("no parts (%v)", err)
	}
	var top, paths map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(top["paths"], &paths)
	if len(parts.Top) != len(top) || len(parts.Paths) != len(paths) || len(paths) < 50 {
		t.Fatalf("%d members and %d paths; want %d and %d", len(parts.Top), len(parts.Paths), len(top), len(paths))
	}
	for k, v := range top {
		if !bytes.Equal(parts.Top[k], v) {
			t.Errorf("member %s differs", k)
		}
	}
	for k, v := range paths {
		if !bytes.Equal(parts.Paths[k], v) {
			t.Errorf("path %s differs", k)
		}
	}
}
