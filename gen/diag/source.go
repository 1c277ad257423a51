package diag

import "sort"

// Source is one input file: its name as the user gave it and its content.
// It turns byte offsets, which the model stores, into line:col positions,
// which people read (go/token.File plays the same role).
type Source struct {
	Name  string
	Text  []byte
	lines []int // offset of the first byte of each line
}

// NewSource indexes text for position lookups.
func NewSource(name string, text []byte) *Source {
	s := &Source{Name: name, Text: text, lines: []int{0}}
	for i, c := range text {
		if c == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	return s
}

// Pos resolves a byte offset. Offsets outside the text are clamped, so a
// position is always inside the file.
func (s *Source) Pos(off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(s.Text) {
		off = len(s.Text)
	}
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	return Pos{File: s.Name, Line: i + 1, Col: off - s.lines[i] + 1}
}

// LineStart returns the offset of the first byte of 1-based line n.
func (s *Source) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(s.lines) {
		return len(s.Text)
	}
	return s.lines[n-1]
}
