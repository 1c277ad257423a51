package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/docs2openapi/docs2openapi/gen"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const pagesDir = "../../../spec/pages"

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(pagesDir, "001_0cdda1f0cf4ac21c.txt")
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"build", "--api-version", "v1.0", "-o", filepath.Join(dir, "a.yaml"), good}, 0},
		{[]string{"build", "--api-version", "beta", "-o", filepath.Join(dir, "b.yaml"), pagesDir}, 1}, // 004's broken request line
		{[]string{"build", "--api-version", "v2"}, 2},
		{[]string{"build"}, 2},
		{[]string{"build", filepath.Join(dir, "missing.md")}, 2},
		{[]string{"check", "--api-version", "v1.0", good}, 0},
		{[]string{"check", "--api-version", "v1.0", pagesDir}, 1},
		{[]string{"check", "--format", "xml", good}, 2},
		{[]string{"frobnicate"}, 2},
		{[]string{"build", "-h"}, 0},
		{[]string{"check", "--bogus"}, 2},
		{[]string{"--help"}, 0},
		{nil, 2},
	}
	for _, c := range cases {
		if code, _, stderr := run(t, c.args...); code != c.code {
			t.Errorf("%v: exit %d, want %d\n%s", c.args, code, c.code, stderr)
		}
	}
}

// TestBuildWritesSpecDespiteErrors: input errors still give a spec built
// from everything else, and the summary line counts what was read.
func TestBuildWritesSpecDespiteErrors(t *testing.T) {
	out := filepath.Join(t.TempDir(), "beta.json")
	code, stdout, stderr := run(t, "build", pagesDir, "--api-version", "beta", "-o", out)
	if code != 1 || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("-o x.json must write JSON: %v", err)
	}
	if paths := doc["paths"].(map[string]any); len(paths) != 2 {
		t.Errorf("want 2 paths from 000 and 003, got %d", len(paths))
	}
	for _, want := range []string{
		"004_c9397edee9e06779.txt:29:6: error: request line has no usable path",
		"004_c9397edee9e06779.txt:19:37: warning: permission is a placeholder",
		"004_c9397edee9e06779.txt:21:14: warning: permission is a placeholder",
		"docs2openapi: 3 pages (2 of other versions skipped), 2 operations, 3 schemas, 3 examples; 1 error, 4 warnings",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if ents, _ := os.ReadDir(filepath.Dir(out)); len(ents) != 1 {
		t.Errorf("atomic write left files behind: %v", ents)
	}
}

func TestBuildStdoutIsTheSpecOnly(t *testing.T) {
	code, stdout, _ := run(t, "build", filepath.Join(pagesDir, "003_38c1cd6aea29f97c.txt"), "--api-version", "beta")
	if code != 0 || !strings.HasPrefix(stdout, "components:") || !strings.Contains(stdout, "openapi: \"3.0.3\"") {
		t.Errorf("exit %d, stdout starts %q", code, stdout[:min(40, len(stdout))])
	}
}

func TestCheckJSON(t *testing.T) {
	code, stdout, _ := run(t, "check", "--format", "json", "--api-version", "beta", pagesDir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	var rep struct {
		Examples, Passed, Failed int
		Diagnostics              []struct {
			Pos struct {
				File      string
				Line, Col int
			}
			Severity, Code, Message string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if rep.Examples != 6 || rep.Passed != 4 || rep.Failed != 2 {
		t.Errorf("examples %d passed %d failed %d", rep.Examples, rep.Passed, rep.Failed)
	}
	found := 0
	for _, d := range rep.Diagnostics {
		if d.Code == "EXAMPLE_VIOLATES_SCHEMA" && d.Severity == "error" && (d.Pos.Line == 78 || d.Pos.Line == 106) && d.Pos.Col == 13 {
			found++
		}
	}
	if found != 2 {
		t.Errorf("want the two \"String\" errors at 78:13 and 106:13: %+v", rep.Diagnostics)
	}
}

// TestGenerateQuiet: generate prints errors and the summary; -v prints
// the warnings too, and the summary counts them either way.
func TestGenerateQuiet(t *testing.T) {
	dir := t.TempDir()
	pages := filepath.Join(dir, "docs")
	os.MkdirAll(pages, 0o755)
	src, _ := os.ReadFile(filepath.Join(pagesDir, "004_c9397edee9e06779.txt"))
	os.WriteFile(filepath.Join(pages, "draft.md"), src, 0o644)
	cfg := filepath.Join(dir, "docs2openapi.yaml")
	os.WriteFile(cfg, []byte("version: 1\ninputs: [docs]\napi-version: v1.0\nspec: openapi.yaml\npackages:\n  - package: graph\n    output: graph/graph.gen.go\n    generate: [models]\n"), 0o644)
	_, _, loud := run(t, "generate", "--config", cfg, "-v")
	_, _, quiet := run(t, "generate", "--config", cfg)
	if !strings.Contains(loud, ": warning: ") || !strings.Contains(loud, ": error: ") {
		t.Fatalf("-v does not print warnings and errors:\n%s", loud)
	}
	if strings.Contains(quiet, ": warning: ") || !strings.Contains(quiet, ": error: ") {
		t.Errorf("without -v, want the errors only:\n%s", quiet)
	}
	last := func(s string) string {
		lines := strings.Split(strings.TrimSpace(s), "\n")
		return lines[len(lines)-1]
	}
	if last(quiet) != last(loud) || !strings.Contains(last(quiet), "warning") {
		t.Errorf("the summary differs or does not count the warnings:\n%s\n%s", last(quiet), last(loud))
	}
}

// TestGenerateCheck: --check passes on fresh output, fails on stale, and
// writes nothing.
func TestGenerateCheck(t *testing.T) {
	dir := t.TempDir()
	pages := filepath.Join(dir, "docs")
	if err := os.MkdirAll(pages, 0o755); err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(filepath.Join(pagesDir, "001_0cdda1f0cf4ac21c.txt"))
	os.WriteFile(filepath.Join(pages, "update.md"), src, 0o644)
	cfg := filepath.Join(dir, "docs2openapi.yaml")
	os.WriteFile(cfg, []byte("version: 1\ninputs: [docs]\napi-version: v1.0\nspec: openapi.yaml\npackages:\n  - package: graph\n    output: graph/graph.gen.go\n    generate: [models, client]\n"), 0o644)
	if code, _, stderr := run(t, "generate", "--config", cfg); code != 0 {
		t.Fatalf("generate: exit %d\n%s", code, stderr)
	}
	gen, err := os.ReadFile(filepath.Join(dir, "graph", "graph.gen.go"))
	if err != nil || !bytes.HasPrefix(gen, []byte("// Package graph")) || !bytes.Contains(gen, []byte("// Code generated by docs2openapi. DO NOT EDIT.")) {
		t.Fatalf("generated code missing or without header: %v\n%.200s", err, gen)
	}
	if code, _, _ := run(t, "generate", "--config", cfg, "--check"); code != 0 {
		t.Errorf("--check on fresh output: exit %d", code)
	}
	os.WriteFile(filepath.Join(pages, "update.md"), bytes.Replace(src, []byte("|subjectName|String|"), []byte("|subjectName|Int32|"), 1), 0o644)
	code, stdout, _ := run(t, "generate", "--config", cfg, "--check")
	if code != 1 || !strings.Contains(stdout, "--- "+filepath.ToSlash(filepath.Join(dir, "openapi.yaml"))) || !strings.Contains(stdout, "+++ "+filepath.ToSlash(filepath.Join(dir, "graph", "graph.gen.go"))) {
		t.Errorf("--check on stale output: exit %d, stdout %q", code, stdout)
	}
	// The unified diff shows the change itself: subjectName is now int32.
	for _, want := range []string{"\n@@ -", "\n+          format: int32\n", "\n-\tSubjectName *string", "\n+\tSubjectName *int32"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--check diff lacks %q:\n%s", want, stdout)
		}
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "graph", "graph.gen.go")); !bytes.Equal(after, gen) {
		t.Error("--check wrote output")
	}
}

func TestGenerateConfigErrors(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "docs2openapi.yaml")
	os.WriteFile(cfg, []byte("version: 1\ninputs: [docs]\napi-version: v1.0\nspec: openapi.yaml\nspecs: typo\n"), 0o644)
	code, _, stderr := run(t, "generate", "--config", cfg)
	if code != 2 || !strings.Contains(stderr, "docs2openapi.yaml:5:") || !strings.Contains(stderr, "specs") {
		t.Errorf("unknown key: exit %d, %s", code, stderr)
	}
	os.WriteFile(cfg, []byte("version: 1\ninputs: [docs]\napi-version: v1.0\nspec: openapi.yaml\npackages:\n  - package: graph\n    output: g.go\n    generate: [models, sdk]\n"), 0o644)
	code, _, stderr = run(t, "generate", "--config", cfg)
	if code != 2 || !strings.Contains(stderr, `unknown generate kind "sdk"`) || !strings.Contains(stderr, "docs2openapi.yaml:6:") {
		t.Errorf("bad kind: exit %d, %s", code, stderr)
	}
}

// TestGenerateModelsFrom: a package using another's models imports it by
// the path go.mod gives; a selection that picks nothing is a config error at
// the package's line.
func TestGenerateModelsFrom(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/user\n\ngo 1.24\n"), 0o644)
	sub := filepath.Join(dir, "api")
	os.MkdirAll(filepath.Join(sub, "docs"), 0o755)
	src, _ := os.ReadFile(filepath.Join(pagesDir, "001_0cdda1f0cf4ac21c.txt"))
	os.WriteFile(filepath.Join(sub, "docs", "update.md"), src, 0o644)
	cfg := filepath.Join(sub, "docs2openapi.yaml")
	head := "version: 1\ninputs: [docs]\napi-version: v1.0\nspec: openapi.yaml\npackages:\n" +
		"  - package: models\n    output: models/models.gen.go\n    generate: [models]\n" +
		"  - package: certs\n    output: certs/certs.gen.go\n    generate: [client]\n    models-from: models\n"
	os.WriteFile(cfg, []byte(head+"    select: {tags: [deviceAppManagement]}\n"), 0o644)
	if code, _, stderr := run(t, "generate", "--config", cfg); code != 0 {
		t.Fatalf("generate: exit %d\n%s", code, stderr)
	}
	certs, _ := os.ReadFile(filepath.Join(sub, "certs", "certs.gen.go"))
	models, _ := os.ReadFile(filepath.Join(sub, "models", "models.gen.go"))
	if !bytes.Contains(certs, []byte(`externalRef0 "example.com/user/api/models"`)) || bytes.Contains(certs, []byte("type EnterpriseCodeSigningCertificate struct")) {
		t.Errorf("certs should import the models package:\n%.1500s", certs)
	}
	if !bytes.Contains(models, []byte("type EnterpriseCodeSigningCertificate struct")) || bytes.Contains(models, []byte("JSONRequestBody")) {
		t.Errorf("models should hold the schemas only:\n%.600s", models)
	}
	os.WriteFile(cfg, []byte(head+"    select: {tags: [nosuchtag]}\n"), 0o644)
	code, _, stderr := run(t, "generate", "--config", cfg)
	if code != 2 || !strings.Contains(stderr, "docs2openapi.yaml:9:") || !strings.Contains(stderr, `tag "nosuchtag" picks no operation`) {
		t.Errorf("select picking nothing: exit %d, %s", code, stderr)
	}
}

// TestCollect: folders are read recursively; README and LICENSE files are
// skipped by name, and only by name (licensedetails.md is a page).
func TestCollect(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"README.md", "LICENSE", "license.txt", "a/licensedetails.md", "a/readme-first.md", "a/b/page.txt", "a/image.png"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	files, err := gen.Find([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		r, _ := filepath.Rel(dir, f)
		got = append(got, filepath.ToSlash(r))
	}
	if strings.Join(got, ",") != "a/b/page.txt,a/licensedetails.md,a/readme-first.md" {
		t.Errorf("collect: %v", got)
	}
}

// TestVersionFromPages: without --api-version the pages' own version is
// built; pages of several versions need the flag.
func TestVersionFromPages(t *testing.T) {
	code, stdout, _ := run(t, "build", filepath.Join(pagesDir, "003_38c1cd6aea29f97c.txt"))
	if code != 0 || !strings.Contains(stdout, "https://graph.microsoft.com/beta") {
		t.Errorf("a beta page alone should build the beta spec: exit %d", code)
	}
	if code, _, stderr := run(t, "build", pagesDir); code != 2 || !strings.Contains(stderr, "several API versions (beta, v1.0)") {
		t.Errorf("mixed versions without the flag: exit %d, %s", code, stderr)
	}
}

// TestServeInputs: serve takes pages (every version they name, or the one
// asked for) or a built spec, and refuses no input with exit 2.
func TestServeInputs(t *testing.T) {
	if code, _, stderr := run(t, "serve"); code != exitFailure || !strings.Contains(stderr, "no input paths") {
		t.Errorf("serve without paths: exit %d %q", code, stderr)
	}
	if code, _, stderr := run(t, "serve", "--api-version", "v2", pagesDir); code != exitFailure || !strings.Contains(stderr, "--api-version") {
		t.Errorf("serve --api-version v2: exit %d %q", code, stderr)
	}
	var errb bytes.Buffer
	e := &env{ctx: context.Background(), stdout: io.Discard, stderr: &errb}
	apis, err := e.serveAPIs([]string{pagesDir}, "")
	if err != nil || len(apis) != 2 || apis[0].Version != "beta" || apis[1].Version != "v1.0" || len(apis[1].Examples) == 0 {
		t.Fatalf("pages of two versions: %v %+v", err, apis)
	}
	apis, err = e.serveAPIs([]string{"../../../spec/v1.0/openapi.yaml"}, "")
	if err != nil || len(apis) != 1 || apis[0].Version != "v1.0" || apis[0].Doc.Paths.Len() == 0 || apis[0].Examples != nil {
		t.Fatalf("a built spec: %v %+v", err, apis)
	}
}

// TestDiffRefusesNonSpecs: an empty file and a Swagger 2.0 file are no
// OpenAPI 3 specs: exit 2 with a message, not a comparison.
func TestDiffRefusesNonSpecs(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	os.WriteFile(good, []byte("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"), 0o644)
	empty := filepath.Join(dir, "empty.yaml")
	os.WriteFile(empty, nil, 0o644)
	swagger := filepath.Join(dir, "swagger.yaml")
	os.WriteFile(swagger, []byte("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n"), 0o644)
	for name, want := range map[string]string{empty: "empty file", swagger: "not an OpenAPI 3 spec"} {
		code, _, stderr := run(t, "diff", good, name)
		if code != exitFailure || !strings.Contains(stderr, want) {
			t.Errorf("diff against %s: exit %d %q", filepath.Base(name), code, stderr)
		}
	}
}

// TestOutputsAreChecked: build and generate never write over an input
// page, outside the module, over a Go file they did not generate, or one
// file twice.
func TestOutputsAreChecked(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x\n\ngo 1.24\n"), 0o644)
	pages := filepath.Join(dir, "docs")
	os.MkdirAll(pages, 0o755)
	src, _ := os.ReadFile(filepath.Join(pagesDir, "001_0cdda1f0cf4ac21c.txt"))
	page := filepath.Join(pages, "p.md")
	os.WriteFile(page, src, 0o644)
	if code, _, stderr := run(t, "build", "-o", page, pages); code != exitFailure || !strings.Contains(stderr, "input page") {
		t.Errorf("build -o over its input: exit %d %q", code, stderr)
	}
	if after, _ := os.ReadFile(page); !bytes.Equal(after, src) {
		t.Fatal("build wrote over its input page")
	}
	handWritten := filepath.Join(dir, "graph", "graph.gen.go")
	os.MkdirAll(filepath.Dir(handWritten), 0o755)
	os.WriteFile(handWritten, []byte("package graph\n\n// mine\n"), 0o640)
	cfg := filepath.Join(dir, "docs2openapi.yaml")
	for name, c := range map[string]struct{ spec, output, want string }{
		"spec over a page": {"docs/p.md", "graph/graph.gen.go", "input page"},
		"outside":          {"openapi.yaml", "../outside/graph.gen.go", "outside the module"},
		"hand-written":     {"openapi.yaml", "graph/graph.gen.go", "not generated by docs2openapi"},
	} {
		os.WriteFile(cfg, []byte("version: 1\ninputs: [docs]\napi-version: v1.0\nspec: "+c.spec+"\npackages:\n  - package: graph\n    output: "+c.output+"\n    generate: [models]\n"), 0o644)
		code, _, stderr := run(t, "generate", "--config", cfg)
		if code != exitFailure || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d %q", name, code, stderr)
		}
	}
	if after, _ := os.ReadFile(page); !bytes.Equal(after, src) {
		t.Error("generate wrote over an input page")
	}
	if after, _ := os.ReadFile(handWritten); string(after) != "package graph\n\n// mine\n" {
		t.Error("generate wrote over a hand-written file")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "outside")); err == nil {
		t.Error("generate wrote outside the module")
	}
}

// TestBuildNoOperationRecognised: pages that show example requests but
// yield no operation (here channel-get.md of the 2026 docs, from
// gen/assemble/testdata/golden/current-2026, with its request line written
// as prose, a layout the reader does not know) are an error with a message,
// not an empty spec and exit 0.
func TestBuildNoOperationRecognised(t *testing.T) {
	src, err := os.ReadFile("../../../gen/assemble/testdata/golden/current-2026/api-reference/v1.0/api/channel-get.md")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(src), "```http\nGET /teams/{team-id}/channels/{channel-id}\n```", "Send GET to /teams/{team-id}/channels/{channel-id}.", 1)
	if s == string(src) {
		t.Fatal("the page's request block is not where the test expects it")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "channel-get.md")
	if err := os.WriteFile(page, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "build", "--api-version", "v1.0", "-o", filepath.Join(dir, "openapi.yaml"), page)
	if code != 1 || !strings.Contains(stderr, "[NO_OPERATION_RECOGNISED]") {
		t.Errorf("exit %d, want 1 with NO_OPERATION_RECOGNISED:\n%s", code, stderr)
	}
	code, _, stderr = run(t, "build", "--api-version", "v1.0", "-o", filepath.Join(dir, "openapi2.yaml"), "../../../gen/assemble/testdata/golden/current-2026/api-reference/v1.0/api/channel-get.md")
	if strings.Contains(stderr, "NO_OPERATION_RECOGNISED") {
		t.Errorf("the page as written reports NO_OPERATION_RECOGNISED:\n%s", stderr)
	}
}
