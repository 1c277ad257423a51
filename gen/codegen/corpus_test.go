package codegen_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/docs2openapi/docs2openapi/gen/agreement"
	"github.com/docs2openapi/docs2openapi/gen/build"
	"github.com/docs2openapi/docs2openapi/gen/codegen"
	"github.com/docs2openapi/docs2openapi/gen/parse"
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
	const corpus = "../../../shared/graph-docs/v1.0"
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("corpus not found beside the checkout (../shared/graph-docs/v1.0)")
	}
	var names []string
	var srcs [][]byte
	filepath.WalkDir(corpus, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			src, _ := os.ReadFile(path)
			names, srcs = append(names, path), append(srcs, src)
		}
		return nil
	})
	pages, _ := parse.ParseAll(names, srcs)
	res := build.Build(pages, build.Options{Version: "v1.0"})

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
