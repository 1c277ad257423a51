package codegen

import (
	"bytes"
	"testing"

	"golang.org/x/tools/imports"
)

// CompareFormatting makes every generation during t format its code with
// goimports too, as oapi-codegen does, and fails t where the bytes
// differ from goimports' (with docs2openapi's header line); and, when
// the code was cut into chunks, where formatting it again reusing every
// chunk does not give the same bytes.
func CompareFormatting(t testing.TB) {
	old := formatSource
	formatSource = func(name string, src []byte, prev *Formatted) (*Formatted, error) {
		got, err := formatCode(name, src, prev)
		want, werr := imports.Process(name, src, nil)
		if (err == nil) != (werr == nil) || err == nil && !bytes.Equal(got.Code, headerRe.ReplaceAll(want, []byte(Header))) {
			t.Errorf("%s: formatting differs from goimports (errors %v, %v)", name, err, werr)
		}
		if err == nil && got.chunks != nil {
			again, err := formatCode(name, src, Reuse(got.Code, got.Index()))
			if err != nil || !bytes.Equal(again.Code, got.Code) {
				t.Errorf("%s: formatting with every chunk reused differs (%v)", name, err)
			}
		}
		return got, err
	}
	t.Cleanup(func() { formatSource = old })
}

// Unpruned returns a Generator of g's spec that gives every package all of
// it, as it is: no paths pruned, no schema stubbed.
func Unpruned(g *Generator) *Generator { return &Generator{data: g.data, keepPaths: true} }
