package jsonc

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth is the deepest nesting of objects and arrays accepted; it is the
// limit encoding/json applies, so validate and json.Valid agree.
const maxDepth = 10000

// syntaxError is a JSON syntax error at a byte offset.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

// ErrOffset returns the byte offset in the original input carried by an
// error from Repair or Index (also when wrapped), or -1 for any other error
// and for nil.
func ErrOffset(err error) int {
	var se *syntaxError
	if errors.As(err, &se) {
		return se.off
	}
	return -1
}

// Index parses strict JSON doc and returns the byte offset of the first byte
// of every value, keyed by RFC 6901 JSON pointer ("" for the root, "/a/0/b",
// with "~" written "~0" and "/" written "~1"), and for object members also
// the offset of the key's opening quote, keyed as pointer + "#key". Keys are
// decoded as encoding/json decodes them; when a key repeats, the last member
// wins, as with json.Unmarshal. A syntax error is returned as an error whose
// offset ErrOffset reports.
func Index(doc []byte) (map[string]int, error) {
	p := parser{data: doc, index: make(map[string]int)}
	if err := p.document(); err != nil {
		return nil, err
	}
	return p.index, nil
}

// validate reports the first syntax error in data, or nil when data is one
// JSON value that json.Valid accepts.
func validate(data []byte) error {
	p := parser{data: data}
	return p.document()
}

// parser is a strict recursive-descent JSON parser that accepts exactly what
// json.Valid accepts. With a nil index it only validates.
type parser struct {
	data  []byte
	pos   int
	depth int
	index map[string]int
}

func (p *parser) fail(off int, format string, args ...any) error {
	return &syntaxError{off: off, msg: fmt.Sprintf(format, args...)}
}

func (p *parser) eof() error {
	return p.fail(len(p.data), "unexpected end of input")
}

// unexpected reports the byte at p.pos, which does not fit context.
func (p *parser) unexpected(context string) error {
	return p.fail(p.pos, "invalid character %s %s", quoteChar(p.data[p.pos:]), context)
}

func (p *parser) skipWS() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) document() error {
	p.skipWS()
	if err := p.value(""); err != nil {
		return err
	}
	p.skipWS()
	if p.pos < len(p.data) {
		return p.unexpected("after top-level value")
	}
	return nil
}

// value parses the value starting at p.pos, whose pointer is ptr.
func (p *parser) value(ptr string) error {
	if p.pos >= len(p.data) {
		return p.eof()
	}
	if p.index != nil {
		p.index[ptr] = p.pos
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(ptr)
	case c == '[':
		return p.array(ptr)
	case c == '"':
		_, err := p.str()
		return err
	case c == 't':
		return p.literal("true")
	case c == 'f':
		return p.literal("false")
	case c == 'n':
		return p.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	default:
		return p.unexpected("looking for beginning of value")
	}
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.fail(p.pos, "exceeded max nesting depth %d", maxDepth)
	}
	return nil
}

func (p *parser) object(ptr string) error {
	if err := p.enter(); err != nil {
		return err
	}
	p.pos++ // '{'
	p.skipWS()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		p.depth--
		return nil
	}
	for {
		if p.pos >= len(p.data) {
			return p.eof()
		}
		if p.data[p.pos] != '"' {
			return p.unexpected("looking for beginning of object key string")
		}
		keyOff := p.pos
		escaped, err := p.str()
		if err != nil {
			return err
		}
		var child string
		if p.index != nil {
			key := decodeString(p.data[keyOff+1:p.pos-1], escaped)
			child = ptr + "/" + escapeToken(key)
			p.index[child+"#key"] = keyOff
		}
		p.skipWS()
		if p.pos >= len(p.data) {
			return p.eof()
		}
		if p.data[p.pos] != ':' {
			return p.unexpected("after object key")
		}
		p.pos++
		p.skipWS()
		if err := p.value(child); err != nil {
			return err
		}
		p.skipWS()
		if p.pos >= len(p.data) {
			return p.eof()
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			p.skipWS()
		case '}':
			p.pos++
			p.depth--
			return nil
		case '"':
			return p.unexpected("after object key:value pair (missing comma?)")
		default:
			return p.unexpected("after object key:value pair")
		}
	}
}

func (p *parser) array(ptr string) error {
	if err := p.enter(); err != nil {
		return err
	}
	p.pos++ // '['
	p.skipWS()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		p.depth--
		return nil
	}
	for i := 0; ; i++ {
		var child string
		if p.index != nil {
			child = ptr + "/" + strconv.Itoa(i)
		}
		if err := p.value(child); err != nil {
			return err
		}
		p.skipWS()
		if p.pos >= len(p.data) {
			return p.eof()
		}
		switch c := p.data[p.pos]; c {
		case ',':
			p.pos++
			p.skipWS()
		case ']':
			p.pos++
			p.depth--
			return nil
		case '{', '[', '"', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 't', 'f', 'n':
			return p.unexpected("after array element (missing comma?)")
		default:
			return p.unexpected("after array element")
		}
	}
}

// str parses the string whose opening quote is at p.pos and leaves p.pos
// after its closing quote. It reports whether the string has escapes.
func (p *parser) str() (escaped bool, err error) {
	start := p.pos
	p.pos++
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return escaped, nil
		case c == '\\':
			escaped = true
			if p.pos+1 >= len(p.data) {
				return escaped, p.fail(start, "unterminated string")
			}
			switch e := p.data[p.pos+1]; e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.pos += 2
			case 'u':
				for k := p.pos + 2; k < p.pos+6; k++ {
					if k >= len(p.data) {
						return escaped, p.fail(start, "unterminated string")
					}
					if !isHex(p.data[k]) {
						return escaped, p.fail(k, "invalid character %s in \\u hexadecimal character escape", quoteChar(p.data[k:]))
					}
				}
				p.pos += 6
			default:
				return escaped, p.fail(p.pos+1, "invalid character %s in string escape code", quoteChar(p.data[p.pos+1:]))
			}
		case c < 0x20:
			return escaped, p.fail(p.pos, "invalid control character %s in string", quoteChar(p.data[p.pos:]))
		default:
			p.pos++
		}
	}
	return escaped, p.fail(start, "unterminated string")
}

func (p *parser) literal(word string) error {
	for i := 1; i < len(word); i++ {
		k := p.pos + i
		if k >= len(p.data) {
			return p.eof()
		}
		if p.data[k] != word[i] {
			return p.fail(k, "invalid character %s in literal %s (expecting '%c')", quoteChar(p.data[k:]), word, word[i])
		}
	}
	p.pos += len(word)
	return nil
}

func (p *parser) number() error {
	if p.data[p.pos] == '-' {
		p.pos++
	}
	if err := p.digit("in numeric literal"); err != nil {
		return err
	}
	if p.data[p.pos] == '0' {
		p.pos++
	} else {
		p.digits()
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if err := p.digit("after decimal point in numeric literal"); err != nil {
			return err
		}
		p.digits()
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if err := p.digit("in exponent of numeric literal"); err != nil {
			return err
		}
		p.digits()
	}
	return nil
}

// digit checks that a digit is at p.pos without consuming it.
func (p *parser) digit(context string) error {
	if p.pos >= len(p.data) {
		return p.eof()
	}
	if c := p.data[p.pos]; c < '0' || c > '9' {
		return p.unexpected(context)
	}
	return nil
}

func (p *parser) digits() {
	for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
		p.pos++
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexVal(c byte) rune {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0')
	case c >= 'a' && c <= 'f':
		return rune(c - 'a' + 10)
	default:
		return rune(c - 'A' + 10)
	}
}

// hex4 decodes the four hex digits at b[i:i+4], which are known to be valid.
func hex4(b []byte, i int) rune {
	return hexVal(b[i])<<12 | hexVal(b[i+1])<<8 | hexVal(b[i+2])<<4 | hexVal(b[i+3])
}

// quoteChar renders the character at the start of b for an error message.
func quoteChar(b []byte) string {
	r, size := utf8.DecodeRune(b)
	if r == utf8.RuneError && size <= 1 {
		return fmt.Sprintf("'\\x%02x'", b[0])
	}
	return strconv.QuoteRune(r)
}

// decodeString decodes the raw content of a string that the parser accepted,
// as encoding/json does: escapes are resolved, and invalid UTF-8 and unpaired
// surrogates become U+FFFD.
func decodeString(raw []byte, escaped bool) string {
	if !escaped && utf8.Valid(raw) {
		return string(raw)
	}
	buf := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\':
			e := raw[i+1]
			i += 2
			switch e {
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r := hex4(raw, i)
				i += 4
				if utf16.IsSurrogate(r) {
					dec := utf8.RuneError
					if i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
						if d := utf16.DecodeRune(r, hex4(raw, i+2)); d != utf8.RuneError {
							dec = d
							i += 6
						}
					}
					r = dec
				}
				buf = utf8.AppendRune(buf, r)
			default: // '"', '\\', '/'
				buf = append(buf, e)
			}
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size == 1 {
				buf = utf8.AppendRune(buf, utf8.RuneError)
			} else {
				buf = append(buf, raw[i:i+size]...)
			}
			i += size
		}
	}
	return string(buf)
}

// tokenEscaper escapes a reference token as RFC 6901 requires.
var tokenEscaper = strings.NewReplacer("~", "~0", "/", "~1")

func escapeToken(key string) string {
	if !strings.ContainsAny(key, "~/") {
		return key
	}
	return tokenEscaper.Replace(key)
}
