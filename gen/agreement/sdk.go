// Package agreement measures how a built spec agrees with the model of
// Microsoft Graph that Microsoft publishes. The model is read from
// msgraph-sdk-go, which Kiota generates from Graph's metadata: its models
// give every type's properties with their types, its request builders'
// URL templates give the paths, and their methods the operations: what
// each sends and returns, its query options and its error mapping (see
// sdkops.go). The published metadata itself is not reachable from this
// project's machines; the SDK is, through the module proxy.
package agreement

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// SDKVersion is the msgraph-sdk-go release the spec is compared with.
const SDKVersion = "v1.89.0"

// SDKModule is msgraph-sdk-go's module path.
const SDKModule = "github.com/microsoftgraph/msgraph-sdk-go"

// Model is what the SDK says about the API.
type Model struct {
	// Types is keyed by the lower-cased type name, with its sub-namespace
	// ("callrecords.callrecord").
	Types map[string]*Type
	// Paths holds the request builders' URL templates, normalised by
	// normPath.
	Paths map[string]bool
	// Ops holds the request builders' operations, keyed by the method
	// and the normalised path ("GET /users/{}/messages").
	Ops map[string]*Op
	// keyed maps every tail of a path that starts at a collection
	// followed by its key ("items/{}/workbook") to the shortest path
	// that has it: an entity reached by another route has the same paths
	// below it.
	keyed map[string]string
	// refs maps a lower-cased property name to the types properties of
	// that name refer to; after maps the last segment of each path (an
	// action or function among them) to the segments it follows, keys
	// aside.
	refs  map[string][]string
	after map[string][]string
}

// Type is a model type: its base type's key and its own properties, each
// with a type signature (see propSig).
type Type struct {
	Base  string
	Props map[string]string
}

// Load reads the SDK module in dir.
func Load(dir string) (*Model, error) {
	m := &Model{Types: map[string]*Type{}, Paths: map[string]bool{}, Ops: map[string]*Op{}, keyed: map[string]string{}, refs: map[string][]string{}, after: map[string][]string{}}
	models := filepath.Join(dir, "models")
	ops := newOpReader(dir)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ns := ""
		if rel, err := filepath.Rel(models, filepath.Dir(path)); err == nil && !strings.HasPrefix(rel, "..") {
			if rel != "." {
				ns = strings.ToLower(filepath.ToSlash(rel)) + "."
			}
			m.readModels(f, ns)
		}
		m.readTemplates(f)
		ops.read(f, path)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(m.Types) == 0 || len(m.Paths) == 0 {
		return nil, fmt.Errorf("%s: no models or request builders found", dir)
	}
	for p := range m.Paths {
		segs := strings.Split(p[1:], "/")
		for i := 0; i+1 < len(segs); i++ {
			if segs[i+1] == "{}" {
				t := strings.Join(segs[i:], "/")
				if q, ok := m.keyed[t]; !ok || len(p) < len(q) || len(p) == len(q) && p < q {
					m.keyed[t] = p
				}
			}
		}
		if n := len(segs); n >= 2 {
			prev := segs[n-2]
			if prev == "{}" && n >= 3 {
				prev = segs[n-3]
			}
			if !slices.Contains(m.after[segs[n-1]], prev) {
				m.after[segs[n-1]] = append(m.after[segs[n-1]], prev)
			}
		}
	}
	ops.finish(m)
	for _, t := range m.Types {
		for name, sig := range t.Props {
			if ref, ok := strings.CutPrefix(strings.TrimPrefix(sig, "[]"), "ref:"); ok {
				k := strings.ToLower(name)
				if !slices.Contains(m.refs[k], ref) {
					m.refs[k] = append(m.refs[k], ref)
				}
			}
		}
	}
	return m, nil
}

// readTemplates collects the URL templates given to NewBaseRequestBuilder.
func (m *Model) readTemplates(f *ast.File) {
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) < 2 {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "NewBaseRequestBuilder" {
			return true
		}
		if lit, ok := call.Args[1].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil {
				m.Paths[sdkPath(s)] = true
			}
		}
		return true
	})
}

// readModels reads the GetFieldDeserializers methods of a models file:
// each property's name and the parse-node getter that reads it.
func (m *Model) readModels(f *ast.File, ns string) {
	imports := map[string]string{} // alias → the namespace of a models package
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		rest, ok := strings.CutPrefix(path, SDKModule+"/models")
		if !ok || imp.Name == nil {
			continue
		}
		if rest = strings.TrimPrefix(rest, "/"); rest != "" {
			rest = strings.ToLower(rest) + "."
		}
		imports[imp.Name.Name] = rest
	}
	embedded := map[string]string{} // type → its embedded base's key
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, s := range gd.Specs {
			ts, ok := s.(*ast.TypeSpec)
			if !ok {
				continue
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			for _, fld := range st.Fields.List {
				if len(fld.Names) == 0 {
					embedded[ts.Name.Name] = typeKey(fld.Type, ns, imports)
				}
			}
		}
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != "GetFieldDeserializers" || fd.Body == nil {
			continue
		}
		recv, ok := pointerReceiver(fd)
		if !ok {
			continue
		}
		t := &Type{Base: embedded[recv], Props: map[string]string{}}
		for _, st := range fd.Body.List {
			as, ok := st.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
				continue
			}
			idx, ok := as.Lhs[0].(*ast.IndexExpr)
			if !ok {
				continue
			}
			key, ok := idx.Index.(*ast.BasicLit)
			fn, ok2 := as.Rhs[0].(*ast.FuncLit)
			if !ok || !ok2 {
				continue
			}
			name, _ := strconv.Unquote(key.Value)
			if sig := getterSig(fn, ns, imports); sig != "" {
				t.Props[name] = sig
			}
		}
		// Kiota renames types that are Go keywords ("package").
		m.Types[ns+strings.TrimSuffix(strings.ToLower(recv), "escaped")] = t
	}
}

// pointerReceiver returns the type name of a method's *T receiver.
func pointerReceiver(fd *ast.FuncDecl) (string, bool) {
	if fd.Recv == nil || len(fd.Recv.List) != 1 {
		return "", false
	}
	star, ok := fd.Recv.List[0].Type.(*ast.StarExpr)
	if !ok {
		return "", false
	}
	id, ok := star.X.(*ast.Ident)
	if !ok {
		return "", false
	}
	return id.Name, true
}

// typeKey is the key of a type named in Go: Name or alias.Name.
func typeKey(e ast.Expr, ns string, imports map[string]string) string {
	switch x := e.(type) {
	case *ast.Ident:
		return ns + strings.ToLower(x.Name)
	case *ast.SelectorExpr:
		// A models package has a namespace; another (Kiota's own
		// UntypedNode) none.
		if id, ok := x.X.(*ast.Ident); ok {
			return imports[id.Name] + strings.ToLower(x.Sel.Name)
		}
	}
	return ""
}

// getters maps the SDK's parse-node getters of primitive values to type
// signatures.
var getters = map[string]string{
	"GetStringValue": "string", "GetBoolValue": "boolean",
	"GetInt8Value": "int8", "GetByteValue": "uint8", "GetInt16Value": "int16",
	"GetInt32Value": "int32", "GetInt64Value": "int64",
	"GetFloat32Value": "float", "GetFloat64Value": "double",
	"GetTimeValue": "date-time", "GetDateOnlyValue": "date", "GetTimeOnlyValue": "time",
	"GetISODurationValue": "duration", "GetUUIDValue": "uuid", "GetByteArrayValue": "binary",
}

// primitives maps the type names of GetCollectionOfPrimitiveValues.
var primitives = map[string]string{
	"string": "string", "bool": "boolean", "uint8": "uint8", "byte": "uint8", "int8": "int8",
	"int32": "int32", "int64": "int64", "float32": "float", "float64": "double",
	"uuid": "uuid", "time": "date-time", "dateonly": "date", "timeonly": "time", "isoduration": "duration",
}

// getterSig reads the signature of a property from its deserializer,
// whose first statement is "val, err := n.GetXValue(args)".
func getterSig(fn *ast.FuncLit, ns string, imports map[string]string) string {
	if len(fn.Body.List) == 0 {
		return ""
	}
	as, ok := fn.Body.List[0].(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 {
		return ""
	}
	call, ok := as.Rhs[0].(*ast.CallExpr)
	if !ok {
		return ""
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	getter := sel.Sel.Name
	if s, ok := getters[getter]; ok {
		return s
	}
	if len(call.Args) != 1 {
		return ""
	}
	switch getter {
	case "GetCollectionOfPrimitiveValues":
		if lit, ok := call.Args[0].(*ast.BasicLit); ok {
			s, _ := strconv.Unquote(lit.Value)
			if p, ok := primitives[strings.ToLower(s)]; ok {
				return "[]" + p
			}
		}
		return ""
	case "GetObjectValue", "GetEnumValue", "GetCollectionOfObjectValues", "GetCollectionOfEnumValues":
		key := typeKey(call.Args[0], ns, imports)
		i := strings.LastIndexByte(key, '.') + 1
		name := key[i:]
		if strings.Contains(getter, "Enum") {
			name = strings.TrimPrefix(name, "parse")
		} else {
			name = strings.TrimSuffix(strings.TrimPrefix(name, "create"), "fromdiscriminatorvalue")
		}
		name = strings.TrimSuffix(name, "escaped") // Kiota's rename of Go keywords ("package")
		sig := "ref:" + key[:i] + name
		if strings.HasPrefix(getter, "GetCollection") {
			sig = "[]" + sig
		}
		return sig
	}
	return ""
}

// props returns the properties of the type key and of its bases.
func (m *Model) props(key string) map[string]string {
	out := map[string]string{}
	for i := 0; key != "" && i < 32; i++ {
		t := m.Types[key]
		if t == nil {
			break
		}
		for k, v := range t.Props {
			if _, ok := out[k]; !ok {
				out[k] = v
			}
		}
		key = t.Base
	}
	return out
}
