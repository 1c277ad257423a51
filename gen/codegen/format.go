package codegen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"sort"
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
// goimports fixes the imports in one parse and print, and formats the
// result with go/format; this fixes them in the first parse and prints as
// go/format does, which saves a parse and a print of what is most of the
// cost of generating a large package. A file that uses a name this does
// not know goes through goimports itself.
func formatGo(name string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	if !fixImports(fset, f, qualifiers(f), func(n string) bool { return f.Scope.Lookup(n) != nil }) {
		return imports.Process(name, src, nil)
	}
	return printTwice(fset, f)
}

// fixImports drops the imports of f that refs (the package qualifiers the
// file uses) does not name, and adds the standard packages it names. It
// returns false, having changed nothing, when goimports must decide: an
// import named _ or ., or a qualifier that is not a standard package this
// knows or that declared says the file declares.
func fixImports(fset *token.FileSet, f *ast.File, refs map[string]bool, declared func(string) bool) bool {
	have := map[string]bool{}
	var unused []*ast.ImportSpec
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return false
		}
		local := importName(p)
		if imp.Name != nil {
			local = imp.Name.Name
		}
		switch {
		case local == "_" || local == ".":
			return false
		case !refs[local]:
			unused = append(unused, imp)
		default:
			have[local] = true
		}
	}
	var add []string
	for ref := range refs {
		if have[ref] {
			continue
		}
		p, ok := stdImports[ref]
		if !ok || declared(ref) {
			// Not a package this knows, or a declaration the parser
			// left unresolved: goimports decides.
			return false
		}
		add = append(add, p)
	}
	for _, imp := range unused {
		p, _ := strconv.Unquote(imp.Path.Value)
		if imp.Name != nil {
			astutil.DeleteNamedImport(fset, f, imp.Name.Name, p)
		} else {
			astutil.DeleteImport(fset, f, p)
		}
	}
	sort.Strings(add)
	for _, p := range add {
		astutil.AddImport(fset, f, p)
	}
	return true
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
