package check

import (
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// TestIndexedRouterAgrees: for requests made from every path of the
// committed and golden specs (as written, in other letter case, with a
// segment more or less, with every method), the index finds the route,
// parameters and error that gorillamux's whole-document router finds.
func TestIndexedRouterAgrees(t *testing.T) {
	specs, _ := filepath.Glob("../assemble/testdata/golden/*/openapi.yaml")
	specs = append(specs, "../../spec/v1.0/openapi.yaml", "../../spec/beta/openapi.yaml")
	param := regexp.MustCompile(`\{[^{}]+\}`)
	n := 0
	for _, f := range specs {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := openapi3.NewLoader().LoadFromData(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		all, err := gorillamux.NewRouter(doc)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		idx, err := newRouter(doc)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := idx.(*indexedRouter); !ok {
			t.Fatalf("%s: no index", f)
		}
		base := doc.Servers[0].URL
		for _, path := range doc.Paths.InMatchingOrder() {
			p := param.ReplaceAllString(path, "v1")
			for _, u := range []string{p, strings.ToUpper(p), p + "/extra", p[:max(strings.LastIndexByte(p, '/'), 0)], "/nowhere" + p, p + "/"} {
				for _, m := range []string{"GET", "POST", "PATCH", "PUT", "DELETE"} {
					req, err := http.NewRequest(m, base+u, nil)
					if err != nil {
						continue
					}
					n++
					wr, wp, werr := all.FindRoute(req)
					gr, gp, gerr := idx.FindRoute(req)
					if werr != gerr || (wr == nil) != (gr == nil) || !reflect.DeepEqual(wp, gp) {
						t.Fatalf("%s %s %s: index gives %v %v %v, gorillamux %v %v %v", f, m, u, gr, gp, gerr, wr, wp, werr)
					}
					if wr != nil && (wr.Path != gr.Path || wr.Method != gr.Method || wr.Operation != gr.Operation || gr.Spec != doc || wr.PathItem != gr.PathItem) {
						t.Fatalf("%s %s %s: index routes to %s, gorillamux to %s", f, m, u, gr.Path, wr.Path)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no requests tried")
	}
}
