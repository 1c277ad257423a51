package diag

import (
	"bytes"
	"sort"
)

// Source is one input file: its name as the user gave it and its content.
// It turns byte offsets, which the model stores, into line:col positions,
// which people read (go/token.File plays the same role).
type Source struct {
	Name  string
	Text  []byte
	lines []int // offset of the first byte of each line
	// parts are the files included into this one, appended to Text in
	// the order they were read: an offset at or past a part's base is a
	// position in that file, so text taken in by an include is reported
	// where its author wrote it (go/token.FileSet keeps a base per file
	// the same way).
	parts []part
	// own is the length of the file's own text, before any part.
	own int
}

type part struct {
	base int
	src  *Source
}

// NewSource indexes text for position lookups.
func NewSource(name string, text []byte) *Source {
	lines := make([]int, 1, 1+bytes.Count(text, []byte("\n")))
	for off := 0; ; {
		i := bytes.IndexByte(text[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		lines = append(lines, off)
	}
	return &Source{Name: name, Text: text, lines: lines, own: len(text)}
}

// Pos resolves a byte offset. Offsets outside the text are clamped, so a
// position is always inside the file.
func (s *Source) Pos(off int) Pos {
	if off < 0 {
		off = 0
	}
	if len(s.parts) > 0 && off >= s.parts[0].base {
		k := sort.Search(len(s.parts), func(i int) bool { return s.parts[i].base > off }) - 1
		return s.parts[k].src.Pos(off - s.parts[k].base)
	}
	if off > s.own {
		off = s.own
	}
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	return Pos{File: s.Name, Line: i + 1, Col: off - s.lines[i] + 1}
}

// Include appends the text of an included file, reported under name, and
// returns the offset its first byte has in s. The file's own offsets keep
// their positions; a newline separates the parts.
func (s *Source) Include(name string, text []byte) int {
	if len(s.parts) == 0 {
		// The first part copies the text: Text may share the caller's
		// memory, which must not be written past its end.
		s.Text = append(s.Text[:len(s.Text):len(s.Text)], '\n')
	} else {
		s.Text = append(s.Text, '\n')
	}
	base := len(s.Text)
	s.Text = append(s.Text, text...)
	s.parts = append(s.parts, part{base: base, src: NewSource(name, text)})
	return base
}

// Own returns the length of the file's own text: Text without the parts
// included into it.
func (s *Source) Own() int { return s.own }

// LineStart returns the offset of the first byte of 1-based line n.
func (s *Source) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(s.lines) {
		return s.own
	}
	return s.lines[n-1]
}
