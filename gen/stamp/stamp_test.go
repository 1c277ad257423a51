package stamp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// TestCache: a value written for some data is read back for the same data
// only; reading marks it used; files unused for five days are trimmed,
// once a day.
func TestCache(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	WriteCache("k", []byte("data"), []byte("value"))
	if v, err := ReadCache("k", []byte("data")); err != nil || string(v) != "value" {
		t.Fatalf("read back %q, %v", v, err)
	}
	if _, err := ReadCache("k", []byte("other")); err == nil {
		t.Error("a value read back for other data")
	}
	if _, err := ReadCache("other", []byte("data")); err == nil {
		t.Error("a value read back for another kind")
	}
	name, _ := CacheFile("k", []byte("data"))
	dir := filepath.Dir(name)
	age := func(file string, d time.Duration) {
		then := time.Now().Add(-d)
		if err := os.Chtimes(file, then, then); err != nil {
			t.Fatal(err)
		}
	}
	exists := func(file string) bool { _, err := os.Stat(file); return err == nil }

	age(name, 48*time.Hour)
	ReadCache("k", []byte("data"))
	if fi, _ := os.Stat(name); time.Since(fi.ModTime()) > time.Minute {
		t.Error("reading did not mark the file used")
	}

	old, recent := filepath.Join(dir, "old"), filepath.Join(dir, "recent")
	os.WriteFile(old, nil, 0o644)
	os.WriteFile(recent, nil, 0o644)
	age(old, 6*24*time.Hour)
	age(recent, 4*24*time.Hour)
	age(filepath.Join(dir, trimFile), 25*time.Hour)
	WriteCache("k", []byte("more"), []byte("v"))
	if exists(old) || !exists(recent) || !exists(name) {
		t.Errorf("after a trim: old %v, recent %v, used %v; want only old gone", exists(old), exists(recent), exists(name))
	}
	os.WriteFile(old, nil, 0o644)
	age(old, 6*24*time.Hour)
	WriteCache("k", []byte("again"), []byte("v"))
	if !exists(old) {
		t.Error("trimmed twice in a day")
	}
}

// TestCacheEnv: DOCS2OPENAPI_CACHE places the cache, or turns it off.
func TestCacheEnv(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", home)
	dir := filepath.Join(t.TempDir(), "c")
	t.Setenv(CacheEnv, dir)
	WriteCache("k", []byte("data"), []byte("value"))
	if v, err := ReadCache("k", []byte("data")); err != nil || string(v) != "value" {
		t.Fatalf("read back %q, %v", v, err)
	}
	if name, _ := CacheFile("k", []byte("data")); filepath.Dir(filepath.Dir(name)) != dir {
		t.Errorf("cache file %s, not under %s", name, dir)
	}
	t.Setenv(CacheEnv, "off")
	WriteCache("k", []byte("other"), []byte("value"))
	if _, err := ReadCache("k", []byte("data")); err == nil {
		t.Error("a value read with the cache off")
	}
	Record([]byte("stamp"))
	if Trusted(&Stamp{Tool: Devel}, []byte("stamp")) {
		t.Error("a development build's stamp trusted with the cache off")
	}
	if entries, _ := os.ReadDir(home); len(entries) != 0 {
		t.Errorf("with the cache off, %d entries written to the user cache folder", len(entries))
	}
}
