package parse

// The two syntaxes a page can arrive in (markdown and plain text) are first
// reduced to the same flat sequence of blocks; sections.go then reads the
// docs' conventions off that sequence once, whatever the syntax was.

type blockKind int

const (
	headingBlock blockKind = iota
	paraBlock
	tableBlock
	codeBlock
	commentBlock
)

// link is an inline link: its text and destination.
type link struct {
	text, dest string
	off        int
}

// inline is text with markup removed, plus the marked-up parts that carry
// meaning in these docs: links (type names) and code spans (enum values).
type inline struct {
	text  string
	off   int
	links []link
	codes []string
	bold  []string
	// raw is the source text with its markup, kept for table cells, where
	// the marks (backticks around enum values) carry meaning.
	raw string
}

type table struct {
	header []inline
	rows   [][]inline
	// rowOff is the offset of each row's first byte.
	rowOff []int
	// rowCells counts the cells each row has in the source. GFM drops
	// cells beyond the header's count (an unescaped "|" in prose makes
	// them), so rowExtra keeps their text to join back.
	rowCells []int
	rowExtra []string
	// defects are rows written otherwise than their header, which the
	// reader reports when it reads the table.
	defects []tableDefect
}

type tableDefect struct {
	off       int
	code, msg string
}

type code struct {
	info string
	// lines are the content lines and lineOff the page offset of each.
	lines   []string
	lineOff []int
}

type block struct {
	kind  blockKind
	level int // headings
	// anchor is a heading's anchor name (<a name="http-request"></a>),
	// which translated copies of the docs keep in English.
	anchor string
	in     inline // headings and paragraphs
	tab    *table
	code   *code
	// quote is set for paragraphs inside block quotes (notes, alerts).
	quote bool
	// list is set for paragraphs inside list items.
	list bool
	// comment is the raw text of an HTML comment.
	comment string
	// inc lists a paragraph's include lines, when it is made of them.
	inc []incRef
	off int
	// load fills in and tab on first use: most paragraphs and tables of a
	// page (examples' prose, Methods tables) are never read, and turning
	// goldmark's nodes into text is a large part of parsing.
	load func(*block)
}

// para returns a paragraph's or heading's inline content.
func (b *block) para() *inline {
	b.ensure()
	return &b.in
}

// table returns a table block's table.
func (b *block) table() *table {
	b.ensure()
	return b.tab
}

func (b *block) ensure() {
	if b.load != nil {
		l := b.load
		b.load = nil
		l(b)
	}
}
