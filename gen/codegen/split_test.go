package codegen_test

import (
	"bytes"
	"github.com/docs2openapi/docs2openapi/gen"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/codegen"
)

// corpusBuild builds the 100 curated real pages of the build golden tests.
func corpusBuild(t *testing.T) *assemble.Result {
	t.Helper()
	root := "../assemble/testdata/golden/corpus-v1"
	res, err := gen.Build([]string{root}, gen.Options{Version: "v1.0"})
	if err != nil || res.Stats.Pages < 50 {
		t.Fatalf("reading %s: %v", root, err)
	}
	return res
}

// TestSplitPackagesBuild: a models package shared by packages that each
// hold some operations (picked by tag, path prefix, operation id) compiles
// and vets, each package has only what it picked, and no schema type is
// generated twice.
func TestSplitPackagesBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build on generated packages")
	}
	res := corpusBuild(t)
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("testdata", "split-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	const module = "github.com/docs2openapi/docs2openapi/gen/codegen/"
	models := module + filepath.ToSlash(dir) + "/models"
	pkgs := []codegen.Package{
		{Name: "models", Generate: []string{codegen.Models}, SchemasOnly: true},
		{Name: "groups", Generate: []string{codegen.Client, codegen.StdHTTPServer}, ModelsImport: models,
			Select: &codegen.Selection{Tags: []string{"groups"}}},
		{Name: "chats", Generate: []string{codegen.Client, codegen.StdHTTPServer, codegen.StrictServer}, ModelsImport: models,
			Select: &codegen.Selection{PathPrefixes: []string{"/me/chats", "/users/{user-id}/chats/"}, OperationIDs: []string{"me.changePassword.create"}}},
	}
	code := map[string][]byte{}
	for _, p := range pkgs {
		src, _, err := codegen.Generate(res.Doc, p, nil)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		code[p.Name] = src
		os.MkdirAll(filepath.Join(dir, p.Name), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p.Name, p.Name+".gen.go"), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"build"}, {"vet"}} {
		if out, err := exec.Command("go", append(args, "./"+dir+"/...")...).CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", args[0], err, out)
		}
	}

	has := func(pkg, s string) bool { return bytes.Contains(code[pkg], []byte(s)) }
	for _, c := range []struct {
		pkg, text string
		want      bool
	}{
		{"models", "type ChatMessage struct", true},
		{"models", "type Group struct", true},
		{"models", "GroupsCreateJSONRequestBody", false}, // no operation types
		{"groups", "type GroupsCreateJSONRequestBody =", true},
		{"groups", "type Group struct", false}, // imported, not generated
		{"groups", "externalRef0.Group", true},
		{"groups", "func (c *Client) GroupsCreate(", true},
		{"groups", "MeChats", false},
		{"chats", "func (c *Client) MeChatsMessagesGet(", true},
		{"chats", "func (c *Client) UsersChatsMessagesGet(", true},
		{"chats", "func (c *Client) MeChangePasswordCreate(", true},
		{"chats", "type MeChangePasswordCreateJSONRequestBody = externalRef0.ChangePasswordRequestBody", true},
		{"chats", "GroupsList", false},
	} {
		if has(c.pkg, c.text) != c.want {
			t.Errorf("package %s: contains %q = %v, want %v", c.pkg, c.text, !c.want, c.want)
		}
	}
}

// TestSelectMustPick: a selection entry that picks nothing is an error that
// names it, so a config does not go stale silently when pages move.
func TestSelectMustPick(t *testing.T) {
	res := corpusBuild(t)
	_, _, err := codegen.Generate(res.Doc, codegen.Package{Name: "g", Generate: []string{codegen.Client, codegen.Models},
		Select: &codegen.Selection{Tags: []string{"groups", "nosuchtag"}, PathPrefixes: []string{"/me/mess"}}}, nil)
	if err == nil || !strings.Contains(err.Error(), `tag "nosuchtag"`) || !strings.Contains(err.Error(), `path prefix "/me/mess"`) || strings.Contains(err.Error(), `"groups"`) {
		t.Errorf("want an error naming the tag and the prefix that pick nothing, got %v", err)
	}
}
