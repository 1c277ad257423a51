package assemble_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/docs2openapi/docs2openapi/gen/parse"
)

var update = flag.Bool("update", false, "rewrite golden files")

// loadCase parses every page of a golden case folder. Pages are named by
// their path relative to the case, so goldens do not depend on the checkout.
func loadCase(t testing.TB, dir string) ([]*page.Page, diag.List, string) {
	t.Helper()
	version := "v1.0"
	var pages []*page.Page
	var diags diag.List
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name, _ := filepath.Rel(dir, path)
		name = filepath.ToSlash(name)
		switch name {
		case "version":
			b, _ := os.ReadFile(path)
			version = strings.TrimSpace(string(b))
			return nil
		case "openapi.yaml", "diagnostics.txt", "README.md", "PROVENANCE.txt":
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		p, d2 := parse.ParseWith(name, src, caseIncludes(dir))
		pages = append(pages, p)
		diags = append(diags, d2...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages, diags, version
}

// caseIncludes reads include files from a case folder, as the build
// command reads them from the disk.
func caseIncludes(dir string) parse.IncludeReader {
	return func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	}
}

func buildCase(t testing.TB, dir string) (spec, diags []byte, res *assemble.Result) {
	pages, pd, version := loadCase(t, dir)
	res = assemble.Pages(pages, assemble.Options{Version: version})
	res.NoteInvalid(res.Validate()) // a golden spec that does not validate shows SPEC_INVALID
	spec, err := res.Encode(false)
	if err != nil {
		t.Fatal(err)
	}
	all := append(append(diag.List{}, pd...), res.Diags...)
	all.Sort()
	var b bytes.Buffer
	if err := diag.WriteText(&b, all); err != nil {
		t.Fatal(err)
	}
	return spec, b.Bytes(), res
}

// TestGolden builds every case under testdata/golden and compares the spec
// and the diagnostics with the committed files.
func TestGolden(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/golden/*")
	var cases []string
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			cases = append(cases, d)
		}
	}
	sort.Strings(cases)
	if len(cases) == 0 {
		t.Fatal("no golden cases found")
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			spec, diags, res := buildCase(t, dir)
			if n := res.Diags.CountByCode()["SPEC_INVALID"]; n > 0 {
				t.Errorf("built spec is invalid: %v", res.Diags)
			}
			golden(t, filepath.Join(dir, "openapi.yaml"), spec)
			golden(t, filepath.Join(dir, "diagnostics.txt"), diags)
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./gen/assemble -update)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the build (run go test ./gen/assemble -update and review the diff):\n%s", path, firstDiff(want, got))
	}
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n- " + x + "\n+ " + y
		}
	}
	return ""
}
