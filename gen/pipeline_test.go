package gen_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen"
)

// TestPipeline runs the steps the commands share on the bundled seed pages,
// which are of two API versions.
func TestPipeline(t *testing.T) {
	_, err := gen.Build([]string{"../spec/pages"}, gen.Options{})
	var ve *gen.VersionError
	if !errors.As(err, &ve) || len(ve.Versions) != 2 {
		t.Fatalf("pages of two versions without a version: %v", err)
	}
	if _, err := gen.Build([]string{"../spec/pages"}, gen.Options{Version: "v2"}); !errors.As(err, &ve) || ve.Unknown != "v2" {
		t.Errorf("unknown version: %v", err)
	}
	res, err := gen.Build([]string{"../spec/pages"}, gen.Options{Version: "beta", Base: "../spec"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Operations == 0 || len(res.Diags) == 0 || res.Diags[0].Pos.File[:6] != "pages/" {
		t.Errorf("operations %d, diagnostics %v: want operations, and pages named relative to the base", res.Stats.Operations, res.Diags)
	}
	// Validation is its own step: Encode alone adds no diagnostic, Output
	// validates and encodes.
	n := len(res.Diags)
	yaml, err := res.Encode(false)
	if err != nil || len(res.Diags) != n {
		t.Fatalf("Encode: %v, diagnostics %d -> %d", err, n, len(res.Diags))
	}
	out, err := gen.Output(res, false)
	if err != nil || !bytes.Equal(out, yaml) {
		t.Errorf("Output differs from Encode: %v", err)
	}
	if err := res.Validate(); err != nil {
		t.Errorf("the seed spec does not validate: %v", err)
	}
	files, err := gen.Find([]string{"../spec/pages"})
	if err != nil || len(files) < 5 {
		t.Errorf("Find: %v %v", files, err)
	}
	for _, f := range files {
		if !gen.IsPageFile(f) {
			t.Errorf("Find returned %s, which is no page file", f)
		}
	}
}
