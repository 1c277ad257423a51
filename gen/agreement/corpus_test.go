package agreement

import (
	"encoding/json"
	"github.com/docs2openapi/docs2openapi/gen"
	"github.com/getkin/kin-openapi/openapi3"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The agreement of the v1.0 spec with msgraph-sdk-go, measured when
// DOCS2OPENAPI_SDK_AGREEMENT=1 (it fetches the SDK through the module
// proxy) and the corpus is beside the checkout. The floors sit half a
// point under the figures measured when they were set (99.5%, 98.5% and
// 97.2%): the test fails when a change makes the spec agree clearly less.
const (
	minNamed = 0.99  // properties the model has
	minTyped = 0.98  // of those, with the model's type
	minPaths = 0.965 // paths the model has (see ComparePaths)
)

// Floors for the operations' agreement (see CompareOperations), each a
// fraction of the operations it is counted over, half a point under the
// figures measured when they were set (95.2%, 94.2%, 95.4%, 100% and
// 97.1%). Most of what still differs is the docs differing from the
// metadata, and the docs win: a PATCH or action the docs answer with 204
// or 202 where the SDK returns the entity, a page that says it supports
// no OData query options.
const (
	minOpBodies     = 0.946 // request bodies of the same shape
	minOpResults    = 0.948 // results of the same shape
	minOpQueries    = 0.949 // GETs whose "$" options cover the model's
	minOpErrors     = 0.995 // operations with 4XX and 5XX where the model maps errors
	minOpCollection = 0.96  // our collection GETs with $top, $filter or $select
)

func TestCorpusAgreement(t *testing.T) {
	if os.Getenv("DOCS2OPENAPI_SDK_AGREEMENT") == "" {
		t.Skip("set DOCS2OPENAPI_SDK_AGREEMENT=1 to compare the v1.0 spec with msgraph-sdk-go (fetched through the module proxy)")
	}
	const corpus = "../../../shared/graph-docs/v1.0"
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("corpus not found beside the checkout (../shared/graph-docs/v1.0)")
	}
	out, err := exec.Command("go", "mod", "download", "-json", SDKModule+"@"+SDKVersion).Output()
	if err != nil {
		t.Fatalf("go mod download %s@%s: %v", SDKModule, SDKVersion, err)
	}
	var mod struct{ Dir, Error string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download: %v %s", err, mod.Error)
	}
	m, err := Load(mod.Dir)
	if err != nil {
		t.Fatal(err)
	}

	res, err := gen.Build([]string{corpus}, gen.Options{Version: "v1.0"})
	if err != nil {
		t.Fatal(err)
	}
	doc := res.Doc

	pr := CompareProperties(doc, m)
	named := float64(pr.Named) / float64(pr.Compared)
	typed := float64(pr.Typed) / float64(pr.Named)
	t.Logf("msgraph-sdk-go %s: %d types; %d of our object schemas compared (%d have no model type)", SDKVersion, len(m.Types), pr.Schemas, pr.Unmatched)
	t.Logf("properties: %d compared; the model has %d (%.1f%%), %d of them with the same type (%.1f%%); both: %.1f%%",
		pr.Compared, pr.Named, 100*named, pr.Typed, 100*typed, 100*float64(pr.Typed)/float64(pr.Compared))
	pa := ComparePaths(doc, m)
	paths := float64(pa.Agreed) / float64(pa.Compared)
	t.Logf("paths: %d of %d agree (%.1f%%) with the model's %d URL templates", pa.Agreed, pa.Compared, 100*paths, len(m.Paths))
	op := CompareOperations(doc, m)
	pct := func(n, of int) float64 {
		if of == 0 {
			return 0
		}
		return 100 * float64(n) / float64(of)
	}
	t.Logf("operations: %d of our %d compared with the model's %d", op.Compared, op.Ours, len(m.Ops))
	t.Logf("request bodies: %d of %d agree (%.1f%%); action parameters named alike: %d of %d",
		op.BodiesAgreed, op.Bodies, pct(op.BodiesAgreed, op.Bodies), op.ActionNamed, op.ActionBodies)
	t.Logf("results: %d of %d agree (%.1f%%); of the %d that differ, %d are operations the docs answer with 204 or 202 and no body",
		op.ResultsAgreed, op.Results, pct(op.ResultsAgreed, op.Results), len(op.ResultDiffs), bodilessByDocs(doc, op.ResultDiffs))
	t.Logf("query options of GETs: %d of %d cover the model's (%.1f%%), %d exactly (%.1f%%)",
		op.QueriesCovered, op.Queries, pct(op.QueriesCovered, op.Queries), op.QueriesExact, pct(op.QueriesExact, op.Queries))
	t.Logf("errors: %d of %d operations the model maps errors for have 4XX and 5XX (%.1f%%)", op.ErrorsAgreed, op.Errors, pct(op.ErrorsAgreed, op.Errors))
	t.Logf("collection GETs with $top, $filter or $select: %d of our %d (%.1f%%)",
		op.CollectionGetsQueried, op.CollectionGets, pct(op.CollectionGetsQueried, op.CollectionGets))
	if testing.Verbose() {
		t.Logf("properties the model lacks:\n%s", strings.Join(pr.Missing, "\n"))
		t.Logf("properties typed otherwise:\n%s", strings.Join(pr.Mismatched, "\n"))
		t.Logf("paths the model lacks:\n%s", strings.Join(pa.Disagreed, "\n"))
		for _, d := range []struct {
			what string
			l    []string
		}{{"request bodies", op.BodyDiffs}, {"results", op.ResultDiffs}, {"query options", op.QueryDiffs}, {"operations without 4XX and 5XX", op.ErrorDiffs}} {
			t.Logf("%s unlike the model's (%d; ours vs model's):\n%s", d.what, len(d.l), strings.Join(d.l[:min(len(d.l), 200)], "\n"))
		}
	}
	if named < minNamed || typed < minTyped || paths < minPaths {
		t.Errorf("agreement fell below %.1f%% (names), %.1f%% (types), %.1f%% (paths)", 100*minNamed, 100*minTyped, 100*minPaths)
	}
	for _, f := range []struct {
		what  string
		n, of int
		floor float64
	}{
		{"request bodies", op.BodiesAgreed, op.Bodies, minOpBodies},
		{"results", op.ResultsAgreed, op.Results, minOpResults},
		{"query options", op.QueriesCovered, op.Queries, minOpQueries},
		{"errors", op.ErrorsAgreed, op.Errors, minOpErrors},
		{"collection GETs with query options", op.CollectionGetsQueried, op.CollectionGets, minOpCollection},
	} {
		if f.floor > 0 && pct(f.n, f.of) < 100*f.floor {
			t.Errorf("%s: agreement fell below %.1f%%", f.what, 100*f.floor)
		}
	}
}

// bodilessByDocs counts the result differences ("GET /path: none vs x")
// of operations whose only success responses the docs give are 202 and
// 204, without a body.
func bodilessByDocs(doc *openapi3.T, diffs []string) int {
	n := 0
	for _, d := range diffs {
		head, _, ok := strings.Cut(d, ": none vs ")
		method, path, ok2 := strings.Cut(head, " ")
		if !ok || !ok2 {
			continue
		}
		item := doc.Paths.Value(path)
		if item == nil || item.GetOperation(method) == nil {
			continue
		}
		only := true
		for code := range item.GetOperation(method).Responses.Map() {
			if code[0] == '2' && code != "202" && code != "204" {
				only = false
			}
		}
		if only {
			n++
		}
	}
	return n
}
