package parse

import (
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
)

// permissionTable reads the Permission type | Permissions table. Cells that
// say a permission type is not supported yield no scopes; TODO cells and
// words that are not scope names are reported.
func permissionTable(tb *table, file *diag.Source, diags *diag.List) []page.Permission {
	var out []page.Permission
	for r, row := range tb.rows {
		if len(row) < 2 {
			continue
		}
		ptype := strings.Join(strings.Fields(row[0].text), " ")
		if ptype == "" {
			continue
		}
		p := page.Permission{Type: ptype, Off: tb.rowOff[r]}
		p.Scopes = scopes(row[1], file, diags)
		// Newer tables split the scopes: "Least privileged permissions |
		// Higher privileged permissions".
		if len(row) > 2 && len(tb.header) > 2 && (containsFold(tb.header[2].text, "permission") || columnHasScopes(tb, 2)) {
			p.Scopes = append(p.Scopes, scopes(row[2], file, diags)...)
		}
		out = append(out, p)
	}
	return out
}

// hasScopeName reports whether text has a word that is a scope name
// (User.Read.All, offline_access).
func hasScopeName(text string) bool {
	for _, w := range strings.FieldsFunc(text, scopeSep) {
		if w = strings.Trim(w, "*`_.()"); isScope(w) && strings.ContainsAny(w, "._") {
			return true
		}
	}
	return false
}

func scopeSep(r rune) bool { return r == ',' || r == ' ' || r == ';' }

// scopes reads one permissions cell or old-style scope paragraph.
func scopes(c inline, file *diag.Source, diags *diag.List) []page.Text {
	v := strings.TrimSpace(c.text)
	lv := strings.ToLower(strings.TrimSuffix(v, "."))
	switch {
	case v == "" || lv == "not supported" || lv == "not applicable" || lv == "not available" || lv == "none":
		// "Not available." is how the three-column tables say that no
		// higher privileged permission exists.
		return nil
	case sentenceWithoutScope(v):
		// "不支持。", "Nicht unterstützt.": a translated "Not supported."
		// (a sentence, where scopes are a list of names).
		return nil
	case strings.Contains(strings.ToUpper(v), "TODO"):
		diags.Add(file.Pos(c.off), diag.Warning, "PERMISSION_TODO", "permission is a placeholder: %q", clip(v))
		return nil
	}
	var out []page.Text
	for _, w := range strings.FieldsFunc(v, scopeSep) {
		w = strings.Trim(w, "*`_.()")
		if w == "" || strings.EqualFold(w, "or") || strings.EqualFold(w, "and") {
			continue
		}
		if !isScope(w) || !strings.ContainsAny(w, "._") {
			diags.Add(file.Pos(c.off), diag.Warning, "PERMISSION_UNRECOGNISED", "%q in a permissions cell is not a scope name", clip(w))
			continue
		}
		off := c.off
		if k := strings.Index(c.raw, w); k >= 0 && c.raw != "" {
			off += k
		}
		out = append(out, page.Text{Value: w, Off: off})
	}
	return out
}

// columnHasScopes reports whether column col of a permissions table names
// a scope in some row: the higher privileged column of a translated table,
// whose header words are not known.
func columnHasScopes(tb *table, col int) bool {
	for _, row := range tb.rows {
		if col < len(row) && onlyScopes(row[col].text) {
			return true
		}
	}
	return false
}

// sentenceWithoutScope reports whether a cell is a sentence, ended by a
// full stop in any script, that names no scope.
func sentenceWithoutScope(v string) bool {
	if !strings.HasSuffix(v, ".") && !strings.HasSuffix(v, "。") && !strings.HasSuffix(v, "．") {
		return false
	}
	return !hasScopeName(strings.TrimRight(v, ".。．"))
}
