package parse

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParseCorpus parses the v1.0 corpus on one core, to compare
// with goldmark's own parse of the same files (gen/assemble's benchmarks).
func BenchmarkParseCorpus(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/graph-docs/v1.0/*/*.md")
	if len(files) == 0 {
		b.Skip("corpus not found beside the checkout")
	}
	srcs := make([][]byte, len(files))
	var size int64
	for i, f := range files {
		srcs[i], _ = os.ReadFile(f)
		size += int64(len(srcs[i]))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for i, src := range srcs {
			Parse(files[i], src)
		}
	}
}
