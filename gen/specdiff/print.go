package specdiff

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/diag"
)

// githubLimit is how many annotations of one type GitHub shows for a step;
// the rest are summarised in one more annotation.
const githubLimit = 10

// Summary returns "N changes: B breaking, W warnings, I info".
func (r *Report) Summary() string {
	n := len(r.Findings)
	return fmt.Sprintf("%d %s: %d breaking, %d %s, %d info", n, plural(n, "change"), r.Breaking, r.Warnings, plural(r.Warnings, "warning"), r.Info)
}

func plural(n int, s string) string {
	if n == 1 {
		return s
	}
	return s + "s"
}

// where renders a finding's source as file:line, or "" if it has none.
func (f *Finding) where() string {
	if f.Source == nil {
		return ""
	}
	return fmt.Sprintf("%s:%d", f.Source.File, f.Source.Line)
}

// subject is what a finding is about: the operation or the schema.
func (f *Finding) subject() string {
	switch {
	case f.Operation != "":
		return f.Operation
	case f.Schema != "":
		return "schema " + f.Schema
	case f.Component != "":
		return "components." + f.Component
	}
	return "spec"
}

// WriteText writes one line per finding, "file:line: level: subject:
// message [id]" (without the position when there is none), then the
// summary.
func WriteText(w io.Writer, r *Report) error {
	for _, f := range r.Findings {
		pos := ""
		if s := f.where(); s != "" {
			pos = diag.Printable(s) + ": "
		}
		// Names come from the pages and the specs: a newline in one
		// would start a line of its own, so control characters are
		// escaped as in the diagnostics' text output.
		if _, err := fmt.Fprintf(w, "%s%s: %s: %s [%s]\n", pos, f.Level, diag.Printable(f.subject()), diag.Printable(f.Message), diag.Printable(f.ID)); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "docs2openapi diff %s %s: %s\n", diag.Printable(r.Base), diag.Printable(r.Head), r.Summary())
	return err
}

// WriteMarkdown writes the report for a pull-request comment: a heading
// with the counts, then a table per level.
func WriteMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### API changes: %s → %s\n\n", codeSpan(r.Base, false), codeSpan(r.Head, false))
	if len(r.Findings) == 0 {
		b.WriteString("No changes to the API.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "%s.\n", capitalise(r.Summary()))
	for _, lv := range []struct{ level, title string }{
		{Breaking, "Breaking"},
		{Warning, "Warnings"},
		{Info, "Other changes"},
	} {
		rows, total := 0, 0
		for _, f := range r.Findings {
			if f.Level != lv.level {
				continue
			}
			total++
			if rows == markdownRows {
				continue
			}
			if rows == 0 {
				fmt.Fprintf(&b, "\n#### %s\n\n| Where | Change | Page |\n|---|---|---|\n", lv.title)
			}
			rows++
			page := ""
			if s := f.where(); s != "" {
				page = codeSpan(s, true)
			}
			fmt.Fprintf(&b, "| %s | %s <sub>%s</sub> | %s |\n", codeSpan(f.subject(), true), cell(f.Message), cell(f.ID), page)
		}
		if total > rows {
			fmt.Fprintf(&b, "\n… and %d more %s changes (`--format text` lists them all).\n", total-rows, lv.level)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownRows bounds the rows of a level in the markdown report, so a
// large change still fits in a pull-request comment (GitHub takes 65,536
// characters).
const markdownRows = 50

// cell escapes text for a markdown table cell: a pipe would end the cell
// and a line break the table.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// codeSpan writes s as a markdown code span that shows it as it is: the
// fence is one backtick longer than the longest run of backticks in s, and
// padded with a space where s begins or ends with one (CommonMark strips
// one space each side). In a table cell, pipes and line breaks are escaped
// as in cell (GFM reads "\|" as "|" inside code spans in tables too).
func codeSpan(s string, inTable bool) string {
	if inTable {
		s = cell(s)
	} else {
		s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	}
	run, longest := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// WriteJSON writes the report as indented JSON; its fields are stable.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteGitHub writes GitHub Actions workflow commands: ::error for breaking
// changes, ::warning for warnings and ::notice for the rest, with the page
// and line in the head when there is one. GitHub shows ten annotations of a
// type, so the tenth of a type with more says how many were left out, and
// every finding is also written as a plain log line.
func WriteGitHub(w io.Writer, r *Report) error {
	command := map[string]string{Breaking: "error", Warning: "warning", Info: "notice"}
	total := map[string]int{}
	for _, f := range r.Findings {
		total[f.Level]++
	}
	// Within a level, findings GitHub can place on a line of the pull
	// request's files come first, so they get the annotations.
	findings := append([]Finding(nil), r.Findings...)
	sort.SliceStable(findings, func(i, j int) bool {
		a, b := findings[i], findings[j]
		if a.Level != b.Level {
			return levelRank[a.Level] < levelRank[b.Level]
		}
		return a.placed() && !b.placed()
	})
	shown := map[string]int{}
	for _, f := range findings {
		shown[f.Level]++
		n := shown[f.Level]
		if n > githubLimit || n == githubLimit && total[f.Level] > githubLimit {
			continue
		}
		props := "title=" + escapeProperty(f.ID)
		msg := f.subject() + ": " + f.Message
		if f.Source != nil {
			if f.InBase {
				msg += " (was at " + f.where() + ")"
			} else {
				props = fmt.Sprintf("file=%s,line=%d,%s", escapeProperty(f.Source.File), f.Source.Line, props)
			}
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", command[f.Level], props, escapeData(msg)); err != nil {
			return err
		}
	}
	for _, lv := range []string{Breaking, Warning, Info} {
		if total[lv] > githubLimit {
			n := total[lv] - githubLimit + 1
			if _, err := fmt.Fprintf(w, "::%s title=%d more::%d more %s changes are not annotated; see the log of this step\n", command[lv], n, n, lv); err != nil {
				return err
			}
		}
	}
	return WriteText(w, r)
}

// placed reports whether a finding has a position in the head's files.
func (f *Finding) placed() bool { return f.Source != nil && !f.InBase }

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
