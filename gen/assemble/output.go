package assemble

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/docs2openapi/docs2openapi/gen/internal/par"
	"github.com/getkin/kin-openapi/openapi3"
)

// MarshalJSON renders a document as indented JSON with a final newline.
// Map keys come out sorted, so the bytes depend only on the content.
func MarshalJSON(doc *openapi3.T) ([]byte, error) {
	b, _, err := marshalDoc(doc)
	if err != nil {
		return nil, err
	}
	return indentJSON(b)
}

// indentJSON indents compact JSON and ends it with a newline.
func indentJSON(b []byte) ([]byte, error) {
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// MarshalYAML renders a document as block YAML in the key order of
// MarshalJSON. It writes YAML straight from the JSON token stream: the
// document is JSON-shaped (maps, lists, strings, numbers, booleans), and
// yaml.v3's emitter, which buffers every event of the document, took half
// of a corpus build. Strings are written plain only when YAML reads them
// back as the same string; otherwise double-quoted with JSON's escapes,
// which YAML's double-quoted style shares.
func MarshalYAML(doc *openapi3.T) ([]byte, error) {
	b, _, err := marshalDoc(doc)
	if err != nil {
		return nil, err
	}
	// marshalDoc's bytes are json.Marshal's, valid JSON by construction.
	return jsonToYAML(b)
}

// marshalDoc is json.Marshal(doc), byte for byte, with the two large parts
// (paths and components) encoded on two cores: kin-openapi's encoders
// build and re-compact maps at every level, which made this the largest
// single cost of a corpus build.
func marshalDoc(doc *openapi3.T) ([]byte, *JSONParts, error) {
	whole := func() ([]byte, *JSONParts, error) {
		b, err := json.Marshal(doc)
		return b, nil, err
	}
	if doc.Paths == nil || doc.Components == nil {
		return whole()
	}
	if len(doc.Paths.Extensions) > 0 {
		return whole()
	}
	var comps []byte
	var cerr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		comps, cerr = encodeJSON(nil, doc.Components)
	}()
	paths, keys, items, err := marshalPaths(doc.Paths)
	<-done
	if err != nil {
		return nil, nil, err
	}
	if cerr != nil {
		return nil, nil, cerr
	}
	shallow := *doc
	shallow.Paths = openapi3.NewPaths()
	shallow.Components = &openapi3.Components{}
	top, err := json.Marshal(&shallow)
	if err != nil {
		return nil, nil, err
	}
	// The placeholders occur once each at the top level: inside strings
	// their quotes would be escaped.
	pi, ci := placeholder(top, `"paths":{}`), placeholder(top, `"components":{}`)
	if pi < 0 || ci < 0 {
		return whole()
	}
	out := make([]byte, 0, len(top)+len(paths)+len(comps))
	var pathsAt, compsAt int
	holes := []struct {
		at    int
		key   string
		value []byte
		dst   *int
	}{{pi, `"paths":`, paths, &pathsAt}, {ci, `"components":`, comps, &compsAt}}
	if ci < pi {
		holes[0], holes[1] = holes[1], holes[0]
	}
	last := 0
	for _, h := range holes {
		out = append(append(out, top[last:h.at]...), h.key...)
		*h.dst = len(out)
		out = append(out, h.value...)
		last = h.at + len(h.key) + len("{}")
	}
	out = append(out, top[last:]...)
	parts := &JSONParts{Paths: make(map[string]json.RawMessage, len(keys))}
	if err := json.Unmarshal(top, &parts.Top); err != nil {
		return nil, nil, err
	}
	parts.Top["paths"] = out[pathsAt : pathsAt+len(paths)]
	parts.Top["components"] = out[compsAt : compsAt+len(comps)]
	for i, k := range keys {
		parts.Paths[k] = out[pathsAt+items[i][0] : pathsAt+items[i][1]]
	}
	return out, parts, nil
}

// JSONParts is the document's JSON (Result.JSON) cut into its members and
// the items of its paths, for a caller that copies parts of the spec. The
// parts are slices of the JSON: they must not be changed.
type JSONParts struct {
	Top   map[string]json.RawMessage // member name → value
	Paths map[string]json.RawMessage // path → path item
}

// placeholder returns where p occurs in top, if exactly once.
func placeholder(top []byte, p string) int {
	if bytes.Count(top, []byte(p)) != 1 {
		return -1
	}
	return bytes.Index(top, []byte(p))
}

// marshalPaths encodes the paths object as encoding/json would (sorted,
// escaped keys; compact values), its items on all cores.
func marshalPaths(paths *openapi3.Paths) (out []byte, keys []string, at [][2]int, err error) {
	m := paths.Map()
	keys = make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	items := make([][]byte, len(keys))
	errs := make([]error, len(keys))
	par.Each(len(keys), func(i int) {
		items[i], errs[i] = encodeJSON(nil, m[keys[i]])
	})
	n := 2
	for i, k := range keys {
		if errs[i] != nil {
			return nil, nil, nil, errs[i]
		}
		n += len(k) + len(items[i]) + 4
	}
	out = make([]byte, 0, n)
	at = make([][2]int, len(keys))
	out = append(out, '{')
	for i, k := range keys {
		if i > 0 {
			out = append(out, ',')
		}
		kb, _ := json.Marshal(k)
		out = append(append(out, kb...), ':')
		at[i][0] = len(out)
		out = append(out, items[i]...)
		at[i][1] = len(out)
	}
	return append(out, '}'), keys, at, nil
}

// JSONToYAML converts one JSON document to block YAML. It scans the JSON
// bytes itself rather than through json.Decoder's tokens, which allocate
// for every token of a multi-megabyte spec.
func JSONToYAML(data []byte) ([]byte, error) {
	if !json.Valid(data) {
		return nil, fmt.Errorf("not valid JSON")
	}
	return jsonToYAML(data)
}

// jsonToYAML is JSONToYAML of data known to be valid JSON.
func jsonToYAML(data []byte) ([]byte, error) {
	y := &yamlWriter{in: data}
	y.out.Grow(len(data) + len(data)/2) // indentation makes YAML the longer
	y.ws()
	if y.peek() == '{' {
		y.pos++
		y.ws()
		if y.peek() != '}' {
			if err := y.mapping(0, false); err != nil {
				return nil, err
			}
			return y.out.Bytes(), nil
		}
		y.pos = 0
		y.ws()
	}
	if err := y.value(0, false); err != nil {
		return nil, err
	}
	out := y.out.Bytes()
	if len(out) > 0 && out[0] == ' ' { // a scalar or empty root
		out = out[1:]
	}
	return out, nil
}

// yamlWriter walks valid JSON (checked by the caller) and writes YAML.
type yamlWriter struct {
	in  []byte
	pos int
	out bytes.Buffer
}

func (y *yamlWriter) peek() byte {
	if y.pos < len(y.in) {
		return y.in[y.pos]
	}
	return 0
}

func (y *yamlWriter) ws() {
	for y.pos < len(y.in) {
		switch y.in[y.pos] {
		case ' ', '\t', '\n', '\r':
			y.pos++
		default:
			return
		}
	}
}

const spaces = "                                                                "

func (y *yamlWriter) indent(n int) {
	for ; n > len(spaces); n -= len(spaces) {
		y.out.WriteString(spaces)
	}
	y.out.WriteString(spaces[:n])
}

// str reads the string at pos. Unless it has escapes, it is a slice of the
// input.
func (y *yamlWriter) str() ([]byte, error) {
	start := y.pos
	esc := false
	for y.pos++; y.pos < len(y.in); y.pos++ {
		switch y.in[y.pos] {
		case '\\':
			esc = true
			y.pos++
		case '"':
			y.pos++
			raw := y.in[start:y.pos]
			if !esc {
				return raw[1 : len(raw)-1], nil
			}
			var s string
			err := json.Unmarshal(raw, &s)
			return []byte(s), err
		}
	}
	return nil, fmt.Errorf("unterminated string")
}

// value writes the value at pos, right after "key:" or "-" (afterDash).
// Nested blocks go below, indented to indent.
func (y *yamlWriter) value(indent int, afterDash bool) error {
	switch c := y.peek(); c {
	case '{', '[':
		y.pos++
		y.ws()
		if y.peek() == '}' || y.peek() == ']' {
			y.pos++
			if c == '{' {
				y.out.WriteString(" {}\n")
			} else {
				y.out.WriteString(" []\n")
			}
			return nil
		}
		if c == '[' {
			y.out.WriteByte('\n')
			return y.sequence(indent)
		}
		if afterDash {
			y.out.WriteByte(' ')
		} else {
			y.out.WriteByte('\n')
		}
		return y.mapping(indent, afterDash)
	case '"':
		s, err := y.str()
		if err != nil {
			return err
		}
		y.out.WriteByte(' ')
		y.scalar(s)
	default: // number, true, false, null: copied as written
		start := y.pos
		for y.pos < len(y.in) && !strings.ContainsRune(",}] \t\n\r", rune(y.in[y.pos])) {
			y.pos++
		}
		if tok := string(y.in[start:y.pos]); tok != "" && tok[0] != 't' && tok[0] != 'f' && tok[0] != 'n' && !floatFits(tok) {
			// encoding/json refuses it too; YAML would read it as .inf.
			return fmt.Errorf("number %s is out of the range of a 64-bit float", clip(tok))
		}
		y.out.WriteByte(' ')
		y.out.Write(y.in[start:y.pos])
	}
	y.out.WriteByte('\n')
	return nil
}

// mapping writes the members of an object whose "{" was read; the first
// key continues the current line when it follows "- ".
func (y *yamlWriter) mapping(indent int, continueLine bool) error {
	for first := true; ; first = false {
		y.ws()
		key, err := y.str()
		if err != nil {
			return err
		}
		if !first || !continueLine {
			y.indent(indent)
		}
		y.scalar(key)
		y.out.WriteByte(':')
		y.ws()
		y.pos++ // ':'
		y.ws()
		if err := y.value(indent+2, false); err != nil {
			return err
		}
		y.ws()
		if y.peek() == ',' {
			y.pos++
			continue
		}
		y.pos++ // '}'
		return nil
	}
}

// sequence writes the items of an array whose "[" was read.
func (y *yamlWriter) sequence(indent int) error {
	for {
		y.ws()
		y.indent(indent)
		y.out.WriteByte('-')
		if y.peek() == '[' {
			save := y.pos
			y.pos++
			y.ws()
			if y.peek() != ']' {
				// A list in a list: "-" alone, the inner items below it.
				y.out.WriteByte('\n')
				if err := y.sequence(indent + 2); err != nil {
					return err
				}
			} else {
				y.pos = save
				if err := y.value(indent+2, true); err != nil {
					return err
				}
			}
		} else if err := y.value(indent+2, true); err != nil {
			return err
		}
		y.ws()
		if y.peek() == ',' {
			y.pos++
			continue
		}
		y.pos++ // ']'
		return nil
	}
}

// scalar writes a string plain when that reads back as the same string,
// else double-quoted.
func (y *yamlWriter) scalar(s []byte) {
	if plainSafe(s) {
		y.out.Write(s)
		return
	}
	y.out.WriteByte('"')
	for len(s) > 0 { // invalid UTF-8 comes out as U+FFFD, as in JSON
		r, size := utf8.DecodeRune(s)
		s = s[size:]
		switch {
		case r == '"':
			y.out.WriteString(`\"`)
		case r == '\\':
			y.out.WriteString(`\\`)
		case r == '\n':
			y.out.WriteString(`\n`)
		case r == '\t':
			y.out.WriteString(`\t`)
		case r == 0x85 || r == 0x2028 || r == 0x2029:
			// Printable, but line breaks to YAML, which would fold
			// them into a space.
			fmt.Fprintf(&y.out, `\u%04x`, r)
		case yamlPrintable(r):
			y.out.WriteRune(r)
		case r > 0xFFFF:
			fmt.Fprintf(&y.out, `\U%08x`, r)
		default:
			fmt.Fprintf(&y.out, `\u%04x`, r)
		}
	}
	y.out.WriteByte('"')
}

// yamlPrintable reports whether YAML allows r as it is in a stream.
func yamlPrintable(r rune) bool {
	return r >= 0x20 && r <= 0x7E || r == 0x85 || r >= 0xA0 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF || r >= 0x10000 && r <= 0x10FFFF
}

// notPlainFirst marks the bytes a plain scalar may not start with: YAML's
// indicators, and what would make it read as a number.
var notPlainFirst = func() (t [256]bool) {
	for _, c := range []byte("-?:,[]{}#&*!|>'\"%@`<=.~+0123456789") {
		t[c] = true
	}
	return t
}()

// plainSafe is deliberately conservative: printable ASCII, no indicator
// at the start, no ": " or " #", and nothing YAML would read as another
// type (numbers, dates, booleans, null, .inf).
func plainSafe(s []byte) bool {
	if len(s) == 0 || s[0] == ' ' || s[len(s)-1] == ' ' || s[len(s)-1] == ':' || notPlainFirst[s[0]] {
		return false
	}
	for i, c := range s {
		if c < 0x20 || c > 0x7e {
			return false
		}
		if i+1 < len(s) && (c == ':' && s[i+1] == ' ' || c == ' ' && s[i+1] == '#') {
			return false // ": " starts a mapping value, " #" a comment
		}
	}
	if len(s) <= len("false") {
		for _, w := range [...]string{"true", "false", "null", "yes", "no", "on", "off", "y", "n"} {
			if bytes.EqualFold(s, []byte(w)) {
				return false
			}
		}
	}
	return true
}
