package parse

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// The expressions that match.go's functions stand for.
var (
	includeLineRe = regexp.MustCompile(`(?i)^[ \t]*\[!INCLUDE\s*\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)\s*\][ \t]*$`)
	codeSpanRe    = regexp.MustCompile("`([^`]+)`")
	identRe       = regexp.MustCompile(`^[A-Za-z_][\w.-]*$`)
	typeWordRe    = regexp.MustCompile(`^[A-Za-z_][\w.]*$`)
	scopeRe       = regexp.MustCompile(`^[A-Za-z][\w-]*(?:\.[\w-]+)*$`)
	statusRe      = regexp.MustCompile(`\b([1-5]\d\d)\s+[A-Z][A-Za-z]*`)
	statusLineRe  = regexp.MustCompile(`^HTTP(?:/\d(?:\.\d)?)?\s+(\d{3})\b`)
	requestLineRe = regexp.MustCompile(`^(GET|POST|PUT|PATCH|DELETE)(?:\s+|(/))(.*)$`)
)

// matchInputs are strings to compare the matchers with their expressions
// on: crafted ones, and every line and table cell of the pages in
// spec/pages and, when it is beside the checkout, the v1.0 corpus.
func matchInputs(t *testing.T) []string {
	in := []string{
		"", " ", "collection", "Collection", "COLLECTION", "String collection", "String  \t collection",
		"Stringcollection", "String_collection", "String-collection", "string collections", "x collection ",
		"Collection(String)", "collection(microsoft.graph.user)", "Collection(", "collection (x)", "collectionof x",
		"Collection of String", "collection  of\tString", "Collection of a b", "collection of",
		"microsoft.graph.user Sammlung", "user Auflistung", "userAuflistung", "ユーザー コレクション", "ユーザーコレクション",
		"ユーザー集合", "usuario colección", "usuário coleção", "x ſammlung", "x Sammlunſ", "x SAMMLUNG",
		"é collection", "éécollection", "ééééééééééééééééé collection", "x\u00a0collection",
		"[!INCLUDE [a](b.md)]", "  [!include[a](b.md)]  ", "\t[!Include  [a] (b.md)]", "[!INCLUDE [a](<b c.md>)]",
		"[!INCLUDE [a](<b.md>)]", "[!INCLUDE [a]( b.md \"title\" )]", "[!INCLUDE [a](b.md \"ti)tle\")]",
		"[!INCLUDE [a](b.md \"title)]", "[!INCLUDE [a](b.md)] x", "[!INCLUDE [a](b.md) ]", "[!INCLUDE [a](b.md)]\r",
		"[!INCLUDE [a]](b.md)]", "[!INCLUDE [a](b.md>)]", "[!INCLUDE [a](<<b.md)]", "[!INCLUDE [a](b.md\"t\")]",
		"[!INCLUDE [a](b.md  \"t\"  )  ]\t ", "[!INCLUDExyz", "[!INCLUDE", "[!INCLUDE [a](b.md", "[!INCLUDE [](b.md)]",
		"[!INCLUDE [a]()]", "[!INCLUDE [a](<>)]", "[!INCLUDE\n[a](b.md)]", "[!INCLUDE [a](b.md \"\")]",
		"[!INCLUDE [a]( \"t x\")]", "[!INCLUDE [a]( \"t>\")]", "[!INCLUDE [a]( \"t)\")]", "[!INCLUDE [a](\t\"a b\" )]",
		"[!INCLUDE [a](  \" \")]", "[!INCLUDE [a]( \"t\")]", "[!INCLUDE [a](\"t x\")]", "[!INCLUDE [a]( \"t x\" \"u\")]",
		"[!INCLUDE [a]( <\"t x\">)]", "[!INCLUDE [a]( \"t x)]",
		"$select and $filter are supported", "doesn't support $count", "This method does not support the OData query parameters.",
		"supports all OData query parameters", "ſupports the OData query parameters", "this does not ſupport $top", "unſupported", "query  params", "$", "$1", "a$b",
		"[user](user.md", "[a](b c", "[a]()", "[]( x", "JSON", "json object", "Untyped JSON object", "untyped  json", "JSONs", "Json\tObject",
		"`a`", "``", "```a```", "``a`", "`a` and `b`, `c", "no spans", "`é` `x y`", "a`b`c`d`",
		"a", "_", "1a", "a.b-c", "a..b", "a.", ".a", "a-", "a b", "User.Read.All", "offline_access", "Sites.Selected",
		"a.-", "a._", "a-.b", "é", "aé", "A", "Z9", "a\n",
		"returns 200 OK", "a 507 Insufficient Storage", "600 Bad", "1234 Abc", "99 Ok", "120", "12", "x200 OK", "_200 OK",
		"200\tOK 201 Created", "200 ok", "200 O", "404  NotFound: 500 X", "2000 Abc", "é200 OK",
		"HTTP/1.1 200 OK", "HTTP 204", "HTTP/1 201", "HTTP/1.x 200", "HTTP/ 200", "HTTP/1.1 2000", "HTTP/1.1 200_",
		"HTTP/1.1 200-", "HTTP200", "HTTP/2 200", "http/1.1 200", "HTTP/1.1  \t 202 Accepted",
		"GET https://graph.microsoft.com/v1.0/me", "GET/me", "GET  /me", "GET", "GET ", "GETx /me", "get /me",
		"PATCH /x", "PUT /x", "POST\t/x", "DELETE/identity", "GET /a\nb", "GET \n/a", "GET\n", "GET /é", "GET /\xff",
		"a JSON representation of the user object", "REPRESENTATION FOR AN x OBJECT", "repreſentation of the x object",
	}
	var files []string
	for _, glob := range []string{"../../spec/pages/*", "../../../shared/graph-docs/v1.0/*/*.md", "../../../shared/graph-docs-current/api-reference/*/*/*.md"} {
		f, _ := filepath.Glob(glob)
		files = append(files, f...)
	}
	if len(files) < 5 {
		t.Fatalf("found %d pages to compare on", len(files))
	}
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			in = append(in, s)
		}
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(src), "\n") {
			add(line)
			if strings.Contains(line, "|") {
				for _, c := range strings.Split(line, "|") {
					add(strings.TrimSpace(c))
					add(strings.Trim(c, "`* "))
				}
			}
		}
	}
	return in
}

func TestMatchersAsExpressions(t *testing.T) {
	in := matchInputs(t)
	t.Logf("%d strings", len(in))
	for _, s := range in {
		compareMatchers(t, s)
	}
}

// FuzzMatchers compares the matchers with their expressions on any text.
func FuzzMatchers(f *testing.F) {
	for _, s := range []string{"String collection", "[!INCLUDE [a](<b.md> \"t\")]", "`a` `b`", "User.Read.All", "a 200 OK", "Collection of x", "x ſammlung", "HTTP/1.1 201 Created", "GET /me", "the JSON representation of a user object"} {
		f.Add(s)
	}
	f.Fuzz(compareMatchers)
}

// compareStatus compares the status and request-line readers with their
// expressions on s.
func compareStatus(t *testing.T, s string) {
	t.Helper()
	if got, want := statusMatches(s), statusRe.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
		t.Errorf("statusMatches(%q) = %v; the expression gives %v", s, got, want)
	}
	if got, want := hasStatus(s), statusRe.MatchString(s); got != want {
		t.Errorf("hasStatus(%q) = %v; the expression gives %v", s, got, want)
	}
	m := statusLineRe.FindStringSubmatch(s)
	if st, ok := statusLine(s); ok != (m != nil) || ok && st != m[1] {
		t.Errorf("statusLine(%q) = %q, %v; the expression gives %q", s, st, ok, m)
	}
	if got, want := requestLine(s), requestLineRe.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
		t.Errorf("requestLine(%q) = %v; the expression gives %v", s, got, want)
	}
	if got, want := reprMatch(s), reprRe.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
		t.Errorf("reprMatch(%q) = %v; the expression gives %v", s, got, want)
	}
}

// compareMatchers compares every matcher with its expression on s.
func compareMatchers(t *testing.T, s string) {
	t.Helper()
	loc := collSuffixRe.FindStringIndex(s)
	if k, ok := collSuffix(s); ok != (loc != nil) || ok && k != loc[0] {
		t.Errorf("collSuffix(%q) = %d, %v; the expression gives %v", s, k, ok, loc)
	}
	if ok := loc != nil; ok && collSuffixRe.ReplaceAllString(s, "") != s[:loc[0]] {
		t.Errorf("collSuffixRe replaces more than its match in %q", s)
	}
	if got, want := collFunc(s), collFuncRe.FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
		t.Errorf("collFunc(%q) = %q; the expression gives %q", s, got, want)
	}
	if got, want := collOfPrefix(s), collOfPrefixRe.FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
		t.Errorf("collOfPrefix(%q) = %q; the expression gives %q", s, got, want)
	}
	var spans []string
	for _, m := range codeSpanRe.FindAllStringSubmatch(s, -1) {
		spans = append(spans, m[1])
	}
	if got := codeSpans(s); !reflect.DeepEqual(got, spans) {
		t.Errorf("codeSpans(%q) = %q; the expression gives %q", s, got, spans)
	}
	if got, want := isIdent(s), identRe.MatchString(s); got != want {
		t.Errorf("isIdent(%q) = %v; the expression gives %v", s, got, want)
	}
	if got, want := isTypeWord(s), typeWordRe.MatchString(s); got != want {
		t.Errorf("isTypeWord(%q) = %v; the expression gives %v", s, got, want)
	}
	if got, want := isScope(s), scopeRe.MatchString(s); got != want {
		t.Errorf("isScope(%q) = %v; the expression gives %v", s, got, want)
	}
	compareStatus(t, s)
	if got, want := optionNames(s), odataOptionRe.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
		t.Errorf("optionNames(%q) = %v; the expression gives %v", s, got, want)
	}
	if deniesSupport(s) != notSupportRe.MatchString(s) || saysSupport(s) != supportRe.MatchString(s) || saysOData(s) != odataRe.MatchString(s) {
		t.Errorf("%q: a query-prose matcher differs from its expression", s)
	}
	if got, want := brokenLink(s), brokenLinkRe.FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
		t.Errorf("brokenLink(%q) = %q; the expression gives %q", s, got, want)
	}
	if got, want := untypedJSON(s), untypedJSONRe.MatchString(s); got != want {
		t.Errorf("untypedJSON(%q) = %v; the expression gives %v", s, got, want)
	}
	m := includeLineRe.FindSubmatchIndex([]byte(s))
	dest, off, ok := includeLine([]byte(s))
	if ok != (m != nil) || ok && (off != m[2] || !bytes.Equal(dest, []byte(s[m[2]:m[3]]))) {
		t.Errorf("includeLine(%q) = %q, %d, %v; the expression gives %v", s, dest, off, ok, m)
	}
}
