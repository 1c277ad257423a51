package assemble

import "strings"

// Matchers for expressions that every type, operation and path meets:
// each gives what its expression gives (match_test.go compares them).

// isTypeName is isTypeName(s): dotted parts that each start
// with a letter or "_" and go on with letters, digits and "_".
func isTypeName(s string) bool {
	start := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.':
			if start {
				return false
			}
			start = true
		case c == '_' || c|0x20 >= 'a' && c|0x20 <= 'z':
			start = false
		case c >= '0' && c <= '9':
			if start {
				return false
			}
		default:
			return false
		}
	}
	return !start
}

// replaceNonAlnum is identPartRe.ReplaceAllString(s, with): each run of
// bytes other than ASCII letters and digits becomes with.
func replaceNonAlnum(s, with string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z') {
			return identPartRe.ReplaceAllString(s, with)
		}
	}
	return s
}

// literalID is literalIDRe.FindStringSubmatch(s), tried only where a
// GUID's four hyphens are.
func literalID(s string) []string {
	if strings.Count(s, "-") < 4 {
		return nil
	}
	return literalIDRe.FindStringSubmatch(s)
}

// braces is braceRe.FindAllStringIndex(s, -1), tried only where a brace is.
func braces(s string) [][]int {
	if strings.IndexByte(s, '{') < 0 {
		return nil
	}
	return braceRe.FindAllStringIndex(s, -1)
}
