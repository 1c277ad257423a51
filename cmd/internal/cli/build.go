package cli

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/docs2openapi/docs2openapi/gen/parse"
)

// Flag names and defaults.
const (
	flagVersion    = "api-version"
	flagOutput     = "o"
	flagFormat     = "format"
	defaultVersion = "v1.0"
	formatText     = "text"
	formatJSON     = "json"
	formatGitHub   = "github-actions"
	pageExtensions = ".md .markdown .txt"
	skippedNames   = "readme license"
)

func (e *env) build(args []string) error {
	fs := e.newFlags("build", "build [--api-version V] [-o FILE] PATH...", "docs2openapi build --api-version beta -o spec/beta/openapi.yaml spec/pages")
	version := versionFlag(fs)
	out := fs.String(flagOutput, "", "write the spec to `FILE` (JSON if it ends in .json); default stdout")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(paths) == 0 {
		return usagef("build: no input paths")
	}
	res, err := buildPaths(paths, *version, "")
	if err != nil {
		return err
	}
	data, err := res.Encode(strings.HasSuffix(*out, ".json"))
	if err != nil {
		return fmt.Errorf("encoding spec: %w", err)
	}
	if *out == "" {
		if _, err := e.stdout.Write(data); err != nil {
			return err
		}
	} else if err := writeFileAtomic(*out, data); err != nil {
		return err
	}
	e.report(res)
	if res.Diags.Errors() > 0 {
		return exitError(exitFindings)
	}
	return nil
}

// report prints the diagnostics and the one-line summary to stderr.
func (e *env) report(res *assemble.Result) {
	e.reportDiags(res, true)
}

// reportDiags prints the diagnostics, or only the errors unless warnings
// is set, and the one-line summary, which counts them all.
func (e *env) reportDiags(res *assemble.Result, warnings bool) {
	shown := res.Diags
	if !warnings {
		shown = nil
		for _, d := range res.Diags {
			if d.Severity == diag.Error {
				shown = append(shown, d)
			}
		}
	}
	_ = diag.WriteText(e.stderr, shown)
	s := res.Stats
	fmt.Fprintf(e.stderr, "docs2openapi: %s (%d of other versions skipped), %s, %s, %s; %s\n",
		count(s.Pages, "page"), s.OtherVersion, count(s.Operations, "operation"), count(s.Schemas, "schema"), count(s.Examples, "example"), res.Diags.Summary())
}

// count renders "1 page", "2 pages".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// versionFlag defines --api-version; empty means the pages' own version.
func versionFlag(fs *flag.FlagSet) *string {
	return fs.String(flagVersion, "", "API version to build: v1.0 or beta (default: the version the pages name, else v1.0)")
}

// pickVersion chooses the version to build when none is given: the one
// the pages name, or v1.0 when none names one. Pages naming several
// versions need the flag.
func pickVersion(pages []*page.Page) (string, error) {
	seen := map[string]bool{}
	var names []string
	for _, p := range pages {
		if v := p.Version.Value; v != "" && !seen[v] {
			seen[v] = true
			names = append(names, v)
		}
	}
	sort.Strings(names)
	switch len(names) {
	case 0:
		return defaultVersion, nil
	case 1:
		return names[0], nil
	}
	return "", usagef("the pages are of several API versions (%s); choose one with --%s", strings.Join(names, ", "), flagVersion)
}

func checkVersion(v string) error {
	if _, ok := assemble.Versions[v]; !ok {
		return usagef("unknown --%s %q (want v1.0 or beta)", flagVersion, v)
	}
	return nil
}

// buildPaths reads and parses every page under paths and builds the spec.
// Pages are named by their path relative to base when base is set, so that
// generated output does not depend on where the command runs. Unreadable
// files are I/O failures; everything wrong inside a page is a diagnostic in
// the result.
func buildPaths(paths []string, version, base string) (*assemble.Result, error) {
	if version != "" {
		if err := checkVersion(version); err != nil {
			return nil, err
		}
	}
	files, err := collect(paths)
	if err != nil {
		return nil, err
	}
	pages, diags, err := parseFiles(files, base)
	if err != nil {
		return nil, err
	}
	if version == "" {
		if version, err = pickVersion(pages); err != nil {
			return nil, err
		}
	}
	res := assemble.Pages(pages, assemble.Options{Version: version})
	res.Diags = append(res.Diags, diags...)
	res.Diags.Sort()
	return res, nil
}

// parseFiles parses files in order. Diagnostics are kept for pages of every
// version: the build skips other versions' pages, but a broken page is
// still worth hearing about.
func parseFiles(files []string, base string) ([]*page.Page, diag.List, error) {
	names := make([]string, len(files))
	srcs := make([][]byte, len(files))
	for i, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		name := f
		if base != "" {
			if r, err := filepath.Rel(base, f); err == nil {
				name = r
			}
		}
		names[i], srcs[i] = filepath.ToSlash(name), src
	}
	pages, diags := parse.ParseAll(names, srcs)
	return pages, diags, nil
}

// isPageFile reports whether a file found in a folder is a page: by its
// extension, and a folder's README or LICENSE is not one.
func isPageFile(name string) bool {
	name = strings.ToLower(name)
	ext := filepath.Ext(name)
	if !slices.Contains(strings.Fields(pageExtensions), ext) {
		return false
	}
	stem := strings.TrimSuffix(name, ext)
	for _, s := range strings.Fields(skippedNames) {
		if stem == s {
			return false
		}
	}
	return true
}

// collect expands folders into the page files below them, sorted. Files
// named on the command line are taken whatever their name; in folders,
// README and LICENSE files are not pages.
func collect(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			if isPageFile(d.Name()) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(files)
	return files, nil
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so a failed run never leaves half a file behind. A symbolic
// link is followed (the link stays), and anything that is not a regular file
// (/dev/stdout, /dev/null, a pipe) is written to directly: renaming over it
// would replace the device with a file.
func writeFileAtomic(path string, data []byte) error {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
		if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			_, werr := f.Write(data)
			if cerr := f.Close(); werr == nil {
				werr = cerr
			}
			return werr
		}
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp, 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp)
		return werr
	}
	return nil
}
