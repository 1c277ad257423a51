package agreement

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Properties is the agreement of the spec's object schemas with the
// model's types of the same name: of the properties compared (own and
// inherited, "@odata.type" aside), how many the model has (Named), and how
// many of those have the same type (Typed).
type Properties struct {
	Schemas, Unmatched int // schemas compared; object schemas the model has no type for
	Compared           int
	Named, Typed       int
	// Missing lists "schema.property" the model does not have; Mismatched
	// "schema.property: ours vs model's".
	Missing, Mismatched []string
}

// CompareProperties compares the component schemas of doc with m.
func CompareProperties(doc *openapi3.T, m *Model) Properties {
	var r Properties
	schemas := doc.Components.Schemas
	for _, name := range slices.Sorted(maps.Keys(schemas)) {
		s := schemas[name].Value
		if s == nil || len(s.Enum) > 0 {
			continue
		}
		key := strings.ToLower(name)
		if m.Types[key] == nil {
			r.Unmatched++
			continue
		}
		r.Schemas++
		theirs := m.props(key)
		ours := map[string]*openapi3.SchemaRef{}
		flatten(schemas, name, ours, 0)
		for _, p := range slices.Sorted(maps.Keys(ours)) {
			if strings.HasPrefix(p, "@") {
				continue
			}
			r.Compared++
			t, ok := theirs[p]
			if !ok {
				r.Missing = append(r.Missing, name+"."+p)
				continue
			}
			r.Named++
			if o := propSig(ours[p]); sameType(o, t) {
				r.Typed++
			} else {
				r.Mismatched = append(r.Mismatched, name+"."+p+": "+o+" vs "+t)
			}
		}
	}
	return r
}

// flatten collects a schema's properties with those of the schemas its
// allOf references.
func flatten(schemas openapi3.Schemas, name string, out map[string]*openapi3.SchemaRef, depth int) {
	sr := schemas[name]
	if sr == nil || sr.Value == nil || depth > 32 {
		return
	}
	add := func(s *openapi3.Schema) {
		for k, v := range s.Properties {
			if _, ok := out[k]; !ok {
				out[k] = v
			}
		}
	}
	add(sr.Value)
	for _, part := range sr.Value.AllOf {
		if part.Ref != "" {
			flatten(schemas, refName(part.Ref), out, depth+1)
		} else if part.Value != nil {
			add(part.Value)
		}
	}
}

func refName(ref string) string { return ref[strings.LastIndexByte(ref, '/')+1:] }

// propSig is a property schema's type signature, in the model's terms:
// "string", "date-time", "int32", "ref:identityset", "[]ref:user", "any".
func propSig(sr *openapi3.SchemaRef) string {
	if sr == nil {
		return "any"
	}
	if sr.Ref != "" {
		return "ref:" + strings.ToLower(refName(sr.Ref))
	}
	s := sr.Value
	if s == nil {
		return "any"
	}
	if len(s.AllOf) == 1 && s.AllOf[0].Ref != "" {
		return propSig(s.AllOf[0])
	}
	switch {
	case s.Type.Is("array"):
		return "[]" + propSig(s.Items)
	case s.Type.Is("string"):
		switch s.Format {
		case "":
			return "string"
		case "byte", "binary", "base64url":
			return "binary"
		}
		return s.Format
	case s.Type.Is("integer"):
		if s.Format == "" {
			return "int64"
		}
		return s.Format
	case s.Type.Is("number"):
		if s.Format == "" {
			return "double"
		}
		return s.Format
	case s.Type.Is("boolean"):
		return "boolean"
	}
	if len(s.AnyOf) > 0 || len(s.OneOf) > 0 {
		return "alternatives"
	}
	return "any"
}

// sameType compares signatures; an untyped property matches the model's
// Json and untyped values.
func sameType(ours, theirs string) bool {
	return ours == theirs || ours == "any" && (theirs == "ref:json" || theirs == "ref:untypednode")
}

// PathResult is the agreement of the spec's paths with the model's.
type PathResult struct {
	Compared, Agreed int
	Disagreed        []string
}

// ComparePaths checks each path of doc against the model's URL templates.
// Paths are compared as the model writes them: parameters as "{}",
// without function arguments and namespaces, case-insensitively. Some
// forms Graph serves that its generated SDK has no request builder for
// are compared as what they address: /me is /users/{id}; an item or site
// addressed by path (root:/{item-path}:, {hostname}:/{path}) and a drive's
// root are items/{id} and sites/{id}; a key written as its value
// ("mailFolders/inbox") is a key; a path that reaches an entity another
// way than the model's ("/me/drive/items/{id}/workbook" for
// "/drives/{id}/items/{id}/workbook") agrees when the model has the same
// path below that entity's collection and key; and below the longest path
// the model has, the rest agrees when the models' properties lead along it
// (see walk).
func ComparePaths(doc *openapi3.T, m *Model) PathResult {
	var r PathResult
	for _, p := range doc.Paths.InMatchingOrder() {
		r.Compared++
		if m.hasPath(p) {
			r.Agreed++
		} else {
			r.Disagreed = append(r.Disagreed, p)
		}
	}
	slices.Sort(r.Disagreed)
	return r
}

var (
	// Addressing by path: a drive item under the root or under another
	// item ("root:/a/b.txt:", "items/{parent-id}:/{filename}:"), a site
	// by host name and path ("{hostname}:/{relative-path}").
	rootPathRe = regexp.MustCompile(`/root:/[^:]*:?`)
	keyPathRe  = regexp.MustCompile(`(\{[^}]*\}):/[^:]*:?`)
	driveRoot  = regexp.MustCompile(`/root(/|$)`)
	queryRe    = regexp.MustCompile(`\{[?&][^}]*\}|\?.*$`)
	placeRe    = regexp.MustCompile(`'?\{[^}]*\}'?`)
	argsRe     = regexp.MustCompile(`\(.*\)$`)
	nsRe       = regexp.MustCompile(`(?i)^(?:microsoft\.graph\.|graph\.)`)
)

// sdkPath normalises one of the SDK's URL templates.
func sdkPath(t string) string {
	t = strings.TrimPrefix(t, "{+baseurl}")
	t = queryRe.ReplaceAllString(t, "")
	return normPath(strings.ReplaceAll(t, "%2D", "-"))
}

// normPath lower-cases a path, writes its parameters as {} and drops
// function arguments and namespace prefixes.
func normPath(p string) string {
	p = placeRe.ReplaceAllString(p, "{}")
	segs := strings.Split(strings.Trim(p, "/"), "/")
	for i, s := range segs {
		segs[i] = strings.ToLower(argsRe.ReplaceAllString(nsRe.ReplaceAllString(s, ""), ""))
	}
	return "/" + strings.Join(segs, "/")
}

func (m *Model) hasPath(p string) bool {
	p = addressed(p)
	if m.hasNormPath(normPath(p)) {
		return true
	}
	// A drive's root is one of its items.
	return driveRoot.MatchString(p) && m.hasNormPath(normPath(driveRoot.ReplaceAllString(p, "/items/{id}$1")))
}

// addressed rewrites the items and sites a path addresses by path as
// addressed by key.
func addressed(p string) string {
	return keyPathRe.ReplaceAllString(rootPathRe.ReplaceAllString(p, "/items/{id}"), "$1")
}

// modelPath is the model's path (normalised) for the spec's path p when
// the model has a request builder for it, found as hasPath finds it but
// without walking below the model's paths; "" when it has none.
func (m *Model) modelPath(p string) string {
	p = addressed(p)
	if mp := m.find(strings.Split(normPath(p)[1:], "/"), true); mp != "" {
		return mp
	}
	if driveRoot.MatchString(p) {
		return m.find(strings.Split(normPath(driveRoot.ReplaceAllString(p, "/items/{id}$1"))[1:], "/"), true)
	}
	return ""
}

func (m *Model) hasNormPath(n string) bool {
	segs := strings.Split(n[1:], "/")
	if m.known(segs) {
		return true
	}
	// Below the longest path the model knows, the segments can still be
	// properties of the types reached (the SDK stops at a function's
	// result: "range()/format", not "range()/format/font"; nor has it the
	// properties of complex values: "mailboxSettings/timeZone"), with an
	// action or function last.
	for i := len(segs) - 1; i > 0; i-- {
		if m.known(segs[:i]) {
			return m.walk(segs[:i], segs[i:])
		}
	}
	return false
}

// known reports whether the model has the path segs, or one that
// addresses the same thing.
func (m *Model) known(segs []string) bool { return m.find(segs, false) != "" }

// find returns the model's path that is segs or addresses the same thing,
// or "". When strict is set, a path that reaches a keyed collection by
// another route than the model's counts only when the model has the path
// before the collection and the types it leads to have a property of the
// collection's name ("/me/drive/items/{}": a drive's items; not
// "/officeConfiguration/clientConfigurations/{}/assignments/{}", which the
// model lacks, for an education class's assignments).
func (m *Model) find(segs []string, strict bool) string {
	if p := "/" + strings.Join(segs, "/"); m.Paths[p] {
		return p
	}
	if segs[0] == "me" {
		segs = append([]string{"users", "{}"}, segs[1:]...)
		if p := "/" + strings.Join(segs, "/"); m.Paths[p] {
			return p
		}
	}
	for i := 0; i+1 < len(segs); i++ {
		if segs[i+1] == "{}" {
			if p := m.keyed[strings.Join(segs[i:], "/")]; p != "" && (!strict || i > 0 && m.find(segs[:i], true) != "" && m.hasProp(segs[:i], segs[i])) {
				return p
			}
		}
	}
	// A key written as its value: a well-known folder ("mailFolders/
	// inbox"), a method's id ("authenticationMethodConfigurations/email").
	for i := 1; i < len(segs); i++ {
		if segs[i] != "{}" && segs[i-1] != "{}" && m.Paths["/"+strings.Join(segs[:i], "/")+"/{}"] {
			keyed := slices.Clone(segs)
			keyed[i] = "{}"
			if p := "/" + strings.Join(keyed, "/"); m.Paths[p] {
				return p
			}
		}
	}
	// A single-valued navigation to an entity of a collection of the same
	// name ("drive" of a user, the "drives" collection).
	for i := len(segs) - 1; i > 0; i-- {
		if p := "/" + strings.Join(append([]string{segs[i] + "s", "{}"}, segs[i+1:]...), "/"); m.Paths["/"+segs[i]+"s"] && m.Paths[p] {
			return p
		}
	}
	return ""
}

// hasProp reports whether a type the path prefix leads to has the
// property name (lower-cased).
func (m *Model) hasProp(prefix []string, name string) bool {
	var types []string
	for i := len(prefix) - 1; i >= 0 && types == nil; i-- {
		if prefix[i] != "{}" {
			types = m.refs[prefix[i]]
		}
	}
	for _, t := range types {
		for p := range m.props(t) {
			if strings.ToLower(p) == name {
				return true
			}
		}
	}
	return false
}

// walk reports whether the segments rest can follow the path prefix: each
// a property of a type the one before can refer to, a key, or, last, an
// action or function the model has on such a type.
func (m *Model) walk(prefix, rest []string) bool {
	var types []string
	for i := len(prefix) - 1; i >= 0 && types == nil; i-- {
		if prefix[i] != "{}" {
			types = m.refs[prefix[i]]
		}
	}
	for k, s := range rest {
		if s == "{}" {
			continue
		}
		last := k == len(rest)-1
		var next []string
		primitive := false
		for _, t := range types {
			for name, sig := range m.props(t) {
				if strings.ToLower(name) != s {
					continue
				}
				if ref, ok := strings.CutPrefix(strings.TrimPrefix(sig, "[]"), "ref:"); ok {
					next = append(next, ref)
				} else {
					primitive = true
				}
			}
		}
		switch {
		case last && (primitive || len(next) > 0 || m.boundTo(s, types)):
			return true
		case len(next) == 0:
			return false
		}
		types = next
	}
	return false
}

// boundTo reports whether the model has the action or function name after
// a segment that refers to one of types.
func (m *Model) boundTo(name string, types []string) bool {
	for _, prev := range m.after[name] {
		for _, t := range m.refs[prev] {
			if slices.Contains(types, t) {
				return true
			}
		}
	}
	return false
}
