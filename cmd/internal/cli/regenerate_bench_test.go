package cli

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// corpusDir is the v1.0 corpus beside the checkout.
const corpusDir = "../../../../shared/graph-docs/v1.0"

// corpusModule copies the corpus into a module whose config generates a
// models package and five client packages selected by tag (the layout a
// Graph user's repository has), generates it once, and returns the
// config's path.
func corpusModule(b *testing.B) (dir, cfg string) {
	b.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		b.Skip("corpus not found beside the checkout (../shared/graph-docs/v1.0)")
	}
	dir = b.TempDir()
	pages := filepath.Join(dir, "docs", "v1.0")
	err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(corpusDir, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		os.MkdirAll(filepath.Join(pages, filepath.Dir(rel)), 0o755)
		return os.WriteFile(filepath.Join(pages, rel), data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/graph\n\ngo 1.24\n"), 0o644)
	var c strings.Builder
	c.WriteString("version: 1\ninputs: [docs/v1.0]\napi-version: v1.0\nspec: openapi.yaml\npackages:\n  - package: models\n    output: models/models.gen.go\n    generate: [models]\n")
	for _, tag := range []string{"me", "users", "groups", "teams", "sites"} {
		c.WriteString("  - package: " + tag + "\n    output: " + tag + "/" + tag + ".gen.go\n    generate: [client]\n    models-from: models\n    select: {tags: [" + tag + "]}\n")
	}
	cfg = filepath.Join(dir, "docs2openapi.yaml")
	os.WriteFile(cfg, []byte(c.String()), 0o644)
	mustRun(b, "generate", "--config", cfg)
	return dir, cfg
}

func mustRun(b *testing.B, args ...string) {
	b.Helper()
	var out, errb bytes.Buffer
	if code := Run(context.Background(), args, strings.NewReader(""), &out, &errb); code != 0 {
		b.Fatalf("%v: exit %d\n%s", args, code, errb.String())
	}
}

// BenchmarkRegenerate times, on the whole v1.0 corpus, what a user's
// go generate and CI pay: a generate with nothing changed, a generate
// --check of fresh output, one-word edits of the description of an
// operation in the two largest client packages (me and users: 932 and 426
// operations), of one in a small package (sites, 81), and of a property
// (the models package), and a generate from scratch; each as a ratio to a
// plain build of the same pages in the same iteration, so the ratios hold
// on a noisy machine.
//
//	go test ./cmd/internal/cli -run '^$' -bench Regenerate -benchtime 5x
func BenchmarkRegenerate(b *testing.B) {
	dir, cfg := corpusModule(b)
	pages := filepath.Join(dir, "docs", "v1.0")
	stampFile := filepath.Join(dir, "docs2openapi.sum")
	edit := func(page, from, to string) func() {
		p := filepath.Join(pages, page)
		return func() {
			data, err := os.ReadFile(p)
			if err != nil || !bytes.Contains(data, []byte(from)) {
				b.Fatalf("%s: %q not found", p, from)
			}
			os.WriteFile(p, bytes.Replace(data, []byte(from), []byte(to), 1), 0o644)
			from, to = to, from // the next iteration edits it back
		}
	}
	steps := []struct {
		name   string
		before func()
		args   []string
	}{
		{"build", nil, []string{"build", "-o", filepath.Join(b.TempDir(), "openapi.yaml"), pages}},
		{"noop", nil, []string{"generate", "--config", cfg}},
		{"check", nil, []string{"generate", "--config", cfg, "--check"}},
		{"edit-operation", edit("api/user-list-messages.md", "signed-in user's mailbox", "signed-in user's own mailbox"), []string{"generate", "--config", cfg}},
		{"edit-small", edit("api/list-list.md", "Get the collection of lists for a site.", "Get the collection of lists of a site."), []string{"generate", "--config", cfg}},
		{"edit-resource", edit("resources/message.md", "attachments for the message.", "attachments of the message."), []string{"generate", "--config", cfg}},
		{"full", func() { os.Remove(stampFile) }, []string{"generate", "--config", cfg}},
	}
	total := make([]time.Duration, len(steps))
	b.ResetTimer()
	for range b.N {
		for i, s := range steps {
			if s.before != nil {
				s.before()
			}
			start := time.Now()
			mustRun(b, s.args...)
			total[i] += time.Since(start)
		}
	}
	build := total[0].Seconds()
	for i, s := range steps {
		b.ReportMetric(total[i].Seconds()/float64(b.N), s.name+"-s/op")
		if i > 0 {
			b.ReportMetric(total[i].Seconds()/build, s.name+"/build")
		}
	}
}
