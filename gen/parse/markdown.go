package parse

import (
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// md is goldmark with the GFM table extension. It is safe for concurrent
// use: goldmark parsers keep no per-document state.
var md = goldmark.New(goldmark.WithExtensions(extension.Table))

// markdownBlocks parses src with goldmark and flattens the document into
// blocks. Block quotes and lists are descended into, since the docs nest
// fences and annotations inside list items.
func markdownBlocks(src []byte) []block {
	doc := md.Parser().Parse(text.NewReader(src))
	// One copy of the page as a string: the text taken from the tree below
	// is substrings of it, not an allocation per node.
	str := string(src)
	out := make([]block, 0, doc.ChildCount()) // nested blocks add a few more
	var walk func(n ast.Node, quote, list bool)
	walk = func(n ast.Node, quote, list bool) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Blockquote:
				walk(c, true, list)
			case *ast.ListItem:
				walk(c, quote, true)
			case *ast.Heading:
				in := inlineOf(c, str)
				off := lineStartOf(src, firstOff(c))
				if in.off < 0 {
					in.off = off
				}
				out = append(out, block{kind: headingBlock, level: c.Level, in: in, off: off, anchor: anchorOf(lineAt(str, off))})
			case *ast.Paragraph, *ast.TextBlock:
				node := c
				out = append(out, block{kind: paraBlock, off: max(firstOff(c), 0), quote: quote, list: list, load: func(b *block) {
					b.in = inlineOf(node, str)
					if b.in.off < 0 {
						b.in.off = b.off
					}
				}})
			case *ast.FencedCodeBlock:
				out = append(out, block{kind: codeBlock, code: codeOf(c, str), off: fenceOff(c, src)})
			case *ast.CodeBlock:
				cd := codeOf(c, str)
				off := 0
				if len(cd.lineOff) > 0 {
					off = cd.lineOff[0]
				}
				out = append(out, block{kind: codeBlock, code: cd, off: off})
			case *ast.HTMLBlock:
				var b textBuf
				lines := c.Lines()
				for i := 0; i < lines.Len(); i++ {
					b.WriteString(segText(lines.At(i), str))
				}
				if c.HasClosure() {
					b.WriteString(segText(c.ClosureLine, str))
				}
				off := 0
				if lines.Len() > 0 {
					off = lines.At(0).Start
				}
				out = append(out, block{kind: commentBlock, comment: b.String(), off: off})
			case *east.Table:
				node := c
				out = append(out, block{kind: tableBlock, off: max(firstOff(c), 0), load: func(b *block) {
					b.tab = tableOf(node, str)
				}})
			default:
				walk(c, quote, list)
			}
		}
	}
	walk(doc, false, false)
	return out
}

// firstOff returns the offset of the first source byte of n or of its first
// descendant that has lines.
func firstOff(n ast.Node) int {
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l.Len() > 0 {
			return l.At(0).Start
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
		if o := firstOff(c); o >= 0 {
			return o
		}
	}
	return -1
}

func lineStartOf[S ~string | ~[]byte](src S, off int) int {
	if off < 0 {
		return 0
	}
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}

// fenceOff finds the offset of the opening fence line of a fenced block.
func fenceOff(c *ast.FencedCodeBlock, src []byte) int {
	if c.Info != nil {
		return lineStartOf(src, c.Info.Segment.Start)
	}
	if l := c.Lines(); l.Len() > 0 {
		s := lineStartOf(src, l.At(0).Start)
		if s > 0 {
			return lineStartOf(src, s-1)
		}
	}
	return 0
}

func codeOf(n ast.Node, src string) *code {
	cd := &code{}
	if f, ok := n.(*ast.FencedCodeBlock); ok && f.Info != nil {
		cd.info = strings.TrimSpace(segText(f.Info.Segment, src))
	}
	lines := n.Lines()
	cd.lines = make([]string, 0, lines.Len())
	cd.lineOff = make([]int, 0, lines.Len())
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		cd.lines = append(cd.lines, strings.TrimRight(segText(seg, src), "\n"))
		cd.lineOff = append(cd.lineOff, seg.Start-seg.Padding)
	}
	return cd
}

// segText is a segment's text, as seg.Value gives it, as a substring of the
// page where it can be.
func segText(seg text.Segment, src string) string {
	v := src[seg.Start:seg.Stop]
	if seg.Padding > 0 {
		v = strings.Repeat(" ", seg.Padding) + v
	}
	return v
}

func tableOf(t *east.Table, src string) *table {
	rows := max(t.ChildCount()-1, 0) // the header is a child too
	tb := &table{rows: make([][]inline, 0, rows), rowOff: make([]int, 0, rows), rowCells: make([]int, 0, rows), rowExtra: make([]string, 0, rows)}
	head := "" // the header's line, for rows written otherwise
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		cells := make([]inline, 0, r.ChildCount())
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			in := inlineOf(c, src)
			if l := c.Lines(); l.Len() > 0 {
				if in.off < 0 {
					in.off = l.At(0).Start
				}
				seg := l.At(0)
				in.raw = strings.TrimSpace(segText(seg, src))
			}
			cells = append(cells, in)
		}
		rowOff := firstOff(r)
		if _, ok := r.(*east.TableHeader); ok {
			tb.header = cells
			continue
		}
		start := lineStartOf(src, rowOff)
		line := lineAt(src, start)
		raw := splitRow(line)
		if head == "" {
			head = lineAt(src, lineStartOf(src, max(firstOff(t.FirstChild()), 0)))
		}
		switch {
		case strings.HasPrefix(line, " ") && !strings.HasPrefix(head, " "):
			tb.defects = append(tb.defects, tableDefect{off: start, code: "TABLE_ROW_INDENTED", msg: "table row is indented, unlike its header; read as a row"})
		case strings.HasSuffix(strings.TrimSpace(head), "|") && !strings.HasSuffix(strings.TrimSpace(line), "|"):
			tb.defects = append(tb.defects, tableDefect{off: start, code: "TABLE_ROW_UNCLOSED", msg: "table row has no closing \"|\"; read as a row"})
		}
		extra := ""
		if len(raw) > len(cells) {
			extra = strings.Join(raw[len(cells):], " | ")
		}
		tb.rows = append(tb.rows, cells)
		tb.rowOff = append(tb.rowOff, start)
		tb.rowCells = append(tb.rowCells, max(len(raw), len(cells)))
		tb.rowExtra = append(tb.rowExtra, extra)
	}
	return tb
}

// anchorRe is the anchor a translated copy of the docs gives a heading:
// "## <a name="http-request"></a>HTTP 请求".
var anchorRe = regexp.MustCompile(`<a\s+(?:name|id)\s*=\s*"([^"]+)"`)

// anchorOf returns the anchor name of a heading line, or "".
func anchorOf(line string) string {
	if !strings.Contains(line, "<a") {
		return ""
	}
	if m := anchorRe.FindStringSubmatch(line); m != nil {
		return m[1]
	}
	return ""
}

func lineAt(src string, off int) string {
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		return src[off:]
	}
	return src[off : off+end]
}

// splitRow splits a table row at its unescaped pipes, as GFM does (pipes in
// code spans split too), trimming the outer ones.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, "\\|") {
		line = line[:len(line)-1]
	}
	var cells []string
	start := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			cells = append(cells, strings.TrimSpace(line[start:i]))
			start = i + 1
		}
	}
	return append(cells, strings.TrimSpace(line[start:]))
}

// inlineOf renders the inline content of n as plain text, decoding HTML
// entities, turning <br> into a space and recording links, code spans and
// bold runs.
func inlineOf(n ast.Node, src string) inline {
	in := inline{off: -1}
	var b textBuf
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		lookup := 0 // depth inside a <span class="sxs-lookup">
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if lookup > 0 {
				if r, ok := c.(*ast.RawHTML); ok {
					lookup += spanDepth(r, src)
				}
				continue
			}
			switch c := c.(type) {
			case *ast.Text:
				if in.off < 0 {
					in.off = c.Segment.Start
				}
				b.WriteString(html.UnescapeString(segText(c.Segment, src)))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.WriteString(html.UnescapeString(string(c.Value)))
			case *ast.CodeSpan:
				start := b.Len()
				walk(c)
				in.codes = append(in.codes, strings.TrimSpace(b.from(start)))
			case *ast.Emphasis:
				start := b.Len()
				walk(c)
				if c.Level == 2 {
					in.bold = append(in.bold, strings.TrimSpace(b.from(start)))
				}
			case *ast.Link:
				start := b.Len()
				off := firstOff(c)
				walk(c)
				in.links = append(in.links, link{text: strings.TrimSpace(b.from(start)), dest: string(c.Destination), off: off})
			case *ast.RawHTML:
				// Localized copies of the docs repeat each English text in a
				// hidden side-by-side span after the translated one.
				// A span only styles its text; other tags (<br>) part words.
				switch d := spanDepth(c, src); {
				case d > 0 && strings.Contains(rawHTML(c, src), "sxs-lookup"):
					lookup = 1
				case d == 0:
					b.WriteByte(' ')
				}
			default:
				walk(c)
			}
		}
	}
	walk(n)
	in.text = strings.TrimSpace(cleanSpace(b.String()))
	if in.off < 0 {
		in.off = firstOff(n)
	}
	return in
}

// rawHTML returns the text of an inline HTML tag.
func rawHTML(r *ast.RawHTML, src string) string {
	if r.Segments.Len() == 1 {
		return segText(r.Segments.At(0), src)
	}
	var sb strings.Builder
	for i := 0; i < r.Segments.Len(); i++ {
		sb.WriteString(segText(r.Segments.At(i), src))
	}
	return sb.String()
}

// spanDepth is how a tag changes the depth of nested spans: 1 for
// "<span …>", -1 for "</span>", 0 for anything else.
func spanDepth(r *ast.RawHTML, src string) int {
	t := rawHTML(r, src)
	switch {
	case len(t) > 6 && strings.EqualFold(t[:6], "</span"):
		return -1
	case len(t) > 5 && strings.EqualFold(t[:5], "<span") && (t[5] == '>' || t[5] == ' ') && !strings.HasSuffix(t, "/>"):
		return 1
	}
	return 0
}

// cleanSpace folds Unicode spaces (NBSP, U+202F) to ASCII and drops
// zero-width characters, which the docs carry even inside property names.
func cleanSpace(s string) string {
	for i := 0; i < len(s); i++ {
		// A tab, or the first byte of a character the replacer changes
		// (U+00A0 is C2 A0; U+202F and U+200B start E2; U+FEFF starts EF).
		switch s[i] {
		case '\t', 0xC2, 0xE2, 0xEF:
			return spaceReplacer.Replace(s)
		}
	}
	return s
}

var spaceReplacer = strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\t", " ", "\u200b", "", "\ufeff", "")

// textBuf collects the text of a node. While it holds one piece, that piece
// is kept as it is (a substring of the page), so the common one-piece cell
// or paragraph costs no copy.
type textBuf struct {
	one  string
	buf  []byte
	many bool
}

func (t *textBuf) WriteString(s string) {
	switch {
	case t.many:
		t.buf = append(t.buf, s...)
	case t.one == "":
		t.one = s
	default:
		t.buf = append(append(make([]byte, 0, 2*(len(t.one)+len(s))), t.one...), s...)
		t.many = true
	}
}

func (t *textBuf) WriteByte(c byte) error {
	t.WriteString(string([]byte{c})) // one-byte strings are static: no allocation
	return nil
}

func (t *textBuf) Len() int {
	if t.many {
		return len(t.buf)
	}
	return len(t.one)
}

// from returns the text from byte start on.
func (t *textBuf) from(start int) string {
	if t.many {
		return string(t.buf[start:])
	}
	return t.one[start:]
}

func (t *textBuf) String() string { return t.from(0) }
