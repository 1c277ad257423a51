package serve

import (
	"sort"
	"strings"
)

// router matches request paths to the spec's path templates as the
// generated servers do (gen/codegen/templates/stdhttp): case-insensitively,
// parameters inside segments (roleTemplateId={id}, range(address='{a}')),
// item paths across segments (root:/{item-path}:), the template with the
// most literal text first, and no key segment starting with "$".
type router struct {
	routes map[string][]*route // by the name that starts the first segment
}

type route struct {
	path    string // the spec's template
	parts   []part
	literal int
	methods map[string]bool
}

type part struct {
	lit, name string // lower-cased literal text, or a parameter
	multi     bool
}

func newRouter(paths map[string][]string) *router {
	rt := &router{routes: map[string][]*route{}}
	for tmpl, methods := range paths {
		ro := &route{path: tmpl, methods: map[string]bool{}}
		for _, m := range methods {
			ro.methods[m] = true
		}
		t := tmpl
		for t != "" {
			i := strings.IndexByte(t, '{')
			j := -1
			if i >= 0 {
				j = strings.IndexByte(t[i:], '}') + i
			}
			if i < 0 || j < i {
				ro.parts = append(ro.parts, part{lit: lowerASCII(t)})
				ro.literal += len(t)
				break
			}
			if i > 0 {
				ro.parts = append(ro.parts, part{lit: lowerASCII(t[:i])})
				ro.literal += i
			}
			ro.parts = append(ro.parts, part{name: t[i+1 : j], multi: strings.HasSuffix(t[:i], ":/")})
			t = t[j+1:]
		}
		key := ""
		if len(ro.parts) > 0 && ro.parts[0].lit != "" {
			key = firstName(ro.parts[0].lit)
		}
		rt.routes[key] = append(rt.routes[key], ro)
	}
	for _, rs := range rt.routes {
		sort.Slice(rs, func(i, j int) bool {
			if rs[i].literal != rs[j].literal {
				return rs[i].literal > rs[j].literal
			}
			if len(rs[i].parts) != len(rs[j].parts) {
				return len(rs[i].parts) < len(rs[j].parts)
			}
			return rs[i].path < rs[j].path
		})
	}
	return rt
}

// find returns the route of method and path with its parameters; when
// only other methods have the path, allow lists them.
func (rt *router) find(method, p string) (ro *route, params map[string]string, allow []string) {
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	lp := lowerASCII(p)
	for _, key := range [...]string{firstName(lp), ""} {
		for _, r := range rt.routes[key] {
			vals, ok := r.match(p, lp)
			if !ok {
				continue
			}
			if !r.methods[method] {
				for m := range r.methods {
					allow = append(allow, m)
				}
				continue
			}
			params = map[string]string{}
			n := 0
			for _, pt := range r.parts {
				if pt.lit == "" {
					params[pt.name] = vals[n]
					n++
				}
			}
			return r, params, nil
		}
	}
	sort.Strings(allow)
	return nil, nil, allow
}

func (ro *route) match(p, lp string) ([]string, bool) {
	var vals []string
	i := 0
	for k, pt := range ro.parts {
		if pt.lit != "" {
			if !strings.HasPrefix(lp[i:], pt.lit) {
				return nil, false
			}
			i += len(pt.lit)
			continue
		}
		end := len(p)
		if !pt.multi {
			if s := strings.IndexByte(p[i:], '/'); s >= 0 {
				end = i + s
			}
		}
		if k+1 < len(ro.parts) {
			next := ro.parts[k+1].lit
			j := strings.Index(lp[i:], next)
			if j < 0 || i+j > end || next[0] == '/' && !pt.multi && i+j != end {
				return nil, false
			}
			end = i + j
		}
		if end <= i || p[i] == '$' && i > 0 && p[i-1] == '/' && (end == len(p) || p[end] == '/') {
			return nil, false
		}
		vals = append(vals, p[i:end])
		i = end
	}
	return vals, i == len(p)
}

// firstName is the name that starts a path's first segment.
func firstName(p string) string {
	p = strings.TrimPrefix(p, "/")
	if i := strings.IndexAny(p, "/(=:'{"); i >= 0 {
		p = p[:i]
	}
	return p
}

// lowerASCII lower-cases ASCII letters only, keeping offsets.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
