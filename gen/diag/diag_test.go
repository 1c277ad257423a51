package diag

import (
	"bytes"
	"strings"
	"testing"
)

func TestSourcePos(t *testing.T) {
	s := NewSource("f.md", []byte("ab\ncd\n\nx"))
	for off, want := range map[int]string{0: "f.md:1:1", 1: "f.md:1:2", 3: "f.md:2:1", 6: "f.md:3:1", 7: "f.md:4:1", 99: "f.md:4:2", -5: "f.md:1:1"} {
		if got := s.Pos(off).String(); got != want {
			t.Errorf("Pos(%d) = %s, want %s", off, got, want)
		}
	}
}

func TestSortDedupes(t *testing.T) {
	var l List
	l.Add(Pos{File: "b.md", Line: 1, Col: 1}, Warning, "B", "b")
	l.Add(Pos{File: "a.md", Line: 10, Col: 1}, Error, "A", "a")
	l.Add(Pos{File: "a.md", Line: 2, Col: 5}, Warning, "Z", "z")
	l.Add(Pos{File: "a.md", Line: 2, Col: 5}, Warning, "Z", "z")
	l.Sort()
	var b bytes.Buffer
	WriteText(&b, l)
	want := "a.md:2:5: warning: z [Z]\na.md:10:1: error: a [A]\nb.md:1:1: warning: b [B]\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if l.Errors() != 1 || !strings.HasPrefix(l.Summary(), "1 error, 2 warnings (A 1, B 1, Z 1)") {
		t.Errorf("summary %q", l.Summary())
	}
}

func TestGitHubSummarisesPastTen(t *testing.T) {
	var l List
	for i := 1; i <= 12; i++ {
		l.Add(Pos{File: "a.md", Line: i, Col: 1}, Error, "E", "bad %d%%", i)
	}
	var b bytes.Buffer
	WriteGitHub(&b, l)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 11 || lines[0] != "::error file=a.md,line=1,col=1::bad 1%25 [E]" || !strings.Contains(lines[10], "2 more errors") {
		t.Errorf("got:\n%s", b.String())
	}
}
