package codegen

import (
	"bytes"
	"testing"

	"golang.org/x/tools/imports"
)

// CompareFormatting makes every generation during t format its code with
// goimports too, as oapi-codegen does, and fails t where formatGo's bytes
// differ from goimports'.
func CompareFormatting(t testing.TB) {
	old := formatSource
	formatSource = func(name string, src []byte) ([]byte, error) {
		got, err := formatGo(name, src)
		want, werr := imports.Process(name, src, nil)
		if (err == nil) != (werr == nil) || !bytes.Equal(got, want) {
			t.Errorf("%s: formatGo differs from goimports (errors %v, %v)", name, err, werr)
		}
		return got, err
	}
	t.Cleanup(func() { formatSource = old })
}
