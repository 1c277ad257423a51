package cli

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden outputs of the diff tests")

const (
	diffBase = "testdata/diff/base"
	diffHead = "testdata/diff/head"
)

// TestDiffGolden runs diff on real before/after pages (testdata/diff) in
// every format and compares with the golden outputs.
func TestDiffGolden(t *testing.T) {
	for _, format := range []string{"text", "markdown", "json", "github-actions"} {
		t.Run(format, func(t *testing.T) {
			code, stdout, stderr := run(t, "diff", "--format", format, diffBase, diffHead)
			if code != 1 {
				t.Errorf("exit %d, want 1 (breaking changes)\n%s", code, stderr)
			}
			golden := filepath.Join("testdata", "diff", "want."+format)
			if *update {
				if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if stdout != string(want) {
				t.Errorf("output differs from %s (rerun with -update and review):\n%s", golden, stdout)
			}
		})
	}
}

// TestDiffFindings checks the findings themselves: each kind of change
// the test pages hold, at its level and with the page and line it comes
// from.
func TestDiffFindings(t *testing.T) {
	_, stdout, stderr := run(t, "diff", "--format", "json", diffBase, diffHead)
	// The pages' own diagnostics are summed up on stderr, one line a side.
	for _, want := range []string{"docs2openapi: base " + diffBase + ": 3 pages, 0 errors, 4 warnings", "docs2openapi: head " + diffHead + ": 3 pages, 0 errors, 5 warnings"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	var rep struct {
		Findings []struct {
			ID, Level, Operation, Schema, Message string
			Source                                *struct {
				File string
				Line int
			}
			InBase bool
		}
		Breaking, Warnings, Info int
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	type want struct {
		id, level, operation, where string
		inBase                      bool
	}
	for _, w := range []want{
		{"request-property-type-changed", "breaking", "PATCH /education/schools/{school-id}", diffHead + "/api/educationschool-update.md:60", false},
		{"response-property-type-changed", "breaking", "PATCH /education/schools/{school-id}", diffHead + "/api/educationschool-update.md:60", false},
		{"new-optional-request-property", "info", "PATCH /education/schools/{school-id}", diffHead + "/api/educationschool-update.md:62", false},
		{"new-optional-request-parameter", "info", "PATCH /education/schools/{school-id}", diffHead + "/api/educationschool-update.md:30", false},
		{"request-property-enum-value-removed", "breaking", "POST /me/translateExchangeIds", diffHead + "/api/user-translateexchangeids.md:4", false},
		{"api-path-removed-without-deprecation", "breaking", "DELETE /me/events/{event-id}/attachments/{attachment-id}", diffBase + "/api/attachment-delete.md:34", true},
		{"endpoint-added", "info", "GET /me/drive/items/{item-id}/workbook/worksheets/{worksheet-id}/charts/{chart-id}", diffHead + "/api/chart-get.md:27", false},
		{"schema-property-type-changed", "warning", "", diffHead + "/api/educationschool-update.md:60", false},
		{"schema-property-added", "info", "", diffHead + "/api/educationschool-update.md:62", false},
		{"schema-enum-value-removed", "warning", "", diffHead + "/api/user-translateexchangeids.md:49", false},
		{"schema-added", "info", "", diffHead + "/api/chart-get.md:44", false},
	} {
		found := false
		for _, f := range rep.Findings {
			if f.ID != w.id || f.Level != w.level || w.operation != "" && f.Operation != w.operation {
				continue
			}
			found = true
			where := ""
			if f.Source != nil {
				where = f.Source.File + ":" + itoa(f.Source.Line)
			}
			if w.where != "" && !strings.HasPrefix(where, w.where) || f.InBase != w.inBase {
				t.Errorf("%s %s: at %q (in base %v), want %q (in base %v)", w.id, w.operation, where, f.InBase, w.where, w.inBase)
			}
			break
		}
		if !found {
			t.Errorf("no %s finding %s %s in\n%s", w.level, w.id, w.operation, stdout)
		}
	}
	for _, f := range rep.Findings {
		if f.Level == "breaking" && strings.Contains(f.Message, "website") {
			t.Errorf("an added optional property is not breaking: %+v", f)
		}
	}
	if rep.Breaking != 22 || rep.Warnings != 4 || rep.Info != 11 {
		t.Errorf("counts: %d breaking, %d warnings, %d info; want 22, 4, 11", rep.Breaking, rep.Warnings, rep.Info)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestDiffExitCodes: --fail-on decides the exit code; bad use is 2.
func TestDiffExitCodes(t *testing.T) {
	same := filepath.Join(pagesDir, "001_0cdda1f0cf4ac21c.txt")
	onlyInfo := t.TempDir()
	// head = base plus an operation: changes, nothing breaking.
	for _, side := range []string{"base", "head"} {
		os.MkdirAll(filepath.Join(onlyInfo, side), 0o755)
		src, _ := os.ReadFile(filepath.Join(diffBase, "api", "educationschool-update.md"))
		os.WriteFile(filepath.Join(onlyInfo, side, "update.md"), src, 0o644)
	}
	src, _ := os.ReadFile(filepath.Join(diffHead, "api", "chart-get.md"))
	os.WriteFile(filepath.Join(onlyInfo, "head", "chart-get.md"), src, 0o644)
	b, h := filepath.Join(onlyInfo, "base"), filepath.Join(onlyInfo, "head")
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"diff", diffBase, diffHead}, 1},
		{[]string{"diff", "--fail-on", "breaking", diffBase, diffHead}, 1},
		{[]string{"diff", "--fail-on", "never", diffBase, diffHead}, 0},
		{[]string{"diff", "--fail-on", "changes", diffBase, diffHead}, 1},
		{[]string{"diff", b, h}, 0},
		{[]string{"diff", "--fail-on", "changes", b, h}, 1},
		{[]string{"diff", "--fail-on", "changes", same, same}, 0},
		{[]string{"diff", diffBase}, 2},
		{[]string{"diff", "--format", "xml", diffBase, diffHead}, 2},
		{[]string{"diff", "--fail-on", "sometimes", diffBase, diffHead}, 2},
		{[]string{"diff", diffBase, "testdata/diff/nonexistent"}, 2},
		{[]string{"diff", "-h"}, 0},
	}
	for _, c := range cases {
		if code, _, stderr := run(t, c.args...); code != c.code {
			t.Errorf("%v: exit %d, want %d\n%s", c.args, code, c.code, stderr)
		}
	}
}

// TestDiffSpecFiles: either side may be a built spec file, YAML or JSON.
func TestDiffSpecFiles(t *testing.T) {
	dir := t.TempDir()
	base, head := filepath.Join(dir, "base.json"), filepath.Join(dir, "head.yaml")
	if code, _, stderr := run(t, "build", "-o", base, diffBase); code != 0 {
		t.Fatalf("build base: %d %s", code, stderr)
	}
	if code, _, stderr := run(t, "build", "-o", head, diffHead); code != 0 {
		t.Fatalf("build head: %d %s", code, stderr)
	}
	_, fromSpecs, _ := run(t, "diff", "--format", "json", base, head)
	_, fromPages, _ := run(t, "diff", "--format", "json", diffBase, diffHead)
	// The same findings; only the page positions are missing.
	strip := func(s string) []string {
		var rep struct {
			Findings []struct{ ID, Level, Operation, Schema, Message string }
		}
		json.Unmarshal([]byte(s), &rep)
		var out []string
		for _, f := range rep.Findings {
			out = append(out, f.ID+" "+f.Level+" "+f.Operation+" "+f.Schema+" "+f.Message)
		}
		return out
	}
	a, b := strip(fromSpecs), strip(fromPages)
	if len(a) == 0 || strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("spec files and pages disagree:\n%s\n---\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
	if strings.Contains(fromSpecs, `"source"`) {
		t.Error("findings from spec files cannot name pages")
	}
}

// TestDiffGit: REF:path reads a side from git, as in a pull request:
// `diff HEAD:docs docs` after editing the pages.
func TestDiffGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	gitIn := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	copyDir := func(from, to string) {
		os.RemoveAll(to)
		os.MkdirAll(to, 0o755)
		ents, _ := os.ReadDir(from)
		for _, e := range ents {
			data, _ := os.ReadFile(filepath.Join(from, e.Name()))
			os.WriteFile(filepath.Join(to, e.Name()), data, 0o644)
		}
	}
	docs := filepath.Join(repo, "docs")
	copyDir(filepath.Join(diffBase, "api"), docs)
	spec := filepath.Join(repo, "openapi.yaml")
	if code, _, stderr := run(t, "build", "-o", spec, diffBase); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	gitIn("init", "-q")
	gitIn("add", ".")
	gitIn("commit", "-q", "-m", "base")
	copyDir(filepath.Join(diffHead, "api"), docs)
	if code, _, stderr := run(t, "build", "-o", spec, diffHead); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	_, want, _ := run(t, "diff", "--format", "json", diffBase+"/api", diffHead+"/api")

	t.Chdir(repo)
	code, got, stderr := run(t, "diff", "--format", "json", "HEAD:docs", "docs")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	// Same findings; the base's pages are named HEAD:docs/….
	norm := strings.NewReplacer(diffBase+"/api", "BASE", diffHead+"/api", "HEAD", "HEAD:docs", "BASE", "docs", "HEAD")
	if norm.Replace(got) != norm.Replace(want) {
		t.Errorf("from git:\n%s\nfrom folders:\n%s", got, want)
	}
	if !strings.Contains(got, `"file": "HEAD:docs/attachment-delete.md"`) {
		t.Errorf("the removed operation should point into the base in git:\n%s", got)
	}
	// A single page and a missing path.
	if code, _, stderr := run(t, "diff", "HEAD:docs/user-translateexchangeids.md", "docs/user-translateexchangeids.md"); code != 1 {
		t.Errorf("one page from git: exit %d\n%s", code, stderr)
	}
	// A spec file from git against the one in the working tree.
	code, out, stderr := run(t, "diff", "--format", "json", "HEAD:openapi.yaml", "openapi.yaml")
	if code != 1 || !strings.Contains(out, `"request-property-type-changed"`) || strings.Contains(out, `"source"`) {
		t.Errorf("spec file from git: exit %d\n%s\n%s", code, out, stderr)
	}
	if code, _, stderr := run(t, "diff", "HEAD:nowhere", "docs"); code != 2 || !strings.Contains(stderr, "HEAD:nowhere") {
		t.Errorf("missing path in git: exit %d\n%s", code, stderr)
	}
}
