package parse

import (
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
)

// brokenTarget spots generator failures and placeholders the docs left in
// place of a path: "** Collection URI for … not found", "TODO". (Plain
// string tests: this runs on every request line of the corpus.)
func brokenTarget(t string) bool {
	return strings.Contains(t, "**") || hasWord(strings.ToLower(t), "not found") || hasWord(t, "TODO")
}

// httpLines reads the request lines of one code block of the HTTP-request
// section. Lines that are not request lines are reported, never dropped
// silently.
func httpLines(cd *code, file *diag.Source, diags *diag.List) []page.HTTPLine {
	var out []page.HTTPLine
	for i, raw := range cd.lines {
		line := strings.TrimSpace(cleanSpace(raw))
		if line == "" {
			continue
		}
		lead := len(raw) - len(strings.TrimLeft(raw, " \t"))
		off := cd.lineOff[i] + lead
		m := requestLine(line)
		if m == nil {
			if strings.HasPrefix(line, "{") || strings.HasPrefix(line, "}") || strings.HasPrefix(line, "\"") || strings.HasPrefix(line, "Content-") {
				continue // a body or header pasted into the syntax block
			}
			diags.Add(file.Pos(off), diag.Warning, "HTTP_LINE_IGNORED", "line in the HTTP request block is not a request line: %q", clip(line))
			continue
		}
		method := line[m[2]:m[3]]
		tstart := m[6]
		if m[4] >= 0 { // "DELETE/path": the slash belongs to the target
			tstart = m[4]
		}
		target := strings.TrimSpace(line[tstart:])
		toff := off + tstart
		if brokenTarget(target) || target == "" {
			diags.Add(file.Pos(toff), diag.Error, "HTTP_LINE_INVALID", "request line has no usable path: %q", clip(target))
			continue
		}
		if m[4] >= 0 {
			diags.Add(file.Pos(toff), diag.Warning, "HTTP_LINE_NO_SPACE", "no space between method and path in %q", clip(line))
		}
		out = append(out, page.HTTPLine{Method: method, Target: target, Off: off, TargetOff: toff})
	}
	return out
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}
