package assemble_test

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/docs2openapi/docs2openapi/gen/parse"
	"github.com/getkin/kin-openapi/openapi3"
)

const seedDir = "../../spec/pages"

func seedPages(t testing.TB, names ...string) []*page.Page {
	t.Helper()
	var pages []*page.Page
	for _, n := range names {
		matches, _ := filepath.Glob(filepath.Join(seedDir, n+"_*.txt"))
		if len(matches) != 1 {
			t.Fatalf("seed %s: found %v", n, matches)
		}
		src, err := os.ReadFile(matches[0])
		if err != nil {
			t.Fatal(err)
		}
		p, _ := parse.Parse(filepath.Base(matches[0]), src)
		pages = append(pages, p)
	}
	return pages
}

// shape lists what a spec says, without prose or examples: operations with
// their parameters, bodies and responses, and every schema's properties with
// types, formats, references, flags and enum values.
func shape(doc *openapi3.T) []string {
	var out []string
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			line := fmt.Sprintf("op %s %s id=%s tags=%v", method, path, op.OperationID, op.Tags)
			for _, p := range op.Parameters {
				line += " param=" + p.Value.In + ":" + p.Value.Name
			}
			if op.RequestBody != nil {
				line += " body=" + op.RequestBody.Value.Content.Get("application/json").Schema.Ref
			}
			for _, code := range slices.Sorted(maps.Keys(op.Responses.Map())) {
				r := op.Responses.Value(code)
				line += " resp=" + code
				if mt := r.Value.Content.Get("application/json"); mt != nil {
					line += ":" + mt.Schema.Ref
				}
			}
			if op.Security != nil {
				line += fmt.Sprintf(" security=%v", *op.Security)
			}
			out = append(out, line)
		}
	}
	for name, s := range doc.Components.Schemas {
		out = append(out, "schema "+name+" "+schemaShape(s))
		for pn, p := range s.Value.Properties {
			out = append(out, "prop "+name+"."+pn+" "+schemaShape(p))
		}
	}
	sort.Strings(out)
	return out
}

func schemaShape(s *openapi3.SchemaRef) string {
	if s.Ref != "" {
		return "$ref=" + s.Ref
	}
	v := s.Value
	var parts []string
	if v.Type != nil {
		parts = append(parts, "type="+strings.Join(v.Type.Slice(), ","))
	}
	if v.Format != "" {
		parts = append(parts, "format="+v.Format)
	}
	for _, a := range v.AllOf {
		parts = append(parts, "allOf="+schemaShape(a))
	}
	if v.Items != nil {
		parts = append(parts, "items="+schemaShape(v.Items))
	}
	if len(v.Enum) > 0 {
		parts = append(parts, fmt.Sprintf("enum=%v", v.Enum))
	}
	parts = append(parts, fmt.Sprintf("readOnly=%v nullable=%v", v.ReadOnly, v.Nullable))
	return strings.Join(parts, " ")
}

// TestSeed001And002Agree: the plain-text render of a page (002) yields the
// same operations, schemas, types and enum values as its markdown (001).
func TestSeed001And002Agree(t *testing.T) {
	md := assemble.Pages(seedPages(t, "001"), assemble.Options{Version: "v1.0"})
	txt := assemble.Pages(seedPages(t, "002"), assemble.Options{Version: "v1.0"})
	a, b := shape(md.Doc), shape(txt.Doc)
	if len(a) < 10 {
		t.Fatalf("001 yields too little to compare: %v", a)
	}
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("001 and 002 differ:\n001:\n%s\n002:\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
	// And what they agree on is right.
	want := []string{
		"op PATCH /deviceAppManagement/enterpriseCodeSigningCertificates/{enterpriseCodeSigningCertificate-id} id=deviceAppManagement.enterpriseCodeSigningCertificates.update tags=[deviceAppManagement] param=path:enterpriseCodeSigningCertificate-id body=#/components/schemas/enterpriseCodeSigningCertificate resp=200:#/components/schemas/enterpriseCodeSigningCertificate resp=4XX:#/components/schemas/ODataErrors.ODataError resp=5XX:#/components/schemas/ODataErrors.ODataError security=[map[azureaadv2:[DeviceManagementApps.ReadWrite.All]]]",
		"prop enterpriseCodeSigningCertificate.status allOf=$ref=#/components/schemas/certificateStatus readOnly=false nullable=true",
		"prop enterpriseCodeSigningCertificate.id type=string readOnly=true nullable=true",
		"prop enterpriseCodeSigningCertificate.content type=string format=byte readOnly=false nullable=true",
		"prop enterpriseCodeSigningCertificate.expirationDateTime type=string format=date-time readOnly=false nullable=true",
		"schema certificateStatus type=string enum=[notProvisioned provisioned] readOnly=false nullable=false",
	}
	have := map[string]bool{}
	for _, l := range a {
		have[l] = true
	}
	for _, w := range want {
		if !have[w] {
			t.Errorf("missing from the spec of 001:\n%s", w)
		}
	}
	if md.Stats.Examples != 1 || txt.Stats.Examples != 1 {
		t.Errorf("examples: 001 has %d pairs, 002 has %d; want 1 each", md.Stats.Examples, txt.Stats.Examples)
	}
}

// TestSeedsMergeAndPickVersions: 000 and 004 describe one type and merge;
// every page lands in the version its examples name.
func TestSeedsMergeAndPickVersions(t *testing.T) {
	all := seedPages(t, "000", "001", "002", "003", "004")
	beta := assemble.Pages(all, assemble.Options{Version: "beta"})
	if beta.Stats.Pages != 3 || beta.Stats.OtherVersion != 2 {
		t.Errorf("beta build read %d pages and skipped %d; want 3 (000, 003, 004) and 2", beta.Stats.Pages, beta.Stats.OtherVersion)
	}
	if beta.Stats.Operations != 2 {
		t.Errorf("beta operations = %d, want 2 (000 and 003; 004's request line is broken)", beta.Stats.Operations)
	}
	s := beta.Doc.Components.Schemas["symantecCodeSigningCertificate"]
	if s == nil {
		t.Fatal("no schema symantecCodeSigningCertificate")
	}
	if got := len(s.Value.Properties); got != 11 {
		t.Errorf("symantecCodeSigningCertificate has %d properties, want 10 from the pages plus @odata.type", got)
	}
	if st := s.Value.Properties["status"]; st == nil || len(st.Value.AllOf) != 1 || st.Value.AllOf[0].Ref != "#/components/schemas/certificateStatus" {
		t.Errorf("status should stay the named enum certificateStatus when 004 calls it Enumeration")
	}
	for _, d := range beta.Diags {
		if d.Code == "PROPERTY_TYPE_CONFLICT" {
			t.Errorf("000 and 004 agree; got %s", d)
		}
	}
	v1 := assemble.Pages(all, assemble.Options{Version: "v1.0"})
	if v1.Doc.Servers[0].URL != "https://graph.microsoft.com/v1.0" || beta.Doc.Servers[0].URL != "https://graph.microsoft.com/beta" {
		t.Errorf("servers: %s, %s", v1.Doc.Servers[0].URL, beta.Doc.Servers[0].URL)
	}
	if v1.Stats.Operations != 1 {
		t.Errorf("v1.0 operations = %d, want 1 (001 and 002 merged)", v1.Stats.Operations)
	}
}

// TestDeterministic: same pages in any order, byte-identical output, twice.
func TestDeterministic(t *testing.T) {
	pages := seedPages(t, "000", "001", "002", "003", "004")
	rev := make([]*page.Page, len(pages))
	for i, p := range pages {
		rev[len(pages)-1-i] = p
	}
	for _, v := range []string{"v1.0", "beta"} {
		a, err := assemble.MarshalYAML(assemble.Pages(pages, assemble.Options{Version: v}).Doc)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ {
			b, err := assemble.MarshalYAML(assemble.Pages(rev, assemble.Options{Version: v}).Doc)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Fatalf("%s: output depends on page order or run:\n%s", v, firstDiff(a, b))
			}
		}
	}
}

// TestCommittedSpecsValidate: kin-openapi's Validate, with its default
// options (examples included), accepts the committed specs.
func TestCommittedSpecsValidate(t *testing.T) {
	for _, v := range []string{"v1.0", "beta"} {
		doc, err := openapi3.NewLoader().LoadFromFile(filepath.Join("../../spec", v, "openapi.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := doc.Validate(t.Context()); err != nil {
			t.Errorf("%s: %v", v, err)
		}
	}
}
