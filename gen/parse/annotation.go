package parse

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
)

var (
	// The survey's fallback for annotations that are not JSON even after
	// repair: take the fields that matter by pattern.
	blockTypeRe = regexp.MustCompile(`"blockType"\s*:\s*"(\w+)"`)
	nameRe      = regexp.MustCompile(`"name"\s*:\s*"([^"]*)"`)
	odataTypeRe = regexp.MustCompile(`"@odata\.type"\s*:\s*"([^"]*)"`)
	trailingRe  = regexp.MustCompile(`,(\s*[}\]])`)
	bareKeyRe   = regexp.MustCompile(`([{,]\s*)([A-Za-z_@][\w.@]*)\s*:`)
)

// annotationOf reads a `<!-- { "blockType": … } -->` comment. It returns nil
// for comments that are not annotations (page.annotation trailers, stamps,
// commented-out prose).
func annotationOf(comment string, off int, file *diag.Source, diags *diag.List) *page.Annotation {
	s := strings.TrimSpace(comment)
	if !strings.HasPrefix(s, "<!--") || !strings.Contains(s, "blockType") {
		return nil
	}
	s = strings.TrimPrefix(s, "<!--")
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "-->"))
	// `{ "blockType": "ignored" } // Note: Removing this line …`: the
	// permissions generator's own remark after the object is a comment.
	if k := strings.LastIndexByte(s, '}'); k >= 0 && strings.HasPrefix(strings.TrimSpace(s[k+1:]), "//") {
		s = s[:k+1]
	}
	a := &page.Annotation{Off: off}
	var raw map[string]any
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		fixed := trailingRe.ReplaceAllString(s, "$1")
		fixed = bareKeyRe.ReplaceAllString(fixed, `$1"$2":`)
		if err2 := json.Unmarshal([]byte(fixed), &raw); err2 != nil {
			raw = nil
			diags.Add(file.Pos(off), diag.Warning, "ANNOTATION_INVALID", "annotation is not JSON (%v); read by pattern", err)
		} else {
			diags.Add(file.Pos(off), diag.Warning, "ANNOTATION_REPAIRED", "annotation is not strict JSON; repaired")
		}
	}
	if raw == nil {
		m := blockTypeRe.FindStringSubmatch(s)
		if m == nil {
			return nil
		}
		a.BlockType = m[1]
		if m := nameRe.FindStringSubmatch(s); m != nil {
			a.Name = m[1]
		}
		if m := odataTypeRe.FindStringSubmatch(s); m != nil {
			a.ODataType = m[1]
		}
		return a
	}
	a.BlockType = str(raw["blockType"])
	a.Name = str(raw["name"])
	if list, ok := raw["name"].([]any); ok {
		for _, n := range list {
			if n, ok := n.(string); ok && n != "" {
				a.Names = append(a.Names, n)
			}
		}
	}
	a.ODataType = str(raw["@odata.type"])
	if a.ODataType == "" {
		a.ODataType = str(raw["@type"])
	}
	a.Truncated = truthy(raw["truncated"])
	a.IsCollection = truthy(raw["isCollection"])
	a.BaseType = str(raw["baseType"])
	a.KeyProperty = str(raw["keyProperty"])
	a.OpenType = truthy(raw["openType"])
	if a.BlockType == "" {
		return nil
	}
	return a
}

// str reads a value the docs spell as a string, or as a list of strings
// (the first one counts), as a string.
func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		if len(v) > 0 {
			return str(v[0])
		}
	}
	return ""
}

// truthy reads a boolean the docs spell as true or "true".
func truthy(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case string:
		return strings.EqualFold(v, "true")
	}
	return false
}
