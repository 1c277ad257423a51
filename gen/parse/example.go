package parse

import (
	"strconv"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/page"
)

// exampleOf classifies a code block by its first non-blank line, as the
// docs' fence info strings are unreliable: "METHOD url" is a request,
// "HTTP/1.1 NNN …" a response. Anything else is not an HTTP example.
func exampleOf(cd *code, off int) *page.Example {
	i := 0
	for i < len(cd.lines) && strings.TrimSpace(cd.lines[i]) == "" {
		i++
	}
	if i == len(cd.lines) {
		return nil
	}
	first := strings.TrimSpace(cleanSpace(cd.lines[i]))
	ex := &page.Example{Off: off}
	if st, ok := statusLine(first); ok {
		ex.Kind = page.ResponseExample
		ex.Status, _ = strconv.Atoi(st)
	} else if m := requestLine(first); m != nil {
		ex.Kind = page.RequestExample
		ex.Method = first[m[2]:m[3]]
		t := m[6]
		if m[4] >= 0 {
			t = m[4]
		}
		ex.URL = strings.TrimSpace(first[t:])
		lead := len(cd.lines[i]) - len(strings.TrimLeft(cd.lines[i], " \t"))
		ex.URLOff = cd.lineOff[i] + lead + t
	} else {
		return nil
	}
	ex.Off = cd.lineOff[i]
	i++
	// Headers run up to the first blank line or the first line that opens
	// JSON (some examples omit the blank line).
	for ; i < len(cd.lines); i++ {
		l := strings.TrimSpace(cd.lines[i])
		if l == "" {
			i++
			break
		}
		if strings.HasPrefix(l, "{") || strings.HasPrefix(l, "[") {
			break
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			break
		}
		ex.Headers = append(ex.Headers, page.Header{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value), Off: cd.lineOff[i]})
	}
	for i < len(cd.lines) && strings.TrimSpace(cd.lines[i]) == "" {
		i++
	}
	if i < len(cd.lines) {
		ex.Body = strings.Join(cd.lines[i:], "\n")
		ex.BodyOff = cd.lineOff[i]
		ex.Lines = append([]int(nil), cd.lineOff[i:]...)
		ex.Body = strings.TrimRight(ex.Body, " \n\t")
	}
	return ex
}
