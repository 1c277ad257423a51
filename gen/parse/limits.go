package parse

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
)

// Limits on what one page can make, so that a hostile or careless page
// costs bounded time and memory and says where and why it was cut. Each is
// far above the corpus's maximum, measured on the 3,341 pages of
// graph-docs v1.0 (2026-12):
//
//	longest line          11,721 bytes  (api/chatmessage-post.md, a JSON example)
//	request lines           60 a page   (api/singlevaluelegacyextendedproperty-get.md)
//	permission scopes       26 a page   (api/directory-deleteditems-get.md)
//	segments in a path      15          (api/chartlineformat-clear.md)
//	example JSON nesting    11 deep     (api/intune-deviceconfig-iosdevicefeaturesconfiguration-list.md)
//
// Every operation of a page carries all the page's scopes, so operations ×
// scopes is what a page costs: 1,500 × 1,500 took 646 MB and 4,000 × 4,000
// more than 3 GB. The caps below bound it at 500 × 300.
const (
	// MaxLineBytes caps a line; a longer one is blanked (LINE_TOO_LONG).
	MaxLineBytes = 64 << 10
	// MaxRequestLines caps the request lines, so the operations, of a
	// page; the rest are dropped (PAGE_TOO_MANY_OPERATIONS).
	MaxRequestLines = 500
	// MaxScopes caps the permission scopes of a page; the rest are dropped
	// (PERMISSIONS_TOO_MANY).
	MaxScopes = 300
	// MaxPathSegments caps the segments of a request line's path; a longer
	// line is dropped (HTTP_LINE_TOO_MANY_SEGMENTS). Path normalisation is
	// not linear in them: 40,000 segments took 12 s.
	MaxPathSegments = 100
	// MaxJSONDepth caps the nesting of an example body; a deeper body is
	// dropped (EXAMPLE_TOO_DEEP). YAML output indents by depth, so its
	// size grows with the square of it.
	MaxJSONDepth = 100
)

// decodeUTF16 reads a UTF-16 page (with a byte-order mark, or without one
// when every other byte of its start is zero, as ASCII text in UTF-16 is)
// as UTF-8. ok is false for anything else, returned as it is.
func decodeUTF16(src []byte) (out []byte, bigEndian, ok bool) {
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}):
		src = src[2:]
	case bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		src, bigEndian = src[2:], true
	case len(src) >= 4 && src[0] != 0 && src[1] == 0 && src[2] != 0 && src[3] == 0:
	case len(src) >= 4 && src[0] == 0 && src[1] != 0 && src[2] == 0 && src[3] != 0:
		bigEndian = true
	default:
		return src, false, false
	}
	units := make([]uint16, len(src)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(src[2*i])<<8 | uint16(src[2*i+1])
		} else {
			units[i] = uint16(src[2*i+1])<<8 | uint16(src[2*i])
		}
	}
	out = make([]byte, 0, len(src))
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return out, bigEndian, true
}

// blankLongLines reports each line longer than MaxLineBytes and blanks it
// in text (the copy that is parsed), keeping every offset.
func blankLongLines(text []byte, file *diag.Source, diags *diag.List) {
	start := 0
	for start < len(text) {
		end := bytes.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if end-start > MaxLineBytes {
			diags.Add(file.Pos(start+MaxLineBytes), diag.Error, "LINE_TOO_LONG", "line is %d bytes long, more than the %d a line may have; its text is ignored", end-start, MaxLineBytes)
			for i := start; i < end; i++ {
				text[i] = ' '
			}
		}
		start = end + 1
	}
}

// blankUnterminatedComments reports each HTML comment that opens a line
// and is not closed before the next comment opens a line (or at all), and
// blanks its "<!--" in text. Markdown reads a comment up to the first
// "-->", so an unclosed one swallows the page up to the end of the next
// comment, or to the end of the page, annotations and examples included.
func blankUnterminatedComments(text []byte, file *diag.Source, diags *diag.List) {
	var opens, closes []int
	for i := 0; ; {
		k := bytes.Index(text[i:], []byte("<!--"))
		if k < 0 {
			break
		}
		// Inline, markdown reads an unclosed comment as text.
		if i += k; opensLine(text, i) {
			opens = append(opens, i)
		}
		i += 4
	}
	if len(opens) == 0 {
		return
	}
	for i := 0; ; {
		k := bytes.Index(text[i:], []byte("-->"))
		if k < 0 {
			break
		}
		closes = append(closes, i+k)
		i += k + 3
	}
	c := 0
	for n, i := range opens {
		for c < len(closes) && closes[c] < i+4 {
			c++
		}
		if c < len(closes) && (n+1 == len(opens) || closes[c] < opens[n+1]) {
			continue // closed before the next comment opens
		}
		diags.Add(file.Pos(i), diag.Warning, "COMMENT_UNTERMINATED", "HTML comment is not closed with \"-->\" before the next one or the end of the page; read as text so that it does not swallow what follows")
		copy(text[i:], "    ")
	}
}

// opensLine reports whether only indentation, block-quote marks and list
// markers ("- ", "1. ") stand before offset i on its line.
func opensLine(text []byte, i int) bool {
	for i > 0 && text[i-1] != '\n' {
		i--
		if strings.IndexByte(" \t>-*+.)0123456789", text[i]) < 0 {
			return false
		}
	}
	return true
}

// limitPage applies the caps on what a parsed page makes and drops the
// request lines that cannot become a path, each with a diagnostic at the
// page's text.
func limitPage(p *page.Page, file *diag.Source, diags *diag.List) {
	reqs := p.Requests[:0]
	for _, rl := range p.Requests {
		if checkRequestLine(rl, file, diags) {
			reqs = append(reqs, rl)
		}
	}
	p.Requests = reqs
	if len(p.Requests) > MaxRequestLines {
		diags.Add(file.Pos(p.Requests[MaxRequestLines].Off), diag.Error, "PAGE_TOO_MANY_OPERATIONS", "page has %d request lines, more than the %d a page may have; this one and those after it are ignored", len(p.Requests), MaxRequestLines)
		p.Requests = p.Requests[:MaxRequestLines:MaxRequestLines]
	}
	total := 0
	for _, perm := range p.Permissions {
		total += len(perm.Scopes)
	}
	if total > MaxScopes {
		n, reported := 0, false
		for i := range p.Permissions {
			perm := &p.Permissions[i]
			keep := min(len(perm.Scopes), MaxScopes-n)
			if keep < len(perm.Scopes) && !reported {
				diags.Add(file.Pos(perm.Scopes[keep].Off), diag.Error, "PERMISSIONS_TOO_MANY", "page names %d permission scopes, more than the %d a page may have; this one and those after it are ignored", total, MaxScopes)
				reported = true
			}
			perm.Scopes = perm.Scopes[:keep:keep]
			n += keep
		}
	}
	for i := range p.Examples {
		limitDepth(&p.Examples[i], file, diags)
	}
}

// checkRequestLine reports a request line whose path cannot become an
// OpenAPI path: not UTF-8, too many segments, "." or ".." segments,
// nested or unbalanced braces. Before, such lines became a spec that
// failed validation at openapi.yaml, or a parameter named "-id".
func checkRequestLine(rl page.HTTPLine, file *diag.Source, diags *diag.List) bool {
	at := func(i int) diag.Pos { return file.Pos(rl.TargetOff + i) }
	t := rl.Target
	if !utf8.ValidString(t) {
		i := 0
		for i < len(t) {
			r, size := utf8.DecodeRuneInString(t[i:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			i += size
		}
		diags.Add(at(i), diag.Error, "HTTP_LINE_NOT_UTF8", "request line is not valid UTF-8 (byte 0x%02X); the line is ignored", t[i])
		return false
	}
	path := t
	if q := strings.IndexByte(path, '?'); q >= 0 {
		path = path[:q]
	}
	if strings.Count(path, "/") > MaxPathSegments {
		i, n := 0, 0
		for ; i < len(path); i++ {
			if path[i] == '/' {
				if n++; n > MaxPathSegments {
					break
				}
			}
		}
		diags.Add(at(i), diag.Error, "HTTP_LINE_TOO_MANY_SEGMENTS", "request line's path has %d segments, more than the %d a path may have; the line is ignored", strings.Count(path, "/"), MaxPathSegments)
		return false
	}
	open := -1
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '{':
			if open >= 0 {
				diags.Add(at(i), diag.Error, "HTTP_LINE_BRACES", "request line has a brace inside a parameter (%q); the line is ignored", clip(t))
				return false
			}
			open = i
		case '}':
			if open < 0 {
				diags.Add(at(i), diag.Error, "HTTP_LINE_BRACES", "request line closes a parameter it did not open (%q); the line is ignored", clip(t))
				return false
			}
			open = -1
		}
	}
	if open >= 0 {
		diags.Add(at(open), diag.Error, "HTTP_LINE_BRACES", "request line opens a parameter it does not close (%q); the line is ignored", clip(t))
		return false
	}
	seg := 0
	for i := 0; i <= len(path); i++ {
		if i < len(path) && path[i] != '/' {
			continue
		}
		if s := path[seg:i]; s == "." || s == ".." {
			diags.Add(at(seg), diag.Error, "HTTP_LINE_DOT_SEGMENT", "request line has a %q segment, which a URL path cannot keep; the line is ignored", s)
			return false
		}
		seg = i + 1
	}
	return true
}

// limitDepth drops an example body nested deeper than MaxJSONDepth, with an
// error at the bracket that goes too deep. Strings are skipped, so brackets
// in them do not count.
func limitDepth(ex *page.Example, file *diag.Source, diags *diag.List) {
	depth, in := 0, false
	b := ex.Body
	for i := 0; i < len(b); i++ {
		c := b[i]
		if in {
			switch c {
			case '\\':
				i++
			case '"', '\n':
				in = false
			}
			continue
		}
		switch c {
		case '"':
			in = true
		case '{', '[':
			if depth++; depth > MaxJSONDepth {
				diags.Add(file.Pos(ex.BodyPos(i)), diag.Error, "EXAMPLE_TOO_DEEP", "example body nests deeper than the %d levels a body may have; the body is ignored", MaxJSONDepth)
				ex.Body, ex.Lines = "", nil
				return
			}
		case '}', ']':
			depth--
		}
	}
}
