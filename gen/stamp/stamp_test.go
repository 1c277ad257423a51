package stamp

import (
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	s := &Stamp{
		Tool:     Devel,
		Inputs:   "0123",
		Includes: map[string]string{"../includes/a.md": "s3", "../includes/b.md": Missing},
		Packages: map[string]string{"b/b.gen.go": "k2", "a/a.gen.go": "k1"},
		Outputs:  map[string]string{"openapi.yaml": "s1", "a/a.gen.go": "s2"},
		Summary:  "1 page; 0 errors, 2 warnings",
		Errors:   3,
	}
	data := s.Marshal()
	if string(data) != string(s.Marshal()) {
		t.Fatal("Marshal is not deterministic")
	}
	if !strings.HasPrefix(string(data), Header+"\n") || strings.Index(string(data), "a/a.gen.go") > strings.Index(string(data), "b/b.gen.go") {
		t.Errorf("header or order wrong:\n%s", data)
	}
	got, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Marshal()) != string(data) {
		t.Errorf("round trip differs:\n%s\n---\n%s", got.Marshal(), data)
	}
	for _, bad := range []string{"", "tool x\ninputs y\n", Header + "\ntool x\n", Header + "\ntool x\ninputs y\nfrob z\n", Header + "\ntool x\ninputs y\noutput onlyhash\n", Header + "\ntool x\ninputs y\nerrors many\n"} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

// TestInputs: the hash covers names and contents, not the order they are
// added in, and tells a missing file from an empty one.
func TestInputs(t *testing.T) {
	sum := func(kv ...string) string {
		var in Inputs
		for i := 0; i < len(kv); i += 2 {
			var content []byte
			if kv[i+1] != "<missing>" {
				content = []byte(kv[i+1])
			}
			in.Add(kv[i], content)
		}
		return in.Sum()
	}
	base := sum("a", "1", "b", "2")
	if sum("b", "2", "a", "1") != base {
		t.Error("order changes the hash")
	}
	for _, other := range [][]string{{"a", "1", "b", "3"}, {"a", "1", "c", "2"}, {"a", "1"}, {"a", "1", "b", "2", "c", ""}} {
		if sum(other...) == base {
			t.Errorf("%q hashes as the base", other)
		}
	}
	if sum("a", "") == sum("a", "<missing>") {
		t.Error("an empty file hashes as a missing one")
	}
}

func TestToolOfATestIsDevel(t *testing.T) {
	if Tool() != Devel {
		t.Errorf("Tool() = %q for a test binary, want %q", Tool(), Devel)
	}
}
