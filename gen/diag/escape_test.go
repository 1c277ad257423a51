package diag

import (
	"bytes"
	"strings"
	"testing"
)

// TestNamesCannotInject: a page named with a newline, "::" and "," cannot
// add a line to the text output or a workflow command to GitHub's.
func TestNamesCannotInject(t *testing.T) {
	var l List
	l.Add(Pos{File: "a\n::error title=pwned::injected.md", Line: 3, Col: 1}, Error, "X", "bad\nthing")
	var text bytes.Buffer
	WriteText(&text, l)
	if got := strings.Count(text.String(), "\n"); got != 1 {
		t.Errorf("text output has %d lines: %q", got, text.String())
	}
	var gh bytes.Buffer
	WriteGitHub(&gh, l)
	out := gh.String()
	if strings.Count(out, "\n") != 1 || strings.Count(out, "::") != 2 || !strings.Contains(out, "file=a%0A%3A%3Aerror title=pwned%3A%3Ainjected.md,line=3") {
		t.Errorf("workflow command: %q", out)
	}
}
