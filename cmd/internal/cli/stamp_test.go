package cli

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/codegen"
	"github.com/docs2openapi/docs2openapi/gen/stamp"
)

func TestMain(m *testing.M) {
	// Development builds record the stamps they wrote in the user's
	// cache folder: the tests keep theirs apart.
	dir, err := os.MkdirTemp("", "docs2openapi-cache")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	os.Setenv("HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// stampModule writes a module with two pages and a config of a models
// package and a client package per tag, and returns the config's path.
func stampModule(t *testing.T) (dir, cfg string) {
	t.Helper()
	dir = t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/user\n\ngo 1.24\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "docs"), 0o755)
	tasks := "../../../examples/downstream/tasks/docs/api-reference/v1.0/api"
	for name, page := range map[string]string{"update.md": filepath.Join(pagesDir, "001_0cdda1f0cf4ac21c.txt"), "get.md": filepath.Join(tasks, "user-get.md"), "members.md": filepath.Join(tasks, "group-post-members.md")} {
		src, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "docs", name), src, 0o644)
	}
	// get.md includes a note from outside the inputs, as today's pages do.
	os.MkdirAll(filepath.Join(dir, "includes"), 0o755)
	os.WriteFile(filepath.Join(dir, "includes", "note.md"), []byte("> [!NOTE]\n> Some properties are returned only on $select.\n"), 0o644)
	get := filepath.Join(dir, "docs", "get.md")
	src, _ := os.ReadFile(get)
	os.WriteFile(get, bytes.Replace(src, []byte("\n## Permissions"), []byte("\n[!INCLUDE [note](../includes/note.md)]\n\n## Permissions"), 1), 0o644)
	cfg = filepath.Join(dir, "docs2openapi.yaml")
	os.WriteFile(cfg, []byte("version: 1\ninputs: [docs]\napi-version: v1.0\nspec: openapi.yaml\npackages:\n"+
		"  - package: models\n    output: models/models.gen.go\n    generate: [models]\n"+
		"  - package: certs\n    output: certs/certs.gen.go\n    generate: [client]\n    models-from: models\n    select: {tags: [deviceAppManagement]}\n"+
		"  - package: rest\n    output: rest/rest.gen.go\n    generate: [client]\n    models-from: models\n    select: {path-prefixes: [/users]}\n"), 0o644)
	return dir, cfg
}

// outputsOf reads every file generate wrote under dir.
func outputsOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".sum") || filepath.Base(p) == "openapi.yaml") {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = string(b)
		}
		return nil
	})
	return out
}

// generateRecording runs generate and returns its exit code, stderr and
// the packages oapi-codegen ran for.
func generateRecording(t *testing.T, args ...string) (int, string, []string) {
	t.Helper()
	var mu sync.Mutex
	var ran []string
	testHookGenerate = func(pkg string) {
		mu.Lock()
		ran = append(ran, pkg)
		mu.Unlock()
	}
	defer func() { testHookGenerate = nil }()
	code, _, stderr := run(t, append([]string{"generate"}, args...)...)
	slices.Sort(ran)
	return code, stderr, ran
}

// TestGenerateStamp: a generate with nothing changed does nothing and
// says so; every change to an input, an output, the config or the stamp
// makes a real generate, whose outputs are those of a generate from
// scratch; an edited page regenerates only the packages it changes.
func TestGenerateStamp(t *testing.T) {
	dir, cfg := stampModule(t)
	if code, stderr, ran := generateRecording(t, "--config", cfg); code != 0 || len(ran) != 3 {
		t.Fatalf("first generate: exit %d, ran %v\n%s", code, ran, stderr)
	}
	want := outputsOf(t, dir)
	if !strings.Contains(want["docs2openapi.sum"], "\noutput ") || len(want) != 5 {
		t.Fatalf("outputs %v, stamp:\n%s", slices.Sorted(maps.Keys(want)), want["docs2openapi.sum"])
	}
	noop := func(what string) {
		t.Helper()
		code, stderr, ran := generateRecording(t, "--config", cfg)
		if code != 0 || len(ran) != 0 || !strings.Contains(stderr, "is current") {
			t.Errorf("%s: exit %d, ran %v, want nothing done\n%s", what, code, ran, stderr)
		}
		if code, stderr, _ := generateRecording(t, "--config", cfg, "--check"); code != 0 || !strings.Contains(stderr, "is current") {
			t.Errorf("%s: --check exit %d\n%s", what, code, stderr)
		}
	}
	noop("nothing changed")
	if !strings.Contains(want["docs2openapi.sum"], "\ninclude ") {
		t.Errorf("the stamp lists no include:\n%s", want["docs2openapi.sum"])
	}

	// Each change below is undone by the generate that follows it, which
	// must then give the outputs of the first run again.
	page := filepath.Join(dir, "docs", "update.md")
	src, _ := os.ReadFile(page)
	restore := map[string]func(){
		"a generated file edited": func() {
			os.WriteFile(filepath.Join(dir, "certs", "certs.gen.go"), []byte(want["certs/certs.gen.go"]+"// edited\n"), 0o644)
		},
		"an output deleted": func() { os.Remove(filepath.Join(dir, "models", "models.gen.go")) },

		"the spec edited": func() { os.WriteFile(filepath.Join(dir, "openapi.yaml"), []byte("openapi: 3.0.3\n"), 0o644) },
		"the stamp garbled": func() {
			os.WriteFile(filepath.Join(dir, "docs2openapi.sum"), []byte(stamp.Header+"\nnonsense\n"), 0o644)
		},
		"the stamp from another tool": func() {
			os.WriteFile(filepath.Join(dir, "docs2openapi.sum"), []byte(strings.Replace(want["docs2openapi.sum"], "tool (devel)", "tool example.com/docs2openapi v9.9.9 modules:00", 1)), 0o644)
		},
		"the stamp's inputs edited": func() {
			s := want["docs2openapi.sum"]
			i := strings.Index(s, "\ninputs ") + len("\ninputs ")
			os.WriteFile(filepath.Join(dir, "docs2openapi.sum"), []byte(s[:i]+"0"+s[i+1:]), 0o644)
		},
		"this executable's record gone": func() { os.RemoveAll(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "docs2openapi")) },
	}
	for _, what := range slices.Sorted(maps.Keys(restore)) {
		restore[what]()
		code, stderr, ran := generateRecording(t, "--config", cfg)
		if code != 0 || strings.Contains(stderr, "is current") || !strings.Contains(stderr, "docs2openapi: 3 pages") {
			t.Errorf("%s: exit %d, want a full generate\n%s", what, code, stderr)
		}
		if got := outputsOf(t, dir); !maps.Equal(got, want) {
			t.Errorf("%s: the outputs differ from the first generate's (ran %v)", what, ran)
		}
		noop("after " + what)
	}

	// A change to an input regenerates; the outputs are those of a
	// generate from scratch of the changed inputs.
	fresh := func(setup func(string), edit func(dir, cfg string)) map[string]string {
		d, c := stampModule(t)
		if setup != nil {
			setup(d)
		}
		edit(d, c)
		if code, stderr, _ := generateRecording(t, "--config", c); code != 0 {
			t.Fatalf("fresh generate: exit %d\n%s", code, stderr)
		}
		return outputsOf(t, d)
	}
	note := func(d string) string { return filepath.Join(d, "includes", "note.md") }
	changes := []struct {
		name  string
		setup func(dir string) // before the first generate
		edit  func(dir, cfg string)
		ran   []string // packages generated again
	}{
		{"an included file edited", nil, func(d, _ string) { os.WriteFile(note(d), []byte("> [!NOTE]\n> Edited.\n"), 0o644) }, []string{}},
		{"an included file deleted", nil, func(d, _ string) { os.Remove(note(d)) }, []string{}},
		{"an included file created", func(d string) { os.Remove(note(d)) }, func(d, _ string) { os.WriteFile(note(d), []byte("> [!NOTE]\n> New.\n"), 0o644) }, []string{}},
		// The type changes in models; the page's examples no longer fit
		// it and leave its operation, in certs; rest only names the type.
		{"a property's type", nil, func(d, _ string) {
			os.WriteFile(filepath.Join(d, "docs", "update.md"), bytes.Replace(src, []byte("|subjectName|String|"), []byte("|subjectName|Int32|"), 1), 0o644)
		}, []string{"certs", "models"}},
		{"an operation's description", nil, func(d, _ string) {
			p := filepath.Join(d, "docs", "get.md")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(b, []byte("Retrieve the properties"), []byte("Read the properties"), 1), 0o644)
		}, []string{"rest"}},
		{"a page added", nil, func(d, _ string) {
			b, _ := os.ReadFile("../../../examples/downstream/tasks/docs/api-reference/v1.0/api/user-list-messages.md")
			os.WriteFile(filepath.Join(d, "docs", "messages.md"), b, 0o644)
		}, nil},
		{"a page removed", nil, func(d, _ string) { os.Remove(filepath.Join(d, "docs", "members.md")) }, nil},
		{"the config", nil, func(_, c string) {
			b, _ := os.ReadFile(c)
			os.WriteFile(c, bytes.Replace(b, []byte("package: rest\n"), []byte("package: others\n"), 1), 0o644)
		}, []string{"others"}},
	}
	for _, c := range changes {
		d, cf := stampModule(t)
		if c.setup != nil {
			c.setup(d)
		}
		if code, stderr, _ := generateRecording(t, "--config", cf); code != 0 {
			t.Fatalf("%s: generate: exit %d\n%s", c.name, code, stderr)
		}
		before := outputsOf(t, d)
		c.edit(d, cf)
		code, stderr, ran := generateRecording(t, "--config", cf)
		if code != 0 || strings.Contains(stderr, "is current") {
			t.Errorf("%s: exit %d, want a generate\n%s", c.name, code, stderr)
		}
		got := outputsOf(t, d)
		if maps.Equal(got, before) {
			t.Errorf("%s: nothing changed (not even the stamp)", c.name)
		}
		if w := fresh(c.setup, c.edit); !maps.Equal(got, w) {
			t.Errorf("%s: the outputs differ from a generate from scratch", c.name)
		}
		if c.ran != nil && !slices.Equal(ran, c.ran) {
			t.Errorf("%s: oapi-codegen ran for %v, want %v", c.name, ran, c.ran)
		}
	}
}

// TestGenerateReusesFormatting: after an edit of one operation, the
// package is formatted reusing the unchanged chunks of its last output,
// found in the user's cache by that output's hash; without the cache, or
// with the output edited, every chunk is formatted again, to the same
// bytes.
func TestGenerateReusesFormatting(t *testing.T) {
	dir, cfg := stampModule(t)
	page := filepath.Join(dir, "docs", "get.md")
	src, _ := os.ReadFile(page)
	edited := bytes.Replace(src, []byte("Retrieve the properties"), []byte("Read the properties"), 1)
	if bytes.Equal(src, edited) {
		t.Fatal("the edit changes nothing")
	}
	type count struct{ n, reused int }
	generate := func() (map[string]count, map[string]string) {
		t.Helper()
		got := map[string]count{}
		var mu sync.Mutex
		testHookFormat = func(pkg string, f *codegen.Formatted) {
			n, reused := f.Chunks()
			mu.Lock()
			got[pkg] = count{n, reused}
			mu.Unlock()
		}
		defer func() { testHookFormat = nil }()
		if code, _, stderr := run(t, "generate", "--config", cfg); code != 0 {
			t.Fatalf("generate: exit %d\n%s", code, stderr)
		}
		return got, outputsOf(t, dir)
	}
	generate()
	os.WriteFile(page, edited, 0o644)
	counts, want := generate()
	if c := counts["rest"]; len(counts) != 1 || c.n < 10 || c.n-c.reused > 3 {
		t.Errorf("formatted %v; want only package rest, all but the edited operation's chunks reused", counts)
	}
	for name, spoil := range map[string]func(){
		"no cache": func() { os.RemoveAll(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "docs2openapi", "format")) },
		"the file edited": func() {
			os.WriteFile(filepath.Join(dir, "rest", "rest.gen.go"), []byte(want["rest/rest.gen.go"]+"// edited\n"), 0o644)
		},
	} {
		os.WriteFile(page, src, 0o644)
		generate()
		spoil()
		os.WriteFile(page, edited, 0o644)
		counts, got := generate()
		if c := counts["rest"]; c.reused != 0 || c.n < 10 {
			t.Errorf("%s: formatted %v; want every chunk of rest formatted", name, counts)
		}
		if !maps.Equal(got, want) {
			t.Errorf("%s: the outputs differ from those made reusing chunks", name)
		}
	}
}
