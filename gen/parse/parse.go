// Package parse reads documentation pages, in markdown or as plain-text
// renders, into page.Page values. The format is recognised from the content,
// never from the file name. Problems in a page are returned as diagnostics
// next to the partial page: parsing never fails and never panics.
package parse

import (
	"bytes"
	"path"
	"regexp"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
)

// markdownRe spots markdown: an ATX heading, a fence, a pipe table row or an
// HTML comment at the start of a line.
var markdownRe = regexp.MustCompile("(?m)^(?:#{1,6} |```|\\||<!--)")

// DetectFormat tells markdown from a plain-text render by content.
func DetectFormat(src []byte) page.Format {
	if bytes.HasPrefix(src, []byte("---\n")) || bytes.HasPrefix(src, []byte("---\r\n")) || markdownRe.Match(src) {
		return page.Markdown
	}
	return page.PlainText
}

// Parse reads one page without reading its include files: an include of
// permissions is left to the assembler, which looks for it among the pages
// (page.Page.PermissionsInclude). name is the path the page is reported
// under. The page's source may share src's memory, so src must not change
// afterwards.
func Parse(name string, src []byte) (*page.Page, diag.List) {
	return ParseWith(name, src, nil)
}

// ParseWith reads one page and the files it includes (`[!INCLUDE
// [label](path)]`, resolved against name, to any depth) through read. An
// included file's blocks are read where its include line stands, and
// what is found in them is reported at the include file's own lines. An
// include that cannot be read (missing, a cycle, past the limits) is a
// warning at its line; snippet includes of SDK sample tabs are not read.
func ParseWith(name string, src []byte, read IncludeReader) (*page.Page, diag.List) {
	var diags diag.List
	src, bigEndian, wide := decodeUTF16(src)
	// CRLF and lone CR become LF. Lines keep their numbers and columns keep
	// their counts up to the end of each line, so positions still point at
	// what the author wrote; a BOM is blanked.
	norm := normalizeNewlines(src)
	file := diag.NewSource(name, norm)
	if wide {
		order := "little"
		if bigEndian {
			order = "big"
		}
		diags.Add(file.Pos(0), diag.Warning, "PAGE_UTF16", "page is UTF-16 (%s-endian), not UTF-8; read as decoded", order)
	}
	// The front matter is blanked in a copy before goldmark reads it; the
	// source keeps the text as written. So are lines too long to read and
	// comments never closed (limits.go).
	text := append([]byte(nil), norm...)
	blankLongLines(text, file, &diags)
	p := &page.Page{Src: file, Format: DetectFormat(text), Query: page.QuerySupport{Off: -1}}
	if v := versionFromPath(name); v != "" {
		p.Version = page.Text{Value: v, Off: 0}
	}
	var blocks []block
	if p.Format == page.Markdown {
		p.FrontMatter = frontMatter(text, file, &diags)
		if t := p.FrontMatter["title"]; t != "" {
			p.Title = page.Text{Value: t, Off: fmOff(file.Text, "title")}
		}
		if d := p.FrontMatter["description"]; d != "" {
			p.Description = page.Text{Value: d, Off: fmOff(file.Text, "description")}
		}
		switch p.FrontMatter["doc_type"] {
		case "apiPageType":
			p.Kind = page.MethodPage
		case "resourcePageType":
			p.Kind = page.ResourcePage
		case "enumPageType":
			p.Kind = page.EnumPage
		}
		if strings.EqualFold(p.FrontMatter["ms.topic"], "include") {
			p.Kind = page.IncludePage
		}
		blankUnterminatedComments(text, file, &diags)
		blocks = mendedBlocks(text, 0, file, &diags)
		x := &expander{read: read, file: file, diags: &diags}
		blocks = x.expand(blocks, path.Clean(name), text, []string{path.Clean(name)})
		p.Includes = x.names
	} else {
		blocks = plainBlocks(text)
	}
	r := &reader{p: p, file: file, diags: &diags}
	r.read(blocks)
	limitPage(p, file, &diags)
	// Include files (a permissions table, a note) have no title; a page
	// that documents nothing is reported by the assembler, unless another
	// page includes it.
	documents := len(p.Requests) > 0 || len(p.Types) > 0 || len(p.Examples) > 0
	if p.Title.Value == "" && p.Kind != page.IncludePage && documents {
		diags.Add(file.Pos(0), diag.Warning, "PAGE_NO_TITLE", "page has no title")
	}
	diags.Sort()
	return p, diags
}

// fmOff finds the offset of a front-matter key's value.
func fmOff(src []byte, key string) int {
	i := bytes.Index(src, []byte("\n"+key+":"))
	if i < 0 {
		return 0
	}
	off := i + 1 + len(key) + 1
	for off < len(src) && (src[off] == ' ' || src[off] == '"') {
		off++
	}
	return off
}
