package parse

import (
	"bytes"
	"strings"
)

// Matchers for the regular expressions on the hot path of every page: each
// gives exactly what its expression gives (match_test.go compares them on
// the corpus's strings and on crafted ones), at a fraction of the cost of
// Go's backtracking matcher. Where Unicode case folding could match
// ("ſ" for s, "K" for k), they defer to the expression.

// isASCII reports whether s has only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// isSpaceRE is \s of Go's regular expressions: [\t\n\f\r ].
func isSpaceRE(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// isWordRE is \w of Go's regular expressions: [0-9A-Za-z_].
func isWordRE(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// collSuffixWords are collSuffixRe's ASCII words, each after \b.
var collSuffixWords = [...]string{"collection", "sammlung", "auflistung"}

// collSuffix is collSuffixRe on s: whether s ends with "collection" or a
// translation of it, and where the match, with the spaces before the word,
// starts.
func collSuffix(s string) (start int, ok bool) {
	// The ASCII words and the byte before them fit in 16 bytes; a tail of
	// ASCII cannot end with a non-ASCII word, or a folding ("ſ") that only
	// the expression knows.
	tail := s[max(0, len(s)-16):]
	if !isASCII(tail) {
		loc := collSuffixRe.FindStringIndex(s)
		if loc == nil {
			return 0, false
		}
		return loc[0], true
	}
	for _, w := range collSuffixWords {
		k := len(s) - len(w)
		if k < 0 || !strings.EqualFold(s[k:], w) || k > 0 && isWordRE(s[k-1]) {
			continue
		}
		for k > 0 && isSpaceRE(s[k-1]) {
			k--
		}
		return k, true
	}
	return 0, false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// mayContainFold reports whether a case-insensitive expression that needs
// w (ASCII) could match s: whether s holds w ignoring ASCII case, or has
// non-ASCII text, where Unicode folding could spell it.
func mayContainFold(s, w string) bool {
	return containsFold(s, w) || !isASCII(s)
}

// codeSpans gives the text of each `code span` in s, as the submatches of
// "`([^`]+)`" would.
func codeSpans(s string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		if s[i] != '`' {
			continue
		}
		j := strings.IndexByte(s[i+1:], '`')
		if j < 0 {
			break
		}
		if j == 0 {
			continue // "``": the second backtick may open a span
		}
		out = append(out, s[i+1:i+1+j])
		i += j + 1
	}
	return out
}

// includeLine reads one DocFX include line, `[!INCLUDE [label](path)]`,
// and gives the path and its offset in line. The path may be in angle
// brackets and followed by a "title"; spaces may stand around the parts,
// and the keyword is in any case. match_test.go has it as an expression.
func includeLine(line []byte) (dest []byte, off int, ok bool) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if len(line)-i < 9 || line[i] != '[' || line[i+1] != '!' || !asciiEqualFold(string(line[i+2:i+9]), "include") {
		return nil, 0, false
	}
	i = skipSpaceRE(line, i+9)
	if i == len(line) || line[i] != '[' {
		return nil, 0, false
	}
	k := bytes.IndexByte(line[i+1:], ']') + i + 1
	if k == i || k+1 == len(line) || line[k+1] != '(' {
		return nil, 0, false
	}
	ws := k + 2
	i = skipSpaceRE(line, ws)
	if dest, off, ok := includeTarget(line, i); ok {
		return dest, off, true
	}
	if i > ws && i < len(line) && line[i] == '"' {
		// `( "a b")`: the expression gives the title its last space back
		// and takes an empty path, when the quoted text is not one.
		return includeTarget(line, i-1)
	}
	return nil, 0, false
}

// includeTarget reads the rest of an include line from i, the path's
// first byte: the path, an optional title, and the closing marks.
func includeTarget(line []byte, i int) (dest []byte, off int, ok bool) {
	if i < len(line) && line[i] == '<' {
		i++
	}
	off = i
	for i < len(line) && line[i] != ')' && line[i] != '>' && !isSpaceRE(line[i]) {
		i++
	}
	dest = line[off:i]
	if i < len(line) && line[i] == '>' {
		i++
	}
	// An optional title: spaces, then a double-quoted string.
	if j := skipSpaceRE(line, i); j > i && j < len(line) && line[j] == '"' {
		if e := bytes.IndexByte(line[j+1:], '"'); e >= 0 {
			i = j + 1 + e + 1
		}
	}
	i = skipSpaceRE(line, i)
	if i == len(line) || line[i] != ')' {
		return nil, 0, false
	}
	i = skipSpaceRE(line, i+1)
	if i == len(line) || line[i] != ']' {
		return nil, 0, false
	}
	for i++; i < len(line); i++ {
		if line[i] != ' ' && line[i] != '\t' {
			return nil, 0, false
		}
	}
	return dest, off, true
}

func skipSpaceRE(s []byte, i int) int {
	for i < len(s) && isSpaceRE(s[i]) {
		i++
	}
	return i
}

// collFunc is collFuncRe.FindStringSubmatch(s): "Collection(x)".
func collFunc(s string) []string {
	if !hasPrefixFold(s, "collection(") {
		return nil
	}
	return collFuncRe.FindStringSubmatch(s)
}

// collOfPrefix is collOfPrefixRe.FindStringSubmatch(s): "Collection of x".
func collOfPrefix(s string) []string {
	if len(s) < 11 || !hasPrefixFold(s, "collection") || !isSpaceRE(s[10]) {
		return nil
	}
	return collOfPrefixRe.FindStringSubmatch(s)
}

// isIdent is ^[A-Za-z_][\w.-]*$: a name as the docs write one.
func isIdent(s string) bool { return isNameLike(s, "-") }

// isTypeWord is ^[A-Za-z_][\w.]*$: a type's name, qualified or not.
func isTypeWord(s string) bool { return isNameLike(s, "") }

// isNameLike reports whether s is a letter or "_", then word characters,
// dots and the bytes of extra.
func isNameLike(s, extra string) bool {
	if s == "" || !(s[0] == '_' || s[0]|0x20 >= 'a' && s[0]|0x20 <= 'z') {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isWordRE(c) && c != '.' && strings.IndexByte(extra, c) < 0 {
			return false
		}
	}
	return true
}

// isScope is ^[A-Za-z][\w-]*(?:\.[\w-]+)*$: a permission's name, such as
// "User.Read.All": a letter, then word characters and "-", in parts that
// single dots join.
func isScope(s string) bool {
	if s == "" || s[0]|0x20 < 'a' || s[0]|0x20 > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			if i+1 == len(s) || s[i+1] == '.' {
				return false
			}
		case !isWordRE(c) && c != '-':
			return false
		}
	}
	return true
}

// statusMatches is statusRe.FindAllStringSubmatchIndex(s, -1): each
// "200 OK" in s, a status of 1xx to 5xx and a capitalised word, with the
// digits as the submatch.
func statusMatches(s string) [][]int {
	var out [][]int
	for i := 0; i+2 < len(s); i++ {
		if end, ok := statusAt(s, i); ok {
			out = append(out, []int{i, end, i, i + 3})
			i = end - 1
		}
	}
	return out
}

// hasStatus is statusRe.MatchString(s).
func hasStatus(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if _, ok := statusAt(s, i); ok {
			return true
		}
	}
	return false
}

// statusAt matches \b([1-5]\d\d)\s+[A-Z][A-Za-z]* at i and gives its end.
func statusAt(s string, i int) (int, bool) {
	if i+2 >= len(s) || s[i] < '1' || s[i] > '5' || !isDigit(s[i+1]) || !isDigit(s[i+2]) || i > 0 && isWordRE(s[i-1]) {
		return 0, false
	}
	j := i + 3
	for j < len(s) && isSpaceRE(s[j]) {
		j++
	}
	if j == i+3 || j == len(s) || s[j] < 'A' || s[j] > 'Z' {
		return 0, false
	}
	for j++; j < len(s) && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z'); j++ {
	}
	return j, true
}

// statusLine reads a response's status line, "HTTP/1.1 200 OK" (the
// version is optional; the digits end at a word's end), and gives the
// status's digits.
func statusLine(s string) (string, bool) {
	if !strings.HasPrefix(s, "HTTP") {
		return "", false
	}
	i := 4
	if i+1 < len(s) && s[i] == '/' && isDigit(s[i+1]) {
		i += 2
		if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
			i += 2
		}
	}
	j := i
	for j < len(s) && isSpaceRE(s[j]) {
		j++
	}
	if j == i || j+3 > len(s) || !isDigit(s[j]) || !isDigit(s[j+1]) || !isDigit(s[j+2]) || j+3 < len(s) && isWordRE(s[j+3]) {
		return "", false
	}
	return s[j : j+3], true
}

// requestMethods are the methods a request line may start with.
var requestMethods = [...]string{"GET", "POST", "PUT", "PATCH", "DELETE"}

// requestLine reads "METHOD target" and gives what
// FindStringSubmatchIndex of ^(GET|POST|PUT|PATCH|DELETE)(?:\s+|(/))(.*)$
// would: the method, the slash that the target starts with when no space
// comes between (the docs have "DELETE/identity/…"), and the target, which
// runs to the end of s and holds no line break. The method must be upper
// case, as every request line in the corpus is.
func requestLine(s string) []int {
	for _, m := range requestMethods {
		if !strings.HasPrefix(s, m) {
			continue
		}
		i := len(m)
		if i < len(s) && s[i] == '/' {
			if strings.IndexByte(s[i+1:], '\n') >= 0 {
				return nil
			}
			return []int{0, len(s), 0, i, i, i + 1, i + 1, len(s)}
		}
		j := i
		for j < len(s) && isSpaceRE(s[j]) {
			j++
		}
		if j == i || strings.IndexByte(s[j:], '\n') >= 0 {
			return nil
		}
		return []int{0, len(s), 0, i, -1, -1, j, len(s)}
	}
	return nil
}

// reprMatch is reprRe.FindStringSubmatchIndex(s), tried only where its
// word is.
func reprMatch(s string) []int {
	if !mayContainFold(s, "representation") {
		return nil
	}
	return reprRe.FindStringSubmatchIndex(s)
}

// optionNames is odataOptionRe.FindAllStringIndex(s, -1): the "$select"s
// of s, tried only where a dollar is.
func optionNames(s string) [][]int {
	if strings.IndexByte(s, '$') < 0 {
		return nil
	}
	return odataOptionRe.FindAllStringIndex(s, -1)
}

// deniesSupport is notSupportRe.MatchString(s), and saysSupport is
// supportRe.MatchString(s): each alternative of both spells "support"
// ("not ſupport" too, which only the expression reads).
func deniesSupport(s string) bool {
	return mayContainFold(s, "support") && notSupportRe.MatchString(s)
}

func saysSupport(s string) bool {
	return mayContainFold(s, "support") && supportRe.MatchString(s)
}

// saysOData is odataRe.MatchString(s), tried only where "odata" or "query"
// is (no letter of either has a non-ASCII case folding).
func saysOData(s string) bool {
	return (containsFold(s, "odata") || containsFold(s, "query")) && odataRe.MatchString(s)
}

// brokenLink is brokenLinkRe.FindStringSubmatch(s): "[name](target" with
// no closing parenthesis.
func brokenLink(s string) []string {
	if !strings.HasPrefix(s, "[") {
		return nil
	}
	return brokenLinkRe.FindStringSubmatch(s)
}

// untypedJSON is untypedJSONRe.MatchString(s): "JSON", "JSON object",
// "Untyped JSON object", whose first letter folds only in ASCII.
func untypedJSON(s string) bool {
	return s != "" && (s[0]|0x20 == 'u' || s[0]|0x20 == 'j') && untypedJSONRe.MatchString(s)
}
