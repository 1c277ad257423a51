package assemble

import (
	"strconv"
	"strings"
)

// The docs' example bodies are read here only for their outline (the keys
// of the top object, whether "value" holds an array): a scan that skips
// values without decoding them, and that stops quietly where the docs'
// lenient JSON stops being readable.

// members yields the key and the raw value text of each member of the
// object that s begins with (after white space), in order, until yield
// returns false or the text stops being an object. It reports whether s
// begins with an object.
func members(s string, yield func(key, value string) bool) bool {
	s = strings.TrimLeft(s, " \t\r\n")
	if !strings.HasPrefix(s, "{") {
		return false
	}
	s = s[1:]
	for {
		s = strings.TrimLeft(s, " \t\r\n,")
		if !strings.HasPrefix(s, `"`) {
			return true
		}
		n := skipString(s)
		if n < 0 {
			return true
		}
		key := s[1 : n-1]
		s = strings.TrimLeft(s[n:], " \t\r\n")
		if !strings.HasPrefix(s, ":") {
			return true
		}
		s = strings.TrimLeft(s[1:], " \t\r\n")
		m := skipValue(s)
		if m <= 0 || !yield(key, s[:m]) {
			return true
		}
		s = s[m:]
	}
}

// skipString returns the length of the JSON string that s begins with,
// quotes included; -1 when it does not end.
func skipString(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// skipValue returns the length of the JSON value that s begins with: a
// string, an object or array (nesting counted, strings skipped), or a bare
// token up to the next delimiter; -1 when it does not end.
func skipValue(s string) int {
	if s == "" {
		return -1
	}
	switch s[0] {
	case '"':
		return skipString(s)
	case '{', '[':
		depth := 0
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case '"':
				n := skipString(s[i:])
				if n < 0 {
					return -1
				}
				i += n - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return -1
	}
	i := strings.IndexAny(s, ",}] \t\r\n")
	if i < 0 {
		return len(s)
	}
	return i
}

// wrapped returns the raw "value" of Graph's wrapper object, {"@odata.…":
// …, "value": …}, where s is one: no member but annotations beside it.
func wrapped(s string) (value string, ok bool) {
	other := false
	members(s, func(k, v string) bool {
		switch {
		case k == "value":
			value, ok = v, true
		case !strings.HasPrefix(k, "@"):
			other = true
		}
		return !other
	})
	return value, ok && !other
}

// isValueArray reports whether an example body is Graph's collection
// wrapper: annotations, then "value" holding an array.
func isValueArray(body string) bool {
	arr := false
	members(body, func(k, v string) bool {
		if k == "value" {
			arr = strings.HasPrefix(v, "[")
			return false
		}
		return strings.HasPrefix(k, "@")
	})
	return arr
}

// firstItem returns the raw text of the first item of a JSON array.
func firstItem(arr string) string {
	s := strings.TrimLeft(strings.TrimPrefix(arr, "["), " \t\r\n")
	if n := skipValue(s); n > 0 {
		return s[:n]
	}
	return ""
}

// numberOutOfRange finds the first number of strict JSON that no float64
// holds (1E700): encoding/json refuses the whole document for it, so such
// an example would be dropped without a word. It returns the number's
// offset and text, or -1.
func numberOutOfRange(s []byte) (int, string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '"' {
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
			continue
		}
		if c != '-' && (c < '0' || c > '9') {
			continue
		}
		j := i
		for j < len(s) && strings.IndexByte("+-.eE0123456789", s[j]) >= 0 {
			j++
		}
		if tok := string(s[i:j]); !floatFits(tok) {
			return i, tok
		}
		i = j - 1
	}
	return -1, ""
}

// floatFits reports whether a JSON number reads as a float64, as
// encoding/json reads it. Only a number with an exponent or of more than
// 300 characters can fail, so the rest are not parsed.
func floatFits(tok string) bool {
	if !strings.ContainsAny(tok, "eE") && len(tok) <= 300 {
		return true
	}
	_, err := strconv.ParseFloat(tok, 64)
	return err == nil
}
