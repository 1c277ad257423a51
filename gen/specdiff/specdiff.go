// Package specdiff compares two versions of a spec with oasdiff and reports
// what changed for the clients of the API: operations, parameters, schemas,
// properties, types and enum values, each with a level, and, where a change
// comes from a page, the page and line.
package specdiff

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"

	"github.com/docs2openapi/docs2openapi/gen/diag"
)

// Levels of a finding.
const (
	Breaking = "breaking" // clients that worked may fail
	Warning  = "warning"  // may affect clients; check it
	Info     = "info"     // a compatible change
)

// levelRank orders levels for sorting and --fail-on.
var levelRank = map[string]int{Breaking: 0, Warning: 1, Info: 2}

// Side is one of the two specs compared.
type Side struct {
	// Name is how the user named it (a spec file, a folder, REF:path).
	Name string
	Doc  *openapi3.T
	// Sources, when the side was built from pages, says where they
	// document each operation, schema and property; nil for a spec file.
	Sources *Sources
}

// Sources maps parts of a spec to page positions (see build.Sources).
type Sources struct {
	Operations map[string]diag.Pos // "GET /path"
	Schemas    map[string]diag.Pos // component name
	Properties map[string]diag.Pos // "schema/property"
}

// Finding is one change between the two specs.
type Finding struct {
	// ID is a stable identifier of the kind of change: oasdiff's check
	// ids ("request-property-type-changed") for operations, and
	// "schema-added", "schema-removed", "schema-property-added",
	// "schema-property-removed", "schema-property-type-changed",
	// "schema-enum-value-added", "schema-enum-value-removed" for the
	// component schemas.
	ID    string `json:"id"`
	Level string `json:"level"`
	// Operation is "METHOD /path" for a change to an operation.
	Operation   string `json:"operation,omitempty"`
	OperationID string `json:"operationId,omitempty"`
	// Schema is the component schema a schema change is in.
	Schema string `json:"schema,omitempty"`
	// Component is the kind of other component a change is in
	// ("securitySchemes").
	Component string `json:"component,omitempty"`
	Message   string `json:"message"`
	// Source is the page position the change comes from: in the head
	// pages, or in the base pages for something removed. Empty when the
	// side is a spec file.
	Source *diag.Pos `json:"source,omitempty"`
	// InBase is set when Source is a position in the base.
	InBase bool `json:"inBase,omitempty"`
}

// Report is the result of a comparison.
type Report struct {
	Base     string    `json:"base"`
	Head     string    `json:"head"`
	Findings []Finding `json:"findings"`
	Breaking int       `json:"breaking"`
	Warnings int       `json:"warnings"`
	Info     int       `json:"info"`
}

// Compare reports the changes from base to head. allOf is flattened in
// both first, so a change inside a base type is reported at the property
// it changes.
func Compare(base, head *Side) (*Report, error) {
	s1, err := specInfo(base)
	if err != nil {
		return nil, err
	}
	s2, err := specInfo(head)
	if err != nil {
		return nil, err
	}
	d, sources, err := diff.GetWithOperationsSourcesMap(diff.NewConfig(), s1, s2)
	if err != nil {
		return nil, fmt.Errorf("oasdiff: %w", err)
	}
	changes := checker.CheckBackwardCompatibilityUntilLevel(checker.NewConfig(checker.GetAllChecks()), d, sources, checker.INFO)
	l := checker.NewDefaultLocalizer()
	rep := &Report{Base: base.Name, Head: head.Name, Findings: []Finding{}}
	for _, c := range changes {
		f := Finding{ID: c.GetId(), Level: level(c.GetLevel()), Message: strings.TrimSpace(c.GetUncolorizedText(l))}
		if op := c.GetOperation(); op != "" {
			f.Operation = op + " " + c.GetPath()
			f.OperationID = c.GetOperationId()
			// A change to a property is placed at the property's row, on
			// the page of the type that declares it; anything else at the
			// operation's request line.
			// The arguments of a property check name the property, in an
			// order that differs between checks.
			var props []string
			if strings.Contains(f.ID, "property") {
				for _, a := range c.GetArgs() {
					if s, ok := a.(string); ok && s != "" {
						props = append(props, s)
					}
				}
			}
			// The head first, where a pull request can show it; the base
			// for what the head no longer has.
			method, path := c.GetOperation(), c.GetPath()
			f.Source, f.InBase = locateSide(base, head, false, func(sd *Side) (diag.Pos, bool) {
				for _, prop := range props {
					if p, ok := propertySource(sd, method, path, prop); ok {
						return p, true
					}
				}
				return diag.Pos{}, false
			})
			if f.Source == nil {
				f.Source, f.InBase = locateSide(base, head, false, func(sd *Side) (diag.Pos, bool) {
					p, ok := sd.Sources.Operations[f.Operation]
					return p, ok
				})
			}
		}
		switch cc := c.(type) {
		case checker.ComponentChange:
			f.Component = cc.Component
		case *checker.ComponentChange:
			f.Component = cc.Component
		}
		rep.Findings = append(rep.Findings, f)
	}
	if d != nil && d.ComponentsDiff != nil {
		rep.Findings = append(rep.Findings, schemaFindings(base, head, d.ComponentsDiff.SchemasDiff)...)
	}
	sort.SliceStable(rep.Findings, func(i, j int) bool {
		a, b := rep.Findings[i], rep.Findings[j]
		if levelRank[a.Level] != levelRank[b.Level] {
			return levelRank[a.Level] < levelRank[b.Level]
		}
		if a.Operation != b.Operation {
			return a.Operation < b.Operation
		}
		if a.Schema != b.Schema {
			return a.Schema < b.Schema
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Message < b.Message
	})
	for _, f := range rep.Findings {
		switch f.Level {
		case Breaking:
			rep.Breaking++
		case Warning:
			rep.Warnings++
		default:
			rep.Info++
		}
	}
	return rep, nil
}

// specInfo gives oasdiff a copy of the side's spec with allOf flattened
// (oasdiff flattens in place, and the caller's document stays as built).
func specInfo(s *Side) (*load.SpecInfo, error) {
	data, err := json.Marshal(s.Doc)
	if err != nil {
		return nil, err
	}
	loader := openapi3.NewLoader()
	info, err := load.NewSpecInfoFromData(loader, data, s.Name, load.WithFlattenAllOf())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.Name, err)
	}
	return info, nil
}

func level(l checker.Level) string {
	switch l {
	case checker.ERR:
		return Breaking
	case checker.WARN:
		return Warning
	}
	return Info
}

// locateSide is locate with the whole side at hand.
func locateSide(base, head *Side, removed bool, find func(*Side) (diag.Pos, bool)) (*diag.Pos, bool) {
	order := []*Side{head, base}
	if removed {
		order = []*Side{base, head}
	}
	for _, s := range order {
		if s.Sources == nil {
			continue
		}
		if p, ok := find(s); ok && p.File != "" {
			return &p, s == base
		}
	}
	return nil, false
}

// propertySource finds the row of a property (oasdiff's "a/b/c" path) of
// an operation's request or response bodies: the property table row of the
// component schema that declares it, following references, allOf bases,
// alternatives and array items.
func propertySource(sd *Side, method, path, prop string) (diag.Pos, bool) {
	item := sd.Doc.Paths.Value(path)
	if item == nil {
		return diag.Pos{}, false
	}
	op := item.GetOperation(method)
	if op == nil {
		return diag.Pos{}, false
	}
	var roots []*openapi3.SchemaRef
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		for _, mt := range op.RequestBody.Value.Content {
			roots = append(roots, mt.Schema)
		}
	}
	if op.Responses != nil {
		for _, r := range op.Responses.Map() {
			if r.Value != nil {
				for _, mt := range r.Value.Content {
					roots = append(roots, mt.Schema)
				}
			}
		}
	}
	segs := strings.Split(prop, "/")
	for _, root := range roots {
		cur := []*openapi3.SchemaRef{root}
		owner := ""
		for i, seg := range segs {
			var next []*openapi3.SchemaRef
			owner = ""
			for _, c := range cur {
				if o, p := findProperty(c, "", seg, map[*openapi3.Schema]bool{}); p != nil {
					owner = o
					next = append(next, p)
					break
				}
			}
			if len(next) == 0 {
				break
			}
			if i == len(segs)-1 && owner != "" {
				if p, ok := sd.Sources.Properties[owner+"/"+seg]; ok {
					return p, true
				}
			}
			cur = next
		}
	}
	return diag.Pos{}, false
}

// findProperty looks for property name in s and what it is made of, and
// returns it with the component that declares it.
func findProperty(s *openapi3.SchemaRef, owner, name string, seen map[*openapi3.Schema]bool) (string, *openapi3.SchemaRef) {
	if s == nil || s.Value == nil || seen[s.Value] {
		return "", nil
	}
	seen[s.Value] = true
	if n, ok := strings.CutPrefix(s.Ref, "#/components/schemas/"); ok {
		owner = n
	}
	v := s.Value
	if p, ok := v.Properties[name]; ok {
		return owner, p
	}
	for _, l := range []openapi3.SchemaRefs{v.AllOf, v.AnyOf, v.OneOf} {
		for _, x := range l {
			if o, p := findProperty(x, owner, name, seen); p != nil {
				return o, p
			}
		}
	}
	if v.Items != nil {
		if o, p := findProperty(v.Items, owner, name, seen); p != nil {
			return o, p
		}
	}
	// Graph's collection wrapper: {"value": [...]}.
	if w, ok := v.Properties["value"]; ok {
		return findProperty(w, owner, name, seen)
	}
	return "", nil
}

// locate finds a change's page position in the Sources of the head, or of
// the base first for something removed (or when the head lacks it).
func locate(base, head *Side, removed bool, find func(*Sources) (diag.Pos, bool)) (*diag.Pos, bool) {
	return locateSide(base, head, removed, func(s *Side) (diag.Pos, bool) { return find(s.Sources) })
}

// schemaFindings reports the changes to component schemas themselves,
// which the operation checks do not see for schemas no operation uses
// directly. Removals are warnings: the wire format of an operation is
// judged by the operation checks, but the generated Go type goes away.
func schemaFindings(base, head *Side, sd *diff.SchemasDiff) []Finding {
	if sd == nil {
		return nil
	}
	var out []Finding
	schemaPos := func(name string, removed bool) (*diag.Pos, bool) {
		return locate(base, head, removed, func(s *Sources) (diag.Pos, bool) {
			p, ok := s.Schemas[name]
			return p, ok
		})
	}
	propPos := func(schema, prop string, removed bool) (*diag.Pos, bool) {
		return locate(base, head, removed, func(s *Sources) (diag.Pos, bool) {
			p, ok := s.Properties[schema+"/"+prop]
			if !ok {
				p, ok = s.Schemas[schema]
			}
			return p, ok
		})
	}
	for _, n := range sd.Added {
		f := Finding{ID: "schema-added", Level: Info, Schema: n, Message: fmt.Sprintf("added the schema %q", n)}
		f.Source, f.InBase = schemaPos(n, false)
		out = append(out, f)
	}
	for _, n := range sd.Deleted {
		f := Finding{ID: "schema-removed", Level: Warning, Schema: n, Message: fmt.Sprintf("removed the schema %q", n)}
		f.Source, f.InBase = schemaPos(n, true)
		out = append(out, f)
	}
	names := make([]string, 0, len(sd.Modified))
	for n := range sd.Modified {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		m := sd.Modified[n]
		if m == nil {
			continue
		}
		if e := m.EnumDiff; e != nil {
			for _, v := range e.Added {
				f := Finding{ID: "schema-enum-value-added", Level: Info, Schema: n, Message: fmt.Sprintf("added the value %v to the enum %q", v, n)}
				f.Source, f.InBase = schemaPos(n, false)
				out = append(out, f)
			}
			for _, v := range e.Deleted {
				f := Finding{ID: "schema-enum-value-removed", Level: Warning, Schema: n, Message: fmt.Sprintf("removed the value %v from the enum %q", v, n)}
				f.Source, f.InBase = schemaPos(n, false)
				out = append(out, f)
			}
		}
		if m.TypeDiff != nil {
			f := Finding{ID: "schema-type-changed", Level: Warning, Schema: n, Message: fmt.Sprintf("changed the type of schema %q from %s to %s", n, list(m.TypeDiff.Deleted), list(m.TypeDiff.Added))}
			f.Source, f.InBase = schemaPos(n, false)
			out = append(out, f)
		}
		p := m.PropertiesDiff
		if p == nil {
			continue
		}
		for _, pn := range p.Added {
			f := Finding{ID: "schema-property-added", Level: Info, Schema: n, Message: fmt.Sprintf("added the property %q to schema %q", pn, n)}
			f.Source, f.InBase = propPos(n, pn, false)
			out = append(out, f)
		}
		for _, pn := range p.Deleted {
			f := Finding{ID: "schema-property-removed", Level: Warning, Schema: n, Message: fmt.Sprintf("removed the property %q from schema %q", pn, n)}
			f.Source, f.InBase = propPos(n, pn, true)
			out = append(out, f)
		}
		props := make([]string, 0, len(p.Modified))
		for pn := range p.Modified {
			props = append(props, pn)
		}
		sort.Strings(props)
		for _, pn := range props {
			pm := p.Modified[pn]
			if pm == nil {
				continue
			}
			if from, to, ok := typeChange(pm); ok {
				f := Finding{ID: "schema-property-type-changed", Level: Warning, Schema: n, Message: fmt.Sprintf("changed the type of property %q of schema %q from %s to %s", pn, n, from, to)}
				f.Source, f.InBase = propPos(n, pn, false)
				out = append(out, f)
			}
			if e := pm.EnumDiff; e != nil {
				for _, v := range e.Added {
					f := Finding{ID: "schema-enum-value-added", Level: Info, Schema: n, Message: fmt.Sprintf("added the value %v to property %q of schema %q", v, pn, n)}
					f.Source, f.InBase = propPos(n, pn, false)
					out = append(out, f)
				}
				for _, v := range e.Deleted {
					f := Finding{ID: "schema-enum-value-removed", Level: Warning, Schema: n, Message: fmt.Sprintf("removed the value %v from property %q of schema %q", v, pn, n)}
					f.Source, f.InBase = propPos(n, pn, false)
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// typeChange describes a property's change of type, format, item type or
// referenced schema, if it has one.
func typeChange(d *diff.SchemaDiff) (from, to string, ok bool) {
	base, rev := d.Base, d.Revision
	if base == nil || rev == nil {
		return "", "", false
	}
	a, b := typeName(base), typeName(rev)
	return a, b, a != b
}

// typeName renders a schema's type: "string (date-time)", "array of
// string", "object user".
func typeName(s *openapi3.Schema) string {
	t := strings.Join(s.Type.Slice(), "|")
	if t == "" {
		t = "any"
	}
	if s.Format != "" {
		t += " (" + s.Format + ")"
	}
	if s.Items != nil && s.Items.Value != nil {
		t += " of " + typeName(s.Items.Value)
	}
	if s.Title != "" {
		t += " " + s.Title
	}
	return t
}

func list(vs []string) string {
	if len(vs) == 0 {
		return "none"
	}
	return strings.Join(vs, "|")
}

// Fails reports whether the report fails under a --fail-on policy:
// "breaking", "changes" or "never".
func (r *Report) Fails(policy string) bool {
	switch policy {
	case "changes":
		return len(r.Findings) > 0
	case "never":
		return false
	}
	return r.Breaking > 0
}
