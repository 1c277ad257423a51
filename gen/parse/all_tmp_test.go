package parse

import (
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkParseAllTmp(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/graph-docs/v1.0/*/*.md")
	srcs := make([][]byte, len(files))
	for i, f := range files {
		srcs[i], _ = os.ReadFile(f)
	}
	b.ReportAllocs()
	for b.Loop() {
		ParseAll(files, srcs)
	}
}
