package parse

import (
	"bytes"
	"fmt"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"go.yaml.in/yaml/v3"
)

// frontMatter splits off a leading "---" YAML block. It returns the values
// as strings and blanks the block out of src (keeping every newline), so
// that offsets in the rest of the page stay those of the file.
func frontMatter(src []byte, file *diag.Source, diags *diag.List) map[string]string {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return nil
	}
	end := bytes.Index(src[4:], []byte("\n---"))
	if end < 0 {
		diags.Add(file.Pos(0), diag.Warning, "FRONT_MATTER_UNCLOSED", "front matter has no closing \"---\" line; read to the first blank line")
		// The block most likely ends at the first blank line: blank it
		// there, so that its keys are not read as the page's first
		// paragraph, and the rest is read as usual.
		stop := bytes.Index(src, []byte("\n\n"))
		if stop < 0 {
			stop = len(src)
		}
		for i := 0; i < stop; i++ {
			if src[i] != '\n' {
				src[i] = ' '
			}
		}
		return nil
	}
	body := src[4 : 4+end+1]
	stop := 4 + end + 4 // through the closing dashes
	for stop < len(src) && src[stop] != '\n' {
		stop++
	}
	m := map[string]string{}
	var raw map[string]any
	if err := yaml.Unmarshal(body, &raw); err != nil {
		diags.Add(file.Pos(4), diag.Warning, "FRONT_MATTER_INVALID", "front matter is not valid YAML: %s", trimYAMLErr(err))
	}
	for k, v := range raw {
		if v == nil {
			m[k] = ""
			continue
		}
		m[k] = fmt.Sprint(v)
	}
	for i := 0; i < stop; i++ {
		if src[i] != '\n' {
			src[i] = ' '
		}
	}
	return m
}

func trimYAMLErr(err error) string {
	s := err.Error()
	if len(s) > 6 && s[:6] == "yaml: " {
		s = s[6:]
	}
	return s
}
