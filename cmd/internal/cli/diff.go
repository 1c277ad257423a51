package cli

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"github.com/docs2openapi/docs2openapi/gen"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/specdiff"
)

const (
	flagFailOn     = "fail-on"
	formatMarkdown = "markdown"
	failBreaking   = "breaking"
	failChanges    = "changes"
	failNever      = "never"
)

func (e *env) diff(args []string) error {
	fs := e.newFlags("diff", "diff [--api-version V] [--format text|markdown|json|github-actions] [--fail-on breaking|changes|never] BASE HEAD",
		"docs2openapi diff main:docs docs")
	version := versionFlag(fs)
	format := fs.String(flagFormat, formatText, "report format: text, markdown, json or github-actions")
	failOn := fs.String(flagFailOn, failBreaking, "exit 1 on `breaking` changes, on any changes, or never")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagError(err)
	}
	switch {
	case !oneOf(*format, formatText, formatMarkdown, formatJSON, formatGitHub):
		return usagef("diff: unknown --%s %q", flagFormat, *format)
	case !oneOf(*failOn, failBreaking, failChanges, failNever):
		return usagef("diff: unknown --%s %q", flagFailOn, *failOn)
	case len(rest) != 2:
		return usagef("diff: want BASE and HEAD (spec files, folders of pages, or REF:path), got %d arguments", len(rest))
	}
	if *version != "" {
		if err := checkVersion(*version); err != nil {
			return err
		}
	}
	head, headRes, err := loadSide(rest[1], *version)
	if err != nil {
		return err
	}
	// Pages of the base are built for the version the head has, so a
	// version flag is only needed when the pages do not say.
	v := *version
	if v == "" && head.Doc.Info != nil {
		if _, known := assemble.Versions[head.Doc.Info.Version]; known {
			v = head.Doc.Info.Version
		}
	}
	base, baseRes, err := loadSide(rest[0], v)
	if err != nil {
		return err
	}
	// What the pages get wrong is not the diff's subject, but it must not
	// vanish: each side built from pages gets a line.
	for _, s := range []struct {
		role string
		side *specdiff.Side
		res  *assemble.Result
	}{{"base", base, baseRes}, {"head", head, headRes}} {
		if s.res != nil {
			fmt.Fprintf(e.stderr, "docs2openapi: %s %s: %s, %s; docs2openapi build lists them\n", s.role, diag.Printable(s.side.Name), count(s.res.Stats.Pages, "page"), s.res.Diags.Summary())
		}
	}
	rep, err := specdiff.Compare(base, head)
	if err != nil {
		return err
	}
	switch *format {
	case formatJSON:
		err = specdiff.WriteJSON(e.stdout, rep)
	case formatMarkdown:
		err = specdiff.WriteMarkdown(e.stdout, rep)
	case formatGitHub:
		err = specdiff.WriteGitHub(e.stdout, rep)
	default:
		err = specdiff.WriteText(e.stdout, rep)
	}
	if err != nil {
		return err
	}
	if rep.Fails(*failOn) {
		return exitError(exitFindings)
	}
	return nil
}

// loadSide reads one side of a diff: a spec file (YAML or JSON), a page or
// folder of pages (built for version, or the version they name), or
// REF:path, the same read from git.
// The build result is returned for pages, nil for a spec file.
func loadSide(arg, version string) (*specdiff.Side, *assemble.Result, error) {
	if _, err := os.Stat(arg); err != nil {
		if ref, p, ok := strings.Cut(arg, ":"); ok && ref != "" && errors.Is(err, os.ErrNotExist) {
			return gitSide(arg, ref, p, version)
		}
		return nil, nil, err
	}
	if isSpecFile(arg) {
		data, err := os.ReadFile(arg)
		if err != nil {
			return nil, nil, err
		}
		side, err := specSide(arg, data)
		return side, nil, err
	}
	res, err := buildPaths([]string{arg}, version, "")
	if err != nil {
		return nil, nil, err
	}
	return pagesSide(arg, res), res, nil
}

// isSpecFile reports whether a file is a spec rather than a page.
func isSpecFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

func specSide(name string, data []byte) (*specdiff.Side, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty file, not an OpenAPI spec", name)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("%s: not an OpenAPI spec: %w", name, err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		// A Swagger 2.0 file loads as a document without paths, which
		// would compare as "everything removed".
		return nil, fmt.Errorf("%s: not an OpenAPI 3 spec (openapi: %q); diff compares OpenAPI 3.0 documents", name, doc.OpenAPI)
	}
	return &specdiff.Side{Name: name, Doc: doc}, nil
}

func pagesSide(name string, res *assemble.Result) *specdiff.Side {
	return &specdiff.Side{Name: name, Doc: res.Doc, Sources: &specdiff.Sources{
		Operations: res.Sources.Operations,
		Schemas:    res.Sources.Schemas,
		Properties: res.Sources.Properties,
	}}
}

// gitSide reads REF:path from the git repository of the current folder.
// As in git, a path starting with ./ is relative to the current folder and
// any other path to the top of the repository. Pages read this way are
// named REF:path/file, so findings in the base say where they were.
func gitSide(arg, ref, p, version string) (*specdiff.Side, *assemble.Result, error) {
	kind, err := git("cat-file", "-t", arg)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", arg, err)
	}
	switch strings.TrimSpace(string(kind)) {
	case "blob":
		data, err := git("cat-file", "blob", arg)
		if err != nil {
			return nil, nil, err
		}
		if isSpecFile(p) {
			side, err := specSide(arg, data)
			return side, nil, err
		}
		return gitPages(arg, version, []string{arg}, [][]byte{data})
	case "tree":
		data, err := git("archive", "--format=tar", arg)
		if err != nil {
			return nil, nil, err
		}
		var names []string
		var srcs [][]byte
		tr := tar.NewReader(bytes.NewReader(data))
		for {
			h, err := tr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, nil, fmt.Errorf("%s: reading git archive: %w", arg, err)
			}
			if h.Typeflag != tar.TypeReg || !gen.IsPageFile(path.Base(h.Name)) {
				continue
			}
			src, err := io.ReadAll(tr)
			if err != nil {
				return nil, nil, err
			}
			names = append(names, strings.TrimSuffix(arg, "/")+"/"+h.Name)
			srcs = append(srcs, src)
		}
		if len(names) == 0 {
			return nil, nil, fmt.Errorf("%s: no pages in this folder", arg)
		}
		return gitPages(arg, version, names, srcs)
	}
	return nil, nil, fmt.Errorf("%s: not a file or folder in git", arg)
}

// gitPages builds pages read from git.
func gitPages(arg, version string, names []string, srcs [][]byte) (*specdiff.Side, *assemble.Result, error) {
	idx := make([]int, len(names))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return names[idx[a]] < names[idx[b]] })
	sn, ss := make([]string, len(names)), make([][]byte, len(names))
	for i, j := range idx {
		sn[i], ss[i] = names[j], srcs[j]
	}
	res, err := gen.FromSources(sn, ss, gen.Options{Version: version})
	if err != nil {
		return nil, nil, versionUsage(err)
	}
	return pagesSide(arg, res), res, nil
}

// git runs git in the current folder and returns its output.
func git(args ...string) ([]byte, error) {
	var stderr bytes.Buffer
	cmd := exec.Command("git", args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return out, nil
}
