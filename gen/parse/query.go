package parse

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/page"
)

var (
	// odataOptionRe is an OData system query option as the prose names it
	// ("$select", "`$orderBy`").
	odataOptionRe = regexp.MustCompile(`\$[A-Za-z]+\b`)
	// notSupportRe is a sentence that denies support: "does not support",
	// "doesn't support", "is not supported", "aren't supported".
	notSupportRe = regexp.MustCompile(`(?i)\b(?:not|n't)\s+(?:\w+\s+)?support|\bnot\s+supported\b|\bunsupported\b`)
	// supportRe is a sentence about supporting query parameters at all.
	supportRe = regexp.MustCompile(`(?i)\bsupport`)
	odataRe   = regexp.MustCompile(`(?i)\bodata\b|query\s+param`)
)

// queryProse reads a paragraph or list item of a query-parameters section:
// the OData system query options it names as supported, or that it supports
// them all or none.
func (r *reader) queryProse(in *inline) {
	q := &r.p.Query
	text := in.text
	if !strings.Contains(text, "$") && !containsFold(text, "support") && !containsFold(text, "required") {
		return // says nothing of the options
	}
	if containsFold(text, "required") && !containsFold(text, "optional") && !containsFold(text, "not required") {
		r.queryRequired = true
	}
	for _, sent := range splitSentences(text) {
		s := text[sent[0]:sent[1]]
		names := optionNames(s)
		denied := deniesSupport(s)
		if len(names) == 0 {
			if saysSupport(s) && saysOData(s) {
				if denied {
					q.None = true
				} else {
					q.All = true
				}
			}
			continue
		}
		if denied {
			continue // "$search is not supported", "doesn't support $count"
		}
		for _, loc := range names {
			r.addOption(s[loc[0]:loc[1]], in.off+sent[0]+loc[0])
		}
	}
}

// addOption records a named OData option once; in.off based offsets are
// close to, not exactly at, the option, as markup was removed.
func (r *reader) addOption(name string, off int) {
	q := &r.p.Query
	for _, n := range q.Named {
		if strings.EqualFold(n.Value, name) {
			return
		}
	}
	q.Named = append(q.Named, page.Text{Value: name, Off: off})
}

// splitSentences returns the [start, end) spans of text's sentences, which
// end at ".", ";", "!" or "?" followed by a space or the end. "e.g." and
// decimals are rare in these sections; a sentence cut early only splits a
// list of names, which are read either way.
func splitSentences(text string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '.', ';', '!', '?':
			if i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n' || text[i+1] == '\t' {
				out = append(out, [2]int{start, i})
				start = i + 1
			}
		}
	}
	if start < len(text) {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// paramTable reads a table of a parameters section: each row is a query,
// function or path parameter. Rows that name an OData system query option
// ("|$expand|string|…|") say that the method supports it.
func (r *reader) paramTable(tb *table, off int, sec section) {
	in := page.InQuery
	switch sec {
	case secFunctionParams:
		in = page.InFunction
	case secPathParams:
		in = page.InPath
	}
	// Rows that name an OData option are the option, not a parameter.
	rest := *tb
	rest.rows, rest.rowOff, rest.rowCells, rest.rowExtra = nil, nil, nil, nil
	for i, row := range tb.rows {
		if len(row) > 0 {
			if n := strings.Trim(row[0].text, "`* "); strings.HasPrefix(n, "$") && odataOptionRe.MatchString(n) {
				r.addOption(odataOptionRe.FindString(n), row[0].off)
				continue
			}
		}
		rest.rows = append(rest.rows, row)
		rest.rowOff = append(rest.rowOff, tb.rowOff[i])
		if i < len(tb.rowCells) {
			rest.rowCells = append(rest.rowCells, tb.rowCells[i])
			rest.rowExtra = append(rest.rowExtra, tb.rowExtra[i])
		}
	}
	tb = &rest
	pt := propertyTable(tb, off, r.file, r.diags)
	if pt == nil {
		// "|Name|Value|Description|" tables of OData options.
		for _, row := range tb.rows {
			if len(row) > 0 {
				if n := strings.Trim(row[0].text, "`* "); odataOptionRe.MatchString(n) && strings.HasPrefix(n, "$") {
					r.addOption(odataOptionRe.FindString(n), row[0].off)
				}
			}
		}
		return
	}
	for _, row := range pt.Rows {
		if strings.HasPrefix(row.Name.Value, "$") {
			if n := odataOptionRe.FindString(row.Name.Value); n != "" {
				r.addOption(n, row.Name.Off)
			}
			continue
		}
		if in == page.InQuery && r.queryRequired && !containsFold(row.Description, "optional") {
			row.Required = true
		}
		r.p.Parameters = append(r.p.Parameters, page.Parameter{Property: row, In: in})
	}
}

var (
	// streamRe is prose saying the body is a stream of bytes.
	streamRe = regexp.MustCompile(`(?i)\b(?:an?|the|binary)\s+stream\b|\bstream\s+(?:object\s+)?in\s+the\s+response|\boctet-stream\b|\bbinary\s+(?:data|content)\b`)
	// primCollRe is "a String collection" of a function's result.
	primCollRe = regexp.MustCompile(`(?i)\b(String|Int32|Int64|Boolean|Double|Guid|DateTimeOffset)\s+collection\b`)
	// primOneRe is "a String in the response body" of a function's result.
	primOneRe = regexp.MustCompile(`(?i)\b(?:an?|the)\s+(String|Int32|Int64|Boolean|Double)\s+(?:value\s+)?(?:in|as)\s+the\s+response\s+body`)
	// collOfNameRe is "collection of alert objects", the type unlinked.
	collOfNameRe = regexp.MustCompile(`(?i)\bcollection\s+of\s+(\w+)\s+(?:objects|resources|entities)\b`)
	// emptyBodyRe is prose saying the response has no body.
	emptyBodyRe = regexp.MustCompile(`(?i)\b(?:not?|empty)\s+(?:return\s+)?(?:anything\s+in\s+the\s+)?response\s+body|\bdoes\s+not\s+return\s+anything`)
	// listOfRe is "the list of items", "a list of [x]".
	listOfRe = regexp.MustCompile(`(?i)\b(?:list|array|set)\s+of\b|\bcomposed\s+of\b`)
)

// responseProse reads a paragraph of the Response section: the status it
// names, and what the body holds: a type, one or a collection of it, a
// stream, or nothing. Each is taken from the first paragraph that says it.
func (r *reader) responseProse(in *inline) {
	p := r.p
	text := in.text
	if p.Response.Status == 0 {
		// The success status: "a 507 Insufficient Storage response is
		// returned" if the quota is exceeded is an error's.
		for _, m := range statusMatches(text) {
			if st, _ := strconv.Atoi(text[m[2]:m[3]]); st < 400 {
				p.Response.Status = st
				p.Response.Off = in.off
				break
			}
		}
	}
	if p.Response.Type.Name != "" {
		return
	}
	// Each pattern is tried only where its words are: most of these
	// sentences are "returns a 204 No Content response code".
	body := containsFold(text, "body") || containsFold(text, "anything")
	if body && (containsFold(text, "not") || containsFold(text, "empty") || containsFold(text, "no ")) && emptyBodyRe.MatchString(text) {
		p.Response.Empty = true
		return
	}
	if (containsFold(text, "stream") || containsFold(text, "binary")) && streamRe.MatchString(text) {
		// A page may document a stream and its metadata ("### Response
		// for getting the photo", "… the metadata of the photo"): the
		// type is read on.
		p.Response.Stream = true
		return
	}
	hasColl := containsFold(text, "collection")
	coll := hasColl && collOfRe.MatchString(text) || (containsFold(text, " of ")) && listOfRe.MatchString(text)
	if l, ok := resourceLink(in.links); ok {
		name := strings.Trim(l.text, "`* ")
		// "a [driveItem](…) collection": the word follows the link.
		if k := strings.Index(text, l.text); k >= 0 && hasPrefixFold(strings.TrimLeft(text[k+len(l.text):], " *`"), "collection") {
			coll = true
		}
		p.Response.Type = page.TypeRef{Raw: l.text, Name: name, Link: l.dest, Collection: coll, Off: l.off}
		return
	}
	// "a [Drive resource][drive-resource]": the link goes to a type's
	// page and its text starts with the type's name.
	for _, l := range in.links {
		d := strings.ToLower(l.dest)
		f := strings.Fields(strings.Trim(l.text, "`* "))
		if len(f) == 2 && strings.Contains(d, "resources/") && strings.HasSuffix(d, ".md") && isTypeWord(f[0]) &&
			strings.EqualFold(strings.TrimSuffix(d[strings.LastIndexByte(d, '/')+1:], ".md"), f[0]) {
			p.Response.Type = page.TypeRef{Raw: l.text, Name: lowerFirst(f[0]), Link: l.dest, Collection: coll, Off: l.off}
			return
		}
	}
	if !hasColl && !body && !containsFold(text, "object") && len(in.links) == 0 {
		return
	}
	if m := primCollRe.FindStringSubmatchIndex(text); hasColl && m != nil {
		name := text[m[2]:m[3]]
		p.Response.Type = page.TypeRef{Raw: name, Name: name, Collection: true, Off: in.off + m[2]}
		return
	}
	if m := primOneRe.FindStringSubmatchIndex(text); body && m != nil {
		name := text[m[2]:m[3]]
		p.Response.Type = page.TypeRef{Raw: name, Name: name, Off: in.off + m[2]}
		return
	}
	if m := collOfNameRe.FindStringSubmatchIndex(text); hasColl && m != nil {
		name := text[m[2]:m[3]]
		p.Response.Type = page.TypeRef{Raw: name, Name: name, Collection: true, Off: in.off + m[2]}
		return
	}
	if m := objectRe.FindStringSubmatchIndex(text); m != nil && p.Response.Status != 0 {
		name := text[m[2]:m[3]]
		p.Response.Type = page.TypeRef{Raw: name, Name: name, Collection: coll, Off: in.off + m[2]}
		return
	}
	// The sentence with the status names the type with whatever link the
	// page has ("/graph/api/resources/user"), when its text is a name.
	for _, l := range in.links {
		if name := strings.Trim(l.text, "`* "); hasStatus(text) && isTypeWord(name) {
			p.Response.Type = page.TypeRef{Raw: l.text, Name: name, Link: l.dest, Collection: coll, Off: l.off}
			return
		}
	}
}
