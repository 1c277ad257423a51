package parse

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/diag"
)

// Defects of today's pages, each a located diagnostic with the rest of the
// page read as it would be without it. The pages are real
// (../assemble/testdata/golden/current-2026); where the sample has no
// instance of a defect, the test writes it into a real page, as the
// held-out pages have it.

// lineOf returns the 1-based line of the first line of s that has sub.
func lineOf(t *testing.T, s, sub string) int {
	t.Helper()
	for i, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return i + 1
		}
	}
	t.Fatalf("%q not in the page", sub)
	return 0
}

func codeAt(t *testing.T, ds []string, want string) {
	t.Helper()
	if !slices.Contains(ds, want) {
		t.Errorf("no %s; diagnostics %v", want, ds)
	}
}

// fileLines gives diagnostics as "file:line CODE".
func fileLines(ds diag.List) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Pos.File+":"+strconv.Itoa(d.Pos.Line)+" "+d.Code)
	}
	return out
}

// TestUnclosedFence: agentuser-delete.md with the closing fence of its
// HTTP request block gone. The fence is reported at its line and read as
// ending before the next heading: headers, body, response and examples
// read as before.
func TestUnclosedFence(t *testing.T) {
	const name = "api-reference/v1.0/api/agentuser-delete.md"
	src := string(currentPage(t, name))
	base, _ := ParseWith(name, []byte(src), diskReader)
	lines := strings.Split(src, "\n")
	open := lineOf(t, src, "``` http")
	if lines[open+1] != "```" {
		t.Fatalf("line %d is %q, not the closing fence", open+2, lines[open+1])
	}
	broken := strings.Join(slices.Delete(slices.Clone(lines), open+1, open+2), "\n")
	p, ds := ParseWith(name, []byte(broken), diskReader)
	codeAt(t, fileLines(ds), name+":"+strconv.Itoa(open)+" FENCE_UNCLOSED")
	if got, want := shape(p), shape(base); got != want {
		t.Errorf("the page reads otherwise:\n got %s\nwant %s", got, want)
	}
}

// TestTableRowDefects: agentidentityblueprint-addkey.md with a body row
// that has lost its closing pipe and one indented by a space: both are
// reported and read as rows.
func TestTableRowDefects(t *testing.T) {
	const name = "api-reference/v1.0/api/agentidentityblueprint-addkey.md"
	src := string(currentPage(t, name))
	base, _ := ParseWith(name, []byte(src), diskReader)
	lines := strings.Split(src, "\n")
	proof := lineOf(t, src, "| proof | String |")
	pw := lineOf(t, src, "| passwordCredential |")
	lines[proof-1] = strings.TrimSuffix(lines[proof-1], "|")
	lines[pw-1] = " " + lines[pw-1]
	p, ds := ParseWith(name, []byte(strings.Join(lines, "\n")), diskReader)
	got := fileLines(ds)
	codeAt(t, got, name+":"+strconv.Itoa(proof)+" TABLE_ROW_UNCLOSED")
	codeAt(t, got, name+":"+strconv.Itoa(pw)+" TABLE_ROW_INDENTED")
	if g, w := shape(p), shape(base); g != w {
		t.Errorf("the page reads otherwise:\n got %s\nwant %s", g, w)
	}
}

// TestIncludeDefects: adhoccall-getallrecordings.md's permissions include
// with merge-conflict markers left in it, and with its front matter's
// closing "---" missing: each is reported at the include file's line, and
// the page's scopes are read from the first side of the conflict.
func TestIncludeDefects(t *testing.T) {
	const name = "api-reference/v1.0/api/adhoccall-getallrecordings.md"
	const inc = "api-reference/v1.0/includes/permissions/adhoccall-getallrecordings-permissions.md"
	src := currentPage(t, name)
	orig := string(currentPage(t, inc))
	row := "|Application|CallRecordings.Read.All|Not available.|"
	conflict := strings.Replace(orig, row, "<<<<<<< HEAD\n"+row+"\n=======\n|Application|CallRecordings.ReadWrite.All|Not available.|\n>>>>>>> main", 1)
	unclosed := strings.Replace(orig, "ms.localizationpriority: medium\n---\n", "ms.localizationpriority: medium\n", 1)
	if conflict == orig || unclosed == orig {
		t.Fatal("the include is not as the test expects")
	}
	for _, c := range []struct {
		text, want string
	}{
		{conflict, inc + ":" + strconv.Itoa(lineOf(t, conflict, "<<<<<<<")) + " MERGE_CONFLICT"},
		{unclosed, inc + ":1 FRONT_MATTER_UNCLOSED"},
	} {
		p, ds := ParseWith(name, src, func(n string) ([]byte, error) {
			if n == inc {
				return []byte(c.text), nil
			}
			return diskReader(n)
		})
		codeAt(t, fileLines(ds), c.want)
		var scopes []string
		for _, perm := range p.Permissions {
			scopes = append(scopes, texts(perm.Scopes)...)
		}
		if !slices.Equal(scopes, []string{"CallRecordings.Read.All"}) {
			t.Errorf("%s: scopes %v, want [CallRecordings.Read.All]", c.want, scopes)
		}
	}
}

// TestPermissionsAnnotationEmpty: agentidentityblueprint-addkey.md with the
// include under its permissions annotation gone: the annotation is
// reported at its line; with the include, it is not.
func TestPermissionsAnnotationEmpty(t *testing.T) {
	const name = "api-reference/v1.0/api/agentidentityblueprint-addkey.md"
	src := string(currentPage(t, name))
	_, ds := ParseWith(name, []byte(src), diskReader)
	if slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Code == "PERMISSIONS_ANNOTATION_EMPTY" }) {
		t.Errorf("the page as written: %v", fileLines(ds))
	}
	ann := lineOf(t, src, `"blockType": "permissions"`) - 1 // the "<!-- {" line
	broken := strings.Replace(src, "[!INCLUDE [permissions-table](../includes/permissions/agentidentityblueprint-addkey-permissions.md)]\n", "", 1)
	_, ds = ParseWith(name, []byte(broken), diskReader)
	codeAt(t, fileLines(ds), name+":"+strconv.Itoa(ann)+" PERMISSIONS_ANNOTATION_EMPTY")
}
