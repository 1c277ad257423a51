package assemble_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docs2openapi/docs2openapi/gen"
	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/internal/par"
	"github.com/docs2openapi/docs2openapi/gen/parse"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"
)

// corpusDir is the Microsoft Graph v1.0 corpus beside the checkout; the
// corpus benchmarks skip when it is absent.
const corpusDir = "../../../shared/graph-docs/v1.0"

func readFiles(b *testing.B, pattern ...string) (names []string, srcs [][]byte, size int64) {
	b.Helper()
	for _, p := range pattern {
		err := filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			n := strings.ToLower(d.Name())
			if !(strings.HasSuffix(n, ".md") || strings.HasSuffix(n, ".txt")) || strings.HasPrefix(n, "readme") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			names, srcs = append(names, path), append(srcs, src)
			size += int64(len(src))
			return nil
		})
		if err != nil {
			b.Skipf("%s: %v", p, err)
		}
	}
	return names, srcs, size
}

func benchBuild(b *testing.B, version string, dirs ...string) {
	names, srcs, size := readFiles(b, dirs...)
	benchAgainstFloor(b, srcs, size, func() {
		pages, _ := parse.ParseAll(names, srcs)
		res := assemble.Pages(pages, assemble.Options{Version: version})
		// Validation and encoding, side by side, as the commands run them.
		if _, err := gen.Output(res, false); err != nil {
			b.Fatal(err)
		}
	})
}

// benchAgainstFloor times run and, between runs, goldmark merely parsing
// srcs on one core, so that both see the machine in the same state, and
// reports the ratio as x-goldmark.
func benchAgainstFloor(b *testing.B, srcs [][]byte, size int64, run func()) {
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	var built, floor time.Duration
	for b.Loop() {
		start := time.Now()
		run()
		built += time.Since(start)
		b.StopTimer()
		start = time.Now()
		for _, src := range srcs {
			md.Parser().Parse(text.NewReader(src))
		}
		floor += time.Since(start)
		b.StartTimer()
	}
	b.ReportMetric(floor.Seconds()*1000/float64(b.N), "goldmark-ms/op")
	b.ReportMetric(float64(built)/float64(floor), "x-goldmark")
}

// benchGoldmark is the floor: goldmark merely parsing the same files.
func benchGoldmark(b *testing.B, dirs ...string) {
	_, srcs, size := readFiles(b, dirs...)
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, src := range srcs {
			md.Parser().Parse(text.NewReader(src))
		}
	}
}

// BenchmarkSeeds builds the five seed pages to a YAML spec.
func BenchmarkSeeds(b *testing.B) { benchBuild(b, "beta", "../../spec/pages") }

// BenchmarkSeedsGoldmark is goldmark parsing the seed pages.
func BenchmarkSeedsGoldmark(b *testing.B) { benchGoldmark(b, "../../spec/pages") }

// BenchmarkCorpus builds the v1.0 corpus to a YAML spec.
func BenchmarkCorpus(b *testing.B) {
	if _, err := os.Stat(corpusDir); err != nil {
		b.Skip("corpus not found beside the checkout (../shared/graph-docs/v1.0)")
	}
	benchBuild(b, "v1.0", corpusDir)
}

// BenchmarkCorpusGoldmark is goldmark parsing the v1.0 corpus: the floor
// BenchmarkCorpus is compared with.
func BenchmarkCorpusGoldmark(b *testing.B) {
	if _, err := os.Stat(corpusDir); err != nil {
		b.Skip("corpus not found beside the checkout (../shared/graph-docs/v1.0)")
	}
	benchGoldmark(b, corpusDir)
}

// BenchmarkCorpusLibraries is the part of a corpus build that is the
// libraries' work alone: goldmark parsing every page and yaml.v3 reading
// its front matter, on all cores as the build does, then kin-openapi
// validating the built spec as Encode does. Its x-goldmark is the share of
// BenchmarkCorpus's ratio that no change to this tool's own code can remove.
func BenchmarkCorpusLibraries(b *testing.B) {
	if _, err := os.Stat(corpusDir); err != nil {
		b.Skip("corpus not found beside the checkout (../shared/graph-docs/v1.0)")
	}
	names, srcs, size := readFiles(b, corpusDir)
	pages, _ := parse.ParseAll(names, srcs)
	doc := assemble.Pages(pages, assemble.Options{Version: "v1.0"}).Doc
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	benchAgainstFloor(b, srcs, size, func() {
		par.Each(len(srcs), func(i int) {
			src := srcs[i]
			if end := bytes.Index(src, []byte("\n---")); bytes.HasPrefix(src, []byte("---\n")) && end > 0 {
				var fm map[string]any
				_ = yaml.Unmarshal(src[4:end+1], &fm)
			}
			md.Parser().Parse(text.NewReader(src))
		})
		if err := assemble.ValidateDoc(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	})
}
