package build

import (
	"net/url"
	"regexp"
	"strings"
)

var (
	hostRe    = regexp.MustCompile(`(?i)^https?://[^/]+`)
	versionRe = regexp.MustCompile(`(?i)^/(v1\.0|beta|v1)(/|$)`)
	braceRe   = regexp.MustCompile(`\{([^{}]*)\}`)
	camelIDRe = regexp.MustCompile(`^([a-z][A-Za-z0-9]*?)[-_]?(?:Id|ID|id)$`)
	nonNameRe = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)
)

// param is one path parameter: its name in the spec template and the name
// the page used.
type param struct {
	Name, DocName string
}

// normPath turns a request-line target or example URL into an OpenAPI path
// template: the host, API version and query string go; a leading slash is
// added; "{a | b}" alternative keys become one parameter; every parameter is
// named after the segment it keys ("enterpriseCodeSigningCertificates/{id}"
// becomes "{enterpriseCodeSigningCertificate-id}"), so that pages that spell
// placeholders differently still describe the same path.
func normPath(target string) (path string, params []param, query string) {
	t := strings.TrimSpace(target)
	if i := strings.IndexByte(t, '?'); i >= 0 {
		t, query = t[:i], t[i+1:]
	}
	t = hostRe.ReplaceAllString(t, "")
	t = strings.TrimPrefix(t, "~")
	if !strings.HasPrefix(t, "/") {
		t = "/" + t
	}
	t = versionRe.ReplaceAllString(t, "/")
	if len(t) > 1 {
		t = strings.TrimRight(t, "/")
	}
	segs := strings.Split(t[1:], "/")
	used := map[string]int{}
	for i, seg := range segs {
		segs[i] = braceRe.ReplaceAllStringFunc(seg, func(m string) string {
			doc := strings.TrimSpace(m[1 : len(m)-1])
			if k := strings.IndexByte(doc, '|'); k >= 0 {
				doc = strings.TrimSpace(doc[:k])
			}
			name := ""
			if seg == m && i > 0 && isLiteral(segs[i-1]) {
				name = singular(lastDotted(segs[i-1])) + "-id"
			} else if c := camelIDRe.FindStringSubmatch(doc); c != nil && c[1] != "" {
				name = c[1] + "-id"
			} else {
				name = strings.Trim(nonNameRe.ReplaceAllString(doc, "-"), "-")
				if name == "" {
					name = "param"
				}
			}
			used[name]++
			if n := used[name]; n > 1 {
				name += "-" + itoa(n)
			}
			params = append(params, param{Name: name, DocName: doc})
			return "{" + name + "}"
		})
	}
	return "/" + strings.Join(segs, "/"), params, query
}

func itoa(n int) string {
	const d = "0123456789"
	if n < 10 {
		return d[n : n+1]
	}
	return itoa(n/10) + d[n%10:n%10+1]
}

// isLiteral reports whether a path segment is a plain name (a navigation
// property or entity set) rather than a parameter, function call or cast.
func isLiteral(seg string) bool {
	return seg != "" && !strings.ContainsAny(seg, "{}()':=$") && seg != "root"
}

func lastDotted(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// singular makes an English plural segment singular, the way Graph names
// its entity sets ("policies" → "policy", "addresses" → "address").
func singular(s string) string {
	l := strings.ToLower(s)
	switch {
	case strings.HasSuffix(l, "ies") && len(s) > 3:
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(l, "sses") || strings.HasSuffix(l, "xes") || strings.HasSuffix(l, "ches") || strings.HasSuffix(l, "shes"):
		return s[:len(s)-2]
	case strings.HasSuffix(l, "ss") || strings.HasSuffix(l, "us") || strings.HasSuffix(l, "is"):
		return s
	case strings.HasSuffix(l, "s") && len(s) > 1:
		return s[:len(s)-1]
	}
	return s
}

// matchPath matches the path of an example URL against a spec path
// template and returns the parameter values, or ok false. Literal segments
// compare case-insensitively, as Graph's URLs do.
func matchPath(tmpl, path string) (vals map[string]string, ok bool) {
	ts := strings.Split(strings.Trim(tmpl, "/"), "/")
	ps := strings.Split(strings.Trim(path, "/"), "/")
	if len(ts) != len(ps) {
		return nil, false
	}
	vals = map[string]string{}
	for i := range ts {
		t, p := ts[i], ps[i]
		if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") && strings.Count(t, "{") == 1 {
			v, err := url.PathUnescape(p)
			if err != nil {
				v = p
			}
			vals[t[1:len(t)-1]] = v
			continue
		}
		if !strings.EqualFold(t, p) {
			return nil, false
		}
	}
	return vals, true
}

// examplePath reduces an example URL to its path, as normPath does but
// keeping the values in place of parameters.
func examplePath(u string) (path, query string) {
	t := strings.TrimSpace(u)
	if i := strings.IndexByte(t, '?'); i >= 0 {
		t, query = t[:i], t[i+1:]
	}
	t = hostRe.ReplaceAllString(t, "")
	if !strings.HasPrefix(t, "/") {
		t = "/" + t
	}
	t = versionRe.ReplaceAllString(t, "/")
	if len(t) > 1 {
		t = strings.TrimRight(t, "/")
	}
	return t, query
}
