package cli

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/build"
	"github.com/docs2openapi/docs2openapi/gen/codegen"
	"github.com/docs2openapi/docs2openapi/gen/config"
	"golang.org/x/mod/modfile"
)

const (
	flagConfig = "config"
	flagCheck  = "check"
	// contractTestFile is the name of the contract tests beside a package.
	contractTestFile = "examples_test.go"
)

// output is one file generate produces.
type output struct {
	path string
	data []byte
}

func (e *env) generate(args []string) error {
	fs := e.newFlags("generate", "generate [--config FILE] [--check]", "docs2openapi generate --config docs2openapi.yaml")
	cfgPath := fs.String(flagConfig, config.DefaultFile, "read the config from `FILE`")
	checkOnly := fs.Bool(flagCheck, false, "write nothing; exit 1 if any output is stale")
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
	outs, res, err := e.generateOutputs(cfg)
	if res != nil {
		e.report(res)
	}
	if err != nil {
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
		stale++
		fmt.Fprintf(e.stdout, "stale: %s\n", o.path)
	}
	if stale > 0 {
		fmt.Fprintf(e.stderr, "docs2openapi: %d generated files are stale; run docs2openapi generate\n", stale)
		return exitError(exitFindings)
	}
	return nil
}

// generateOutputs computes every file the config asks for, in memory.
func (e *env) generateOutputs(cfg *config.Config) ([]output, *build.Result, error) {
	var inputs []string
	for _, in := range cfg.Inputs {
		inputs = append(inputs, cfg.Path(in))
	}
	res, err := buildPaths(inputs, cfg.APIVersion, cfg.Dir)
	if err != nil {
		return nil, nil, err
	}
	var outs []output
	spec, err := res.Encode(strings.HasSuffix(cfg.Spec, ".json"))
	if err != nil {
		return nil, res, err
	}
	outs = append(outs, output{cfg.Path(cfg.Spec), spec})
	xfail, err := cfg.LoadExpectedFailures()
	if err != nil {
		return nil, res, err
	}
	for _, p := range cfg.Packages {
		var tests *codegen.TestInput
		if p.ContractTests {
			tests = &codegen.TestInput{
				Examples:         res.Examples,
				Source:           exampleSource,
				ExpectedFailures: xfail,
			}
		}
		note := func(n string) { fmt.Fprintf(e.stderr, "docs2openapi: package %s: %s\n", p.Package, n) }
		pkg := codegen.Package{Name: p.Package, Generate: p.Generate, Note: note, SchemasOnly: cfg.IsModelsOf(&p)}
		if p.Select != nil {
			pkg.Select = &codegen.Selection{Tags: p.Select.Tags, PathPrefixes: p.Select.PathPrefixes, OperationIDs: p.Select.OperationIDs}
		}
		if p.ModelsFrom != "" {
			if pkg.ModelsImport, err = importPath(cfg.Path(p.ModelsFrom)); err != nil {
				return nil, res, &config.Error{File: cfg.File, Line: p.Line, Msg: fmt.Sprintf("package %s: models-from: %v", p.Package, err)}
			}
		}
		code, testCode, err := codegen.Generate(res.Doc, pkg, tests)
		if err != nil {
			return nil, res, &config.Error{File: cfg.File, Line: p.Line, Msg: fmt.Sprintf("package %s: %v", p.Package, err)}
		}
		outs = append(outs, output{cfg.Path(p.Output), code})
		if testCode != nil {
			outs = append(outs, output{filepath.Join(filepath.Dir(cfg.Path(p.Output)), contractTestFile), testCode})
		} else if p.ContractTests {
			return nil, res, fmt.Errorf("package %s: contract-tests needs generate: [models, client, std-http-server, strict-server, embedded-spec]", p.Package)
		}
	}
	return outs, res, nil
}

// exampleSource is the file:line an example pair is known by.
func exampleSource(pr *build.ExamplePair) string {
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
