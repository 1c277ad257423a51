package codegen

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"path"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/imports"
)

// stdImports are the standard packages that oapi-codegen's templates and
// ours use, by the name a file refers to them by.
var stdImports = map[string]string{
	"base64": "encoding/base64", "bytes": "bytes", "context": "context", "errors": "errors",
	"flate": "compress/flate", "fmt": "fmt", "http": "net/http", "io": "io", "iter": "iter",
	"json": "encoding/json", "maps": "maps", "mime": "mime", "multipart": "mime/multipart",
	"os": "os", "path": "path", "reflect": "reflect", "slices": "slices", "sort": "sort",
	"strconv": "strconv", "strings": "strings", "sync": "sync", "time": "time", "url": "net/url",
	"xml": "encoding/xml",
}

// formatGo formats oapi-codegen's output as goimports does, which is what
// oapi-codegen runs on it when it formats: unused imports dropped, the
// standard packages the code uses added, imports sorted, gofmt's layout.
// goimports parses and prints the file twice; this does it once, which
// is most of the cost of generating a large package. A file that uses a
// name this does not know goes through goimports itself.
func formatGo(name string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	// The names used as package qualifiers: selectors on an identifier
	// that the parser did not resolve to a declaration of the file.
	refs := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Obj == nil {
				refs[id.Name] = true
			}
		}
		return true
	})
	have := map[string]bool{}
	for _, imp := range append([]*ast.ImportSpec(nil), f.Imports...) {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return nil, err
		}
		local := importName(p)
		if imp.Name != nil {
			local = imp.Name.Name
		}
		switch {
		case local == "_" || local == ".":
			return imports.Process(name, src, nil)
		case !refs[local]:
			if imp.Name != nil {
				astutil.DeleteNamedImport(fset, f, imp.Name.Name, p)
			} else {
				astutil.DeleteImport(fset, f, p)
			}
		default:
			have[local] = true
		}
	}
	for ref := range refs {
		if have[ref] {
			continue
		}
		p, ok := stdImports[ref]
		if !ok || f.Scope.Lookup(ref) != nil {
			// Not a package this knows, or a declaration the parser
			// left unresolved: goimports decides.
			return imports.Process(name, src, nil)
		}
		astutil.AddImport(fset, f, p)
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// importName is the name a package is referred to by when its import
// gives none: the last element of its path, without a major version
// element (yaml/v3) or a "go-" prefix, as goimports assumes.
func importName(p string) string {
	base := path.Base(p)
	if strings.HasPrefix(base, "v") {
		if _, err := strconv.Atoi(base[1:]); err == nil {
			dir := path.Dir(p)
			if dir != "." {
				base = path.Base(dir)
			}
		}
	}
	base = strings.TrimPrefix(base, "go-")
	if i := strings.IndexFunc(base, func(r rune) bool {
		return !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r))
	}); i >= 0 {
		base = base[:i]
	}
	return base
}
