package codegen

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Selection picks the operations a package is generated for: those with
// any of the tags, under any of the path prefixes (whole segments: /me/drive
// takes /me/drive and /me/drive/root, not /me/drives), or with any of the
// operation ids. Every entry must pick at least one operation, so a config
// does not silently go stale when the docs move.
type Selection struct {
	Tags         []string
	PathPrefixes []string
	OperationIDs []string
}

// apply removes from spec every operation sel does not pick, and paths left
// with none. It reports the entries that picked nothing.
func (sel *Selection) apply(spec *openapi3.T) error {
	used := map[string]bool{}
	picks := func(path string, op *openapi3.Operation) bool {
		return sel.picks(path, op.Tags, op.OperationID, used)
	}
	if spec.Paths != nil {
		for path, item := range spec.Paths.Map() {
			for method, op := range item.Operations() {
				if !picks(path, op) {
					item.SetOperation(method, nil)
				}
			}
			if len(item.Operations()) == 0 {
				spec.Paths.Delete(path)
			}
		}
	}
	var unused []string
	for _, group := range []struct {
		kind  string
		names []string
	}{{"tag", sel.Tags}, {"path prefix", sel.PathPrefixes}, {"operation id", sel.OperationIDs}} {
		for _, n := range group.names {
			if !used[group.kind+" "+n] {
				unused = append(unused, fmt.Sprintf("%s %q", group.kind, n))
			}
		}
	}
	if len(unused) > 0 {
		return fmt.Errorf("select: %s picks no operation", strings.Join(unused, ", "))
	}
	if spec.Paths == nil || spec.Paths.Len() == 0 {
		return fmt.Errorf("select: picks no operation")
	}
	return nil
}

// picks reports whether sel picks the operation, and marks in used (when
// not nil) the entries that pick it.
func (sel *Selection) picks(path string, tags []string, operationID string, used map[string]bool) bool {
	hit := false
	mark := func(entry string) {
		hit = true
		if used != nil {
			used[entry] = true
		}
	}
	for _, t := range sel.Tags {
		if slices.Contains(tags, t) {
			mark("tag " + t)
		}
	}
	for _, p := range sel.PathPrefixes {
		if underPrefix(path, p) {
			mark("path prefix " + p)
		}
	}
	for _, id := range sel.OperationIDs {
		if operationID == id {
			mark("operation id " + id)
		}
	}
	return hit
}

// underPrefix reports whether path is prefix or lies under it, comparing
// whole segments and ignoring a trailing slash on the prefix.
func underPrefix(path, prefix string) bool {
	prefix = "/" + strings.Trim(prefix, "/")
	return prefix == "/" || path == prefix || strings.HasPrefix(path, prefix+"/")
}

// modelsDoc is the name under which the component schemas of a shared
// models package are referenced: oapi-codegen maps "modelsDoc#/components/
// schemas/X" to the Go type X of the package imported for it.
const modelsDoc = "models.json"

// importModels makes the operations of spec use the component schemas of
// another package instead of generating their own: every reference to a
// component schema reachable from the paths becomes a reference into
// modelsDoc, and the schemas themselves are excluded from generation. They
// stay in the spec, because oapi-codegen reads their x-go-name there to name
// the imported types. It returns the names to exclude.
func importModels(spec *openapi3.T) []string {
	seen := map[*openapi3.Schema]bool{}
	var walk func(r *openapi3.SchemaRef)
	walk = func(r *openapi3.SchemaRef) {
		if r == nil {
			return
		}
		if strings.HasPrefix(r.Ref, "#/components/schemas/") {
			r.Ref = modelsDoc + r.Ref
			return
		}
		s := r.Value
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for _, p := range s.Properties {
			walk(p)
		}
		walk(s.Items)
		walk(s.Not)
		walk(s.AdditionalProperties.Schema)
		for _, l := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
			for _, x := range l {
				walk(x)
			}
		}
	}
	params := func(ps openapi3.Parameters) {
		for _, p := range ps {
			if p.Value != nil {
				walk(p.Value.Schema)
				for _, mt := range p.Value.Content {
					walk(mt.Schema)
				}
			}
		}
	}
	if spec.Paths != nil {
		for _, item := range spec.Paths.Map() {
			params(item.Parameters)
			for _, op := range item.Operations() {
				params(op.Parameters)
				if op.RequestBody != nil && op.RequestBody.Value != nil {
					for _, mt := range op.RequestBody.Value.Content {
						walk(mt.Schema)
					}
				}
				if op.Responses != nil {
					for _, r := range op.Responses.Map() {
						if r.Value == nil {
							continue
						}
						for _, mt := range r.Value.Content {
							walk(mt.Schema)
						}
						for _, h := range r.Value.Headers {
							if h.Value != nil {
								walk(h.Value.Schema)
							}
						}
					}
				}
			}
		}
	}
	var names []string
	if spec.Components != nil {
		for n := range spec.Components.Schemas {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}
