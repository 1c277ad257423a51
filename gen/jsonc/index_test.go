package jsonc

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

func TestIndex(t *testing.T) {
	doc := []byte(`{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
  "value": [
    {
      "id": "1\"\\x",
      "a/b": {"m~n": [true, null, -1.5e3]},
      "": {}
    },
    {"businessPhones": ["+1 425 555 0109"], "caf\u00e9": "ok", "\ud83d\ude00": 1, "\/\u007e": []}
  ]
}`)
	want := map[string]string{
		"":                            "1:1",
		"/@odata.context#key":         "2:3",
		"/@odata.context":             "2:21",
		"/value#key":                  "3:3",
		"/value":                      "3:12",
		"/value/0":                    "4:5",
		"/value/0/id#key":             "5:7",
		"/value/0/id":                 "5:13",
		"/value/0/a~1b#key":           "6:7",
		"/value/0/a~1b":               "6:14",
		"/value/0/a~1b/m~0n#key":      "6:15",
		"/value/0/a~1b/m~0n":          "6:22",
		"/value/0/a~1b/m~0n/0":        "6:23",
		"/value/0/a~1b/m~0n/1":        "6:29",
		"/value/0/a~1b/m~0n/2":        "6:35",
		"/value/0/#key":               "7:7",
		"/value/0/":                   "7:11",
		"/value/1":                    "9:5",
		"/value/1/businessPhones#key": "9:6",
		"/value/1/businessPhones":     "9:24",
		"/value/1/businessPhones/0":   "9:25",
		"/value/1/café#key":           "9:45",
		"/value/1/café":               "9:58",
		"/value/1/😀#key":              "9:64",
		"/value/1/😀":                  "9:80",
		"/value/1/~1~0#key":           "9:83",
		"/value/1/~1~0":               "9:95",
	}
	got, err := Index(doc)
	if err != nil {
		t.Fatalf("Index: %v at %s", err, lineCol(doc, ErrOffset(err)))
	}
	for ptr, pos := range want {
		off, ok := got[ptr]
		if !ok {
			t.Errorf("missing %q", ptr)
			continue
		}
		if lc := lineCol(doc, off); lc != pos {
			t.Errorf("%q at %s, want %s", ptr, lc, pos)
		}
	}
	var extra []string
	for ptr := range got {
		if _, ok := want[ptr]; !ok {
			extra = append(extra, ptr)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("unexpected pointers %q", extra)
	}
	// Every value pointer must agree with what encoding/json decodes.
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	for ptr, off := range got {
		if strings.HasSuffix(ptr, "#key") {
			continue
		}
		sub := resolve(t, v, ptr)
		var at any
		dec := json.NewDecoder(strings.NewReader(string(doc[off:])))
		if err := dec.Decode(&at); err != nil {
			t.Errorf("%q: no value at offset %d: %v", ptr, off, err)
			continue
		}
		a, _ := json.Marshal(sub)
		b, _ := json.Marshal(at)
		if string(a) != string(b) {
			t.Errorf("%q: pointer resolves to %s, offset holds %s", ptr, a, b)
		}
	}
}

// resolve follows an RFC 6901 pointer through a decoded value.
func resolve(t *testing.T, v any, ptr string) any {
	if ptr == "" {
		return v
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		switch x := v.(type) {
		case map[string]any:
			v = x[tok]
		case []any:
			i := 0
			for _, c := range tok {
				i = i*10 + int(c-'0')
			}
			v = x[i]
		default:
			t.Fatalf("cannot resolve %q", ptr)
		}
	}
	return v
}

func TestIndexScalarsAndDuplicates(t *testing.T) {
	got, err := Index([]byte("  \n 42 "))
	if err != nil || len(got) != 1 || got[""] != 4 {
		t.Errorf("Index(scalar) = %v, %v", got, err)
	}
	got, err = Index([]byte(`{"a": {"x": 1}, "a": [2]}`))
	if err != nil {
		t.Fatal(err)
	}
	if got["/a"] != 21 || got["/a#key"] != 16 || got["/a/0"] != 22 {
		t.Errorf("duplicate key: %v", got)
	}
}

func TestIndexErrors(t *testing.T) {
	cases := []struct {
		doc, at string
	}{
		{`{"a": 1,}`, "1:9"},
		{"{\n  \"a\": [1, 2\n  \"b\"\n}", "3:3"},
		{`{"a" 1}`, "1:6"},
		{`[1, tru]`, "1:8"},
		{`["a\qb"]`, "1:5"},
		{"[\"ab", "1:2"},
		{`[1.]`, "1:4"},
		{`{"a": 1} x`, "1:10"},
		{`{"a": `, "1:7"},
		{"[\"a\nb\"]", "1:4"},
	}
	for _, c := range cases {
		_, err := Index([]byte(c.doc))
		if err == nil {
			t.Errorf("Index(%q): no error", c.doc)
			continue
		}
		if got := lineCol([]byte(c.doc), ErrOffset(err)); got != c.at {
			t.Errorf("Index(%q): error %q at %s, want %s", c.doc, err, got, c.at)
		}
	}
}
