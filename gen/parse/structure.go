package parse

import (
	"regexp"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/page"
)

// The English headings of a page ("## HTTP request") are a hint, not the
// key: translated copies of the docs ("## HTTP 请求", "## HTTP-Anforderung")
// keep the structure, the anchors, the annotations, the request lines, the
// Graph types in the tables and the JSON. This file reads a section's kind
// from those when its heading's words are not known.

// headingSection tells the section a heading opens: by its anchor first
// (<a name="http-request"></a>), then by its English words, then by what
// the blocks under it hold (inferSection). name is the enumeration a
// values section documents.
func (r *reader) headingSection(blocks []block, i int, cur section) (s section, name string) {
	b := &blocks[i]
	s = secOther
	if b.anchor != "" {
		s = sectionOf(strings.ReplaceAll(b.anchor, "-", " "))
	}
	if s == secOther {
		s = sectionOf(b.in.text)
	}
	// A heading of unknown words under a method section ("### Get a
	// known resource instance" under "## HTTP request") stays in it, as
	// it always has; one that starts a section is read by its content.
	if s == secOther && (b.level <= 2 || !methodSection(cur)) {
		s = r.inferSection(blocks, i)
	}
	if s == secValues {
		if m := valuesHeadRe.FindStringSubmatch(b.in.text); m != nil {
			return s, m[1]
		}
		if n := r.headingIdent(b.in.text); n != "" {
			return s, n
		}
		return secOther, ""
	}
	return s, ""
}

// headingIdent returns the Graph type name in a translated values heading
// ("wellknownListName 值", "wellknownListName-Werte"): the first word of
// ASCII letters that starts in lower case, as Graph's type names do.
// The word must be a type that a property of the page has, or be in
// camelCase: "of" in an English heading is not a type.
func (r *reader) headingIdent(h string) string {
	for _, w := range strings.FieldsFunc(h, func(r rune) bool {
		return !(r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		w = strings.Trim(w, ".")
		if len(w) < 2 || w[0] < 'a' || w[0] > 'z' || !isTypeWord(w) {
			continue
		}
		if strings.ContainsAny(w[1:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			return w
		}
		if r.main != nil {
			for _, pr := range r.main.Properties {
				if strings.EqualFold(lastPart(pr.Type.Name), w) {
					return w
				}
			}
		}
	}
	return ""
}

// inferSection reads the kind of a section from the blocks directly under
// its heading, up to the next heading: an annotation's blockType, an
// include of permissions, a fence of request lines, a table of scopes, of
// request headers, of Graph types or of enumeration members, or the
// response sentence with its status code. secOther when none of them is
// there.
func (r *reader) inferSection(blocks []block, i int) section {
	p := r.p
	method := p.Kind == page.MethodPage || r.seen[secHTTPRequest]
	resource := p.Kind == page.ResourcePage || p.Kind == page.EnumPage
	afterExamples := r.seen[secExample]
	for j := i + 1; j < len(blocks); j++ {
		b := &blocks[j]
		switch b.kind {
		case headingBlock:
			if isTabMarker(b) {
				continue
			}
			return secOther
		case commentBlock:
			m := blockTypeRe.FindStringSubmatch(b.comment)
			if m == nil {
				continue
			}
			switch m[1] {
			case "permissions":
				return secPermissions
			case "request", "response":
				return secExample
			case "resource":
				return secJSON
			}
		case paraBlock:
			for _, ref := range b.inc {
				if strings.Contains(strings.ToLower(ref.dest), "/permissions/") {
					return secPermissions
				}
			}
			if len(b.inc) > 0 || !method || afterExamples || b.quote {
				continue
			}
			in := b.para()
			if !r.seen[secResponse] && r.seen[secHTTPRequest] && len(in.links)+len(in.codes) > 0 && hasStatus(in.text) {
				return secResponse
			}
			if !r.seen[secQuery] && !r.seen[secBody] && !r.seen[secResponse] {
				for _, c := range in.codes {
					if strings.HasPrefix(c, "$") && odataOptionRe.MatchString(c) {
						return secQuery
					}
				}
			}
		case codeBlock:
			switch kind := fenceKind(b.code); {
			case kind == page.RequestExample || kind == page.ResponseExample:
				return secExample
			case kind == "lines" && !afterExamples && !r.seen[secHTTPRequest] && p.Kind == page.MethodPage:
				// The request lines of a method page that has no
				// section its words name yet; later fences of bare
				// lines under unknown headings are examples.
				return secHTTPRequest
			}
		case tableBlock:
			tb := b.table()
			switch {
			case headersTable(tb):
				if method && !afterExamples {
					return secHeaders
				}
			case scopesTable(tb):
				return secPermissions
			}
			if _, _, _, ok := structuralColumns(tb); ok {
				switch {
				case resource:
					return secProperties
				case method && !afterExamples && !r.seen[secHeaders] && allGet(p.Requests):
					return secFunctionParams
				case method && !afterExamples:
					return secBody
				}
				continue
			}
			if resource && membersTable(tb) && r.headingIdent(blocks[i].in.text) != "" {
				return secValues
			}
		}
	}
	return secOther
}

// fenceKind says what a fence holds: "lines" for request lines without a
// host (the HTTP request section's "GET /users/{id}"), an example request
// (a URL with its host) or response, or "" for anything else.
func fenceKind(cd *code) page.ExampleKind {
	n := 0
	for _, l := range cd.lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if _, ok := statusLine(l); n == 0 && ok {
			return page.ResponseExample
		}
		m := requestLine(l)
		if m == nil {
			if n > 0 {
				return "" // a header or body: an example without its host
			}
			return ""
		}
		target := strings.TrimSpace(l[m[6]:m[7]])
		if m[4] >= 0 {
			target = "/" + target
		}
		if !strings.HasPrefix(target, "/") {
			return page.RequestExample
		}
		n++
	}
	if n > 0 {
		return "lines"
	}
	return ""
}

// headersTable is a request-headers table: a row names Authorization.
func headersTable(tb *table) bool {
	for _, row := range tb.rows {
		if len(row) > 0 && strings.EqualFold(strings.Trim(row[0].text, "`* "), "Authorization") {
			return true
		}
	}
	return false
}

// scopesTable is a permissions table: beside a first column of prose
// (the permission types), a cell that names a scope (User.Read.All).
func scopesTable(tb *table) bool {
	if len(tb.header) < 2 || len(tb.header) > 3 {
		return false
	}
	for _, row := range tb.rows {
		if len(row) < 2 || len(row[0].links) > 0 || isIdent(strings.Trim(row[0].text, "`* ")) {
			continue
		}
		for _, c := range row[1:] {
			if onlyScopes(c.text) {
				return true
			}
		}
	}
	return false
}

// onlyScopes reports whether a cell is a list of scope names and nothing
// else ("User.Read, User.ReadWrite.All").
func onlyScopes(text string) bool {
	n := 0
	for _, w := range strings.FieldsFunc(text, scopeSep) {
		if w = strings.Trim(w, "*`_.()"); w == "" {
			continue
		}
		if !isScope(w) || !strings.ContainsAny(w, "._") {
			return false
		}
		n++
	}
	return n > 0
}

// membersTable is an enumeration's table: a first column of identifiers,
// one or two more columns, and no column of types.
func membersTable(tb *table) bool {
	if len(tb.header) < 2 || len(tb.header) > 3 || len(tb.rows) == 0 {
		return false
	}
	for _, row := range tb.rows {
		if len(row) == 0 || !isIdent(strings.Trim(row[0].text, "`* ")) {
			return false
		}
	}
	return true
}

// graphPrimitiveRe is a Graph primitive type as a type cell writes it.
var graphPrimitiveRe = regexp.MustCompile(`(?i)^(?:edm\.)?(?:string|boolean|int16|int32|int64|double|single|decimal|datetimeoffset|date|timeofday|duration|guid|binary|stream|byte|sbyte)$`)

// graphType reports whether a cell is a Graph type: a primitive or a link
// to a type's page, alone or as a collection in any wording.
func graphType(c inline) bool {
	if len(c.links) > 0 {
		d := strings.ToLower(c.links[0].dest)
		return strings.Contains(d, ".md") && !strings.Contains(d, "/api/")
	}
	s := strings.Trim(c.text, "`* ")
	if m := collFunc(s); m != nil {
		s = strings.Trim(m[1], "`*[] ")
	}
	if f := strings.Fields(s); len(f) > 0 {
		s = f[0] // "String collection", "String 集合"
	}
	return graphPrimitiveRe.MatchString(s)
}

// structuralColumns finds the name, type and description columns of a
// table whose header words are not known (translated): the type column is
// the one whose cells are mostly Graph types, the name column the first,
// made of identifiers, and the description the last.
func structuralColumns(tb *table) (name, typ, desc int, ok bool) {
	if len(tb.header) < 2 || len(tb.rows) == 0 {
		return -1, -1, -1, false
	}
	idents := 0
	for _, row := range tb.rows {
		// A property's name is never a link (a Methods table's is).
		if len(row) > 0 && len(row[0].links) == 0 && isIdent(strings.Trim(row[0].text, "`* ")) {
			idents++
		}
	}
	if 2*idents < len(tb.rows) {
		return -1, -1, -1, false
	}
	for col := 1; col < len(tb.header); col++ {
		n, typed := 0, 0
		for _, row := range tb.rows {
			if col < len(row) && strings.TrimSpace(row[col].text) != "" {
				n++
				if graphType(row[col]) {
					typed++
				}
			}
		}
		if n > 0 && 2*typed > n {
			desc = -1
			if last := len(tb.header) - 1; last > col {
				desc = last
			}
			return 0, col, desc, true
		}
	}
	return -1, -1, -1, false
}

func allGet(rls []page.HTTPLine) bool {
	for _, rl := range rls {
		if rl.Method != "GET" {
			return false
		}
	}
	return len(rls) > 0
}
