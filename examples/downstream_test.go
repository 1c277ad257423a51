// Package examples holds example modules that use docs2openapi only the way
// a user's repository does; its test runs them.
package examples_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// TestDownstream copies examples/downstream (a module that depends on
// docs2openapi through a replace directive to this checkout) to a temporary
// folder and works in it as a user would: the committed output is current,
// go generate changes nothing, the module builds and its tests pass; after
// a page is edited, generate --check fails with a diff of the change, and
// go generate brings the code along.
func TestDownstream(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a separate module")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "downstream")
	copyTree(t, "downstream", dir)
	mod := filepath.Join(dir, "go.mod")
	data, err := os.ReadFile(mod)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("=> ../..")) {
		t.Fatal("go.mod lacks the replace directive to the repository root")
	}
	os.WriteFile(mod, bytes.Replace(data, []byte("=> ../.."), []byte("=> "+root), 1), 0o644)

	run := func(want int, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%s %v: %v", name, args, err)
		}
		if code != want {
			t.Fatalf("%s %v: exit %d, want %d\n%s", name, args, code, want, out.String())
		}
		return out.String()
	}
	snapshot := func() map[string]string {
		files := map[string]string{}
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(p)
				files[p] = string(b)
			}
			return nil
		})
		return files
	}

	// The committed output is current, through the go tool directive.
	run(0, "go", "tool", "docs2openapi", "generate", "--check")
	before := snapshot()
	run(0, "go", "generate", "./...")
	start := time.Now()
	run(0, "go", "generate", "./...")
	t.Logf("go generate with nothing to change: %.2f s (go tool, warm build cache)", time.Since(start).Seconds())
	if after := snapshot(); !equalMaps(before, after) {
		t.Fatal("go generate changed files although nothing changed")
	}
	run(0, "go", "build", "./...")
	run(0, "go", "vet", "./...")
	run(0, "go", "test", "./...")

	// A new parameter on a page: stale until regenerated.
	page := filepath.Join(dir, "docs", "user-changepassword.md")
	src, _ := os.ReadFile(page)
	row := "| newPassword | String | Your new password.|\n"
	if !bytes.Contains(src, []byte(row)) {
		t.Fatalf("%s lacks the row %q", page, row)
	}
	src = bytes.Replace(src, []byte(row), []byte(row+"| confirmPassword | String | The new password again.|\n"), 1)
	os.WriteFile(page, src, 0o644)
	// The go run form of the README works as well as go tool.
	out := run(1, "go", "run", "github.com/docs2openapi/docs2openapi/cmd/docs2openapi", "generate", "--check")
	for _, want := range []string{"--- a/me/models/models.gen.go", "+\tConfirmPassword *string `json:\"confirmPassword,omitempty\"`", "+++ b/openapi.yaml", "+        confirmPassword:"} {
		if !strings.Contains(out, want) {
			t.Errorf("--check output lacks %q:\n%s", want, out)
		}
	}
	run(0, "go", "generate", "./...")
	run(0, "go", "tool", "docs2openapi", "generate", "--check")
	models, _ := os.ReadFile(filepath.Join(dir, "me", "models", "models.gen.go"))
	if !bytes.Contains(models, []byte("ConfirmPassword")) {
		t.Error("regenerated models lack the new field")
	}
	run(0, "go", "build", "./...")
	run(0, "go", "test", "./...")
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestWorkflowSample: the sample GitHub Actions workflow is valid YAML and
// runs the commands with flags the tool has.
func TestWorkflowSample(t *testing.T) {
	data, err := os.ReadFile("github-actions/api-docs.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On   map[string]any `yaml:"on"`
		Jobs map[string]struct {
			Steps []struct {
				Run string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	if _, ok := wf.On["pull_request"]; !ok {
		t.Error("the workflow should run on pull requests")
	}
	var runs []string
	for _, j := range wf.Jobs {
		for _, s := range j.Steps {
			runs = append(runs, s.Run)
		}
	}
	all := strings.Join(runs, "\n")
	for _, want := range []string{"docs2openapi generate --check", "docs2openapi diff --format github-actions", "docs2openapi diff --format markdown --fail-on never"} {
		if !strings.Contains(all, want) {
			t.Errorf("no step runs %q", want)
		}
	}
}
