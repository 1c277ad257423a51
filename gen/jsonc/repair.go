// Package jsonc reads the almost-JSON found in documentation examples.
//
// Repair turns common defects (comments, trailing commas, raw control
// characters in strings, smart quotes, "..." placeholder lines) into strict
// JSON and reports each repair at its byte offset in the original text.
// Index maps JSON pointers to byte offsets so diagnostics about a value can
// point at its line and column.
package jsonc

import (
	"bytes"
	"errors"
	"sort"
	"strings"
)

// Fix codes, one per kind of repair.
const (
	// CodeTrailingComma marks a comma removed before '}' or ']'.
	CodeTrailingComma = "JSON_TRAILING_COMMA"
	// CodeComment marks a removed // or /* */ comment.
	CodeComment = "JSON_COMMENT"
	// CodeControlChar marks a raw control character escaped inside a string.
	CodeControlChar = "JSON_CONTROL_CHAR"
	// CodeSmartQuotes marks a string whose “smart” delimiters became '"'.
	CodeSmartQuotes = "JSON_SMART_QUOTES"
	// CodeEllipsis marks a removed "..." or "…" placeholder.
	CodeEllipsis = "JSON_ELLIPSIS"
)

// Fix is one repair made to make the input strict JSON.
type Fix struct {
	Offset int    // byte offset in the original input where the defect starts
	Code   string // stable UPPER_SNAKE code, one of the Code* constants
	Msg    string // lower-case message, no final period, e.g. "trailing comma removed"
}

// Repair returns src rewritten as strict JSON (if needed), the repairs made,
// in order of offset, and an origin function mapping a byte offset in out
// back to the offset in src. When src is already valid JSON it returns src
// itself, no fixes, and the identity mapping. If the result still is not
// valid JSON, err describes the first syntax error and ErrOffset(err) gives
// its offset in src; out, fixes and origin are returned all the same.
//
// The repairs are: // and /* */ comments outside strings are removed; a
// comma followed (after whitespace and comments) by '}' or ']' is removed;
// raw control characters inside strings are escaped; “ and ” used as string
// delimiters become '"'; a "..." or "…" placeholder standing for elements or
// members (after '[', '{' or ',' and before ',', ']' or '}') is removed with
// its comma, and the whole line when it is alone on its line. Nothing else
// inside a string is changed. origin maps offsets below 0 to 0 and offsets
// at or past len(out) to len(src); a byte that a repair inserted maps to the
// start of the defect it repairs. Repair runs in time linear in len(src).
func Repair(src []byte) (out []byte, fixes []Fix, origin func(int) int, err error) {
	verr := validate(src)
	if verr == nil {
		return src, nil, identity(len(src)), nil
	}
	l := lexer{src: src}
	l.lex()
	l.markDrops()
	edits, fixes := l.collect()
	if len(edits) == 0 {
		out, origin = src, identity(len(src))
	} else {
		out, origin = apply(src, edits)
		verr = validate(out)
	}
	if verr != nil {
		var se *syntaxError
		errors.As(verr, &se)
		err = &syntaxError{off: origin(se.off), msg: se.msg}
	}
	return out, fixes, origin, err
}

func identity(n int) func(int) int {
	return func(o int) int { return min(max(o, 0), n) }
}

// edit replaces src[start:end] with repl. A non-empty code records a Fix at
// fixOff.
type edit struct {
	start, end int
	repl       string
	code, msg  string
	fixOff     int
}

type tokKind uint8

const (
	tkPunct    tokKind = iota // one of { } [ ] : ,
	tkString                  // a string, possibly with smart quotes
	tkLiteral                 // anything else: numbers, true, false, null, junk
	tkEllipsis                // ... or …
	tkComment                 // // or /* */ comment
)

type dropKind uint8

const (
	keep           dropKind = iota
	dropTrailing            // a trailing comma
	dropEllipsis            // an ellipsis placeholder
	dropByEllipsis          // a comma that goes with a removed ellipsis
)

type token struct {
	kind       tokKind
	punct      byte
	drop       dropKind
	start, end int
	e0, e1     int    // the token's edits are lexer.edits[e0:e1] (strings)
	msg        string // comments
}

type lexer struct {
	src   []byte
	toks  []token
	edits []edit // edits inside strings, in order
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// at reports whether src[i:] starts with the three-byte UTF-8 sequence
// E2 80 x.
func (l *lexer) at(i int, x byte) bool {
	return i+2 < len(l.src) && l.src[i] == 0xE2 && l.src[i+1] == 0x80 && l.src[i+2] == x
}

// smartQuote reports whether “ (U+201C) or ” (U+201D) starts at i.
func (l *lexer) smartQuote(i int) bool { return l.at(i, 0x9C) || l.at(i, 0x9D) }

// ellipsisChar reports whether … (U+2026) starts at i.
func (l *lexer) ellipsisChar(i int) bool { return l.at(i, 0xA6) }

// lex splits src into tokens; whitespace is left between them.
func (l *lexer) lex() {
	src, n := l.src, len(l.src)
	for i := 0; i < n; {
		c := src[i]
		switch {
		case isSpace(c):
			i++
		case c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',':
			l.toks = append(l.toks, token{kind: tkPunct, punct: c, start: i, end: i + 1})
			i++
		case c == '"':
			i = l.str(i, false)
		case c == '/' && i+1 < n && src[i+1] == '/':
			end := n
			if k := bytes.IndexByte(src[i+2:], '\n'); k >= 0 {
				end = i + 2 + k
			}
			l.toks = append(l.toks, token{kind: tkComment, start: i, end: end, msg: "line comment removed"})
			i = end
		case c == '/' && i+1 < n && src[i+1] == '*':
			end, msg := n, "unterminated block comment removed"
			if k := bytes.Index(src[i+2:], []byte("*/")); k >= 0 {
				end, msg = i+2+k+2, "block comment removed"
			}
			l.toks = append(l.toks, token{kind: tkComment, start: i, end: end, msg: msg})
			i = end
		case c == '.' && i+2 < n && src[i+1] == '.' && src[i+2] == '.':
			end := i + 3
			for end < n && src[end] == '.' {
				end++
			}
			l.toks = append(l.toks, token{kind: tkEllipsis, start: i, end: end})
			i = end
		case l.ellipsisChar(i):
			l.toks = append(l.toks, token{kind: tkEllipsis, start: i, end: i + 3})
			i += 3
		case l.smartQuote(i):
			i = l.str(i, true)
		default:
			i = l.literal(i)
		}
	}
}

// literal scans a run of bytes that starts no other token.
func (l *lexer) literal(i int) int {
	src, n := l.src, len(l.src)
	j := i + 1
	for ; j < n; j++ {
		c := src[j]
		if isSpace(c) || c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',' || c == '"' {
			break
		}
		if c == '/' && j+1 < n && (src[j+1] == '/' || src[j+1] == '*') {
			break
		}
		if c == 0xE2 && (l.smartQuote(j) || l.ellipsisChar(j)) {
			break
		}
	}
	l.toks = append(l.toks, token{kind: tkLiteral, start: i, end: j})
	return j
}

// controlEscapes holds the escape written for each raw control character.
var controlEscapes = func() (t [0x20]string) {
	const hex = "0123456789abcdef"
	for c := range t {
		t[c] = `\u00` + string(hex[c>>4]) + string(hex[c&0xF])
	}
	t['\t'], t['\n'], t['\r'] = `\t`, `\n`, `\r`
	return t
}()

// controlMsgs holds the fix message for each raw control character.
var controlMsgs = func() (t [0x20]string) {
	const hex = "0123456789abcdef"
	for c := range t {
		t[c] = "raw control character 0x" + string(hex[c>>4]) + string(hex[c&0xF]) + " in string escaped"
	}
	t['\t'] = "raw tab in string escaped"
	t['\n'] = "raw newline in string escaped"
	t['\r'] = "raw carriage return in string escaped"
	return t
}()

// str scans the string whose opening quote starts at start and returns the
// offset after it. A smart-quoted string ends at the next “, ” or '"'.
// Control characters are escaped only when the string is terminated and what
// follows it can follow a string; otherwise the string most likely lacks its
// closing quote, and leaving the control character in place makes the syntax
// error point at the line where the quote is missing.
func (l *lexer) str(start int, smart bool) int {
	src, n := l.src, len(l.src)
	e0 := len(l.edits)
	j := start + 1
	if smart {
		j = start + 3
		l.edits = append(l.edits, edit{start: start, end: j, repl: `"`,
			code: CodeSmartQuotes, msg: "smart quotes replaced with straight quotes", fixOff: start})
	}
	closed, controls := false, false
loop:
	for j < n {
		c := src[j]
		switch {
		case c == '"':
			j++
			closed = true
			break loop
		case smart && l.smartQuote(j):
			l.edits = append(l.edits, edit{start: j, end: j + 3, repl: `"`})
			j += 3
			closed = true
			break loop
		case c == '\\':
			j += 2
		case c < 0x20:
			controls = true
			l.edits = append(l.edits, edit{start: j, end: j + 1, repl: controlEscapes[c],
				code: CodeControlChar, msg: controlMsgs[c], fixOff: j})
			j++
		default:
			j++
		}
	}
	j = min(j, n)
	switch {
	case !closed:
		l.edits = l.edits[:e0]
	case controls && !l.canFollowString(j):
		kept := l.edits[:e0]
		for _, e := range l.edits[e0:] {
			if e.code != CodeControlChar {
				kept = append(kept, e)
			}
		}
		l.edits = kept
	}
	l.toks = append(l.toks, token{kind: tkString, start: start, end: j, e0: e0, e1: len(l.edits)})
	return j
}

// canFollowString reports whether what starts at i (after whitespace) may
// follow a string in JSON or in the repaired dialect.
func (l *lexer) canFollowString(i int) bool {
	for i < len(l.src) && isSpace(l.src[i]) {
		i++
	}
	if i == len(l.src) {
		return true
	}
	switch l.src[i] {
	case ':', ',', '}', ']', '/':
		return true
	}
	return false
}

// isPunct reports whether t is one of the punctuation characters in set.
func (t *token) isPunct(set string) bool {
	return t.kind == tkPunct && strings.IndexByte(set, t.punct) >= 0
}

// markDrops decides which commas and ellipses to remove.
func (l *lexer) markDrops() {
	toks := l.toks
	// next[i] is the index of the first token after i that is neither a
	// comment nor an ellipsis, or -1.
	next := make([]int, len(toks))
	nx := -1
	for i := len(toks) - 1; i >= 0; i-- {
		next[i] = nx
		if k := toks[i].kind; k != tkComment && k != tkEllipsis {
			nx = i
		}
	}
	var kept []int // significant tokens kept so far
	afterEllipsis := false
	for i := range toks {
		t := &toks[i]
		if t.kind == tkComment || t.drop != keep {
			continue
		}
		prev := -1
		if len(kept) > 0 {
			prev = kept[len(kept)-1]
		}
		switch {
		case t.kind == tkEllipsis:
			n := next[i]
			if (afterEllipsis || prev >= 0 && toks[prev].isPunct("[{,")) && n >= 0 && toks[n].isPunct(",]}") {
				t.drop = dropEllipsis
				afterEllipsis = true
				if toks[n].punct == ',' {
					toks[n].drop = dropByEllipsis
				} else if prev >= 0 && toks[prev].isPunct(",") {
					toks[prev].drop = dropByEllipsis
					kept = kept[:len(kept)-1]
				}
				continue
			}
		case t.isPunct("]}"):
			if prev >= 0 && toks[prev].isPunct(",") {
				toks[prev].drop = dropTrailing
				kept = kept[:len(kept)-1]
			}
		}
		afterEllipsis = false
		kept = append(kept, i)
	}
}

// collect turns the tokens into the ordered, non-overlapping edits to make
// and the fixes to report.
func (l *lexer) collect() ([]edit, []Fix) {
	var edits []edit
	var fixes []Fix
	add := func(e edit) {
		if k := len(edits); k > 0 && e.start < edits[k-1].end {
			if e.end <= edits[k-1].end {
				return // inside a removed ellipsis line
			}
			e.start = edits[k-1].end
		}
		edits = append(edits, e)
		if e.code != "" {
			fixes = append(fixes, Fix{Offset: e.fixOff, Code: e.code, Msg: e.msg})
		}
	}
	for i := range l.toks {
		t := &l.toks[i]
		switch {
		case t.kind == tkComment:
			add(edit{start: t.start, end: t.end, code: CodeComment, msg: t.msg, fixOff: t.start})
		case t.kind == tkString:
			for _, e := range l.edits[t.e0:t.e1] {
				add(e)
			}
		case t.drop == dropTrailing:
			add(edit{start: t.start, end: t.end, code: CodeTrailingComma, msg: "trailing comma removed", fixOff: t.start})
		case t.drop == dropByEllipsis:
			add(edit{start: t.start, end: t.end})
		case t.drop == dropEllipsis:
			start, end, msg := t.start, t.end, "ellipsis placeholder removed"
			if ls, le, ok := l.line(i); ok {
				start, end, msg = ls, le, "ellipsis line removed"
			}
			add(edit{start: start, end: end, code: CodeEllipsis, msg: msg, fixOff: t.start})
		}
	}
	return edits, fixes
}

// line reports the extent [start, end) of the line holding the ellipsis
// toks[i], newline included, when the line holds nothing but whitespace, the
// ellipsis and the comma removed with it.
func (l *lexer) line(i int) (start, end int, ok bool) {
	src := l.src
	start = l.toks[i].start
	for start > 0 && (src[start-1] == ' ' || src[start-1] == '\t') {
		start--
	}
	if start > 0 && src[start-1] != '\n' {
		return 0, 0, false
	}
	end = l.skipBlanks(l.toks[i].end)
	if i+1 < len(l.toks) && l.toks[i+1].drop == dropByEllipsis && l.toks[i+1].start == end {
		end = l.skipBlanks(l.toks[i+1].end)
	}
	switch {
	case end == len(src):
		return start, end, true
	case src[end] == '\n':
		return start, end + 1, true
	case src[end] == '\r' && end+1 < len(src) && src[end+1] == '\n':
		return start, end + 2, true
	}
	return 0, 0, false
}

func (l *lexer) skipBlanks(i int) int {
	for i < len(l.src) && (l.src[i] == ' ' || l.src[i] == '\t') {
		i++
	}
	return i
}

// segment is a run of out: either n bytes copied from src at src, or the n
// bytes of a replacement for the defect at src.
type segment struct {
	out, src, n int
	copied      bool
}

// apply performs edits, which are ordered and disjoint, on src.
func apply(src []byte, edits []edit) ([]byte, func(int) int) {
	grow := 0
	for _, e := range edits {
		grow += len(e.repl)
	}
	out := make([]byte, 0, len(src)+grow)
	segs := make([]segment, 0, 2*len(edits)+1)
	cur := 0
	copyTo := func(end int) {
		if end > cur {
			segs = append(segs, segment{out: len(out), src: cur, n: end - cur, copied: true})
			out = append(out, src[cur:end]...)
		}
	}
	for _, e := range edits {
		copyTo(e.start)
		if e.repl != "" {
			segs = append(segs, segment{out: len(out), src: e.start, n: len(e.repl)})
			out = append(out, e.repl...)
		}
		cur = e.end
	}
	copyTo(len(src))
	nOut, nSrc := len(out), len(src)
	origin := func(o int) int {
		if o < 0 {
			o = 0
		}
		if o >= nOut {
			return nSrc
		}
		k := sort.Search(len(segs), func(k int) bool { return segs[k].out > o }) - 1
		s := segs[k]
		if s.copied {
			return s.src + o - s.out
		}
		return s.src
	}
	return out, origin
}
