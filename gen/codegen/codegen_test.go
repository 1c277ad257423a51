package codegen_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/codegen"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/docs2openapi/docs2openapi/gen/parse"
)

func seedBuild(t *testing.T, version string, edit func(name string, src []byte) []byte) *assemble.Result {
	t.Helper()
	files, _ := filepath.Glob("../../spec/pages/*.txt")
	var pages []*page.Page
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if edit != nil {
			src = edit(filepath.Base(f), src)
		}
		p, _ := parse.Parse(filepath.Base(f), src)
		pages = append(pages, p)
	}
	return assemble.Pages(pages, assemble.Options{Version: version})
}

func source(pr *assemble.ExamplePair) string { return pr.Page.Src.Name }

// TestGenerateLeavesSpecAndIsDeterministic: oapi-codegen gets a copy (the
// caller's document is unchanged), and two runs give the same bytes.
func TestGenerateLeavesSpecAndIsDeterministic(t *testing.T) {
	res := seedBuild(t, "beta", nil)
	before, _ := assemble.MarshalJSON(res.Doc)
	pkg := codegen.Package{Name: "graph", Generate: codegen.AllKinds}
	in := &codegen.TestInput{Examples: res.Examples, Source: source}
	code1, tests1, err := codegen.Generate(res.Doc, pkg, in)
	if err != nil {
		t.Fatal(err)
	}
	code2, tests2, err := codegen.Generate(res.Doc, pkg, in)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := assemble.MarshalJSON(res.Doc)
	if !bytes.Equal(before, after) {
		t.Error("Generate changed the caller's spec")
	}
	if !bytes.Equal(code1, code2) || !bytes.Equal(tests1, tests2) {
		t.Error("two generations differ")
	}
	if !bytes.Contains(code1, []byte(codegen.Header)) || bytes.Contains(code1, []byte("oapi-codegen version")) {
		t.Error("generated header should name docs2openapi, not the oapi-codegen version")
	}
	for _, want := range []string{"func (s exampleServer) DeviceAppManagementSymantecCodeSigningCertificateUpdate(", "TestExample_DeviceAppManagement_enterpriseCerts_update", "TestExample_Create_symanteccodesigningcertificate_from("} {
		if !bytes.Contains(tests1, []byte(want)) {
			t.Errorf("contract tests lack %q", want)
		}
	}
	// Fewer kinds: no contract tests, and no error.
	if _, tests, err := codegen.Generate(res.Doc, codegen.Package{Name: "graph", Generate: []string{codegen.Models}}, in); err != nil || tests != nil {
		t.Errorf("models only: tests %v, err %v", tests != nil, err)
	}
	if _, _, err := codegen.Generate(res.Doc, pkg, &codegen.TestInput{Examples: res.Examples, Source: source, ExpectedFailures: map[string]string{"no-such-example": "x"}}); err == nil || !strings.Contains(err.Error(), "no-such-example") {
		t.Errorf("an expected failure naming no example must be an error, got %v", err)
	}
}

// TestContractTestsCatchDefects generates packages and runs their contract
// tests with `go test`: they pass on the seeds, fail when a response example
// disagrees with the request the client got back, and fail when the
// expected-failure list goes stale.
func TestContractTestsCatchDefects(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on generated packages")
	}
	xfail := map[string]string{"create_symanteccodesigningcertificate_from_": "draft page: status is the type name"}
	cases := []struct {
		name   string
		xfail  map[string]string
		edit   func(string, []byte) []byte
		passes bool
		want   string
	}{
		{"seeds", xfail, nil, true, ""},
		{"stale-list", map[string]string{"create_symanteccodesigningcertificate_from_": "x", "deviceAppManagement.enterpriseCerts.update": "no longer wrong"}, nil, false, "remove the entry"},
		{"wrong-type", xfail, func(name string, src []byte) []byte {
			if !strings.HasPrefix(name, "003") {
				return src
			}
			// The response example of 003 gives certType as a string.
			i := bytes.LastIndex(src, []byte(`"certType": 8`))
			return append(append(append([]byte{}, src[:i]...), []byte(`"certType": "eight"`)...), src[i+len(`"certType": 8`):]...)
		}, false, "TestExample_DeviceAppManagement_enterpriseCerts_update"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := seedBuild(t, "beta", c.edit)
			code, tests, err := codegen.Generate(res.Doc, codegen.Package{Name: "graph", Generate: codegen.AllKinds},
				&codegen.TestInput{Examples: res.Examples, Source: source, ExpectedFailures: c.xfail})
			if err != nil {
				t.Fatal(err)
			}
			// testdata is invisible to ./... but inside the module, so the
			// package builds with the module's dependencies.
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			dir, err := os.MkdirTemp("testdata", "run-")
			if err != nil {
				t.Fatal(err)
			}
			defer os.RemoveAll(dir)
			os.WriteFile(filepath.Join(dir, "graph.gen.go"), code, 0o644)
			os.WriteFile(filepath.Join(dir, "examples_test.go"), tests, 0o644)
			out, err := exec.Command("go", "test", "-count=1", "./"+dir).CombinedOutput()
			if (err == nil) != c.passes {
				t.Fatalf("go test passed=%v, want %v:\n%s", err == nil, c.passes, out)
			}
			if c.want != "" && !bytes.Contains(out, []byte(c.want)) {
				t.Errorf("output lacks %q:\n%s", c.want, out)
			}
		})
	}
}
