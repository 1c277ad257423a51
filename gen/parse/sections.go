package parse

import (
	"regexp"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
)

// section names the part of a page a block sits in, from the nearest
// heading, matched by keyword and case-insensitively.
type section int

const (
	secNone section = iota
	secPermissions
	secHTTPRequest
	secHeaders
	secBody
	secResponse
	secExample
	secProperties
	secRelationships
	secJSON
	secMembers
	secValues
	// The parameters sections: "Optional query parameters", "Query
	// parameters", "Function parameters", "Path parameters".
	secQuery
	secFunctionParams
	secPathParams
	secOther
)

// methodSection reports whether s is one of a method page's own sections,
// as opposed to its examples or a resource page's.
func methodSection(s section) bool {
	switch s {
	case secPermissions, secHTTPRequest, secHeaders, secBody, secResponse, secQuery, secFunctionParams, secPathParams:
		return true
	}
	return false
}

func sectionOf(h string) section {
	h = strings.ToLower(strings.TrimSpace(h))
	switch {
	case strings.HasPrefix(h, "permission") || strings.HasPrefix(h, "prerequisite"):
		return secPermissions
	case strings.HasPrefix(h, "http request"):
		return secHTTPRequest
	case strings.HasPrefix(h, "function parameter") || h == "parameters":
		return secFunctionParams
	case strings.HasPrefix(h, "path parameter"):
		return secPathParams
	case strings.Contains(h, "query parameter") || strings.Contains(h, "query option"):
		return secQuery
	case strings.HasPrefix(h, "request header") || strings.HasPrefix(h, "optional request header"):
		return secHeaders
	case strings.HasPrefix(h, "request body"):
		return secBody
	case h == "response" || h == "responses":
		return secResponse
	case strings.HasPrefix(h, "example"):
		return secExample
	case h == "properties":
		return secProperties
	case h == "relationships":
		return secRelationships
	case strings.HasPrefix(h, "json representation"):
		return secJSON
	case h == "members":
		return secMembers
	case strings.HasSuffix(h, " values") && !strings.Contains(strings.TrimSuffix(h, " values"), " "):
		return secValues
	}
	return secOther
}

var (
	titleTypeRe  = regexp.MustCompile(`^\s*` + "`?" + `([A-Za-z_][\w.]*)` + "`?" + `\s+(resource|enum|complex|entity)\s+type\b`)
	inheritsRe   = regexp.MustCompile(`(?i)\b(?:inherits|derived|derives)\s+from\b`)
	valuesHeadRe = regexp.MustCompile(`^\s*` + "`?" + `([A-Za-z_][\w.]*)` + "`?" + `\s+values\s*$`)
)

var (
	versionURLRe = regexp.MustCompile(`graph\.microsoft\.com/(v1\.0|beta)(?:/|$)`)
	objectRe     = regexp.MustCompile(`(?i)\b(?:an?|the)\s+(?:updated\s+|new\s+|created\s+)?(\w+)\s+object`)
	collOfRe     = regexp.MustCompile(`(?i)\bcollection\s+of\b`)
	reprRe       = regexp.MustCompile(`(?i)representation\s+(?:for|of)\s+(?:the|a|an)\s+(\w+)\s+object`)
)

// reader turns a block sequence into a Page.
type reader struct {
	p     *page.Page
	file  *diag.Source
	diags *diag.List

	// What a resource or enum page says about its own type, gathered as
	// the sections go by and settled in finishTypes.
	main        *page.TypeDoc
	resourceAnn *page.Annotation
	inherits    page.Text
	// inheritsLink is where the "Inherits from" link points.
	inheritsLink string
	valuesName   page.Text
	// h1 is the page's first level-1 heading, which names the type when
	// the front matter's title does not ("Members").
	h1 page.Text
	// jsonRep is the type's JSON representation.
	jsonRep *code
	// queryRequired is set when a query-parameters section's prose says
	// its table's parameters are required.
	queryRequired bool

	// The permissions section: the level of its heading, its subsections
	// (permGroups; permGroup is the open one, nil above the first), and a
	// permissions annotation waiting for its table.
	permLevel  int
	permGroups []*permGroup
	permGroup  *permGroup
	permAnn    *page.Annotation
	// permTop is set when the section has a table or include of its own,
	// above any subsection: then the subsections' tables add to it.
	permTop bool
	// bareParams is set in a section headed "Parameters" alone, which
	// holds an action's body parameters when the method is POST.
	bareParams bool
	// seen marks the sections opened so far: a method section's heading
	// under other content opens it only once ("### Response" under "##
	// Upload bytes" is an example's, once the Response was read).
	seen [secOther + 1]bool
	// reqFence numbers the HTTP-request fence each request line came from.
	reqFence []int
	fences   int
}

// permGroup is a subsection of the permissions section: the permissions of
// one kind of caller ("Permissions acting on self") when it has a table or
// an include, else notes ("Permissions for specific scenarios"), whose
// prose and lists name roles and properties, not the method's scopes.
type permGroup struct {
	title page.Text
	perms []page.Permission
	// include is an include of permissions that was not read.
	include bool
}

// mainType returns the page's own type, creating it on first use.
func (r *reader) mainType(off int) *page.TypeDoc {
	if r.main == nil {
		r.main = &page.TypeDoc{Off: off}
	}
	return r.main
}

func (r *reader) read(blocks []block) {
	p := r.p
	sec := secNone
	var pending *page.Annotation
	sawH1 := false
	for i := range blocks {
		b := &blocks[i]
		switch b.kind {
		case headingBlock:
			if isTabMarker(b) {
				continue // "# [HTTP](#tab/http)" groups SDK samples; not a section
			}
			pending = nil
			if b.level == 1 && !sawH1 {
				sawH1 = true
				r.h1 = page.Text{Value: b.in.text, Off: b.in.off}
				if p.Title.Value == "" {
					p.Title = page.Text{Value: b.in.text, Off: b.in.off}
				}
				continue
			}
			s, enum := r.headingSection(blocks, i, sec)
			if s == secValues {
				r.valuesName = page.Text{Value: enum, Off: b.in.off}
				sec = s
				continue
			}
			// A level-2 heading opens a section; deeper headings
			// ("### Request" under "## Example") stay in it.
			// A method page's section written a level too deep ("###
			// Response" after "## Request body") opens it all the same;
			// "### Response" under an Example is the example's.
			r.permAnnEnds()
			// A method section under a heading of other content ("##
			// Create an upload session" then "### HTTP request") opens
			// too: the section's own heading says what it is.
			if b.level <= 2 || sec == secNone || sec == secValues || methodSection(sec) && methodSection(s) && s != sec || sec == secOther && methodSection(s) && (s == secHTTPRequest || !r.seen[s] && !r.seen[secExample]) {
				r.seen[s] = true
				r.bareParams = s == secFunctionParams && strings.EqualFold(strings.TrimSpace(b.in.text), "parameters")
				sec = s
				if s == secQuery && p.Query.Off < 0 {
					p.Query.Off = b.in.off
				}
				if s == secPermissions {
					r.permLevel, r.permGroup = b.level, nil
				}
			} else if sec == secPermissions && b.level > r.permLevel {
				r.permSubsection(b)
			} else if (sec == secProperties || sec == secRelationships) && strings.HasPrefix(strings.ToLower(b.in.text), "properties of ") {
				// "### Properties of a token lifetime policy definition":
				// the fields of a JSON string property, not of the type.
				sec = secOther
			}
		case commentBlock:
			if a := annotationOf(b.comment, b.off, r.file, r.diags); a != nil {
				r.permAnnEnds()
				if a.BlockType == "permissions" {
					r.permAnn = a
				}
				pending = a
				if a.BlockType == "resource" && r.resourceAnn == nil {
					r.resourceAnn = a
				}
			}
		case paraBlock:
			if len(b.inc) > 0 {
				r.includes(b, sec)
				continue
			}
			r.para(b, sec)
		case tableBlock:
			switch sec {
			case secPermissions, secHeaders, secQuery, secFunctionParams, secPathParams, secBody, secProperties, secRelationships, secMembers, secValues:
				for _, d := range b.table().defects {
					r.diags.Add(r.file.Pos(d.off), diag.Warning, d.code, "%s", d.msg)
				}
			}
			switch sec {
			case secPermissions:
				perms := permissionTable(b.table(), r.file, r.diags)
				p.Permissions = append(p.Permissions, perms...)
				if r.permGroup != nil {
					r.permGroup.perms = append(r.permGroup.perms, perms...)
				} else {
					r.permTop = true
				}
				r.permAnn = nil
			case secNone:
				// An include file of permissions is the table alone.
				if tb := b.table(); len(tb.header) >= 2 && strings.EqualFold(strings.TrimSpace(tb.header[0].text), "permission type") {
					p.Permissions = append(p.Permissions, permissionTable(tb, r.file, r.diags)...)
				}
			case secHeaders:
				for k, row := range b.table().rows {
					if len(row) >= 1 && row[0].text != "" {
						h := page.Header{Name: row[0].text, Off: b.table().rowOff[k]}
						if len(row) > 1 {
							h.Value = row[1].text
						}
						p.Headers = append(p.Headers, h)
					}
				}
			case secQuery, secFunctionParams, secPathParams:
				if r.bareParams && p.Body == nil && allPost(p.Requests) {
					// "## Parameters" of an action called with POST
					// (driveitem-createuploadsession): its body.
					if pt := propertyTable(b.table(), b.off, r.file, r.diags); pt != nil {
						pt.Parameters = true
						p.Body = pt
						continue
					}
				}
				r.paramTable(b.table(), b.off, sec)
			case secBody:
				if pt := propertyTable(b.table(), b.off, r.file, r.diags); pt != nil && p.Body == nil {
					// An action's parameters table headed "Property"
					// (agentidentityblueprint-addkey): the title names the
					// action ("agentIdentityBlueprint: addKey") and the prose
					// no type, so the rows are the body's parameters.
					if !pt.Parameters && p.BodyType.Name == "" && actionTitleRe.MatchString(p.Title.Value) {
						pt.Parameters = true
					}
					p.Body = pt
				}
			case secProperties, secRelationships:
				if pt := propertyTable(b.table(), b.off, r.file, r.diags); pt != nil {
					t := r.mainType(b.off)
					t.Properties = append(t.Properties, pt.Rows...)
				}
			case secMembers:
				t := r.mainType(b.off)
				t.IsEnum = true
				t.Members = append(t.Members, members(b.table(), r.file, r.diags)...)
			case secValues:
				if r.valuesName.Value != "" {
					p.Types = append(p.Types, page.TypeDoc{Name: r.valuesName, IsEnum: true, Members: members(b.table(), r.file, r.diags), Off: b.off})
					r.valuesName = page.Text{}
				}
			}
		case codeBlock:
			r.permAnnEnds()
			ann := pending
			pending = nil
			if sec == secJSON || ann != nil && ann.BlockType == "resource" {
				// The type's JSON representation: types come from the
				// tables, but its keys are spelt as on the wire.
				if r.jsonRep == nil {
					r.jsonRep = b.code
				}
				continue
			}
			if sec == secHTTPRequest {
				lines := httpLines(b.code, r.file, r.diags)
				for range lines {
					r.reqFence = append(r.reqFence, r.fences)
				}
				if len(lines) > 0 {
					r.fences++
				}
				p.Requests = append(p.Requests, lines...)
				// A request line annotated as an example request
				// (drive-get: "blockType": "request" over "GET
				// /drives/{drive-id}") is the example too, which the
				// response that names it answers.
				if ann == nil || ann.BlockType != "request" || ann.Name == "" {
					continue
				}
			}
			ex := exampleOf(b.code, b.off)
			if ex == nil {
				continue
			}
			ex.Annotation = ann
			p.Examples = append(p.Examples, *ex)
		}
	}
	r.permAnnEnds()
	r.callerPermissions()
	r.finishTypes()
	r.guessBodyType()
	if p.Version.Value == "" {
		for _, ex := range p.Examples {
			if m := versionURLRe.FindStringSubmatchIndex(ex.URL); m != nil {
				p.Version = page.Text{Value: ex.URL[m[2]:m[3]], Off: ex.URLOff + m[2]}
				break
			}
		}
	}
	if p.Kind == "" {
		if len(p.Requests) > 0 || len(p.Examples) > 0 {
			p.Kind = page.MethodPage
		}
	}
}

// includes handles a paragraph of include lines: what was read follows it
// as blocks of their own; an include of permissions that was not read is
// left to the assembler, which looks for it among the pages and says so
// when it is not there (PERMISSIONS_NOT_READ); other includes not read are
// reported here.
func (r *reader) includes(b *block, sec section) {
	p := r.p
	for _, ref := range b.inc {
		switch ref.state {
		case incRead, incSDK:
			continue
		}
		if sec == secPermissions && p.PermissionsInclude.Value == "" && strings.Contains(strings.ToLower(ref.dest), "permissions") && ref.state != incCycle {
			off := ref.off
			for _, l := range b.para().links {
				if l.dest == ref.dest {
					off = l.off
					break
				}
			}
			p.PermissionsInclude = page.Text{Value: ref.dest, Off: off}
			r.permAnn = nil
			if r.permGroup != nil {
				r.permGroup.include = true
			} else {
				r.permTop = true
			}
			continue
		}
		r.includeDiag(ref)
	}
}

// permSubsection opens a subsection of the permissions section. A heading
// given twice there is reported: its tables are read as one.
func (r *reader) permSubsection(b *block) {
	key := strings.ToLower(strings.Join(strings.Fields(b.in.text), " "))
	for _, g := range r.permGroups {
		if strings.ToLower(strings.Join(strings.Fields(g.title.Value), " ")) == key {
			r.diags.Add(r.file.Pos(b.in.off), diag.Warning, "PERMISSIONS_HEADING_REPEATED", "permissions heading %q is given twice (first at line %d); their tables are read together", clip(b.in.text), r.file.Pos(g.title.Off).Line)
			r.permGroup = g
			return
		}
	}
	r.permGroup = &permGroup{title: page.Text{Value: b.in.text, Off: b.in.off}}
	r.permGroups = append(r.permGroups, r.permGroup)
}

// permAnnEnds reports a permissions annotation that no table or include
// followed before the next heading, annotation or code block.
func (r *reader) permAnnEnds() {
	if a := r.permAnn; a != nil {
		r.diags.Add(r.file.Pos(a.Off), diag.Warning, "PERMISSIONS_ANNOTATION_EMPTY", "permissions annotation %q has no permissions table or include under it", a.Name)
		r.permAnn = nil
	}
}

// callerPermissions gives each request line the permissions of its caller
// when the permissions section splits them by caller ("Permissions acting
// on self", "… on other users"), each subsection with its own table. The
// subsections pair with the HTTP request section's fences in order when
// there are as many of each; else, for two subsections, the one whose
// heading speaks of the signed-in user ("self", "signed-in", "/me")
// goes with the /me request lines and the other with the rest.
func (r *reader) callerPermissions() {
	p := r.p
	var groups []*permGroup
	for _, g := range r.permGroups {
		if hasScopes(g.perms) {
			groups = append(groups, g)
		}
	}
	if r.permTop || len(groups) < 2 || len(p.Requests) == 0 {
		return
	}
	switch {
	case r.fences == len(groups):
		for i := range p.Requests {
			p.Requests[i].Permissions = groups[r.reqFence[i]].perms
		}
	case len(groups) == 2:
		self, other := groups[0], groups[1]
		if selfWords(other.title.Value) && !selfWords(self.title.Value) {
			self, other = other, self
		}
		for i := range p.Requests {
			t := p.Requests[i].Target
			if t == "/me" || strings.HasPrefix(t, "/me/") || strings.HasPrefix(t, "/me?") {
				p.Requests[i].Permissions = self.perms
			} else {
				p.Requests[i].Permissions = other.perms
			}
		}
	}
}

func allPost(rls []page.HTTPLine) bool {
	for _, rl := range rls {
		if rl.Method != "POST" {
			return false
		}
	}
	return len(rls) > 0
}

func hasScopes(perms []page.Permission) bool {
	for _, p := range perms {
		if len(p.Scopes) > 0 {
			return true
		}
	}
	return false
}

func selfWords(s string) bool {
	return containsFold(s, "self") || containsFold(s, "signed-in") || strings.Contains(s, "/me")
}

func isTabMarker(b *block) bool {
	return len(b.in.links) == 1 && strings.HasPrefix(b.in.links[0].dest, "#tab/")
}

func (r *reader) para(b *block, sec section) {
	switch sec {
	case secResponse:
		if rp := &r.p.Response; rp.Status != 0 && rp.Type.Name != "" {
			return // settled: the examples' prose that follows is not read
		}
		r.responseProse(b.para())
		return
	case secNone, secPermissions, secBody:
	case secQuery:
		r.queryProse(b.para())
		return
	default:
		return // prose elsewhere says nothing the model keeps
	}
	p := r.p
	in := b.para()
	text := in.text
	switch {
	case strings.HasPrefix(text, "Namespace:"):
		ns := strings.TrimSpace(strings.TrimPrefix(text, "Namespace:"))
		p.Namespace = page.Text{Value: ns, Off: in.off}
		return
	case strings.HasPrefix(text, "[!INCLUDE") || strings.HasPrefix(text, "[!"):
		// "[!INCLUDE [permissions-table](../includes/permissions/x.md)]":
		// newer pages keep the permissions table in an include.
		if sec == secPermissions && len(in.links) > 0 && p.PermissionsInclude.Value == "" &&
			strings.Contains(strings.ToLower(in.links[0].dest), "permissions") {
			p.PermissionsInclude = page.Text{Value: in.links[0].dest, Off: in.links[0].off}
		}
		return
	}
	switch sec {
	case secNone:
		if p.Description.Value == "" && !b.quote {
			p.Description = page.Text{Value: text, Off: b.in.off}
		}
		if r.inherits.Value != "" || !containsFold(text, "inherits") && !containsFold(text, "derive") {
			break
		}
		if loc := inheritsRe.FindStringIndex(text); loc != nil {
			// "Inherits from base class [x]" names the base further on;
			// "derived from" does so only when the link follows at once
			// ("values derived from the [user]" is no inheritance).
			loose := containsFold(text[loc[0]:loc[1]], "inherits")
			for _, l := range b.in.links {
				if k := strings.Index(text[loc[1]:], l.text); k >= 0 && (loose || strings.Trim(text[loc[1]:loc[1]+k], " *`") == "") {
					r.inherits = page.Text{Value: strings.Trim(l.text, "`* "), Off: l.off}
					r.inheritsLink = l.dest
					break
				}
			}
		}
	case secPermissions:
		// Old style: "One of the following **scopes** is required…" and
		// then the scopes in an emphasised paragraph.
		if r.permGroup != nil || b.quote {
			// Notes and the prose and lists of subsections ("Permissions
			// for specific scenarios") name roles, properties and
			// scenarios, not the method's scopes.
			return
		}
		if len(p.Permissions) == 0 || p.Permissions[len(p.Permissions)-1].Type == "" {
			// Prose without a scope name ("Choose the permission or
			// permissions marked as least privileged…") lists none.
			if strings.Contains(strings.ToLower(text), "following") || !hasScopeName(text) {
				return
			}
			if ss := scopes(b.in, r.file, r.diags); len(ss) > 0 {
				p.Permissions = append(p.Permissions, page.Permission{Scopes: ss, Off: b.off})
			}
		}
	case secBody:
		if p.BodyType.Name == "" {
			if l, ok := resourceLink(b.in.links); ok {
				// "…a JSON representation of the [group](…) object",
				// "…the properties of the [group](…) resource…".
				p.BodyType = page.TypeRef{Raw: l.text, Name: strings.Trim(l.text, "`* "), Link: l.dest, Off: l.off}
			} else if m := reprMatch(text); m != nil {
				name := text[m[2]:m[3]]
				p.BodyType = page.TypeRef{Raw: name, Name: name, Off: b.in.off + m[2]}
			}
		}
	}
}

// versionFromPath reads the API version from the folder a page sits in
// (api-reference/beta/api/x.md).
func versionFromPath(name string) string {
	for rest := name; rest != ""; {
		var seg string
		if i := strings.IndexAny(rest, "/\\"); i >= 0 {
			seg, rest = rest[:i], rest[i+1:]
		} else {
			seg, rest = rest, ""
		}
		if seg == "v1.0" || seg == "beta" {
			return seg
		}
	}
	return ""
}

// members reads the first column of a Member|Value|Description table.
func members(tb *table, file *diag.Source, diags *diag.List) []page.Text {
	var out []page.Text
	for _, row := range tb.rows {
		if len(row) == 0 {
			continue
		}
		v := strings.Trim(row[0].text, "`* ")
		if v == "" {
			continue
		}
		if !isIdent(v) {
			diags.Add(file.Pos(row[0].off), diag.Warning, "ENUM_MEMBER_INVALID", "enumeration member %q is not a name (a letter or _, then letters, digits, _ . -); left out", clip(v))
			continue
		}
		out = append(out, page.Text{Value: v, Off: row[0].off})
	}
	return out
}

// finishTypes names the page's own type and settles its base type, once all
// sections are read.
func (r *reader) finishTypes() {
	p := r.p
	t := r.main
	if t == nil && r.resourceAnn != nil {
		t = r.mainType(r.resourceAnn.Off)
	}
	if t == nil {
		return
	}
	titleName, title := "", p.Title
	m := titleTypeRe.FindStringSubmatch(title.Value)
	if m == nil {
		title = r.h1
		m = titleTypeRe.FindStringSubmatch(title.Value)
	}
	if m != nil {
		// Titles are in sentence case ("Contract resource type"); Graph's
		// type names start in lower case ("contract").
		titleName = lowerFirst(m[1])
		if m[2] == "enum" {
			t.IsEnum = true
		}
	}
	var annName string
	if a := r.resourceAnn; a != nil {
		annName = strings.TrimPrefix(a.ODataType, "#")
		for _, pre := range []string{"microsoft.graph.", "Microsoft.Graph."} {
			annName = strings.TrimPrefix(annName, pre)
		}
		t.OpenType = a.OpenType
		if k := strings.TrimSpace(a.KeyProperty); k != "" {
			t.Key = page.Text{Value: k, Off: a.Off}
		}
		if b := strings.TrimSpace(a.BaseType); b != "" && b != "null" {
			t.BaseType = page.Text{Value: b, Off: a.Off}
		}
	}
	switch {
	case annName != "" && titleName != "" && strings.EqualFold(lastPart(annName), lastPart(titleName)):
		// The annotation has the namespace and usually the service's
		// casing; when it is all lower case ("microsoft.graph.orgcontact")
		// the title has the casing.
		name := annName
		if last := lastPart(annName); last == strings.ToLower(last) {
			name = strings.TrimSuffix(annName, last) + lastPart(titleName)
		}
		t.Name = page.Text{Value: name, Off: title.Off}
	case annName != "":
		t.Name = page.Text{Value: annName, Off: r.resourceAnn.Off}
	case titleName != "":
		t.Name = page.Text{Value: titleName, Off: title.Off}
	default:
		r.diags.Add(r.file.Pos(t.Off), diag.Warning, "TYPE_NAME_UNKNOWN", "page documents a type but neither its title, its heading nor a resource annotation names it; type skipped")
		return
	}
	if t.BaseType.Value == "" {
		t.BaseType, t.BaseLink = r.inherits, r.inheritsLink
	}
	r.respell(t)
	if t.BaseType.Value == "" {
		for _, prop := range t.Properties {
			if prop.InheritedFrom != "" {
				t.BaseType = page.Text{Value: prop.InheritedFrom, Off: prop.Off}
				break
			}
		}
	}
	p.Types = append([]page.TypeDoc{*t}, p.Types...)
	if p.Kind == "" {
		p.Kind = page.ResourcePage
		if t.IsEnum {
			p.Kind = page.EnumPage
		}
	}
}

func lastPart(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	// Keep acronyms whole: "IPv6Range" is not "iPv6Range".
	if len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}

// resourceLink returns the first link to a resource page: a type, rather
// than a concept or another method.
func resourceLink(links []link) (link, bool) {
	for _, l := range links {
		d := strings.ToLower(l.dest)
		if i := strings.IndexByte(d, '#'); i >= 0 {
			d = d[:i]
		}
		if strings.HasSuffix(d, ".md") && !strings.Contains(d, "/api/") && !strings.Contains(d, "concepts/") &&
			(strings.Contains(d, "resources/") || !strings.Contains(d, "/")) && isTypeWord(strings.Trim(l.text, "`* ")) {
			return l, true
		}
	}
	return link{}, false
}

// actionTitleRe is the title of an action or function page: "type: name".
var actionTitleRe = regexp.MustCompile("^\\s*`?[A-Za-z_][\\w.]*`?\\s*[:：]\\s*`?[A-Za-z_][\\w.]*`?\\s*$")

// titleObjectRe takes the type from titles such as "Update user" or
// "Create educationClass".
var titleObjectRe = regexp.MustCompile(`^(?:Update|Create|Add|Replace|Upsert)\s+` + "`?" + `([A-Za-z_][\w.]*)` + "`?" + `\s*$`)

// guessBodyType names the type a Property table describes when the Request
// body prose links none ("supply the values for relevant fields"): the
// type the method returns, else the one its title names.
func (r *reader) guessBodyType() {
	p := r.p
	if p.Body == nil || p.Body.Parameters || p.BodyType.Name != "" {
		return
	}
	if rt := p.Response.Type; rt.Name != "" && !rt.Collection {
		p.BodyType = rt
		return
	}
	if m := titleObjectRe.FindStringSubmatch(strings.TrimSpace(p.Title.Value)); m != nil {
		p.BodyType = page.TypeRef{Raw: m[1], Name: m[1], Off: p.Title.Off}
	}
}

// containsFold reports whether s contains the lower-case ASCII word w in any
// case: a cheap test before a case-insensitive regular expression.
func containsFold(s, w string) bool { return indexFold(s, w) >= 0 }

// respell gives a property that the JSON representation spells otherwise
// only in letter case ("printerID" in the table, "printerId" in the JSON)
// the JSON's spelling, which is what the service sends.
func (r *reader) respell(t *page.TypeDoc) {
	if r.jsonRep == nil {
		return
	}
	rep := strings.Join(r.jsonRep.lines, "\n")
	for i := range t.Properties {
		name := &t.Properties[i].Name
		key := `"` + name.Value + `"`
		if strings.Contains(rep, key) {
			continue
		}
		k := indexFold(rep, key)
		if k < 0 || !strings.HasPrefix(strings.TrimLeft(rep[k+len(key):], " \t"), ":") {
			continue
		}
		spelt := rep[k+1 : k+len(key)-1]
		r.diags.Add(r.file.Pos(name.Off), diag.Warning, "PROPERTY_NAME_RESPELT", "property %q is spelt %q in the page's JSON representation; that spelling is used", name.Value, spelt)
		name.Value = spelt
	}
}

// indexFold is strings.Index ignoring ASCII letter case, so that offsets in
// s stay byte offsets.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i]|0x20 == sub[0]|0x20 && asciiEqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

func asciiEqualFold(a, b string) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
