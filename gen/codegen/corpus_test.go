package codegen_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/docs2openapi/docs2openapi/gen"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/docs2openapi/docs2openapi/gen/agreement"
	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/codegen"
	"github.com/docs2openapi/docs2openapi/gen/page"
)

// maxOps bounds the operations of one package in TestWholeCorpusCompiles:
// the Go compiler's memory grows with the size of a package, so the client
// and server of the whole API are spread over packages of at most this many
// operations, all importing one package of models.
const maxOps = 150

// sdkVersion is the msgraph-sdk-go release the build is compared with,
// the one gen/agreement reads the model from.
const sdkVersion = agreement.SDKVersion

// TestWholeCorpusCompiles is the gate of issue 3 for the generated code:
// the whole v1.0 corpus, generated as models + client + std-http-server,
// must `go build` and `go vet`. It reports the build's time and peak memory
// from a fresh build cache (the standard library prebuilt) and, with
// DOCS2OPENAPI_SDK_COMPARE=1, those of a program importing Microsoft's
// msgraph-sdk-go measured the same way (fetched through the module proxy).
// It is slow (minutes), so it runs only with DOCS2OPENAPI_CORPUS_BUILD=1
// (`make corpus-build`).
func TestWholeCorpusCompiles(t *testing.T) {
	if os.Getenv("DOCS2OPENAPI_CORPUS_BUILD") == "" {
		t.Skip("set DOCS2OPENAPI_CORPUS_BUILD=1 (make corpus-build) to generate and compile the whole v1.0 corpus")
	}
	res := corpusSpec(t)
	// The code of every package is formatted chunk by chunk, as goimports
	// formats it whole, byte for byte (the packages that import their
	// models have doc comments a second print formats, unlike the one
	// package below).
	codegen.CompareFormatting(t)

	os.MkdirAll("testdata", 0o755)
	dir, err := os.MkdirTemp("testdata", "corpus-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	models := "github.com/docs2openapi/docs2openapi/gen/codegen/" + filepath.ToSlash(dir) + "/models"
	pkgs := []codegen.Package{{Name: "models", Generate: []string{codegen.Models}, SchemasOnly: true}}
	for i, sel := range groupOperations(res.Doc, maxOps) {
		pkgs = append(pkgs, codegen.Package{Name: fmt.Sprintf("api%02d", i), Generate: []string{codegen.Client, codegen.StdHTTPServer},
			ModelsImport: models, Select: sel})
	}
	start := time.Now()
	gen, err := codegen.NewGenerator(res.Doc)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	var firstErr error
	size := 0
	next := make(chan codegen.Package)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				code, _, err := gen.Generate(p, nil)
				if err == nil {
					os.MkdirAll(filepath.Join(dir, p.Name), 0o755)
					err = os.WriteFile(filepath.Join(dir, p.Name, p.Name+".gen.go"), code, 0o644)
				}
				mu.Lock()
				size += len(code)
				if err != nil && firstErr == nil {
					firstErr = fmt.Errorf("%s: %w", p.Name, err)
				}
				mu.Unlock()
			}
		}()
	}
	for _, p := range pkgs {
		next <- p
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		t.Fatal(firstErr)
	}
	t.Logf("generated %d packages, %.1f MB of Go, in %.1f s", len(pkgs), float64(size)/1e6, time.Since(start).Seconds())

	wall, rss := coldBuild(t, ".", "./"+dir+"/...")
	t.Logf("go build: %.1f s, peak RSS %d MB", wall, rss>>20)
	if out, err := exec.Command("go", "vet", "./"+dir+"/...").CombinedOutput(); err != nil {
		t.Fatalf("go vet: %v\n%s", err, out)
	}

	// One server of every operation, built after the gate's measurement.
	code, _, err := gen.Generate(codegen.Package{Name: "routes", Generate: []string{codegen.StdHTTPServer}, ModelsImport: models}, nil)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "routes"), 0o755)
	os.WriteFile(filepath.Join(dir, "routes", "routes.gen.go"), code, 0o644)
	checkRoutes(t, res, dir)

	// Pruned paths and stubbed schemas change nothing on the whole corpus
	// either: the largest packages by tag, from the spec as it is.
	whole := codegen.Unpruned(gen)
	for _, tag := range []string{"me", "groups"} {
		p := codegen.Package{Name: tag, Generate: []string{codegen.Client, codegen.StdHTTPServer}, ModelsImport: models, Select: &codegen.Selection{Tags: []string{tag}}}
		a, _, err := gen.Generate(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _, err := whole.Generate(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the pruned spec gives other code than the whole one", tag)
		}
	}

	if os.Getenv("DOCS2OPENAPI_SDK_COMPARE") == "" {
		return
	}
	sdk := t.TempDir()
	os.WriteFile(filepath.Join(sdk, "go.mod"), []byte("module sdkbuild\n\ngo 1.24\n"), 0o644)
	os.WriteFile(filepath.Join(sdk, "main.go"), []byte(`package main

import (
	"fmt"

	msgraphsdk "github.com/microsoftgraph/msgraph-sdk-go"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
)

func main() {
	var c *msgraphsdk.GraphServiceClient
	fmt.Println(c == nil, models.NewUser() != nil)
}
`), 0o644)
	get := exec.Command("go", "get", agreement.SDKModule+"@"+sdkVersion)
	get.Dir = sdk
	if out, err := get.CombinedOutput(); err != nil {
		t.Fatalf("go get msgraph-sdk-go: %v\n%s", err, out)
	}
	sdkWall, sdkRSS := coldBuild(t, sdk, ".")
	t.Logf("msgraph-sdk-go %s build: %.1f s, peak RSS %d MB; ours is %.0f%% of its time and %.0f%% of its memory",
		sdkVersion, sdkWall, sdkRSS>>20, 100*wall/sdkWall, 100*float64(rss)/float64(sdkRSS))
}

// TestWholeCorpusOnePackage generates every kind for the whole v1.0 corpus
// in one package, the README's first config, and requires it to go build
// and go vet; it reports the build's time and peak memory from a fresh
// build cache. Slow and memory-hungry (the compiler holds the whole
// package), so it runs only with DOCS2OPENAPI_CORPUS_BUILD=1.
func TestWholeCorpusOnePackage(t *testing.T) {
	if os.Getenv("DOCS2OPENAPI_CORPUS_BUILD") == "" {
		t.Skip("set DOCS2OPENAPI_CORPUS_BUILD=1 to generate and compile the whole v1.0 corpus in one package")
	}
	res := corpusSpec(t)
	os.MkdirAll("testdata", 0o755)
	dir, err := os.MkdirTemp("testdata", "onepkg-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	start := time.Now()
	code, _, err := codegen.Generate(res.Doc, codegen.Package{Name: "graph",
		Generate: []string{codegen.Models, codegen.Client, codegen.StdHTTPServer, codegen.StrictServer, codegen.EmbeddedSpec}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "graph.gen.go"), code, 0o644)
	t.Logf("generated one package, %.1f MB of Go, in %.1f s", float64(len(code))/1e6, time.Since(start).Seconds())
	code = nil
	wall, rss := coldBuild(t, ".", "./"+dir)
	t.Logf("go build: %.1f s, peak RSS %d MB", wall, rss>>20)
	if out, err := exec.Command("go", "vet", "./"+dir).CombinedOutput(); err != nil {
		t.Fatalf("go vet: %v\n%s", err, clipLog(string(out)))
	}
	// The formatting of generated code, chunk by chunk, gives goimports'
	// bytes on all of it (after the measurement: goimports is the slower
	// of the two).
	codegen.CompareFormatting(t)
	if _, _, err := codegen.Generate(res.Doc, codegen.Package{Name: "graph", Generate: codegen.AllKinds}, nil); err != nil {
		t.Fatal(err)
	}
}

// TestWholeCorpusRoundTrips generates the models of the whole v1.0 corpus
// and runs every example body with a documented type through them (see
// checkRoundTrips). It runs only with DOCS2OPENAPI_CORPUS_BUILD=1.
func TestWholeCorpusRoundTrips(t *testing.T) {
	if os.Getenv("DOCS2OPENAPI_CORPUS_BUILD") == "" {
		t.Skip("set DOCS2OPENAPI_CORPUS_BUILD=1 to run the corpus's examples through its generated types")
	}
	res := corpusSpec(t)
	os.MkdirAll("testdata", 0o755)
	dir, err := os.MkdirTemp("testdata", "roundtrip-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	code, _, err := codegen.Generate(res.Doc, codegen.Package{Name: "models", Generate: []string{codegen.Models}, SchemasOnly: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "models"), 0o755)
	os.WriteFile(filepath.Join(dir, "models", "models.gen.go"), code, 0o644)
	checkRoundTrips(t, res, dir)
}

// corpusSpec builds the v1.0 corpus beside the checkout, or skips.
func corpusSpec(t *testing.T) *assemble.Result {
	t.Helper()
	const corpus = "../../../shared/graph-docs/v1.0"
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("corpus not found beside the checkout (../shared/graph-docs/v1.0)")
	}
	res, err := gen.Build([]string{corpus}, gen.Options{Version: "v1.0"})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// coldBuild runs go build in dir with an empty build cache in which only
// the standard library has been built, and returns the build's wall time
// and peak resident memory (of its largest process).
func coldBuild(t *testing.T, dir string, pkgs ...string) (seconds float64, maxRSS int64) {
	t.Helper()
	cache := t.TempDir()
	run := func(args ...string) *exec.Cmd {
		c := exec.Command("go", args...)
		c.Dir = dir
		c.Env = append(os.Environ(), "GOCACHE="+cache)
		return c
	}
	if out, err := run("build", "std").CombinedOutput(); err != nil {
		t.Fatalf("go build std: %v\n%s", err, out)
	}
	args := append([]string{"build", "-o", os.DevNull}, pkgs...)
	if len(pkgs) > 1 || strings.HasSuffix(pkgs[0], "...") {
		args = append([]string{"build"}, pkgs...)
	}
	// The build is started by a fresh copy of this test binary: a process
	// forked from this one (which holds the whole spec) would count this
	// process's memory in its own peak.
	c := exec.Command(os.Args[0], "-test.run=^$")
	c.Dir = dir
	enc, _ := json.Marshal(args)
	c.Env = append(os.Environ(), "GOCACHE="+cache, measureEnv+"="+string(enc))
	var stderr bytes.Buffer
	c.Stderr = &stderr
	out, err := c.Output()
	if err != nil {
		t.Fatalf("go %v: %v\n%s%s", args, err, out, clipLog(stderr.String()))
	}
	var m measurement
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("measurement: %v: %s", err, out)
	}
	return m.Seconds, m.MaxRSS
}

const measureEnv = "DOCS2OPENAPI_MEASURE_GO"

type measurement struct {
	Seconds float64
	MaxRSS  int64
}

// TestMain doubles as the measuring process of coldBuild: with measureEnv
// set it runs go with the arguments it holds and prints the wall time and
// the peak resident memory of the largest process.
func TestMain(m *testing.M) {
	if args := os.Getenv(measureEnv); args != "" {
		var a []string
		json.Unmarshal([]byte(args), &a)
		c := exec.Command("go", a...)
		c.Stderr = os.Stderr
		start := time.Now()
		if err := c.Run(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		var rss int64
		if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = int64(ru.Maxrss) << 10 // kilobytes on Linux
		}
		json.NewEncoder(os.Stdout).Encode(measurement{time.Since(start).Seconds(), rss})
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// groupOperations splits the operations of doc into selections of at most
// max operations: whole path prefixes, split a segment deeper where a
// prefix holds more, small neighbours packed together.
func groupOperations(doc *openapi3.T, max int) []*codegen.Selection {
	count := map[string]int{}
	var paths []string
	for p, item := range doc.Paths.Map() {
		count[p] = len(item.Operations())
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var out []*codegen.Selection
	var split func(prefix string, depth int, ps []string)
	split = func(prefix string, depth int, ps []string) {
		total := 0
		for _, p := range ps {
			total += count[p]
		}
		if total <= max {
			out = append(out, &codegen.Selection{PathPrefixes: []string{prefix}})
			return
		}
		var keys []string
		sub := map[string][]string{}
		var here []string
		for _, p := range ps {
			segs := strings.Split(p, "/")
			if len(segs) <= depth+1 {
				here = append(here, p)
				continue
			}
			k := strings.Join(segs[:depth+2], "/")
			if sub[k] == nil {
				keys = append(keys, k)
			}
			sub[k] = append(sub[k], p)
		}
		cur, n := &codegen.Selection{}, 0
		for _, k := range keys {
			c := 0
			for _, p := range sub[k] {
				c += count[p]
			}
			if c > max {
				split(k, depth+1, sub[k])
				continue
			}
			if n+c > max {
				out = append(out, cur)
				cur, n = &codegen.Selection{}, 0
			}
			cur.PathPrefixes = append(cur.PathPrefixes, k)
			n += c
		}
		if n > 0 {
			out = append(out, cur)
		}
		if len(here) > 0 {
			sel := &codegen.Selection{}
			for _, p := range here {
				for _, op := range doc.Paths.Value(p).Operations() {
					sel.OperationIDs = append(sel.OperationIDs, op.OperationID)
				}
			}
			sort.Strings(sel.OperationIDs)
			out = append(out, sel)
		}
	}
	split("", 0, paths)
	return out
}

// clipLog keeps the first lines of a failed build's log.
func clipLog(s string) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > 60 {
		lines = append(lines[:60], "…\n")
	}
	return strings.Join(lines, "")
}

// routeCase is one example request of the corpus and the route of the
// operation its page documents (empty when it names none).
type routeCase struct {
	Method, Path, Query, Want, Where string
}

// routeCheck runs in the generated module: every case goes through the
// generated server of all operations, whose handlers are never reached
// (a middleware answers with the route the request took).
const routeCheck = `package routes

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

func TestCorpusRoutes(t *testing.T) {
	var cases []struct{ Method, Path, Query, Want, Where string }
	data, err := os.ReadFile("routes.json")
	if err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(data, &cases)
	took := func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(r.Pattern)) }
	h := HandlerWithOptions(nil, StdHTTPServerOptions{
		Middlewares:      []MiddlewareFunc{func(http.Handler) http.Handler { return http.HandlerFunc(took) }},
		ErrorHandlerFunc: func(w http.ResponseWriter, r *http.Request, err error) { took(w, r) },
	})
	routed, routable := 0, 0
	for _, c := range cases {
		if c.Want == "" {
			continue
		}
		routable++
		r := httptest.NewRequest(c.Method, "/", nil)
		r.URL.Path, r.URL.RawQuery = c.Path, c.Query
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if got := rec.Body.String(); got == c.Want {
			routed++
		} else {
			fmt.Printf("MISROUTED %s: %s %s took %q, want %q\n", c.Where, c.Method, c.Path, got, c.Want)
		}
	}
	fmt.Printf("ROUTED %d OF %d\n", routed, routable)
}
`

// checkRoutes sends every example request of the corpus through the
// generated server of all operations and requires 98% of them to reach the
// operation their page documents.
func checkRoutes(t *testing.T, res *assemble.Result, dir string) {
	t.Helper()
	var cases []routeCase
	mismatched, unattached := 0, 0
	for _, pr := range res.Examples {
		if pr.Request == nil || strings.TrimSpace(pr.Request.URL) == "" {
			continue
		}
		path, query := examplePath(pr.Request.URL)
		c := routeCase{Method: pr.Request.Method, Path: path, Query: query, Where: pr.Page.Pos(pr.Request.Off).String()}
		switch {
		case pr.OperationID != "" && pr.URLMatches:
			c.Want = pr.Method + " " + strings.TrimSuffix(codegen.StdHTTPPattern(pr.Path), "{$}")
		case pr.OperationID != "":
			mismatched++ // EXAMPLE_URL_MISMATCH: the URL is not the operation's path
		default:
			unattached++ // EXAMPLE_NO_OPERATION and examples on resource pages
		}
		cases = append(cases, c)
	}
	data, _ := json.Marshal(cases)
	os.WriteFile(filepath.Join(dir, "routes", "routes.json"), data, 0o644)
	os.WriteFile(filepath.Join(dir, "routes", "routes_test.go"), []byte(routeCheck), 0o644)
	out, err := exec.Command("go", "test", "-count=1", "-v", "./"+dir+"/routes").CombinedOutput()
	if err != nil {
		t.Fatalf("route check: %v\n%s", err, clipLog(string(out)))
	}
	var routed, total int
	var misrouted []string
	for _, line := range strings.Split(string(out), "\n") {
		if _, err := fmt.Sscanf(line, "ROUTED %d OF %d", &routed, &total); err == nil {
			continue
		}
		if strings.HasPrefix(line, "MISROUTED ") {
			misrouted = append(misrouted, line)
		}
	}
	if total == 0 {
		t.Fatalf("route check printed no result:\n%s", clipLog(string(out)))
	}
	t.Logf("example requests whose URL is their operation's path, routed to it by the generated server: %d of %d (%.1f%%); "+
		"not counted: %d whose URL is not their operation's path (EXAMPLE_URL_MISMATCH), %d that match no operation",
		routed, total, 100*float64(routed)/float64(total), mismatched, unattached)
	if float64(routed) < 0.98*float64(total) {
		t.Errorf("fewer than 98%% of the example requests route to their operation:\n%s", strings.Join(misrouted, "\n"))
	} else if testing.Verbose() {
		t.Logf("not routed:\n%s", strings.Join(misrouted, "\n"))
	}
}

// examplePath reduces an example request's URL to the path and query that
// a client sends: no scheme, host or API version; escapes decoded.
func examplePath(u string) (path, query string) {
	u = strings.TrimSpace(u)
	u, query, _ = strings.Cut(u, "?")
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			u = u[j:]
		} else {
			u = "/"
		}
	}
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	for _, v := range []string{"/v1.0", "/beta", "/v1"} {
		if len(u) >= len(v) && strings.EqualFold(u[:len(v)], v) && (len(u) == len(v) || u[len(v)] == '/') {
			u = u[len(v):]
		}
	}
	if p, err := url.PathUnescape(u); err == nil {
		u = p
	}
	return u, query
}

// roundTripCase is one example body and the generated type it should
// survive: decoded into it and encoded again, the JSON must be equivalent.
type roundTripCase struct {
	Where, Type string
	JSON        json.RawMessage
}

// roundTripCheck runs in the generated models package.
const roundTripCheck = `package models

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
)

func dec[T any](b []byte) (any, error) {
	v := new(T)
	err := json.Unmarshal(b, v)
	return v, err
}

// diff says where b differs from a, the example: "" when equivalent.
// Numbers compare as numbers and instants as instants; an annotation
// ("@odata.context") that the type does not keep is no difference.
func diff(path string, a, b any) string {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: object became %T", path, b)
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v, ok := y[k]
			if !ok {
				if strings.Contains(k, "@") && !strings.HasSuffix(k, "@odata.bind") || x[k] == nil {
					continue // metadata; a bind is data
				}
				return fmt.Sprintf("%s/%s: lost", path, k)
			}
			if d := diff(path+"/"+k, x[k], v); d != "" {
				return d
			}
		}
		for k, v := range y {
			if _, ok := x[k]; !ok && v != nil {
				return fmt.Sprintf("%s/%s: added %v", path, k, v)
			}
		}
		return ""
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return fmt.Sprintf("%s: array became %v", path, b)
		}
		for i := range x {
			if d := diff(fmt.Sprintf("%s/%d", path, i), x[i], y[i]); d != "" {
				return d
			}
		}
		return ""
	case float64:
		if y, ok := b.(float64); ok && (x == y || math.Abs(x-y) <= 1e-9*math.Abs(x)) {
			return ""
		}
	case string:
		if y, ok := b.(string); ok {
			if x == y {
				return ""
			}
			if len(x) == 36 && strings.EqualFold(x, y) {
				return "" // a UUID in other letter case
			}
			tx, ex := time.Parse(time.RFC3339Nano, x)
			ty, ey := time.Parse(time.RFC3339Nano, y)
			if ex == nil && ey == nil && tx.Equal(ty) {
				return ""
			}
		}
	default:
		if a == b {
			return ""
		}
	}
	return fmt.Sprintf("%s: %v became %v", path, a, b)
}

func TestRoundTrips(t *testing.T) {
	var cases []struct {
		Where, Type string
		JSON        json.RawMessage
	}
	data, err := os.ReadFile("roundtrip.json")
	if err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(data, &cases)
	n, failed := 0, 0
	for _, c := range cases {
		for _, doc := range []json.RawMessage{c.JSON} {
			n++
			v, err := decoders[c.Type](doc)
			why := ""
			if err != nil {
				why = "does not decode: " + err.Error()
			} else if out, err := json.Marshal(v); err != nil {
				why = "does not encode: " + err.Error()
			} else {
				var a, b any
				json.Unmarshal(doc, &a)
				json.Unmarshal(out, &b)
				why = diff("", a, b)
			}
			if why != "" {
				failed++
				fmt.Printf("ROUNDTRIP %s %s %s\n", c.Where, c.Type, why)
			}
		}
	}
	fmt.Printf("ROUNDTRIPS %d FAILED %d\n", n, failed)
}
`

// checkRoundTrips decodes every example body with a documented type into
// the generated model type and encodes it again: the JSON must be
// equivalent, or the example must have a diagnostic (it violates its
// schema, EXAMPLE_NOT_ATTACHED).
func checkRoundTrips(t *testing.T, res *assemble.Result, dir string) {
	t.Helper()
	models, err := os.ReadFile(filepath.Join(dir, "models", "models.gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []roundTripCase
	types := map[string]bool{}
	untyped := 0
	add := func(pr *assemble.ExamplePair, ex *page.Example, schema string, body []byte) {
		if body == nil {
			return
		}
		goType := codegen.GoTypeName(schema)
		if schema == "" || !bytes.Contains(models, []byte("\ntype "+goType+" ")) {
			untyped++
			return
		}
		types[goType] = true
		cases = append(cases, roundTripCase{Where: pr.Page.Pos(ex.Off).String(), Type: goType, JSON: body})
	}
	// The component that the operation's JSON body or response of the
	// example's status refers to: the type the generated code decodes.
	component := func(c openapi3.Content) string {
		if mt := c.Get("application/json"); mt != nil && mt.Schema != nil {
			return strings.TrimPrefix(mt.Schema.Ref, "#/components/schemas/")
		}
		return ""
	}
	for _, pr := range res.Examples {
		if pr.Skip() || pr.OperationID == "" {
			continue // the generated code has no operation of it
		}
		op := res.Doc.Paths.Value(pr.Path).GetOperation(pr.Method)
		if pr.Request != nil && op.RequestBody != nil {
			add(pr, pr.Request, component(op.RequestBody.Value.Content), pr.RequestJSON)
		}
		if r := op.Responses.Status(pr.Status); pr.Response != nil && r != nil && r.Value != nil {
			add(pr, pr.Response, component(r.Value.Content), pr.ResponseJSON)
		}
	}
	var src strings.Builder
	src.WriteString("package models\n\nvar decoders = map[string]func([]byte) (any, error){\n")
	for _, name := range slices.Sorted(maps.Keys(types)) {
		fmt.Fprintf(&src, "\t%q: dec[%s],\n", name, name)
	}
	src.WriteString("}\n")
	data, _ := json.Marshal(cases)
	os.WriteFile(filepath.Join(dir, "models", "roundtrip.json"), data, 0o644)
	os.WriteFile(filepath.Join(dir, "models", "roundtrip_test.go"), []byte(roundTripCheck), 0o644)
	os.WriteFile(filepath.Join(dir, "models", "decoders_test.go"), []byte(src.String()), 0o644)
	out, err := exec.Command("go", "test", "-count=1", "-v", "-run", "TestRoundTrips", "./"+dir+"/models").CombinedOutput()
	if err != nil {
		t.Fatalf("round-trip check: %v\n%s", err, clipLog(string(out)))
	}
	diagnosed := map[string]bool{}
	for _, d := range res.Diags {
		switch d.Code {
		case "EXAMPLE_NOT_ATTACHED", "EXAMPLE_LOSSY":
			diagnosed[d.Pos.String()] = true
		}
	}
	var total, failed int
	var silent []string
	byReason := map[string]int{}
	for _, line := range strings.Split(string(out), "\n") {
		if _, err := fmt.Sscanf(line, "ROUNDTRIPS %d FAILED %d", &total, &failed); err == nil {
			continue
		}
		rest, ok := strings.CutPrefix(line, "ROUNDTRIP ")
		if !ok {
			continue
		}
		where, _, _ := strings.Cut(rest, " ")
		if !diagnosed[where] {
			silent = append(silent, rest)
		}
		if i := strings.LastIndex(rest, ": "); i >= 0 {
			byReason[strings.Fields(rest[i+2:])[0]]++
		}
	}
	if total == 0 {
		t.Fatalf("round-trip check printed no result:\n%s", clipLog(string(out)))
	}
	t.Logf("example bodies decoded into the generated types and encoded again: %d, %d equivalent, %d not (%d of them without a diagnostic); %d bodies have no generated type to check",
		total, total-failed, failed, len(silent), untyped)
	if len(silent) > 0 {
		t.Errorf("example bodies that do not survive the generated types and have no diagnostic:\n%s", strings.Join(silent, "\n"))
	}
}
