package assemble

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
)

var (
	hostRe    = regexp.MustCompile(`(?i)^https?://[^/]+`)
	braceRe   = regexp.MustCompile(`\{([^{}]*)\}`)
	camelIDRe = regexp.MustCompile(`^([a-z][A-Za-z0-9]*?)[-_]?(?:Id|ID|id)$`)
	nonNameRe = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)
	argNameRe = regexp.MustCompile(`[(,]\s*([A-Za-z_]\w*)\s*=\s*'?$`)

	// The docs' other ways of writing a placeholder or alternative key.
	brokenAltRe = regexp.MustCompile(`\}\s*\|[^/]*`)        // "{user-id} | user-principal-name/…"
	angleRe     = regexp.MustCompile(`<([A-Za-z_][\w-]*)>`) // "range(<address>)"
	parenKeyRe  = regexp.MustCompile(`/\(([A-Za-z][\w-]*)\)(/|$)`)
	loneArgRe   = regexp.MustCompile(`\((\{([A-Za-z_]\w*)\})\)`)
	argSpaceRe  = regexp.MustCompile(`,\s+`)
	// literalIDRe is a GUID standing as a whole segment: an example's key
	// left in a request line.
	literalIDRe = regexp.MustCompile(`(?i)/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(/|$)`)
)

// cleanTemplate rewrites the docs' irregular placeholders into the usual
// form before parameters are named: "{a} | b" loses the stray alternative,
// "<address>" and "/(team-id)/" become "{address}" and "/{team-id}/", a
// function's lone argument gets its name ("range({address})" becomes
// "range(address='{address}')", as in Graph's metadata), a GUID segment
// becomes a placeholder, and spaces after commas in argument lists go.
func cleanTemplate(t string) string {
	// Each rewrite is tried only where its mark is: most templates have
	// none of them.
	if strings.Contains(t, "|") {
		t = brokenAltRe.ReplaceAllString(t, "}")
	}
	if strings.Contains(t, "<") {
		t = angleRe.ReplaceAllString(t, "{$1}")
	}
	if strings.Contains(t, "(") {
		t = parenKeyRe.ReplaceAllString(t, "/{$1}$2")
		t = loneArgRe.ReplaceAllString(t, "($2='$1')")
		t = argSpaceRe.ReplaceAllString(t, ",")
	}
	for strings.Contains(t, "-") && literalIDRe.MatchString(t) { // twice for adjacent ones, which share a slash
		t = literalIDRe.ReplaceAllString(t, "/{$1}$2")
	}
	return t
}

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
	t, query := examplePath(strings.TrimPrefix(strings.TrimSpace(target), "~"))
	t = cleanTemplate(t)
	segs := strings.Split(t[1:], "/")
	// "childFolders/{id}/.../messages": a segment of dots says the one
	// before it repeats as deep as needed; the path is the one level.
	segs = slices.DeleteFunc(segs, func(s string) bool { return len(s) >= 3 && strings.Trim(s, ".…") == "" })
	used := map[string]int{}
	for i, seg := range segs {
		seg = literalArgs(seg)
		var out strings.Builder
		last := 0
		for _, loc := range braces(seg) {
			m := seg[loc[0]:loc[1]]
			out.WriteString(seg[last:loc[0]])
			last = loc[1]
			doc := strings.TrimSpace(m[1 : len(m)-1])
			if k := strings.IndexByte(doc, '|'); k >= 0 {
				doc = strings.TrimSpace(doc[:k])
			}
			name := ""
			if arg := argNameRe.FindStringSubmatch(seg[:loc[0]]); arg != nil {
				// A function argument is named after the argument:
				// resizedRange(deltaRows={deltaRows},…).
				name = arg[1]
			} else if seg == m && i > 0 && isLiteral(segs[i-1]) {
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
			out.WriteString("{" + name + "}")
		}
		out.WriteString(seg[last:])
		segs[i] = out.String()
	}
	return "/" + strings.Join(segs, "/"), params, query
}

// funcCallRe is a function or key segment with named arguments:
// getActivitiesByInterval(startDateTime='2017-01-01',interval='day').
var funcCallRe = regexp.MustCompile(`^([A-Za-z_][\w.]*)\((.+)\)$`)

// literalArgs turns the literal values a request line gives a function's
// named arguments ("on='reviewer'", "width=640") into placeholders, so
// that the path is the function's and the values are its parameters.
func literalArgs(seg string) string {
	if !strings.Contains(seg, "=") {
		return seg
	}
	m := funcCallRe.FindStringSubmatch(seg)
	if m == nil {
		return seg
	}
	args := splitArgs(m[2])
	changed := false
	for i, a := range args {
		k, v, ok := strings.Cut(a, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || !identRe.MatchString(k) || v == "" || strings.Contains(v, "{") {
			continue
		}
		if v[0] == '\'' {
			args[i] = k + "='{" + k + "}'"
		} else {
			args[i] = k + "={" + k + "}"
		}
		changed = true
	}
	if !changed {
		return seg
	}
	return m[1] + "(" + strings.Join(args, ",") + ")"
}

// identRe is an argument name.
var identRe = regexp.MustCompile(`^[A-Za-z_]\w*$`)

// splitArgs splits an argument list at the commas outside quotes.
func splitArgs(s string) []string {
	var out []string
	quoted, start := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			quoted = !quoted
		case ',':
			if !quoted {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
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
		if strings.Contains(t, "{") {
			// A parameter inside a segment: fn(a='{a}'), root:/{item-path}:.
			if !matchSegment(t, p, vals) {
				return nil, false
			}
			continue
		}
		if !strings.EqualFold(t, p) {
			return nil, false
		}
	}
	return vals, true
}

// matchSegment matches one path segment against a template segment with
// parameters inside it, recording their values.
func matchSegment(tmpl, seg string, vals map[string]string) bool {
	sm := segmentMatcher(tmpl)
	if sm.rx == nil {
		return false
	}
	if u, err := url.PathUnescape(seg); err == nil {
		seg = u
	}
	m := sm.rx.FindStringSubmatch(cleanTemplate("/" + seg)[1:])
	if m == nil {
		return false
	}
	for i, n := range sm.names {
		vals[n] = m[i+1]
	}
	return true
}

// segMatcher matches a path segment against a template segment with
// parameters inside it.
type segMatcher struct {
	rx    *regexp.Regexp
	names []string
}

// segMatchers caches each template segment's matcher: every example URL is
// matched against the operations of its page.
var segMatchers sync.Map

func segmentMatcher(tmpl string) segMatcher {
	if sm, ok := segMatchers.Load(tmpl); ok {
		return sm.(segMatcher)
	}
	var re strings.Builder
	re.WriteString("(?i)^")
	var names []string
	last := 0
	for _, loc := range braces(tmpl) {
		re.WriteString(regexp.QuoteMeta(tmpl[last:loc[0]]))
		// A value runs to the next literal part; it holds no "," or "=",
		// so that fn(a={a}) does not take fn(a=1,b=2) of an overload.
		re.WriteString("([^,=]*?)")
		names = append(names, tmpl[loc[0]+1:loc[1]-1])
		last = loc[1]
	}
	re.WriteString(regexp.QuoteMeta(tmpl[last:]))
	re.WriteString("$")
	rx, _ := regexp.Compile(re.String()) // nil, and no match, if it fails
	sm := segMatcher{rx: rx, names: names}
	segMatchers.Store(tmpl, sm)
	return sm
}

// stripHost removes the scheme and host of an absolute http(s) URL.
func stripHost(t string) string {
	for _, scheme := range []string{"https://", "http://"} {
		if len(t) >= len(scheme) && strings.EqualFold(t[:len(scheme)], scheme) {
			rest := t[len(scheme):]
			if i := strings.IndexByte(rest, '/'); i >= 0 {
				return rest[i:]
			}
			return ""
		}
	}
	return t
}

// stripVersion turns a leading /v1.0/, /beta/ or /v1/ (or the whole path
// being one of them) into "/".
func stripVersion(t string) string {
	for _, v := range []string{"/v1.0", "/beta", "/v1"} {
		if len(t) >= len(v) && strings.EqualFold(t[:len(v)], v) && (len(t) == len(v) || t[len(v)] == '/') {
			return "/" + strings.TrimPrefix(t[len(v):], "/")
		}
	}
	return t
}

// examplePath reduces an example URL to its path, as normPath does but
// keeping the values in place of parameters.
func examplePath(u string) (path, query string) {
	t := strings.TrimSpace(u)
	if i := strings.IndexByte(t, '?'); i >= 0 {
		t, query = t[:i], t[i+1:]
	}
	t = stripHost(t)
	if !strings.HasPrefix(t, "/") {
		t = "/" + t
	}
	t = stripVersion(t)
	if len(t) > 1 {
		t = strings.TrimRight(t, "/")
	}
	return t, query
}
