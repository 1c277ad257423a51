package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/build"
	"github.com/docs2openapi/docs2openapi/gen/codegen"
	"github.com/docs2openapi/docs2openapi/gen/config"
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
		code, testCode, err := codegen.Generate(res.Doc, codegen.Package{Name: p.Package, Generate: p.Generate, Note: note}, tests)
		if err != nil {
			return nil, res, fmt.Errorf("package %s: %w", p.Package, err)
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
