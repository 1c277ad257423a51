// Package parse reads documentation pages, in markdown or as plain-text
// renders, into page.Page values. The format is recognised from the content,
// never from the file name. Problems in a page are returned as diagnostics
// next to the partial page: parsing never fails and never panics.
package parse

import (
	"bytes"
	"regexp"

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

// Parse reads one page. name is the path the page is reported under. The
// page's source may share src's memory, so src must not change afterwards.
func Parse(name string, src []byte) (*page.Page, diag.List) {
	var diags diag.List
	src, bigEndian, wide := decodeUTF16(src)
	// CRLF and lone CR become LF. Lines keep their numbers and columns keep
	// their counts up to the end of each line, so positions still point at
	// what the author wrote.
	norm := src
	if bytes.IndexByte(src, '\r') >= 0 {
		norm = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		norm = bytes.ReplaceAll(norm, []byte("\r"), []byte("\n"))
	}
	if bytes.HasPrefix(norm, []byte("\ufeff")) {
		norm = append([]byte("   "), norm[3:]...) // keep offsets: blank the BOM
	}
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
		blankUnterminatedComments(text, file, &diags)
		blocks = markdownBlocks(text)
	} else {
		blocks = plainBlocks(text)
	}
	r := &reader{p: p, file: file, diags: &diags}
	r.read(blocks)
	limitPage(p, file, &diags)
	// An include file of permissions is a table alone, without a title.
	include := len(p.Permissions) > 0 && len(p.Requests) == 0 && len(p.Types) == 0 && len(p.Examples) == 0
	if p.Title.Value == "" && !include {
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
