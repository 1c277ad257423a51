package check_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/check"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/docs2openapi/docs2openapi/gen/parse"
)

func pages(t *testing.T, files map[string][]byte) []*page.Page {
	t.Helper()
	var out []*page.Page
	for name, src := range files {
		p, _ := parse.Parse(name, src)
		out = append(out, p)
	}
	return out
}

func seeds(t *testing.T) map[string][]byte {
	t.Helper()
	m, _ := filepath.Glob("../../spec/pages/*.txt")
	files := map[string][]byte{}
	for _, f := range m {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(f)] = b
	}
	if len(files) != 5 {
		t.Fatalf("want 5 seed pages, found %d", len(files))
	}
	return files
}

// TestSeeds: every seed example passes but 004's, whose "String" values are
// reported where they stand in the page.
func TestSeeds(t *testing.T) {
	for _, v := range []string{"v1.0", "beta"} {
		res := assemble.Pages(pages(t, seeds(t)), assemble.Options{Version: v})
		rep := check.Check(context.Background(), res)
		if rep.Examples != 6 || rep.Passed != 4 || rep.Failed != 2 {
			t.Errorf("%s: %d examples, %d passed, %d failed; want 6, 4, 2", v, rep.Examples, rep.Passed, rep.Failed)
		}
		var got []string
		for _, d := range rep.Diags {
			got = append(got, d.Pos.String()+" "+d.Code)
			if !strings.Contains(d.Msg, `"String"`) {
				t.Errorf("message should name the value: %s", d)
			}
		}
		want := "004_c9397edee9e06779.txt:78:13 EXAMPLE_VIOLATES_SCHEMA,004_c9397edee9e06779.txt:106:13 EXAMPLE_VIOLATES_SCHEMA"
		if strings.Join(got, ",") != want {
			t.Errorf("%s: diagnostics\n%s\nwant\n%s", v, strings.Join(got, ","), want)
		}
	}
}

// TestFailuresAreLocated: a wrong type in a response of an operation (so
// through openapi3filter) and a repaired body both point at the value.
func TestFailuresAreLocated(t *testing.T) {
	files := seeds(t)
	src := string(files["001_0cdda1f0cf4ac21c.txt"])
	// Line 103 of 001 is `  "subjectName": "Subject Name value",` in the
	// response; make it a number, and add a trailing comma on line 108.
	i := strings.LastIndex(src, `"subjectName": "Subject Name value"`)
	src = src[:i] + `"subjectName": 42` + src[i+len(`"subjectName": "Subject Name value"`):]
	src = strings.Replace(src, `"uploadDateTime": "2016-12-31T23:58:46.5747426-08:00"
}
`+"```\n", `"uploadDateTime": "2016-12-31T23:58:46.5747426-08:00",
}
`+"```\n", 1)
	res := assemble.Pages(pages(t, map[string][]byte{"001.md": []byte(src)}), assemble.Options{Version: "v1.0"})
	var repaired bool
	for _, d := range res.Diags {
		if d.Code == "JSON_TRAILING_COMMA" && d.Pos.Line == 85 {
			repaired = true
		}
	}
	if !repaired {
		t.Errorf("want a JSON_TRAILING_COMMA repair at line 85, got %v", res.Diags)
	}
	rep := check.Check(context.Background(), res)
	if rep.Failed != 1 || len(rep.Diags) != 1 {
		t.Fatalf("want one failure, got %d: %v", rep.Failed, rep.Diags)
	}
	if d := rep.Diags[0]; d.Pos.Line != 103 || d.Pos.Col != 18 || d.Code != "EXAMPLE_VIOLATES_SCHEMA" {
		t.Errorf("failure at %s [%s], want 001.md:103:18: %s", d.Pos, d.Code, d.Msg)
	}
}

// TestFunctionArgumentsInline: adhoccall-getallrecordings.md (2026, in
// ../assemble/testdata/golden/current-2026) documents getAllRecordings
// without arguments in its request line and a "## Function parameters"
// table, which become query parameters (userId required); its example
// calls the function with them inline, getAllRecordings(userId=…,…),
// which is read as that query. The example's path also leaves out
// /users/{id} (a defect, EXAMPLE_URL_MISMATCH), and still passes.
func TestFunctionArgumentsInline(t *testing.T) {
	name := "api-reference/v1.0/api/adhoccall-getallrecordings.md"
	src, err := os.ReadFile("../assemble/testdata/golden/current-2026/" + name)
	if err != nil {
		t.Fatal(err)
	}
	for _, fix := range []bool{false, true} {
		s := string(src)
		if fix { // the same page with the example's path mended
			s = strings.Replace(s, "v1.0/adhocCalls/getAllRecordings(", "v1.0/users/d4220f1b-4c12-436c-8a03-dc3e362f9d54/adhocCalls/getAllRecordings(", 1)
		}
		res := assemble.Pages(pages(t, map[string][]byte{name: []byte(s)}), assemble.Options{Version: "v1.0"})
		rep := check.Check(context.Background(), res)
		if rep.Examples != 2 || rep.Passed != 2 {
			t.Errorf("path mended %v: %d examples, %d passed; want 2, 2: %v", fix, rep.Examples, rep.Passed, rep.Diags)
		}
		mismatch := 0
		for _, d := range res.Diags {
			if d.Code == "EXAMPLE_URL_MISMATCH" {
				mismatch++
			}
		}
		if want := map[bool]int{false: 1, true: 0}[fix]; mismatch != want {
			t.Errorf("path mended %v: %d EXAMPLE_URL_MISMATCH, want %d", fix, mismatch, want)
		}
	}
}
