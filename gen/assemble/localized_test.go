package assemble_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/docs2openapi/docs2openapi/gen/parse"
	"github.com/getkin/kin-openapi/openapi3"
)

// localizedPages are real pages of testdata/golden/current-2026 that
// testdata/localized/{zh-cn,de-de} hold translated (see the README there):
// headings, table headers, permission types and prose in Chinese (with the
// English anchors Microsoft's translations keep, and again without them)
// and in German (without anchors): where there are none, only the
// structure says what a section is. Request
// lines, annotations, type cells, include paths and JSON as they are.
var localizedPages = []string{
	"api-reference/v1.0/api/agentidentityblueprint-addkey.md",
	"api-reference/v1.0/api/user-list-memberof.md",
	"api-reference/v1.0/resources/todotasklist.md",
}

func buildFiles(t *testing.T, root string, names []string) (*assemble.Result, diag.List) {
	t.Helper()
	var pages []*page.Page
	var all diag.List
	for _, n := range names {
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(n)))
		if err != nil {
			t.Fatal(err)
		}
		p, ds := parse.ParseWith(n, src, caseIncludes(root))
		pages = append(pages, p)
		all = append(all, ds...)
	}
	res := assemble.Pages(pages, assemble.Options{Version: "v1.0"})
	all = append(all, res.Diags...)
	all.Sort()
	return res, all
}

// apiShape is what a spec says, without its prose: operations with their
// parameters, bodies, results and scopes; schemas with their properties'
// types and enumerations' members.
func apiShape(doc *openapi3.T) map[string]string {
	out := map[string]string{}
	ref := func(s *openapi3.SchemaRef) string {
		if s == nil {
			return ""
		}
		if s.Ref != "" {
			return s.Ref
		}
		v := s.Value
		t := fmt.Sprint(v.Type.Slice(), v.Format)
		if v.Items != nil {
			t += " of " + v.Items.Ref + fmt.Sprint(v.Items.Value.Type.Slice())
		}
		for _, a := range v.AllOf {
			t += " allOf " + a.Ref
		}
		return t
	}
	for path, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			var b strings.Builder
			fmt.Fprintf(&b, "id %s\n", o.OperationID)
			for _, p := range o.Parameters {
				if p.Value != nil {
					fmt.Fprintf(&b, "param %s %s %v %s\n", p.Value.In, p.Value.Name, p.Value.Required, ref(p.Value.Schema))
				} else {
					fmt.Fprintf(&b, "param %s\n", p.Ref)
				}
			}
			if o.RequestBody != nil && o.RequestBody.Value != nil {
				for mt, c := range o.RequestBody.Value.Content {
					fmt.Fprintf(&b, "body %s %s\n", mt, ref(c.Schema))
				}
			}
			for st, r := range o.Responses.Map() {
				if r.Value == nil {
					fmt.Fprintf(&b, "response %s %s\n", st, r.Ref)
					continue
				}
				for mt, c := range r.Value.Content {
					fmt.Fprintf(&b, "response %s %s %s\n", st, mt, ref(c.Schema))
				}
			}
			if o.Security != nil {
				for _, req := range *o.Security {
					for k, v := range req {
						fmt.Fprintf(&b, "security %s %v\n", k, v)
					}
				}
			}
			lines := strings.Split(strings.TrimSpace(b.String()), "\n")
			slices.Sort(lines)
			out[method+" "+path] = strings.Join(lines, "\n")
		}
	}
	for name, s := range doc.Components.Schemas {
		var lines []string
		for pn, ps := range s.Value.Properties {
			lines = append(lines, pn+": "+ref(ps))
		}
		for _, a := range s.Value.AllOf {
			lines = append(lines, "allOf "+a.Ref)
			if a.Value != nil {
				for pn, ps := range a.Value.Properties {
					lines = append(lines, pn+": "+ref(ps))
				}
			}
		}
		lines = append(lines, fmt.Sprint("enum ", s.Value.Enum))
		slices.Sort(lines)
		out["schema "+name] = strings.Join(lines, "\n")
	}
	return out
}

// TestLocalizedPages: the same pages translated build the same operations,
// parameters, bodies, results, scopes and schemas as the English ones, and
// say nothing more about them.
func TestLocalizedPages(t *testing.T) {
	en, enDiags := buildFiles(t, currentCase, localizedPages)
	want := apiShape(en.Doc)
	if len(en.Doc.Paths.Map()) < 3 || len(want) < 10 {
		t.Fatalf("the English pages build too little to compare: %v", slices.Sorted(func(yield func(string) bool) {
			for k := range want {
				yield(k)
			}
		}))
	}
	for _, lang := range []string{"zh-cn", "zh-cn-no-anchors", "de-de"} {
		t.Run(lang, func(t *testing.T) {
			res, ds := buildFiles(t, filepath.Join("testdata/localized", lang), localizedPages)
			got := apiShape(res.Doc)
			keys := map[string]bool{}
			for k := range want {
				keys[k] = true
			}
			for k := range got {
				keys[k] = true
			}
			for _, k := range slices.Sorted(func(yield func(string) bool) {
				for k := range keys {
					yield(k)
				}
			}) {
				if got[k] != want[k] {
					g, _ := json.Marshal(got[k])
					w, _ := json.Marshal(want[k])
					t.Errorf("%s:\n got %s\nwant %s", k, g, w)
				}
			}
			// No diagnostic the English pages do not have, by code.
			have := map[string]int{}
			for _, d := range enDiags {
				have[d.Code]++
			}
			for _, d := range ds {
				if have[d.Code] == 0 {
					t.Errorf("diagnostic the English pages do not have: %s", d)
				}
			}
		})
	}
}
