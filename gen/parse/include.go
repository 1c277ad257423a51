package parse

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/diag"
)

// IncludeReader reads an include file for ParseWith. name is the include's
// path resolved against the including file's name (slash-separated and
// cleaned, as the page names are). It returns an error wrapping
// fs.ErrNotExist when there is no such file.
type IncludeReader func(name string) ([]byte, error)

// Limits on what one page may take in through includes: a page that
// includes the same file twice at every level doubles per level, so depth
// alone does not bound the work.
const (
	maxIncludeDepth = 16
	maxIncludes     = 256
	maxIncludeBytes = 8 << 20
)

// incState says what became of one include line.
type incState int

const (
	incUnread  incState = iota // no IncludeReader: left to the assembler
	incRead                    // its blocks follow the include line's
	incSDK                     // an SDK sample tab's snippet: not the API
	incMissing                 // no such file, or not a relative .md path
	incCycle                   // the file is already being included
	incLimit                   // too deep, too many or too large
)

// incRef is one include line of a paragraph.
type incRef struct {
	dest  string // as written
	name  string // resolved against the including file
	off   int    // offset of the path in the including text
	state incState
	why   string // for incMissing: what was wrong
}

// expander splices include files into a page's blocks.
type expander struct {
	read  IncludeReader
	file  *diag.Source
	diags *diag.List
	// names lists every file included, in order of first inclusion.
	names []string
	count int
	bytes int
}

// expand returns blocks with every include line's file spliced in after
// it, recursively. src is the text the blocks' offsets index and name the
// file they come from; stack holds the files being included, for cycles.
func (x *expander) expand(blocks []block, name string, src []byte, stack []string) []block {
	// out stays nil, and blocks is returned as it is, until an include is
	// read: most pages have none that can be.
	var out []block
	sdkTab := false // inside a tab of SDK samples ("# [C#](#tab/csharp)")
	for i := range blocks {
		b := &blocks[i]
		switch b.kind {
		case headingBlock:
			sdkTab = isTabMarker(b) && !strings.EqualFold(b.in.links[0].dest, "#tab/http")
		case paraBlock:
			if b.off < len(src) && len(src)-b.off >= 9 && asciiEqualFold(string(src[b.off:b.off+9]), "[!include") {
				b.inc = includeLines(src, b.off)
			}
		}
		if len(b.inc) == 0 {
			if out != nil {
				out = append(out, *b)
			}
			continue
		}
		var more []block
		for k := range b.inc {
			ref := &b.inc[k]
			if sdkTab {
				// A snippet of client code in another language says
				// nothing of the API; the HTTP tab has the request.
				ref.state = incSDK
				continue
			}
			if x.read == nil {
				continue
			}
			more = append(more, x.include(ref, name, stack)...)
		}
		if out == nil && len(more) > 0 {
			out = append(make([]block, 0, len(blocks)+len(more)), blocks[:i]...)
		}
		if out != nil {
			out = append(out, *b)
			out = append(out, more...)
		}
	}
	if out == nil {
		return blocks
	}
	return out
}

// include reads one include line's file and returns its blocks, expanded.
func (x *expander) include(ref *incRef, from string, stack []string) []block {
	d := strings.TrimSpace(ref.dest)
	switch {
	case d == "" || strings.Contains(d, "://") || strings.HasPrefix(d, "/") || strings.HasPrefix(d, "\\"):
		ref.state, ref.why = incMissing, "not a relative path"
		return nil
	case !strings.EqualFold(path.Ext(strings.SplitN(d, "?", 2)[0]), ".md"):
		ref.state, ref.why = incMissing, "not a markdown file"
		return nil
	}
	if i := strings.IndexAny(d, "?#"); i >= 0 {
		d = d[:i]
	}
	ref.name = path.Clean(path.Join(path.Dir(from), d))
	for _, s := range stack {
		if s == ref.name {
			ref.state = incCycle
			return nil
		}
	}
	if len(stack) >= maxIncludeDepth || x.count >= maxIncludes {
		ref.state = incLimit
		return nil
	}
	text, err := x.read(ref.name)
	if err != nil {
		ref.state, ref.why = incMissing, "not found"
		if !errors.Is(err, fs.ErrNotExist) {
			ref.why = err.Error()
		}
		return nil
	}
	if x.bytes+len(text) > maxIncludeBytes {
		ref.state = incLimit
		return nil
	}
	x.count++
	x.bytes += len(text)
	ref.state = incRead
	text = normalizeNewlines(text)
	seen := false
	for _, n := range x.names {
		seen = seen || n == ref.name
	}
	if !seen {
		x.names = append(x.names, ref.name)
	}
	base := x.file.Include(ref.name, text)
	// The include is parsed on its own, at its offset in the page's
	// source: the blank lines before it keep goldmark's offsets those of
	// the combined text, and block strings substrings of one buffer.
	scratch := make([]byte, base+len(text))
	for i := 0; i < base; i++ {
		scratch[i] = '\n'
	}
	copy(scratch[base:], text)
	frontMatter(scratch[base:], diag.NewSource(ref.name, text), x.diags)
	return x.expand(mendedBlocks(scratch, base, x.file, x.diags), ref.name, scratch, append(stack[:len(stack):len(stack)], ref.name))
}

// includeLines reads the include lines of a paragraph that starts with
// one, at off in src; nil when its first line is not one.
func includeLines(src []byte, off int) []incRef {
	var out []incRef
	for i := off; i < len(src); {
		end := bytes.IndexByte(src[i:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += i
		}
		line := src[i:end]
		dest, at, ok := includeLine(line)
		if !ok {
			break
		}
		out = append(out, incRef{dest: string(dest), off: i + at})
		i = end + 1
	}
	return out
}

// normalizeNewlines turns CRLF and lone CR into LF and blanks a leading
// byte-order mark, keeping offsets.
func normalizeNewlines(src []byte) []byte {
	norm := src
	if bytes.IndexByte(src, '\r') >= 0 {
		norm = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		norm = bytes.ReplaceAll(norm, []byte("\r"), []byte("\n"))
	}
	if bytes.HasPrefix(norm, []byte("\ufeff")) {
		norm = append([]byte("   "), norm[3:]...)
	}
	return norm
}

// includeDiag reports an include line that was not read, or returns false
// when there is nothing to say.
func (r *reader) includeDiag(ref incRef) bool {
	pos := r.file.Pos(ref.off)
	switch ref.state {
	case incMissing:
		r.diags.Add(pos, diag.Warning, "INCLUDE_MISSING", "include file %q is %s; its text is left out", ref.dest, ref.why)
	case incCycle:
		r.diags.Add(pos, diag.Warning, "INCLUDE_CYCLE", "include file %q includes itself, directly or through others; not read again", ref.dest)
	case incLimit:
		r.diags.Add(pos, diag.Warning, "INCLUDE_LIMIT", "include file %q is past the limits of %d levels, %d files or %d MiB per page; left out", ref.dest, maxIncludeDepth, maxIncludes, maxIncludeBytes>>20)
	default:
		return false
	}
	return true
}
