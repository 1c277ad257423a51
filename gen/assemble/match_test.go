package assemble

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// typeNameRe is the expression isTypeName stands for.
var typeNameRe = regexp.MustCompile(`^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$`)

// TestMatchersAsExpressions compares the matchers with their expressions
// on crafted strings and on every word, cell and request target of the
// pages in testdata and, when it is beside the checkout, the v1.0 corpus.
func TestMatchersAsExpressions(t *testing.T) {
	in := []string{
		"", "a", "_", "1a", "a1", "a.b", "a..b", "a.", ".a", "a.1b", "a._b", "callRecords.callRecord", "é", "a-b", "a b",
		"/users/{id}", "/users/00000000-0000-0000-0000-000000000000/x", "/a/12345678-1234-1234-1234-123456789ABC",
		"/a/12345678-1234-1234-1234-12345678", "{a}{b}", "x{", "}{", "{}", "a-b-c-d-e", "Hello, World!", "ab12", "a__b",
	}
	var files []string
	for _, glob := range []string{"testdata/*/*.md", "../../spec/pages/*", "../../../shared/graph-docs/v1.0/*/*.md"} {
		f, _ := filepath.Glob(glob)
		files = append(files, f...)
	}
	seen := map[string]bool{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.FieldsFunc(string(src), func(r rune) bool { return r == ' ' || r == '\n' || r == '|' || r == '`' || r == '"' }) {
			if !seen[w] {
				seen[w] = true
				in = append(in, w, strings.Trim(w, "*[]()<>,:;"))
			}
		}
	}
	t.Logf("%d strings", len(in))
	for _, s := range in {
		compareMatchers(t, s)
	}
}

// FuzzMatchers compares the matchers with their expressions on any text.
func FuzzMatchers(f *testing.F) {
	for _, s := range []string{"microsoft.graph.user", "/a/12345678-1234-1234-1234-123456789abc/b", "/users/{id}/x", "a-b c"} {
		f.Add(s)
	}
	f.Fuzz(compareMatchers)
}

func compareMatchers(t *testing.T, s string) {
	t.Helper()
	if got, want := isTypeName(s), typeNameRe.MatchString(s); got != want {
		t.Errorf("isTypeName(%q) = %v; the expression gives %v", s, got, want)
	}
	for _, with := range []string{"_", ""} {
		if got, want := replaceNonAlnum(s, with), identPartRe.ReplaceAllString(s, with); got != want {
			t.Errorf("replaceNonAlnum(%q, %q) = %q; the expression gives %q", s, with, got, want)
		}
	}
	if got, want := literalID(s), literalIDRe.FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
		t.Errorf("literalID(%q) = %q; the expression gives %q", s, got, want)
	}
	if got, want := braces(s), braceRe.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
		t.Errorf("braces(%q) = %v; the expression gives %v", s, got, want)
	}
}
