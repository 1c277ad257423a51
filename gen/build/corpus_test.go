package build_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/build"
	"github.com/docs2openapi/docs2openapi/gen/check"
	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/docs2openapi/docs2openapi/gen/parse"
)

// TestCorpus builds the whole Microsoft Graph v1.0 corpus beside the
// checkout, when it is there: no panic, every page accounted for, a spec
// that both validators accept, and at least 95% of the examples passing.
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
	res := build.Build(pages, build.Options{Version: "v1.0"})
	diags = append(diags, res.Diags...)
	if res.Stats.Pages != len(pages) {
		t.Errorf("build took %d of %d pages", res.Stats.Pages, len(pages))
	}
	if err := res.Doc.Validate(context.Background()); err != nil {
		t.Errorf("kin-openapi Validate: %v", err)
	}
	spec, err := build.MarshalYAML(res.Doc)
	if err != nil {
		t.Fatal(err)
	}
	validateOAS30(t, spec)
	if js, err := build.MarshalJSON(res.Doc); err != nil {
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
	rep := check.Check(context.Background(), res)
	rate := float64(rep.Passed) / float64(rep.Examples)
	t.Logf("%d pages, %d operations, %d schemas; %d examples checked, %d passed (%.1f%%)",
		res.Stats.Pages, res.Stats.Operations, res.Stats.Schemas, rep.Examples, rep.Passed, 100*rate)
	if rate < 0.95 {
		t.Errorf("%.1f%% of examples pass, want at least 95%%", 100*rate)
	}
	for _, d := range diags {
		if d.Code == "SPEC_INVALID" {
			t.Errorf("%s", d)
		}
	}
}
