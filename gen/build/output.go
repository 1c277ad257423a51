package build

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// MarshalJSON renders a document as indented JSON with a final newline.
// Map keys come out sorted, so the bytes depend only on the content.
func MarshalJSON(doc *openapi3.T) ([]byte, error) {
	b, err := marshalDoc(doc)
	if err != nil {
		return nil, err
	}
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
	b, err := marshalDoc(doc)
	if err != nil {
		return nil, err
	}
	return JSONToYAML(b)
}

// marshalDoc is json.Marshal(doc), byte for byte, with the two large parts
// (paths and components) encoded on two cores: kin-openapi's encoders
// build and re-compact maps at every level, which made this the largest
// single cost of a corpus build.
func marshalDoc(doc *openapi3.T) ([]byte, error) {
	if doc.Paths == nil || doc.Components == nil {
		return json.Marshal(doc)
	}
	if len(doc.Paths.Extensions) > 0 {
		return json.Marshal(doc)
	}
	var comps []byte
	var cerr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		comps, cerr = json.Marshal(doc.Components)
	}()
	paths, err := marshalPaths(doc.Paths)
	<-done
	if err != nil {
		return nil, err
	}
	if cerr != nil {
		return nil, cerr
	}
	shallow := *doc
	shallow.Paths = openapi3.NewPaths()
	shallow.Components = &openapi3.Components{}
	top, err := json.Marshal(&shallow)
	if err != nil {
		return nil, err
	}
	// The placeholders occur once each at the top level: inside strings
	// their quotes would be escaped.
	out, ok := splice(top, `"paths":{}`, `"paths":`, paths)
	if ok {
		out, ok = splice(out, `"components":{}`, `"components":`, comps)
	}
	if !ok {
		return json.Marshal(doc)
	}
	return out, nil
}

// marshalPaths encodes the paths object as encoding/json would (sorted,
// escaped keys; compact values), its items on all cores.
func marshalPaths(paths *openapi3.Paths) ([]byte, error) {
	m := paths.Map()
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	items := make([][]byte, len(keys))
	errs := make([]error, len(keys))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				items[i], errs[i] = json.Marshal(m[keys[i]])
			}
		}()
	}
	for i := range keys {
		next <- i
	}
	close(next)
	wg.Wait()
	var out bytes.Buffer
	out.WriteByte('{')
	for i, k := range keys {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if i > 0 {
			out.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		out.Write(kb)
		out.WriteByte(':')
		out.Write(items[i])
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}

func splice(doc []byte, placeholder, key string, value []byte) ([]byte, bool) {
	i := bytes.Index(doc, []byte(placeholder))
	if i < 0 || bytes.Count(doc, []byte(placeholder)) != 1 {
		return nil, false
	}
	out := make([]byte, 0, len(doc)+len(value))
	out = append(out, doc[:i]...)
	out = append(out, key...)
	out = append(out, value...)
	return append(out, doc[i+len(placeholder):]...), true
}

// JSONToYAML converts one JSON document to block YAML.
func JSONToYAML(data []byte) ([]byte, error) {
	y := &yamlWriter{dec: json.NewDecoder(bytes.NewReader(data))}
	y.dec.UseNumber()
	y.out.Grow(len(data))
	t, err := y.dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := t.(json.Delim); ok && d == '{' && y.dec.More() {
		if err := y.mapping(0, false); err != nil {
			return nil, err
		}
	} else if err := y.value(t, 0, false); err != nil {
		return nil, err
	}
	if _, err := y.dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("trailing data after the JSON document")
	}
	out := y.out.Bytes()
	if len(out) > 0 && out[0] == ' ' { // a scalar or empty root
		out = out[1:]
	}
	return out, nil
}

type yamlWriter struct {
	dec *json.Decoder
	out bytes.Buffer
}

func (y *yamlWriter) indent(n int) {
	for i := 0; i < n; i++ {
		y.out.WriteByte(' ')
	}
}

// value writes a value whose first token is t, right after "key:" or
// "-" (afterDash). Nested blocks go below, indented to indent.
func (y *yamlWriter) value(t json.Token, indent int, afterDash bool) error {
	switch v := t.(type) {
	case json.Delim:
		empty := !y.dec.More()
		switch {
		case v == '{' && empty:
			y.out.WriteString(" {}\n")
			_, err := y.dec.Token()
			return err
		case v == '[' && empty:
			y.out.WriteString(" []\n")
			_, err := y.dec.Token()
			return err
		case v == '{':
			if afterDash {
				y.out.WriteByte(' ')
			} else {
				y.out.WriteByte('\n')
			}
			return y.mapping(indent, afterDash)
		case v == '[':
			y.out.WriteByte('\n')
			return y.sequence(indent)
		}
		return fmt.Errorf("unexpected %v", v)
	case string:
		y.out.WriteByte(' ')
		y.scalar(v)
	case json.Number:
		y.out.WriteByte(' ')
		y.out.WriteString(v.String())
	case bool:
		if v {
			y.out.WriteString(" true")
		} else {
			y.out.WriteString(" false")
		}
	case nil:
		y.out.WriteString(" null")
	}
	y.out.WriteByte('\n')
	return nil
}

// mapping writes the members of an object whose "{" was read; the first
// key continues the current line when it follows "- ".
func (y *yamlWriter) mapping(indent int, continueLine bool) error {
	first := true
	for y.dec.More() {
		kt, err := y.dec.Token()
		if err != nil {
			return err
		}
		if !first || !continueLine {
			y.indent(indent)
		}
		first = false
		y.scalar(kt.(string))
		y.out.WriteByte(':')
		vt, err := y.dec.Token()
		if err != nil {
			return err
		}
		if err := y.value(vt, indent+2, false); err != nil {
			return err
		}
	}
	_, err := y.dec.Token() // "}"
	return err
}

// sequence writes the items of an array whose "[" was read.
func (y *yamlWriter) sequence(indent int) error {
	for y.dec.More() {
		t, err := y.dec.Token()
		if err != nil {
			return err
		}
		y.indent(indent)
		y.out.WriteByte('-')
		if d, ok := t.(json.Delim); ok && d == '[' && y.dec.More() {
			// A list in a list: "-" alone, the inner items below it.
			y.out.WriteByte('\n')
			if err := y.sequence(indent + 2); err != nil {
				return err
			}
			continue
		}
		if err := y.value(t, indent+2, true); err != nil {
			return err
		}
	}
	_, err := y.dec.Token() // "]"
	return err
}

// scalar writes a string plain when that reads back as the same string,
// else double-quoted.
func (y *yamlWriter) scalar(s string) {
	if plainSafe(s) {
		y.out.WriteString(s)
		return
	}
	y.out.WriteByte('"')
	for _, r := range s { // invalid UTF-8 comes out as U+FFFD, as in JSON
		switch {
		case r == '"':
			y.out.WriteString(`\"`)
		case r == '\\':
			y.out.WriteString(`\\`)
		case r == '\n':
			y.out.WriteString(`\n`)
		case r == '\t':
			y.out.WriteString(`\t`)
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

// plainSafe is deliberately conservative: printable ASCII, no indicator
// at the start, no ": " or " #", and nothing YAML would read as another
// type (numbers, dates, booleans, null, .inf).
func plainSafe(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' || s[len(s)-1] == ':' {
		return false
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`<=.~+0123456789", rune(s[0])) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "null", "yes", "no", "on", "off", "y", "n":
		return false
	}
	return true
}
