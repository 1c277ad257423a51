package cli

import (
	"bytes"
	"fmt"
	"github.com/docs2openapi/docs2openapi/gen"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/aymanbagabas/go-udiff"
	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/codegen"
	"github.com/docs2openapi/docs2openapi/gen/config"
	"github.com/docs2openapi/docs2openapi/gen/stamp"
	"golang.org/x/mod/modfile"
)

const (
	flagConfig = "config"
	flagCheck  = "check"
	// contractTestFile is the name of the contract tests beside a package.
	contractTestFile = "examples_test.go"
)

// testHookGenerate, when set, hears the name of each package that
// oapi-codegen runs for.
var testHookGenerate func(pkg string)

// output is one file generate produces.
type output struct {
	path string
	data []byte
}

func (e *env) generate(args []string) error {
	fs := e.newFlags("generate", "generate [--config FILE] [--check] [-v]", "docs2openapi generate --config docs2openapi.yaml")
	cfgPath := fs.String(flagConfig, config.DefaultFile, "read the config from `FILE`")
	checkOnly := fs.Bool(flagCheck, false, "write nothing; exit 1 if any output is stale")
	verbose := fs.Bool("v", false, "print the warnings too (by default only errors and the summary, which counts them); always reads every page")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(rest) > 0 {
		return usagef("generate: unexpected arguments %q", rest)
	}
	cfg, err := config.Load(*cfgPath)
	if err != nil {
		return err
	}
	if err := checkVersion(cfg.APIVersion); err != nil {
		return err
	}
	var inputs []string
	for _, in := range cfg.Inputs {
		inputs = append(inputs, cfg.Path(in))
	}
	names, srcs, err := gen.Read(inputs, cfg.Dir)
	if err != nil {
		return err
	}
	run := &generation{cfg: cfg, stampPath: stampPath(cfg)}
	// Reading the stamp hashes the executable (for a development build):
	// it runs beside the hashing of the pages.
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		run.loadStamp()
	}()
	err = run.hashInputs(names, srcs)
	<-loaded
	if err != nil {
		return err
	}
	// With nothing changed since the stamp was written, there is nothing
	// to parse or generate (-v asks for the warnings, which need a parse).
	if !*verbose && run.current() {
		fmt.Fprintf(e.stderr, "docs2openapi: %s is current: no input or output changed since the last generate (%s)\n", cfg.File, run.old.Summary)
		return nil
	}
	res, err := gen.FromSources(names, srcs, gen.Options{Version: cfg.APIVersion, ReadInclude: run.readInclude()})
	if err != nil {
		return versionUsage(err)
	}
	outs, err := e.generateOutputs(run, res)
	e.reportDiags(res, *verbose)
	if err != nil {
		return err
	}
	stampData := run.stamp(outs, res)
	outs = append(outs, output{run.stampPath, stampData})
	if err := checkOutputs(cfg.Dir, outs, inputs); err != nil {
		return err
	}
	stale := 0
	for _, o := range outs {
		old, err := os.ReadFile(o.path)
		if err == nil && bytes.Equal(old, o.data) {
			continue
		}
		if !*checkOnly {
			if err := writeFileAtomic(o.path, o.data); err != nil {
				return err
			}
			continue
		}
		if o.path == run.stampPath {
			// The stamp only saves time; a stale one is no stale output.
			fmt.Fprintf(e.stderr, "docs2openapi: %s is stale (the outputs are not); the next generate rewrites it\n", o.path)
			continue
		}
		stale++
		if err := writeUnifiedDiff(e.stdout, o.path, old, o.data); err != nil {
			return err
		}
	}
	if stale > 0 {
		fmt.Fprintf(e.stderr, "docs2openapi: %d generated files are stale; run docs2openapi generate\n", stale)
		return exitError(exitFindings)
	}
	stamp.Record(stampData)
	return nil
}

// generateOutputs computes every file the config asks for, in memory,
// except the stamp. A package whose slice of the spec has the key that
// the trusted stamp recorded, and whose file still has the recorded hash,
// keeps its file without running oapi-codegen.
func (e *env) generateOutputs(run *generation, res *assemble.Result) ([]output, error) {
	cfg := run.cfg
	// The spec file is encoded (and the spec validated) beside the
	// generation of the packages, which need only its JSON.
	var spec []byte
	var specErr error
	encoded := make(chan struct{})
	go func() {
		defer close(encoded)
		spec, specErr = gen.Output(res, strings.HasSuffix(cfg.Spec, ".json"))
	}()
	defer func() { <-encoded }()
	xfail, err := cfg.LoadExpectedFailures()
	if err != nil {
		return nil, err
	}
	data, err := res.JSON()
	if err != nil {
		return nil, err
	}
	cg := codegen.NewGeneratorJSON(data)
	if parts, _ := res.JSONParts(); parts != nil {
		cg = codegen.NewGeneratorParts(data, res.Doc, parts.Top, parts.Paths)
	}
	// Packages are generated on every core: loading each one's copy of the
	// spec overlaps with oapi-codegen running for another. Results (and
	// the notes on renamed Go names) are kept in config order.
	type result struct {
		outs  []output
		key   string
		notes []string
		err   error
	}
	results := make([]result, len(cfg.Packages))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(cfg.Packages)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r := &results[i]
				r.outs, r.key, r.err = e.generatePackage(cg, run, &cfg.Packages[i], res, xfail, func(n string) { r.notes = append(r.notes, n) })
			}
		}()
	}
	for i := range cfg.Packages {
		next <- i
	}
	close(next)
	wg.Wait()
	<-encoded
	if specErr != nil {
		return nil, specErr
	}
	outs := []output{{cfg.Path(cfg.Spec), spec}}
	for i, r := range results {
		for _, n := range r.notes {
			fmt.Fprintf(e.stderr, "docs2openapi: package %s: %s\n", cfg.Packages[i].Package, n)
		}
		if r.err != nil {
			return nil, r.err
		}
		outs = append(outs, r.outs...)
		run.keys[run.rel(cfg.Path(cfg.Packages[i].Output))] = r.key
	}
	return outs, nil
}

// generatePackage computes the files of one package of the config, and
// the key of its slice of the spec.
func (e *env) generatePackage(cg *codegen.Generator, run *generation, p *config.Package, res *assemble.Result, xfail map[string]string, note func(string)) ([]output, string, error) {
	cfg := run.cfg
	var tests *codegen.TestInput
	if p.ContractTests {
		tests = &codegen.TestInput{
			Examples:         res.Examples,
			Source:           exampleSource,
			ExpectedFailures: xfail,
		}
	}
	pkg := codegen.Package{Name: p.Package, Generate: p.Generate, Note: note, SchemasOnly: cfg.IsModelsOf(p)}
	if p.Select != nil {
		pkg.Select = &codegen.Selection{Tags: p.Select.Tags, PathPrefixes: p.Select.PathPrefixes, OperationIDs: p.Select.OperationIDs}
	}
	if p.ModelsFrom != "" {
		var err error
		if pkg.ModelsImport, err = importPath(cfg.Path(p.ModelsFrom)); err != nil {
			return nil, "", &config.Error{File: cfg.File, Line: p.Line, Msg: fmt.Sprintf("package %s: models-from: %v", p.Package, err)}
		}
	}
	fail := func(err error) ([]output, string, error) {
		return nil, "", &config.Error{File: cfg.File, Line: p.Line, Msg: fmt.Sprintf("package %s: %v", p.Package, err)}
	}
	sl, err := cg.Slice(pkg)
	if err != nil {
		return fail(err)
	}
	out := cfg.Path(p.Output)
	// Contract tests also depend on the examples, which the key does
	// not cover: such packages are always generated.
	if tests == nil {
		if code, ok := run.unchanged(out, sl.Key()); ok {
			return []output{{out, code}}, sl.Key(), nil
		}
	}
	if testHookGenerate != nil {
		testHookGenerate(p.Package)
	}
	f, testCode, err := sl.GenerateReusing(tests, previous(out))
	if err != nil {
		return fail(err)
	}
	remember(f)
	if testHookFormat != nil {
		testHookFormat(p.Package, f)
	}
	code := f.Code
	outs := []output{{out, code}}
	if testCode != nil {
		outs = append(outs, output{filepath.Join(filepath.Dir(out), contractTestFile), testCode})
	} else if p.ContractTests {
		return nil, "", fmt.Errorf("package %s: contract-tests needs generate: [models, client, std-http-server, strict-server, embedded-spec]", p.Package)
	}
	return outs, sl.Key(), nil
}

// testHookFormat, when set, hears each package's formatted code, which
// tells how many of its chunks were reused.
var testHookFormat func(pkg string, f *codegen.Formatted)

// formatIndex is the kind of cache file that holds the index of a
// generated file's chunks (see codegen.Formatted).
const formatIndex = "format"

// previous returns the file at out with the index of its chunks that the
// generate which wrote it left in the user's cache, if both are there: the
// formatting of its unchanged chunks is reused. The index is found by the
// file's hash, so an edited file has none.
func previous(out string) *codegen.Formatted {
	code, err := os.ReadFile(out)
	if err != nil {
		return nil
	}
	idx, err := stamp.ReadCache(formatIndex, code)
	if err != nil {
		return nil
	}
	return codegen.Reuse(code, idx)
}

// remember leaves the index of f's chunks in the user's cache, for the
// next generate; failing to only costs that one the reuse.
func remember(f *codegen.Formatted) {
	if idx := f.Index(); idx != nil {
		stamp.WriteCache(formatIndex, f.Code, idx)
	}
}

// exampleSource is the file:line an example pair is known by.
func exampleSource(pr *assemble.ExamplePair) string {
	off := 0
	if pr.Request != nil {
		off = pr.Request.Off
	} else if pr.Response != nil {
		off = pr.Response.Off
	}
	pos := pr.Page.Pos(off)
	return fmt.Sprintf("%s:%d", pos.File, pos.Line)
}

// importPath is the Go import path of the package in folder dir: the path
// of the module whose go.mod is nearest above it, joined with the rest.
func importPath(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for root := abs; ; {
		data, err := os.ReadFile(filepath.Join(root, "go.mod"))
		if err == nil {
			mod := modfile.ModulePath(data)
			if mod == "" {
				return "", fmt.Errorf("%s has no module line", filepath.Join(root, "go.mod"))
			}
			rel, err := filepath.Rel(root, abs)
			if err != nil {
				return "", err
			}
			return path.Join(mod, filepath.ToSlash(rel)), nil
		}
		up := filepath.Dir(root)
		if up == root {
			return "", fmt.Errorf("no go.mod above %s, so its import path is unknown", dir)
		}
		root = up
	}
}

// maxDiffLines bounds the diff printed for one stale file: enough to review
// a change to the docs, short enough for a CI log when a whole package moved.
const maxDiffLines = 400

// writeUnifiedDiff prints what regenerating would change in path, as a
// unified diff from the file on disk (old, nil if missing) to data.
func writeUnifiedDiff(w io.Writer, path string, old, data []byte) error {
	// Files below the current folder get git's a/ and b/ prefixes, so
	// the diff applies with patch -p1; others keep their path.
	from, to := filepath.ToSlash(path), filepath.ToSlash(path)
	if wd, err := os.Getwd(); err == nil {
		abs, _ := filepath.Abs(path)
		if rel, err := filepath.Rel(wd, abs); err == nil && filepath.IsLocal(rel) {
			from, to = "a/"+filepath.ToSlash(rel), "b/"+filepath.ToSlash(rel)
		}
	}
	name := to
	if old == nil {
		from = "/dev/null"
	}
	// A line diff (Myers, on lines): a 30 MB generated file with a few
	// changes is compared in about a second.
	text, err := udiff.ToUnified(from, to, string(old), udiff.Lines(string(old), string(data)), 3)
	if err != nil {
		return err
	}
	lines := strings.SplitAfter(text, "\n")
	if len(lines) > maxDiffLines {
		text = strings.Join(lines[:maxDiffLines], "") + fmt.Sprintf("… %d more lines of diff for %s\n", len(lines)-maxDiffLines, name)
	}
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	_, err = io.WriteString(w, text)
	return err
}
