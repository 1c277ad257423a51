package parse

import (
	"regexp"
	"strings"
)

// Plain-text renders of pages (seed 002) have lost every mark: headings are
// bare lines, tables are space-separated rows, code blocks are unfenced.
// What survives are the docs' fixed words (section names, table headers) and
// the shape of HTTP lines and JSON, which is what this reader keys on.

// sectionWords are the headings the docs use, lower-cased. A plain-text line
// equal to one of them is read as a heading.
var sectionWords = map[string]int{
	"permissions": 2, "prerequisites": 2, "http request": 2, "request headers": 2,
	"request body": 2, "response": 2, "example": 2, "examples": 2, "optional query parameters": 2,
	"query parameters": 2, "path parameters": 2, "properties": 2, "relationships": 2,
	"json representation": 2, "methods": 2, "members": 2, "request": 3,
}

// tableHeaders are the first words of the table header lines the docs use,
// with the number of columns the table has.
var tableHeaders = []struct {
	prefix string
	cols   int
}{
	{"permission type ", 2},
	{"header value", 2},
	{"property type description", 3},
	{"parameter type description", 3},
	{"name type description", 3},
	{"member value description", 3},
	{"relationship type description", 3},
	{"method return type description", 3},
}

// permissionTypes are the row labels of permission tables, which contain
// spaces and so cannot be split at whitespace.
var permissionTypes = []string{
	"Delegated (work or school account)",
	"Delegated (personal Microsoft account)",
	"Application",
}

var (
	httpStartRe = regexp.MustCompile(`^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S|^HTTP(/\d(\.\d)?)?\s+\d{3}`)
	wsRunRe     = regexp.MustCompile(`\s+`)
)

// plainBlocks reads a plain-text page into blocks.
func plainBlocks(src []byte) []block {
	s := string(src)
	var lines []string
	var offs []int
	for off := 0; off <= len(s); {
		end := strings.IndexByte(s[off:], '\n')
		if end < 0 {
			if off < len(s) {
				lines = append(lines, s[off:])
				offs = append(offs, off)
			}
			break
		}
		lines = append(lines, s[off:off+end])
		offs = append(offs, off)
		off += end + 1
	}

	var out []block
	inExample := false
	for i := 0; i < len(lines); {
		line := cleanSpace(strings.TrimRight(lines[i], " \r"))
		trim := strings.TrimSpace(line)
		switch {
		case trim == "":
			i++
		case len(out) == 0:
			out = append(out, block{kind: headingBlock, level: 1, in: inline{text: trim, off: offs[i]}, off: offs[i]})
			i++
		case sectionWords[strings.ToLower(trim)] > 0:
			level := sectionWords[strings.ToLower(trim)]
			lw := strings.ToLower(trim)
			if lw == "example" || lw == "examples" {
				inExample = true
			} else if level == 2 && lw == "response" && inExample {
				level = 3
			}
			out = append(out, block{kind: headingBlock, level: level, in: inline{text: trim, off: offs[i]}, off: offs[i]})
			i++
		case tableCols(trim) > 0:
			i = plainTable(lines, offs, i, &out)
		case httpStartRe.MatchString(trim):
			i = plainCode(lines, offs, i, &out)
		default:
			start := i
			var parts []string
			for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
				parts = append(parts, strings.TrimSpace(cleanSpace(lines[i])))
				i++
			}
			text := strings.Join(parts, " ")
			quote := strings.HasPrefix(text, "Note:") || strings.HasPrefix(text, "Important:")
			out = append(out, block{kind: paraBlock, in: inline{text: text, off: offs[start]}, off: offs[start], quote: quote})
		}
	}
	return out
}

func tableCols(line string) int {
	l := strings.ToLower(line)
	for _, h := range tableHeaders {
		if strings.HasPrefix(l+" ", h.prefix) {
			return h.cols
		}
	}
	return 0
}

// plainTable reads a header line and the rows under it, up to a blank line.
func plainTable(lines []string, offs []int, i int, out *[]block) int {
	head := strings.TrimSpace(cleanSpace(lines[i]))
	cols := tableCols(head)
	tb := &table{}
	if strings.HasPrefix(strings.ToLower(head), "permission type ") {
		tb.header = []inline{{text: "Permission type", off: offs[i]}, {text: strings.TrimSpace(head[len("permission type "):]), off: offs[i] + len("permission type ")}}
	} else {
		for _, w := range splitCols(head, cols) {
			tb.header = append(tb.header, inline{text: w, off: offs[i]})
		}
	}
	start := offs[i]
	i++
	for ; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
		row := cleanSpace(lines[i])
		var cells []string
		for _, p := range permissionTypes {
			if strings.HasPrefix(row, p+" ") || row == p {
				cells = []string{p, strings.TrimSpace(row[len(p):])}
				break
			}
		}
		if cells == nil {
			cells = splitCols(row, cols)
		}
		var in []inline
		pos := offs[i]
		for _, c := range cells {
			if k := strings.Index(lines[i][pos-offs[i]:], c); k >= 0 && c != "" {
				pos += k
			}
			in = append(in, inline{text: c, off: pos, raw: c})
		}
		tb.rows = append(tb.rows, in)
		tb.rowOff = append(tb.rowOff, offs[i])
	}
	*out = append(*out, block{kind: tableBlock, tab: tb, off: start})
	return i
}

// splitCols splits a row at its first cols-1 runs of white space: names and
// types in these tables never contain spaces, descriptions do.
func splitCols(row string, cols int) []string {
	parts := wsRunRe.Split(strings.TrimSpace(row), cols)
	for len(parts) < cols {
		parts = append(parts, "")
	}
	return parts
}

// plainCode reads an unfenced HTTP block: the request or status line, the
// header lines under it, and a JSON body that may follow after a blank line,
// which runs until its brackets balance.
func plainCode(lines []string, offs []int, i int, out *[]block) int {
	cd := &code{info: "http"}
	add := func(k int) {
		cd.lines = append(cd.lines, strings.TrimRight(lines[k], "\r"))
		cd.lineOff = append(cd.lineOff, offs[k])
	}
	start := offs[i]
	for ; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
		add(i)
	}
	// A body follows if the next non-blank line opens JSON.
	j := i
	for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
		j++
	}
	if j < len(lines) {
		t := strings.TrimSpace(lines[j])
		if strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
			for k := i; k < j; k++ {
				add(k)
			}
			depth, inStr, esc := 0, false, false
			for i = j; i < len(lines); i++ {
				add(i)
				for _, c := range lines[i] {
					switch {
					case esc:
						esc = false
					case inStr && c == '\\':
						esc = true
					case c == '"':
						inStr = !inStr
					case !inStr && (c == '{' || c == '['):
						depth++
					case !inStr && (c == '}' || c == ']'):
						depth--
					}
				}
				if depth <= 0 {
					i++
					break
				}
			}
		}
	}
	*out = append(*out, block{kind: codeBlock, code: cd, off: start})
	return i
}
