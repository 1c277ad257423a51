package jsonc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// lineCol renders a byte offset in src as 1-based line:col, columns in bytes.
func lineCol(src []byte, off int) string {
	if off < 0 || off > len(src) {
		return fmt.Sprintf("offset %d out of range", off)
	}
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	col := off - (bytes.LastIndexByte(src[:off], '\n') + 1) + 1
	return fmt.Sprintf("%d:%d", line, col)
}

func fixStrings(src []byte, fixes []Fix) []string {
	var s []string
	for _, f := range fixes {
		s = append(s, lineCol(src, f.Offset)+" "+f.Code)
	}
	return s
}

var repairCases = []struct {
	name  string
	src   string
	want  string   // expected out; "" means only check validity
	fixes []string // "line:col CODE"
	// anchor occurs once in both src and out; origin must map its offset
	// in out to its offset in src.
	anchor string
	errAt  string // line:col of the syntax error in src, "" for none
}{
	{
		name: "trailing comma after last property",
		src: `{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
  "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
  "displayName": "Adele Vance",
  "mail": "AdeleV@contoso.com",
}`,
		want: `{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
  "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
  "displayName": "Adele Vance",
  "mail": "AdeleV@contoso.com"
}`,
		fixes:  []string{"5:31 JSON_TRAILING_COMMA"},
		anchor: "\n}",
	},
	{
		name: "trailing comma in array and object",
		src:  `{"value": [{"id": "a"}, {"id": "b"},], "count": 2,}`,
		want: `{"value": [{"id": "a"}, {"id": "b"}], "count": 2}`,
		fixes: []string{
			"1:36 JSON_TRAILING_COMMA",
			"1:50 JSON_TRAILING_COMMA",
		},
		anchor: `"count"`,
	},
	{
		name: "comment lines",
		src: `{
  "accountEnabled": true,
  // the user must change the password at next sign-in
  "passwordProfile": {
    "forceChangePasswordNextSignIn": true, /* required */
    "password": "xWwvJ]6NMw+bWH-d"
  }
}`,
		want: `{
  "accountEnabled": true,
  
  "passwordProfile": {
    "forceChangePasswordNextSignIn": true, 
    "password": "xWwvJ]6NMw+bWH-d"
  }
}`,
		fixes: []string{
			"3:3 JSON_COMMENT",
			"5:44 JSON_COMMENT",
		},
		anchor: `"password"`,
	},
	{
		name: "comment before closing brace leaves trailing comma",
		src: `{
  "id": "1", // the last property
}`,
		want: `{
  "id": "1" 
}`,
		fixes: []string{
			"2:12 JSON_TRAILING_COMMA",
			"2:14 JSON_COMMENT",
		},
		anchor: "}",
	},
	{
		name: "comment markers inside strings are kept",
		src:  "{\"url\": \"https://graph.microsoft.com/v1.0/me\", \"glob\": \"/* not a comment */\", // real\n}",
		want: "{\"url\": \"https://graph.microsoft.com/v1.0/me\", \"glob\": \"/* not a comment */\" \n}",
		fixes: []string{
			"1:77 JSON_TRAILING_COMMA",
			"1:79 JSON_COMMENT",
		},
		anchor: `"glob"`,
	},
	{
		name: "raw tab and newline in strings",
		src:  "{\n  \"subject\": \"Quarterly\treview\",\n  \"body\": {\"contentType\": \"text\", \"content\": \"Line one\nLine two\"}\n}",
		want: "{\n  \"subject\": \"Quarterly\\treview\",\n  \"body\": {\"contentType\": \"text\", \"content\": \"Line one\\nLine two\"}\n}",
		fixes: []string{
			"2:24 JSON_CONTROL_CHAR",
			"3:55 JSON_CONTROL_CHAR",
		},
		anchor: `"body"`,
	},
	{
		name:   "other control characters",
		src:    "[\"a\x01b\rc\"]",
		want:   `["a\u0001b\rc"]`,
		fixes:  []string{"1:4 JSON_CONTROL_CHAR", "1:6 JSON_CONTROL_CHAR"},
		anchor: "b",
	},
	{
		name: "smart quotes",
		src: `{
  “displayName”: “Marketing Team”,
  "description": "Use “quotes” freely",
  "mailEnabled": false
}`,
		want: `{
  "displayName": "Marketing Team",
  "description": "Use “quotes” freely",
  "mailEnabled": false
}`,
		fixes: []string{
			"2:3 JSON_SMART_QUOTES",
			"2:22 JSON_SMART_QUOTES",
		},
		anchor: `"mailEnabled"`,
	},
	{
		name:   "smart quote opening a string closed by a straight quote",
		src:    `{“id": "1"}`,
		want:   `{"id": "1"}`,
		fixes:  []string{"1:2 JSON_SMART_QUOTES"},
		anchor: `"1"`,
	},
	{
		name: "ellipsis line at the end of an array",
		src: `{
  "value": [
    {
      "id": "1",
      "name": "First"
    },
    ...
  ]
}`,
		want: `{
  "value": [
    {
      "id": "1",
      "name": "First"
    }
  ]
}`,
		fixes:  []string{"7:5 JSON_ELLIPSIS"},
		anchor: "  ]",
	},
	{
		name:   "ellipsis lines with commas in the middle of an array",
		src:    "{\r\n  \"value\": [\r\n    1,\r\n    …,\r\n    ...,\r\n    4\r\n  ]\r\n}",
		want:   "{\r\n  \"value\": [\r\n    1,\r\n    4\r\n  ]\r\n}",
		fixes:  []string{"4:5 JSON_ELLIPSIS", "5:5 JSON_ELLIPSIS"},
		anchor: "4",
	},
	{
		name: "ellipsis in an object",
		src: `{
  "id": "b8f1e3d2",
  ...
}`,
		want: `{
  "id": "b8f1e3d2"
}`,
		fixes:  []string{"3:3 JSON_ELLIPSIS"},
		anchor: "}",
	},
	{
		name:   "inline ellipses",
		src:    `{"a": [...], "b": [1, 2, ...], "c": [..., 3]}`,
		want:   `{"a": [], "b": [1, 2 ], "c": [ 3]}`,
		fixes:  []string{"1:8 JSON_ELLIPSIS", "1:26 JSON_ELLIPSIS", "1:38 JSON_ELLIPSIS"},
		anchor: `"c"`,
	},
	{
		name:   "ellipsis in value position is not removed",
		src:    `{"a": ...}`,
		errAt:  "1:7",
		anchor: `"a"`,
	},
	{
		name: "already valid",
		src: `{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#groups",
  "value": []
}`,
		want:   "",
		anchor: `"value"`,
	},
	{
		name: "missing comma",
		src: `{
  "givenName": "Adele"
  "surname": "Vance"
}`,
		errAt:  "3:3",
		anchor: `"surname"`,
	},
	{
		name: "missing comma after repairs",
		src: `{
  // a user
  "id": "1",
  “tags”: [1, 2,],
  "a": 3
  "b": 4
}`,
		fixes: []string{
			"2:3 JSON_COMMENT",
			"4:3 JSON_SMART_QUOTES",
			"4:20 JSON_TRAILING_COMMA",
		},
		errAt:  "6:3",
		anchor: `"b"`,
	},
	{
		name:  "missing closing quote is not hidden by escaping the newline",
		src:   "{\"a\": \"b,\n  \"c\": \"d\"\n}",
		errAt: "1:10",
	},
	{
		name:  "unterminated string with a raw tab",
		src:   "{\"a\": \"b\t}",
		errAt: "1:9",
	},
	{
		name:  "unterminated string",
		src:   "{\"a\": \"b}",
		errAt: "1:7",
	},
	{
		name:  "empty input",
		src:   "",
		errAt: "1:1",
	},
}

func TestRepair(t *testing.T) {
	for _, tc := range repairCases {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			out, fixes, origin, err := Repair(src)

			if got := fixStrings(src, fixes); strings.Join(got, "\n") != strings.Join(tc.fixes, "\n") {
				t.Errorf("fixes:\n got %q\nwant %q", got, tc.fixes)
			}
			for _, f := range fixes {
				if f.Msg == "" || strings.ToLower(f.Msg) != f.Msg || strings.HasSuffix(f.Msg, ".") {
					t.Errorf("bad message %q", f.Msg)
				}
			}
			if tc.errAt == "" {
				if err != nil {
					t.Fatalf("unexpected error at %s: %v", lineCol(src, ErrOffset(err)), err)
				}
				if !json.Valid(out) {
					t.Fatalf("output is not valid JSON:\n%s", out)
				}
			} else {
				if err == nil {
					t.Fatalf("no error, want one at %s; out:\n%s", tc.errAt, out)
				}
				if got := lineCol(src, ErrOffset(err)); got != tc.errAt {
					t.Errorf("error at %s, want %s: %v", got, tc.errAt, err)
				}
				if msg := err.Error(); strings.ToLower(msg[:1]) != msg[:1] {
					t.Errorf("error message not lower-case: %q", msg)
				}
			}
			if tc.want != "" && string(out) != tc.want {
				t.Errorf("out:\n%s\nwant:\n%s", out, tc.want)
			}
			if len(fixes) == 0 && !bytes.Equal(out, src) {
				t.Errorf("out changed without fixes:\n%s", out)
			}
			if tc.anchor != "" {
				o, s := strings.Index(string(out), tc.anchor), strings.Index(tc.src, tc.anchor)
				if o < 0 || s < 0 {
					t.Fatalf("anchor %q missing", tc.anchor)
				}
				if got := origin(o); got != s {
					t.Errorf("origin(%d) = %d (%s), want %d (%s)", o, got, lineCol(src, got), s, lineCol(src, s))
				}
			}
			if got := origin(len(out)); got != len(src) {
				t.Errorf("origin(len(out)) = %d, want %d", got, len(src))
			}
		})
	}
}

func TestRepairValidReturnsSameSlice(t *testing.T) {
	src := []byte(`{"value": [{"id": "1", "displayName": "Adele Vance"}]}`)
	out, fixes, origin, err := Repair(src)
	if err != nil || fixes != nil {
		t.Fatalf("Repair(valid) = fixes %v, err %v", fixes, err)
	}
	if len(out) != len(src) || &out[0] != &src[0] {
		t.Fatalf("Repair(valid) did not return src itself")
	}
	for _, o := range []int{-5, 0, 10, len(src), len(src) + 3} {
		want := min(max(o, 0), len(src))
		if got := origin(o); got != want {
			t.Errorf("origin(%d) = %d, want %d", o, got, want)
		}
	}
}

func TestOriginMapsEveryByte(t *testing.T) {
	src := []byte("{\n  // c\n  “k”: \"a\tb\", /* x */\n  \"l\": [1, …],\n}")
	out, fixes, origin, err := Repair(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(fixes) != 6 {
		t.Errorf("got %d fixes, want 6: %v", len(fixes), fixStrings(src, fixes))
	}
	prev := 0
	for o := range out {
		s := origin(o)
		if s < prev {
			t.Errorf("origin not monotonic at %d", o)
		}
		prev = s
		switch {
		case out[o] == src[s]:
		case out[o] == '"' && (bytes.HasPrefix(src[s:], []byte("“")) || bytes.HasPrefix(src[s:], []byte("”"))):
		case src[s] == '\t' && (out[o] == '\\' || out[o] == 't'):
		default:
			t.Errorf("out[%d] = %q maps to src[%d] = %q", o, out[o], s, src[s])
		}
	}
}

func TestErrOffset(t *testing.T) {
	if got := ErrOffset(nil); got != -1 {
		t.Errorf("ErrOffset(nil) = %d", got)
	}
	if got := ErrOffset(errors.New("x")); got != -1 {
		t.Errorf("ErrOffset(other) = %d", got)
	}
	_, _, _, err := Repair([]byte(`[1 2]`))
	if got := ErrOffset(fmt.Errorf("example 3: %w", err)); got != 3 {
		t.Errorf("ErrOffset(wrapped) = %d, want 3", got)
	}
}

// TestValidateMatchesJSONValid checks the strict parser against
// encoding/json on edge cases.
func TestValidateMatchesJSONValid(t *testing.T) {
	cases := []string{
		``, ` `, `0`, `-0`, `01`, `-`, `1.`, `1.5e`, `1e+5`, `1E-05`, `.5`, `+1`,
		`true`, `tru`, `truex`, `nul`, `null `, `"`, `"\`, `"\u12"`, `"\u12g4"`,
		`"\ud800"`, `"\x"`, "\"\xff\"", "\"a\tb\"", "\"\x7f\"", `{}`, `{"a"}`,
		`{"a":}`, `{"a":1,}`, `[1,]`, `[,]`, `[]`, `[1 2]`, `{"a":1 "b":2}`,
		"\ufeff{}", `{"a":1,"a":2}`, `[[]]]`, `{,}`, `"\/"`,
		strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth),
		strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1),
		strings.Repeat(`{"a":`, maxDepth) + "1" + strings.Repeat("}", maxDepth),
		strings.Repeat(`{"a":`, maxDepth+1) + "1" + strings.Repeat("}", maxDepth+1),
	}
	for _, c := range cases {
		err := validate([]byte(c))
		if (err == nil) != json.Valid([]byte(c)) {
			t.Errorf("validate(%.40q) = %v, json.Valid disagrees", c, err)
		}
		if err != nil && (ErrOffset(err) < 0 || ErrOffset(err) > len(c)) {
			t.Errorf("validate(%.40q) offset %d out of range", c, ErrOffset(err))
		}
	}
}

func FuzzRepair(f *testing.F) {
	for _, tc := range repairCases {
		f.Add([]byte(tc.src))
	}
	for _, s := range []string{
		"[1,\n...\n...\n]", "[… …]", "{/* open", "“", "”x”", "\"a\\", "[1,,]",
		"{\"a\":[1,2,3,...,],}", "// only a comment", "[\"\x00\"]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		out, fixes, origin, err := Repair(src)
		if !bytes.Equal(src, orig) {
			t.Fatal("Repair modified its input")
		}
		valid := json.Valid(src)
		if (validate(src) == nil) != valid {
			t.Fatalf("validate and json.Valid disagree on %q", src)
		}
		if valid && (err != nil || fixes != nil || len(out) != len(src) || len(src) > 0 && &out[0] != &src[0]) {
			t.Fatalf("valid input not returned unchanged")
		}
		if err == nil && !json.Valid(out) {
			t.Fatalf("Repair(%q) = %q without error, but it is not valid JSON", src, out)
		}
		if err != nil {
			if off := ErrOffset(err); off < 0 || off > len(src) {
				t.Fatalf("ErrOffset = %d out of [0,%d]", off, len(src))
			}
		}
		last := 0
		for _, fx := range fixes {
			if fx.Offset < last || fx.Offset >= len(src) || fx.Code == "" || fx.Msg == "" {
				t.Fatalf("bad fix %+v (input length %d)", fx, len(src))
			}
			last = fx.Offset
		}
		prev := 0
		for o := -1; o <= len(out)+1; o++ {
			s := origin(o)
			if s < 0 || s > len(src) {
				t.Fatalf("origin(%d) = %d out of [0,%d]", o, s, len(src))
			}
			if s < prev {
				t.Fatalf("origin not monotonic at %d", o)
			}
			prev = s
		}
		if err == nil {
			if _, ierr := Index(out); ierr != nil {
				t.Fatalf("Index(repaired) failed: %v", ierr)
			}
		}
	})
}
