package parse

import (
	"regexp"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
)

// columns locates the name, type and description columns of a table by
// their header words; ok is false for tables without a name and type.
func columns(header []inline) (name, typ, desc int, ok bool) {
	name, typ, desc = -1, -1, -1
	value := -1
	defer func() {
		// "|Name|Value|Description|" tables of actions' parameters
		// (driveItem copy, checkin) give the type under "Value"; a
		// "|Name|Value|" table lists example values.
		if typ < 0 && value >= 0 && desc >= 0 && name >= 0 {
			typ, ok = value, true
		}
	}()
	for i, h := range header {
		w := strings.ToLower(strings.TrimSpace(h.text))
		switch {
		case name < 0 && (w == "property" || w == "parameter" || w == "name" || w == "member" || w == "relationship" || w == "property name" || w == "parameter name"):
			name = i
		case typ < 0 && (w == "type" || w == "value type" || w == "data type"):
			typ = i
		case value < 0 && w == "value":
			value = i
		case desc < 0 && strings.HasPrefix(w, "description"):
			desc = i
		}
	}
	return name, typ, desc, name >= 0 && typ >= 0
}

var (
	// enumPhraseRe matches every spelling of "Possible values are:" that the
	// survey counted.
	// The second form lists the members after unknownFutureValue that a
	// client must ask for with the Prefer header (pages from 2024 on).
	enumPhraseRe = regexp.MustCompile(`(?i)\b(?:the\s+)?(?:possible|valid|supported|allowed)\s+values?(?:\s+(?:are|is|include))?\s*:?|\bin\s+this\s+evolvable\s+enum\s*:`)
	// collSuffixRe is "x collection"; the other words are translated
	// copies' (a hint, as every word is).
	collSuffixRe = regexp.MustCompile(`(?i)\s*(?:\bcollection|集合|コレクション|\bSammlung|\bAuflistung|\bcolección|\bcoleção)$`)
	collFuncRe   = regexp.MustCompile(`(?i)^collection\((.*)\)$`)
	// collOfPrefixRe is "Collection of String".
	collOfPrefixRe = regexp.MustCompile(`(?i)^collection\s+of\s+(\S+)$`)
	remarkRe       = regexp.MustCompile(`\s*\([^()]*\)\s*`)
	brokenLinkRe   = regexp.MustCompile(`^\[([^\]]+)\]\(([^)\s]*)$`)
	untypedJSONRe  = regexp.MustCompile(`(?i)^(?:untyped\s+)?json(?:\s+object)?$`)
)

// propertyTable reads a Property|Type|Description table.
func propertyTable(tb *table, off int, file *diag.Source, diags *diag.List) *page.PropertyTable {
	ni, ti, di, ok := columns(tb.header)
	if !ok {
		// Headers in another language: the columns by their cells.
		if ni, ti, di, ok = structuralColumns(tb); !ok {
			return nil
		}
	}
	pt := &page.PropertyTable{Off: off, Parameters: strings.EqualFold(strings.TrimSpace(tb.header[ni].text), "parameter")}
	for r, row := range tb.rows {
		rowOff := tb.rowOff[r]
		n, extra := len(row), ""
		if r < len(tb.rowCells) {
			n, extra = tb.rowCells[r], tb.rowExtra[r]
		}
		if n != len(tb.header) {
			diags.Add(file.Pos(rowOff), diag.Warning, "TABLE_ROW_CELLS", "row has %d cells, the header has %d; an unescaped \"|\" in the text?", n, len(tb.header))
		}
		cell := func(i int) inline {
			if i >= 0 && i < len(row) {
				return row[i]
			}
			return inline{off: rowOff}
		}
		nc := cell(ni)
		name := strings.Trim(nc.text, "`* ")
		if name == "" {
			continue // group rows such as |**Certificates**| | |
		}
		if strings.TrimPrefix(name, "@") == "odata.type" {
			continue // the type discriminator, which every schema models itself
		}
		p := page.Property{Name: page.Text{Value: name, Off: nc.off}, Off: rowOff}
		p.Type = typeRef(cell(ti))
		if di >= 0 {
			dc := cell(di)
			if extra != "" && di == len(tb.header)-1 {
				// Cells cut off at an unescaped pipe belong to the
				// description, the last column.
				dc.text += " | " + extra
				dc.raw += " | " + extra
			}
			p.Description = dc.text
			var bad []string
			p.Enum, p.EnumOff, bad = enumValuesOf(dc)
			for _, v := range bad {
				diags.Add(file.Pos(p.EnumOff), diag.Warning, "ENUM_MEMBER_INVALID", "enumeration member %q is not a name (a letter or _, then letters, digits, _ . -); left out", clip(v))
			}
			if hasPrefixFold(dc.text, "inherited from") && len(dc.links) > 0 {
				p.InheritedFrom = strings.Trim(dc.links[0].text, "`* ")
			}
			// "Read-only" and "Required" may sit in the type cell too.
			all := dc.text + " " + cell(ti).text
			lower := strings.ToLower(all)
			p.ReadOnly = hasWord(lower, "read-only") || hasWord(lower, "readonly")
			p.Required = hasWord(all, "Required") && !hasWord(lower, "not required")
			p.NotNullable = hasWord(lower, "not nullable")
		}
		if !isIdent(name) {
			diags.Add(file.Pos(nc.off), diag.Warning, "PROPERTY_NAME_INVALID", "property name %q is not an identifier; row skipped", clip(name))
			continue
		}
		pt.Rows = append(pt.Rows, p)
	}
	return pt
}

// typeRef reads a type cell: "[certificateStatus](…) collection",
// "String collection", "Collection(Edm.String)", "Int32".
func typeRef(c inline) page.TypeRef {
	t := page.TypeRef{Raw: c.text, Off: c.off}
	s := strings.Trim(c.text, "`* ")
	if m := collFunc(s); m != nil {
		t.Collection = true
		s = strings.Trim(m[1], "`*[] ")
	} else {
		// A remark in parentheses beside the type: "string (url)",
		// "(Optional) String", "String (enum)".
		if strings.IndexByte(s, '(') >= 0 {
			r := strings.TrimSpace(remarkRe.ReplaceAllString(s, " "))
			bare := r
			if k, ok := collSuffix(r); ok {
				bare = r[:k]
			}
			if isTypeWord(bare) {
				s = r
			}
		}
		if m := collOfPrefix(s); m != nil {
			t.Collection = true
			s = m[1]
		} else if k, ok := collSuffix(s); ok {
			t.Collection = true
			s = s[:k]
		}
	}
	broken := brokenLink(s)
	switch {
	case len(c.links) > 0:
		t.Name = strings.Trim(c.links[0].text, "`* ")
		t.Link = c.links[0].dest
		// "[educationOutcome](…) collection. Holds grades…": the
		// description ran into the type cell, after "collection".
		if k := strings.Index(c.text, c.links[0].text); !t.Collection && k >= 0 {
			rest := strings.TrimLeft(c.text[k+len(c.links[0].text):], " *`")
			_, suffix := collSuffix(strings.TrimSpace(rest))
			t.Collection = hasPrefixFold(rest, "collection") || suffix
		}
	case broken != nil:
		// "[invitedUserMessageInfo](invitedusermessageinfo.md": a link
		// without its closing parenthesis, which markdown leaves as text.
		t.Name, t.Link = strings.Trim(broken[1], "`* "), broken[2]
	case untypedJSON(s):
		t.Name = "Json" // "JSON object", "Untyped JSON object"
	default:
		t.Name = strings.Trim(s, "`* ")
	}
	return t
}

// enumValues reads the values of "Possible values are: …" sentences in a
// description cell, in order and without duplicates. Backticked values are
// taken where the sentence has them; otherwise the comma-separated words up
// to the end of the sentence.
func enumValues(c inline) ([]string, int) {
	vals, off, _ := enumValuesOf(c)
	return vals, off
}

// enumValuesOf is enumValues that also returns the backticked values left
// out because they are not names (`9lives`, `x y`), so that they are
// reported rather than dropped without a word. Words of a prose list that
// are not names are not returned: most are prose.
func enumValuesOf(c inline) (vals []string, off int, bad []string) {
	raw := c.raw
	if raw == "" {
		raw = c.text
	}
	if !containsFold(raw, "evolvable") && (!containsFold(raw, "value") || !containsFold(raw, "possible") && !containsFold(raw, "valid") && !containsFold(raw, "supported") && !containsFold(raw, "allowed")) {
		return nil, 0, nil // no phrase can match: skip the regexp
	}
	locs := enumPhraseRe.FindAllStringIndex(raw, -1)
	if locs == nil {
		return nil, 0, nil
	}
	seen := map[string]bool{}
	add := func(v string, code bool) {
		v = strings.Trim(v, " '\"*.")
		if v == "" || seen[v] {
			return
		}
		if !isIdent(v) {
			if code {
				seen[v] = true
				bad = append(bad, v)
			}
			return
		}
		seen[v] = true
		vals = append(vals, v)
	}
	for k, loc := range locs {
		rest := raw[loc[1]:]
		if k+1 < len(locs) {
			rest = raw[loc[1]:locs[k+1][0]]
		}
		rest = strings.TrimSpace(rest)
		if strings.HasPrefix(rest, "`") {
			// Backticked list: every code span up to the sentence end
			// after the last one.
			for _, m := range codeSpans(sentence(rest, true)) {
				add(m, true)
			}
			continue
		}
		for _, w := range splitList(sentence(rest, false)) {
			add(w, false)
		}
	}
	return vals, c.off, bad
}

// sentence cuts s at the end of its first sentence: a period followed by a
// space or the end. Periods inside code spans do not count when code is set.
func sentence(s string, code bool) string {
	in := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '`' && code:
			in = !in
		case s[i] == '.' && !in && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '<'):
			return s[:i]
		case s[i] == '<' && !in:
			return s[:i] // <br> ends the list
		}
	}
	return s
}

// listJoiners turns the words and marks that join a list into commas.
var listJoiners = strings.NewReplacer(", and ", ",", ", or ", ",", " and ", ",", " or ", ",", ";", ",")

func splitList(s string) []string {
	s = listJoiners.Replace(s)
	var out []string
	for _, w := range strings.Split(s, ",") {
		w = strings.TrimSpace(w)
		if i := strings.IndexAny(w, " ("); i >= 0 {
			// "Private (default)": keep the value, drop the remark; but a
			// phrase of several words is prose, not a value.
			if strings.Contains(strings.TrimSpace(w[:i]), " ") {
				continue
			}
			if w[i] == ' ' && !strings.HasPrefix(strings.TrimSpace(w[i:]), "(") {
				continue
			}
			w = w[:i]
		}
		out = append(out, w)
	}
	return out
}

// hasWord reports whether w occurs in s between word boundaries (a letter,
// digit, "_" or "-" on either side disqualifies it). It replaces regular
// expressions on the hot path of every table row.
func hasWord(s, w string) bool {
	for i := 0; ; {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return false
		}
		start, end := i+k, i+k+len(w)
		if (start == 0 || !isWordByte(s[start-1])) && (end == len(s) || !isWordByte(s[end])) {
			return true
		}
		i = start + 1
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
