package codegen

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"sort"
	"strconv"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/internal/par"
)

// Formatting a large package is most of the cost of regenerating it after
// a small edit: the client of Graph's /me is 5 MB of Go. The code is cut
// into chunks, the runs of top-level declarations between blank lines,
// each formatted by itself, so that a chunk whose unformatted text was
// seen before takes its formatted text from the last output. gofmt puts
// exactly one blank line between such runs and lays out each on its own
// (a blank line ends every alignment), so the chunks joined are the file
// formatted whole; the corpus tests compare the two byte for byte. Only
// the imports depend on the whole file: each chunk notes the package
// names it uses and the names it declares, and the import block is
// formatted last.

// Formatted is generated code with the index of its chunks, from which a
// later generation reuses the formatting of the chunks it has unchanged.
type Formatted struct {
	Code   []byte
	chunks []chunk
}

// Chunks reports how many chunks the code was cut into, and of those how
// many were reused from the earlier generation's output.
func (f *Formatted) Chunks() (n, reused int) {
	for _, c := range f.chunks {
		if c.reused {
			reused++
		}
	}
	return len(f.chunks), reused
}

// chunk is one run of declarations: the hash of its text as oapi-codegen
// wrote it, where its formatted text lies in the code, and what the
// imports need to know of it.
type chunk struct {
	key        string
	start, end int
	refs       []string // identifiers used as package qualifiers, unresolved in the chunk
	names      []string // names the chunk declares at the top level
	reused     bool     // this generation took it from the earlier one
}

// indexHeader is the first line of an index; a change to the format of
// indexes (or to how chunks are cut) changes it.
const indexHeader = "docs2openapi format index 2"

// Index serialises the chunk index of f, for Reuse to read back with the
// code; nil for code formatted whole, which has none.
func (f *Formatted) Index() []byte {
	if f.chunks == nil {
		return nil
	}
	var b bytes.Buffer
	b.WriteString(indexHeader + "\n")
	for _, c := range f.chunks {
		fmt.Fprintf(&b, "%s %d %d %s %s\n", c.key, c.start, c.end, list(c.refs), list(c.names))
	}
	return b.Bytes()
}

func list(s []string) string {
	if len(s) == 0 {
		return "-"
	}
	return strings.Join(s, ",")
}

func unlist(s string) []string {
	if s == "-" {
		return nil
	}
	return strings.Split(s, ",")
}

// Reuse reads back the index of code that an earlier generation wrote. It
// returns nil for an index that does not describe code: one from another
// version, damaged, or of other code.
func Reuse(code, index []byte) *Formatted {
	sc := bufio.NewScanner(bytes.NewReader(index))
	sc.Buffer(nil, 1<<20)
	if !sc.Scan() || sc.Text() != indexHeader {
		return nil
	}
	f := &Formatted{Code: code}
	last := 0
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 5 || len(fields[0]) != 32 {
			return nil
		}
		start, err1 := strconv.Atoi(fields[1])
		end, err2 := strconv.Atoi(fields[2])
		if err1 != nil || err2 != nil || start < last || end < start || end > len(code) {
			return nil
		}
		last = end
		f.chunks = append(f.chunks, chunk{key: fields[0], start: start, end: end, refs: unlist(fields[3]), names: unlist(fields[4])})
	}
	if sc.Err() != nil {
		return nil
	}
	return f
}

// chunkPrefix is the package clause each chunk is formatted under.
const chunkPrefix = "package p\n\n"

// formatChunked formats src as formatGo does, chunk by chunk, reusing the
// chunks of prev (which may be nil) whose text is unchanged. It returns
// nil, nil when the file is not one it can cut (imports it must leave to
// goimports, chunks that do not parse alone): the caller formats it
// whole. The header line oapi-codegen writes is replaced by Header.
func formatChunked(name string, src []byte, prev *Formatted) (*Formatted, error) {
	fset := token.NewFileSet()
	hf, err := parser.ParseFile(fset, name, src, parser.ImportsOnly|parser.ParseComments)
	if err != nil {
		return nil, err
	}
	headerEnd := fset.Position(hf.Name.End()).Offset
	if n := len(hf.Decls); n > 0 {
		headerEnd = fset.Position(hf.Decls[n-1].End()).Offset
	}
	if i := bytes.IndexByte(src[headerEnd:], '\n'); i >= 0 {
		headerEnd += i + 1
	} else {
		headerEnd = len(src)
	}
	ranges := splitChunks(src, headerEnd)

	known := map[string]*chunk{}
	if prev != nil {
		for i := range prev.chunks {
			known[prev.chunks[i].key] = &prev.chunks[i]
		}
	}
	type part struct {
		chunk
		text []byte
		// again: the chunk has a doc comment that a second print
		// formats (see formatChunk).
		again bool
		err   error
	}
	parts := make([]part, len(ranges))
	var todo []int
	for i, r := range ranges {
		text := src[r[0]:r[1]]
		sum := sha256.Sum256(text)
		p := &parts[i]
		p.key = hex.EncodeToString(sum[:16])
		if c := known[p.key]; c != nil {
			p.text, p.refs, p.names, p.reused = prev.Code[c.start:c.end], c.refs, c.names, true
			continue
		}
		todo = append(todo, i)
	}
	par.Each(len(todo), func(j int) {
		p := &parts[todo[j]]
		r := ranges[todo[j]]
		p.text, p.refs, p.names, p.again, p.err = formatChunk(src[r[0]:r[1]])
	})
	refs := map[string]bool{}
	declared := map[string]bool{}
	for _, p := range parts {
		if p.err != nil {
			return nil, nil
		}
		for _, r := range p.refs {
			refs[r] = true
		}
		for _, n := range p.names {
			declared[n] = true
		}
	}
	for n := range declared {
		delete(refs, n)
	}
	// The header: the package clause and its comments, and the imports
	// the chunks need.
	hf, err = parser.ParseFile(fset, name, src[:headerEnd], parser.ParseComments)
	if err != nil {
		return nil, err
	}
	if !fixImports(fset, hf, refs, func(n string) bool { return declared[n] }) {
		return nil, nil
	}
	header, err := printTwice(fset, hf)
	if err != nil {
		return nil, err
	}
	// goimports prints twice, and go/printer formats a doc comment only
	// when it starts in the first column, as oapi-codegen's indented ones
	// do once printed: the chunks with such a comment are printed again.
	var again []int
	for _, i := range todo {
		if parts[i].again {
			again = append(again, i)
		}
	}
	par.Each(len(again), func(j int) {
		p := &parts[again[j]]
		p.text, p.err = reformat(p.text)
	})
	for _, i := range again {
		if parts[i].err != nil {
			return nil, nil
		}
	}
	out := &Formatted{Code: headerRe.ReplaceAll(header, []byte(Header)), chunks: make([]chunk, len(parts))}
	for i, p := range parts {
		out.Code = append(out.Code, '\n')
		c := p.chunk
		c.start = len(out.Code)
		if p.reused {
			out.Code = append(out.Code, p.text...)
		} else {
			out.Code = append(out.Code, headerRe.ReplaceAll(p.text, []byte(Header))...)
		}
		c.end = len(out.Code)
		out.chunks[i] = c
	}
	return out, nil
}

// printTwice prints f as goimports does: go/format's print (twice when
// the file has an import block in parentheses, which it takes as unsorted
// and sorts), then go/format's Source of that.
func printTwice(fset *token.FileSet, f *ast.File) ([]byte, error) {
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, err
	}
	if groupedImports(f) {
		return buf.Bytes(), nil // printed twice already; a third print changes nothing
	}
	return format.Source(buf.Bytes())
}

// groupedImports reports whether go/format prints f twice: when it has
// an import block in parentheses.
func groupedImports(f *ast.File) bool {
	for _, d := range f.Decls {
		if d, ok := d.(*ast.GenDecl); ok && d.Tok == token.IMPORT && d.Lparen.IsValid() {
			return true
		}
	}
	return false
}

// formatChunk formats one chunk by itself, and lists the package
// qualifiers it uses and the names it declares. again reports whether a
// second print would change it: go/printer formats a doc comment (its
// headings, its indented lines) only when the comment starts in the first
// column, which oapi-codegen's indented ones do only once printed.
func formatChunk(text []byte) (formatted []byte, refs, names []string, again bool, err error) {
	src := make([]byte, 0, len(chunkPrefix)+len(text))
	src = append(append(src, chunkPrefix...), text...)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments)
	if err != nil {
		return nil, nil, nil, false, err
	}
	if len(f.Imports) > 0 {
		return nil, nil, nil, false, fmt.Errorf("imports after the first declaration")
	}
	for r := range qualifiers(f) {
		refs = append(refs, r)
	}
	for n := range f.Scope.Objects {
		names = append(names, n)
	}
	sort.Strings(refs)
	sort.Strings(names)
	for _, d := range f.Decls {
		var doc *ast.CommentGroup
		switch d := d.(type) {
		case *ast.FuncDecl:
			doc = d.Doc
		case *ast.GenDecl:
			doc = d.Doc
		}
		// A doc comment is formatted when it and its declaration start
		// in the first column.
		if doc != nil && (fset.Position(doc.Pos()).Column != 1 || fset.Position(d.Pos()).Column != 1) {
			again = true
			break
		}
	}
	out, err := printChunk(fset, f)
	return out, refs, names, again, err
}

// reformat prints a formatted chunk again, as go/format's second print
// does.
func reformat(text []byte) ([]byte, error) {
	src := make([]byte, 0, len(chunkPrefix)+len(text))
	src = append(append(src, chunkPrefix...), text...)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	return printChunk(fset, f)
}

// printChunk prints a chunk parsed under chunkPrefix, without it.
func printChunk(fset *token.FileSet, f *ast.File) ([]byte, error) {
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, err
	}
	out, ok := bytes.CutPrefix(buf.Bytes(), []byte(chunkPrefix))
	if !ok {
		return nil, fmt.Errorf("chunk does not print after a package clause")
	}
	return out, nil
}

// qualifiers returns the identifiers of f used as package qualifiers:
// selectors on an identifier that the parser did not resolve to a
// declaration of the file.
func qualifiers(f *ast.File) map[string]bool {
	refs := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Obj == nil {
				refs[id.Name] = true
			}
		}
		return true
	})
	return refs
}

// splitChunks cuts src, from offset from, into the runs of lines between
// blank lines at the top level (outside brackets, comments and string
// literals), and returns their ranges; each ends after its last newline.
func splitChunks(src []byte, from int) [][2]int {
	const (
		code = iota
		lineComment
		blockComment
		str
		raw
		char
	)
	var out [][2]int
	state, depth := code, 0
	start := -1 // start of the current chunk, -1 between chunks
	lineStart := from
	blank := true // the line so far is blank
	for i := from; i < len(src); i++ {
		b := src[i]
		if b == '\n' {
			topLevel := (state == code || state == lineComment) && depth == 0
			if blank && topLevel {
				if start >= 0 {
					out = append(out, [2]int{start, lineStart})
					start = -1
				}
			} else if start < 0 {
				start = lineStart
			}
			if state == lineComment {
				state = code
			}
			lineStart, blank = i+1, true
			continue
		}
		if blank && b != ' ' && b != '\t' && b != '\r' {
			blank = false
		}
		switch state {
		case code:
			switch b {
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				depth--
			case '"':
				state = str
			case '`':
				state = raw
			case '\'':
				state = char
			case '/':
				if i+1 < len(src) && src[i+1] == '/' {
					state = lineComment
					i++
				} else if i+1 < len(src) && src[i+1] == '*' {
					state = blockComment
					i++
				}
			}
		case blockComment:
			if b == '*' && i+1 < len(src) && src[i+1] == '/' {
				state = code
				i++
			}
		case str, char:
			if b == '\\' {
				i++
			} else if (state == str && b == '"') || (state == char && b == '\'') {
				state = code
			}
		case raw:
			if b == '`' {
				state = code
			}
		}
	}
	switch {
	case !blank && start < 0:
		out = append(out, [2]int{lineStart, len(src)})
	case !blank:
		out = append(out, [2]int{start, len(src)})
	case start >= 0:
		out = append(out, [2]int{start, lineStart})
	}
	return out
}
