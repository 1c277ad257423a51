package assemble_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/check"
	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/docs2openapi/docs2openapi/gen/parse"
)

// TestCorpus builds the whole Microsoft Graph v1.0 corpus beside the
// checkout, when it is there: no panic, every page accounted for, a spec
// that both validators accept, and at least 96.5% of the examples passing.
func TestCorpus(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("corpus not found beside the checkout (../shared/graph-docs/v1.0); skipping the whole-corpus test")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	var pages []*page.Page
	var diags diag.List
	err := filepath.WalkDir(corpusDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(filepath.Dir(corpusDir), path)
		p, d2 := parse.Parse(filepath.ToSlash(rel), src)
		pages = append(pages, p)
		diags = append(diags, d2...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 3341 {
		t.Errorf("read %d pages, want the corpus's 3341", len(pages))
	}
	res := assemble.Pages(pages, assemble.Options{Version: "v1.0"})
	diags = append(diags, res.Diags...)
	if res.Stats.Pages != len(pages) {
		t.Errorf("build took %d of %d pages", res.Stats.Pages, len(pages))
	}
	if err := res.Doc.Validate(context.Background()); err != nil {
		t.Errorf("kin-openapi Validate: %v", err)
	}
	spec, err := assemble.MarshalYAML(res.Doc)
	if err != nil {
		t.Fatal(err)
	}
	validateOAS30(t, spec)
	if js, err := assemble.MarshalJSON(res.Doc); err != nil {
		t.Error(err)
	} else {
		roundTrip(t, js) // the YAML reads back as the JSON, with yaml.v3
		want, _ := json.Marshal(res.Doc)
		var got bytes.Buffer
		json.Compact(&got, js)
		if !bytes.Equal(got.Bytes(), want) {
			t.Error("MarshalJSON differs from json.Marshal on the corpus")
		}
	}

	// Every page contributes or has a diagnostic saying why not.
	mentioned := map[string]bool{}
	for _, d := range diags {
		mentioned[d.Pos.File] = true
	}
	contributes := map[string]bool{}
	for _, ex := range res.Examples {
		contributes[ex.Page.Src.Name] = true
	}
	silent := 0
	for _, p := range pages {
		if len(p.Requests) == 0 && len(p.Types) == 0 && !contributes[p.Src.Name] && !mentioned[p.Src.Name] {
			silent++
			if silent <= 10 {
				t.Errorf("%s contributes nothing and no diagnostic says why", p.Src.Name)
			}
		}
	}
	operationFigures(t, res)
	rep := check.Check(context.Background(), res)
	rate := float64(rep.Passed) / float64(rep.Examples)
	t.Logf("%d pages, %d operations, %d schemas; %d examples checked, %d passed (%.1f%%)",
		res.Stats.Pages, res.Stats.Operations, res.Stats.Schemas, rep.Examples, rep.Passed, 100*rate)
	// The floor sits just under the 96.6% that passed before operations
	// took their bodies, results and query options from the pages.
	if rate < 0.965 {
		t.Errorf("%.1f%% of examples pass, want at least 96.5%%", 100*rate)
	}
	for _, d := range diags {
		if d.Code == "SPEC_INVALID" {
			t.Errorf("%s", d)
		}
	}
}

// operationFigures checks the shape of the corpus's operations: no two paths
// differ only in letter case, every one
// answers errors with the shared Graph error response, no response is
// schema {}, every write whose example sends JSON takes a body, at least
// 90% of collection GETs take the OData query options, and no request line's
// literal function argument is left in a path.
func operationFigures(t *testing.T, res *assemble.Result) {
	t.Helper()
	doc := res.Doc
	var ops, collGETs, withOptions int
	folded := map[string]string{}
	for path, item := range doc.Paths.Map() {
		// Graph's paths ignore case: one path, one spelling.
		if other, ok := folded[strings.ToLower(path)]; ok {
			t.Errorf("%s and %s differ only in letter case", path, other)
		}
		folded[strings.ToLower(path)] = path
		if m := literalArgRe.FindString(path); m != "" {
			t.Errorf("literal function argument %q left in %s", m, path)
		}
		for method, o := range item.Operations() {
			ops++
			for _, code := range []string{"4XX", "5XX"} {
				if r := o.Responses.Value(code); r == nil || r.Ref != "#/components/responses/error" {
					t.Errorf("%s %s has no %s error response", method, path, code)
				}
			}
			for code, r := range o.Responses.Map() {
				for media, mt := range r.Value.Content {
					if s := mt.Schema; s == nil || s.Ref == "" && s.Value != nil && s.Value.Type == nil && len(s.Value.AllOf)+len(s.Value.AnyOf)+len(s.Value.OneOf) == 0 {
						t.Errorf("%s %s answers %s %s with schema {}", method, path, code, media)
					}
				}
			}
			if method != "GET" {
				continue
			}
			r := o.Responses.Value("200")
			if r == nil || r.Value.Content.Get("application/json") == nil {
				continue
			}
			ref := r.Value.Content.Get("application/json").Schema.Ref
			if !strings.HasSuffix(ref, "CollectionResponse") && !strings.HasSuffix(ref, "DeltaResponse") {
				continue
			}
			collGETs++
			for _, p := range o.Parameters {
				if p.Ref == "#/components/parameters/top" || p.Ref == "#/components/parameters/filter" || p.Ref == "#/components/parameters/select" {
					withOptions++
					break
				}
			}
		}
	}
	writes, bodiless := 0, 0
	for _, pr := range res.Examples {
		if pr.RequestJSON == nil || pr.OperationID == "" || pr.Method == "GET" || pr.Method == "DELETE" {
			continue
		}
		writes++
		if doc.Paths.Value(pr.Path).GetOperation(pr.Method).RequestBody == nil {
			bodiless++
			t.Errorf("%s: %s %s sends JSON in its example but takes no body", pr.Page.Src.Name, pr.Method, pr.Path)
		}
	}
	t.Logf("%d operations; %d of %d collection GETs take OData query options; %d of %d example writes with JSON have a body",
		ops, withOptions, collGETs, writes-bodiless, writes)
	if collGETs == 0 || float64(withOptions) < 0.9*float64(collGETs) {
		t.Errorf("%d of %d collection GETs take OData query options, want at least 90%%", withOptions, collGETs)
	}
}

// literalArgRe is a function argument with a literal value in a path:
// "(on='reviewer')" rather than "(on='{on}')".
var literalArgRe = regexp.MustCompile(`[(,][A-Za-z_]\w*='?[^{',)]+'?[,)]`)
