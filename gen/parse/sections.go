package parse

import (
	"regexp"
	"strconv"
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
	secOther
)

func sectionOf(h string) section {
	h = strings.ToLower(strings.TrimSpace(h))
	switch {
	case strings.HasPrefix(h, "permission") || strings.HasPrefix(h, "prerequisite"):
		return secPermissions
	case strings.HasPrefix(h, "http request"):
		return secHTTPRequest
	case strings.HasPrefix(h, "request header"):
		return secHeaders
	case strings.HasPrefix(h, "request body"):
		return secBody
	case h == "response" || h == "responses":
		return secResponse
	case strings.HasPrefix(h, "example"):
		return secExample
	}
	return secOther
}

var (
	versionURLRe  = regexp.MustCompile(`graph\.microsoft\.com/(v1\.0|beta)(?:/|$)`)
	versionPathRe = regexp.MustCompile(`(?:^|/)(v1\.0|beta)(?:/|$)`)
	statusRe      = regexp.MustCompile(`\b([1-5]\d\d)\s+[A-Z][A-Za-z]*`)
	objectRe      = regexp.MustCompile(`(?i)\b(?:an?|the)\s+(?:updated\s+|new\s+|created\s+)?(\w+)\s+object`)
	collOfRe      = regexp.MustCompile(`(?i)\bcollection\s+of\b`)
	reprRe        = regexp.MustCompile(`(?i)representation\s+(?:for|of)\s+(?:the|a|an)\s+(\w+)\s+object`)
)

// reader turns a block sequence into a Page.
type reader struct {
	p     *page.Page
	file  *diag.Source
	diags *diag.List
}

func (r *reader) read(blocks []block) {
	p := r.p
	sec, sub := secNone, secNone
	var pending *page.Annotation
	var lastReq *page.Example
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
				if p.Title.Value == "" {
					p.Title = page.Text{Value: b.in.text, Off: b.in.off}
				}
				continue
			}
			s := sectionOf(b.in.text)
			if b.level <= 2 || sec == secNone {
				sec, sub = s, secNone
			} else if sec == secExample {
				sub = s
			}
		case commentBlock:
			if a := annotationOf(b.comment, b.off, r.file, r.diags); a != nil {
				pending = a
			}
		case paraBlock:
			r.para(b, sec)
		case tableBlock:
			switch sec {
			case secPermissions:
				p.Permissions = append(p.Permissions, permissionTable(b.tab, r.file, r.diags)...)
			case secHeaders:
				for k, row := range b.tab.rows {
					if len(row) >= 1 && row[0].text != "" {
						h := page.Header{Name: row[0].text, Off: b.tab.rowOff[k]}
						if len(row) > 1 {
							h.Value = row[1].text
						}
						p.Headers = append(p.Headers, h)
					}
				}
			case secBody:
				if pt := propertyTable(b.tab, b.off, r.file, r.diags); pt != nil && p.Body == nil {
					p.Body = pt
				}
			}
		case codeBlock:
			ann := pending
			pending = nil
			if sec == secHTTPRequest {
				p.Requests = append(p.Requests, httpLines(b.code, r.file, r.diags)...)
				continue
			}
			ex := exampleOf(b.code, b.off)
			if ex == nil {
				continue
			}
			ex.Annotation = ann
			p.Examples = append(p.Examples, *ex)
			if ex.Kind == page.RequestExample {
				lastReq = ex
			}
			_ = sub
		}
	}
	_ = lastReq
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

func isTabMarker(b *block) bool {
	return len(b.in.links) == 1 && strings.HasPrefix(b.in.links[0].dest, "#tab/")
}

func (r *reader) para(b *block, sec section) {
	p := r.p
	text := b.in.text
	switch {
	case strings.HasPrefix(text, "Namespace:"):
		ns := strings.TrimSpace(strings.TrimPrefix(text, "Namespace:"))
		p.Namespace = page.Text{Value: ns, Off: b.in.off}
		return
	case strings.HasPrefix(text, "[!INCLUDE") || strings.HasPrefix(text, "[!"):
		return
	}
	switch sec {
	case secNone:
		if p.Description.Value == "" && !b.quote {
			p.Description = page.Text{Value: text, Off: b.in.off}
		}
	case secPermissions:
		// Old style: "One of the following **scopes** is required…" and
		// then the scopes in an emphasised paragraph.
		if len(p.Permissions) == 0 || p.Permissions[len(p.Permissions)-1].Type == "" {
			if strings.Contains(strings.ToLower(text), "following") {
				return
			}
			if ss := scopes(b.in, r.file, r.diags); len(ss) > 0 {
				p.Permissions = append(p.Permissions, page.Permission{Scopes: ss, Off: b.off})
			}
		}
	case secBody:
		if p.BodyType.Name == "" {
			if len(b.in.links) > 0 && strings.Contains(strings.ToLower(text), "representation") {
				l := b.in.links[0]
				p.BodyType = page.TypeRef{Raw: l.text, Name: l.text, Link: l.dest, Off: l.off}
			} else if m := reprRe.FindStringSubmatchIndex(text); m != nil {
				name := text[m[2]:m[3]]
				p.BodyType = page.TypeRef{Raw: name, Name: name, Off: b.in.off + m[2]}
			}
		}
	case secResponse:
		if p.Response.Status != 0 {
			return
		}
		m := statusRe.FindStringSubmatch(text)
		if m == nil {
			return
		}
		p.Response.Status, _ = strconv.Atoi(m[1])
		p.Response.Off = b.in.off
		coll := collOfRe.MatchString(text)
		if len(b.in.links) > 0 {
			l := b.in.links[0]
			p.Response.Type = page.TypeRef{Raw: l.text, Name: l.text, Link: l.dest, Collection: coll, Off: l.off}
		} else if m := objectRe.FindStringSubmatchIndex(text); m != nil {
			name := text[m[2]:m[3]]
			p.Response.Type = page.TypeRef{Raw: name, Name: name, Collection: coll, Off: b.in.off + m[2]}
		}
	}
}

// versionFromPath reads the API version from the folder a page sits in
// (api-reference/beta/api/x.md).
func versionFromPath(name string) string {
	if m := versionPathRe.FindStringSubmatch(strings.ReplaceAll(name, "\\", "/")); m != nil {
		return m[1]
	}
	return ""
}
