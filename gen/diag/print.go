package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteText prints one diagnostic a line, as compilers do.
func WriteText(w io.Writer, l List) error {
	for _, d := range l {
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON prints the list as a JSON array.
func WriteJSON(w io.Writer, l List) error {
	if l == nil {
		l = List{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(l)
}

// Workflow commands escape their message (data) and, more strictly, their
// properties (a file name with a newline, ":" or "," in it would end the
// command or start another).
var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// githubLimit is how many annotations of one type GitHub shows per step.
const githubLimit = 10

// WriteGitHub prints workflow commands (::error file=…,line=…::msg) that
// GitHub Actions turns into annotations. GitHub shows only the first ten of
// each type in a step, so the rest are summarised in one more line.
func WriteGitHub(w io.Writer, l List) error {
	shown := map[Severity]int{}
	for _, d := range l {
		shown[d.Severity]++
		if shown[d.Severity] > githubLimit {
			continue
		}
		msg := githubData.Replace(d.Msg + " [" + d.Code + "]")
		if _, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d::%s\n", d.Severity, githubProperty.Replace(d.Pos.File), d.Pos.Line, d.Pos.Col, msg); err != nil {
			return err
		}
	}
	for _, s := range []Severity{Error, Warning} {
		if n := shown[s] - githubLimit; n > 0 {
			if _, err := fmt.Fprintf(w, "::%s::%d more %ss not shown as annotations; see the log\n", s, n, s); err != nil {
				return err
			}
		}
	}
	return nil
}

// Summary returns "N errors, M warnings (CODE n, …)".
func (l List) Summary() string {
	errs := l.Errors()
	s := fmt.Sprintf("%d %s, %d %s", errs, plural(errs, "error"), len(l)-errs, plural(len(l)-errs, "warning"))
	counts := l.CountByCode()
	if len(counts) == 0 {
		return s
	}
	codes := make([]string, 0, len(counts))
	for c := range counts {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("%s %d", c, counts[c])
	}
	return s + " (" + strings.Join(parts, ", ") + ")"
}

func plural(n int, w string) string {
	if n == 1 {
		return w
	}
	return w + "s"
}
