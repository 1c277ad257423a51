// Package diag holds the diagnostics that every stage of docs2openapi returns
// alongside its partial result: a problem in the input is data with a
// position, never control flow (go/scanner's ErrorList is the model).
package diag

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Severity says whether a diagnostic makes the input wrong (Error) or merely
// suspicious (Warning).
type Severity int

const (
	// Warning is a problem that still lets the page contribute in full.
	Warning Severity = iota
	// Error is a problem that drops part of a page, or an example that the
	// spec rejects.
	Error
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText makes a Severity print as its name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Pos is a resolved source position: 1-based line and column (in bytes, as
// compilers count them) within File. A zero Line means "the whole file".
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

// String formats p as file:line:col.
func (p Pos) String() string {
	if p.Line == 0 {
		return Printable(p.File)
	}
	return fmt.Sprintf("%s:%d:%d", Printable(p.File), p.Line, p.Col)
}

// Printable escapes the control characters of a file name (a newline in
// a name would start a line of its own in the text output) as Go does in
// quoted strings; other names are kept as they are. Every text output that
// embeds a name uses it.
func Printable(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// Diagnostic is one located problem. Code is a stable UPPER_SNAKE identifier
// that tests and tools match on; Msg is lower-case prose for people.
type Diagnostic struct {
	Pos      Pos      `json:"pos"`
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Msg      string   `json:"message"`
	// Related points at a second place the problem involves, such as the
	// other page of a contradiction. It is nil when there is none.
	Related *Pos `json:"related,omitempty"`
}

// String formats d the way compilers do: file:line:col: severity: msg [CODE].
func (d Diagnostic) String() string {
	s := fmt.Sprintf("%s: %s: %s [%s]", d.Pos, d.Severity, strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' ' // one diagnostic, one line
		}
		return r
	}, d.Msg), d.Code)
	if d.Related != nil {
		s += fmt.Sprintf(" (see %s)", d.Related)
	}
	return s
}

// List is a list of diagnostics. The zero value is ready to use.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(pos Pos, sev Severity, code, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: sev, Code: code, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders the list by file, line, column, code and message, and drops
// exact duplicates, so that output never depends on the order work was done.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool { return less(s[i], s[j]) })
	out := s[:0]
	for i, d := range s {
		if i > 0 && equal(d, s[i-1]) {
			continue
		}
		out = append(out, d)
	}
	*l = out
}

func less(a, b Diagnostic) bool {
	if a.Pos.File != b.Pos.File {
		return a.Pos.File < b.Pos.File
	}
	if a.Pos.Line != b.Pos.Line {
		return a.Pos.Line < b.Pos.Line
	}
	if a.Pos.Col != b.Pos.Col {
		return a.Pos.Col < b.Pos.Col
	}
	if a.Code != b.Code {
		return a.Code < b.Code
	}
	return a.Msg < b.Msg
}

func equal(a, b Diagnostic) bool {
	if a.Pos != b.Pos || a.Severity != b.Severity || a.Code != b.Code || a.Msg != b.Msg {
		return false
	}
	if (a.Related == nil) != (b.Related == nil) {
		return false
	}
	return a.Related == nil || *a.Related == *b.Related
}

// Errors counts the diagnostics of severity Error.
func (l List) Errors() int {
	n := 0
	for _, d := range l {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// CountByCode returns how many diagnostics carry each code.
func (l List) CountByCode() map[string]int {
	m := map[string]int{}
	for _, d := range l {
		m[d.Code]++
	}
	return m
}
