package specdiff

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/diag"
)

func report(breaking, info int) *Report {
	r := &Report{Base: "a", Head: "b"}
	for i := range breaking {
		f := Finding{ID: "x-removed", Level: Breaking, Operation: fmt.Sprintf("GET /p%02d", i), Message: "gone"}
		if i == breaking-1 { // the last one has a place in the head
			f.Source = &diag.Pos{File: "docs/p.md", Line: 7, Col: 1}
		}
		r.Findings = append(r.Findings, f)
		r.Breaking++
	}
	for i := range info {
		r.Findings = append(r.Findings, Finding{ID: "y-added", Level: Info, Operation: fmt.Sprintf("GET /q%d", i), Message: "new, with a % sign\nand a line"})
		r.Info++
	}
	return r
}

// TestGitHubLimit: at most ten annotations per type, the tenth saying how
// many more there are; findings placed on a head file come first; every
// finding is still in the log; messages are escaped.
func TestGitHubLimit(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGitHub(&b, report(12, 2)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if n := strings.Count(out, "::error "); n != 10 {
		t.Errorf("%d error annotations, want 10:\n%s", n, out)
	}
	if !strings.Contains(out, "::error title=3 more::3 more breaking changes") {
		t.Errorf("no summary of the 3 left out:\n%s", out)
	}
	if !strings.HasPrefix(out, "::error file=docs/p.md,line=7,title=x-removed::GET /p11: gone\n") {
		t.Errorf("the placed finding should come first:\n%s", out)
	}
	if n := strings.Count(out, "::notice "); n != 2 || !strings.Contains(out, "with a %25 sign%0Aand a line") {
		t.Errorf("notices: %d, or not escaped:\n%s", n, out)
	}
	if n := strings.Count(out, "breaking: GET /p"); n != 12 {
		t.Errorf("the log lists %d breaking findings, want 12", n)
	}
}

func TestFails(t *testing.T) {
	none, info, breaking := &Report{}, report(0, 1), report(1, 0)
	for _, c := range []struct {
		r      *Report
		policy string
		want   bool
	}{
		{none, "breaking", false}, {info, "breaking", false}, {breaking, "breaking", true},
		{none, "changes", false}, {info, "changes", true}, {breaking, "changes", true},
		{breaking, "never", false},
	} {
		if got := c.r.Fails(c.policy); got != c.want {
			t.Errorf("%s with %d findings: fails %v, want %v", c.policy, len(c.r.Findings), got, c.want)
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	r := report(0, 1)
	r.Findings[0].Message = "a | b"
	var b bytes.Buffer
	WriteMarkdown(&b, r)
	if !strings.Contains(b.String(), `a \| b`) || !strings.Contains(b.String(), "#### Other changes") {
		t.Errorf("markdown:\n%s", b.String())
	}
	b.Reset()
	WriteMarkdown(&b, &Report{Base: "a", Head: "b"})
	if !strings.Contains(b.String(), "No changes to the API.") {
		t.Errorf("empty report:\n%s", b.String())
	}
}

// TestMarkdownRowLimit: a level lists at most markdownRows rows, then says
// how many more there are.
func TestMarkdownRowLimit(t *testing.T) {
	var b bytes.Buffer
	WriteMarkdown(&b, report(markdownRows+7, 3))
	out := b.String()
	if n := strings.Count(out, "| `GET /p"); n != markdownRows {
		t.Errorf("%d breaking rows, want %d", n, markdownRows)
	}
	if !strings.Contains(out, "… and 7 more breaking changes") || strings.Contains(out, "more info changes") {
		t.Errorf("no or wrong summary of the rows left out:\n%s", out[len(out)-400:])
	}
	if n := strings.Count(out, "| `GET /q"); n != 3 {
		t.Errorf("%d info rows, want 3", n)
	}
}

// TestIssue15Escaping: names with backticks, pipes and line breaks (a page
// file, an operation, a message) cannot add a line to the text or GitHub
// log, end a markdown cell or code span, or break the table.
func TestIssue15Escaping(t *testing.T) {
	r := &Report{Base: "main:docs\n# injected", Head: "docs`x"}
	r.Findings = append(r.Findings, Finding{
		ID: "x|y", Level: Breaking, Operation: "GET /a|b/`c`\n/d",
		Message: "the `p|q` property\nwas removed",
		Source:  &diag.Pos{File: "docs/a\n::error title=pwned::b|`c`.md", Line: 3, Col: 1},
	})
	r.Breaking++

	var text bytes.Buffer
	if err := WriteText(&text, r); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(text.String(), "\n"); n != 2 {
		t.Errorf("text output has %d lines, want 2 (a finding and the summary):\n%s", n, text.String())
	}
	if !strings.Contains(text.String(), `docs/a\n::error title=pwned::b|`+"`c`"+`.md:3: breaking: GET /a|b/`+"`c`"+`\n/d: the `+"`p|q`"+` property\nwas removed [x|y]`) {
		t.Errorf("text line not as escaped:\n%s", text.String())
	}

	var gh bytes.Buffer
	if err := WriteGitHub(&gh, r); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSuffix(gh.String(), "\n"), "\n") {
		if strings.HasPrefix(l, "::") && !strings.HasPrefix(l, "::error file=docs/a%0A%3A%3Aerror title=pwned%3A%3Ab|`c`.md,line=3,title=x|y::") {
			t.Errorf("workflow command not escaped: %q", l)
		}
	}
	if n := strings.Count(gh.String(), "\n"); n != 3 {
		t.Errorf("GitHub output has %d lines, want 3:\n%s", n, gh.String())
	}

	var md bytes.Buffer
	if err := WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	out := md.String()
	if !strings.HasPrefix(out, "### API changes: `main:docs # injected` → ``docs`x``\n") {
		t.Errorf("heading:\n%s", out)
	}
	var rows []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "| ") && !strings.HasPrefix(l, "| Where") {
			rows = append(rows, l)
		}
	}
	want := "| ``GET /a\\|b/`c` /d`` | the `p\\|q` property was removed <sub>x\\|y</sub> | ``docs/a ::error title=pwned::b\\|`c`.md:3`` |"
	if len(rows) != 1 || rows[0] != want {
		t.Errorf("table rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), want)
	}
}

// TestCodeSpan: a code span shows its text whatever backticks it holds.
func TestCodeSpan(t *testing.T) {
	for in, want := range map[string]string{
		"plain":  "`plain`",
		"a`b":    "``a`b``",
		"`a``":   "``` `a`` ```",
		"a|b":    "`a|b`",
		"a\nb":   "`a b`",
		"x``y`z": "```x``y`z```",
	} {
		if got := codeSpan(in, false); got != want {
			t.Errorf("codeSpan(%q) = %q, want %q", in, got, want)
		}
	}
	if got := codeSpan("a|b", true); got != "`a\\|b`" {
		t.Errorf("in a table: %q", got)
	}
}
