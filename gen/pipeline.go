// Package gen is the pipeline that the commands share: find the pages,
// read and parse them, pick the API version, assemble the spec, then
// validate and encode it, each a step of its own. The command line only
// parses flags and prints; diff's git revisions and the tests come in
// through FromSources.
package gen

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/internal/par"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/docs2openapi/docs2openapi/gen/parse"
)

// DefaultVersion is the version built when the pages name none.
const DefaultVersion = "v1.0"

// Options says what to build.
type Options struct {
	// Version is the API version to build; "" is the one the pages name,
	// else DefaultVersion.
	Version string
	// Base, when set, is the folder that file names are reported relative
	// to, so that output does not depend on where the command runs.
	Base string
	// ReadInclude reads include files that are not among the pages; nil
	// leaves them missing (FromSources called with pages from git). Build
	// reads them from the disk (DiskIncludes) unless it is set.
	ReadInclude parse.IncludeReader
}

// VersionError is a version that cannot be built: unknown, or a choice
// the pages leave open (they name several).
type VersionError struct {
	Unknown  string   // the unknown version asked for
	Versions []string // the versions the pages name, when several
}

func (e *VersionError) Error() string {
	if e.Unknown != "" {
		return fmt.Sprintf("unknown API version %q (want v1.0 or beta)", e.Unknown)
	}
	return fmt.Sprintf("the pages are of several API versions (%s); choose one", strings.Join(e.Versions, ", "))
}

// CheckVersion reports whether v is a version the assembler knows.
func CheckVersion(v string) error {
	if _, ok := assemble.Versions[v]; !ok {
		return &VersionError{Unknown: v}
	}
	return nil
}

// Build finds the pages under paths (files, or folders read recursively),
// parses them and assembles the spec. Unreadable files are I/O errors;
// everything wrong inside a page is a diagnostic in the result.
func Build(paths []string, opts Options) (*assemble.Result, error) {
	if opts.Version != "" {
		if err := CheckVersion(opts.Version); err != nil {
			return nil, err
		}
	}
	names, srcs, err := Read(paths, opts.Base)
	if err != nil {
		return nil, err
	}
	if opts.ReadInclude == nil {
		opts.ReadInclude = DiskIncludes(opts.Base)
	}
	return FromSources(names, srcs, opts)
}

// Read finds the pages under paths (see Find) and reads them. names[i] is
// srcs[i]'s name: its path relative to base when base is set, with
// forward slashes.
func Read(paths []string, base string) (names []string, srcs [][]byte, err error) {
	files, err := Find(paths)
	if err != nil {
		return nil, nil, err
	}
	names = make([]string, len(files))
	srcs = make([][]byte, len(files))
	errs := make([]error, len(files))
	par.Each(len(files), func(i int) { srcs[i], errs[i] = os.ReadFile(files[i]) })
	for i, f := range files {
		if errs[i] != nil {
			return nil, nil, errs[i]
		}
		name := f
		if base != "" {
			if r, err := filepath.Rel(base, f); err == nil {
				name = r
			}
		}
		names[i] = filepath.ToSlash(name)
	}
	return names, srcs, nil
}

// DiskIncludes reads include files that are not among the pages from the
// disk: a page of the docs names its includes relative to itself, and they
// often sit outside the folder given (api-reference/includes/ beside
// api-reference/v1.0/). Names are relative to base when it is set. Only
// regular markdown files are read, each once.
func DiskIncludes(base string) parse.IncludeReader {
	var cache sync.Map // name -> includeFile
	return func(name string) ([]byte, error) {
		if v, ok := cache.Load(name); ok {
			f := v.(includeFile)
			return f.data, f.err
		}
		p := filepath.FromSlash(name)
		if base != "" && !filepath.IsAbs(p) {
			p = filepath.Join(base, p)
		}
		var f includeFile
		switch st, err := os.Stat(p); {
		case err != nil:
			f.err = err
		case !st.Mode().IsRegular():
			f.err = fmt.Errorf("%s: not a regular file", name)
		case !strings.EqualFold(filepath.Ext(p), ".md"):
			f.err = fmt.Errorf("%s: not a markdown file", name)
		default:
			f.data, f.err = os.ReadFile(p)
		}
		v, _ := cache.LoadOrStore(name, f)
		f = v.(includeFile)
		return f.data, f.err
	}
}

type includeFile struct {
	data []byte
	err  error
}

// FromSources parses pages already read (names[i] is srcs[i]'s name) and
// assembles the spec. The parser's diagnostics are kept for pages of
// every version: the assembler skips other versions' pages, but a broken
// page is still worth hearing about.
func FromSources(names []string, srcs [][]byte, opts Options) (*assemble.Result, error) {
	pages, diags := parse.ParseAllWith(names, srcs, parse.SourcesReader(names, srcs, opts.ReadInclude))
	version := opts.Version
	if version == "" {
		var err error
		if version, err = PickVersion(pages); err != nil {
			return nil, err
		}
	} else if err := CheckVersion(version); err != nil {
		return nil, err
	}
	res := assemble.Pages(pages, assemble.Options{Version: version})
	res.Diags = append(res.Diags, diags...)
	res.Diags.Sort()
	return res, nil
}

// PickVersion chooses the version to build when none is given: the one
// the pages name, or DefaultVersion when none names one.
func PickVersion(pages []*page.Page) (string, error) {
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
		return DefaultVersion, nil
	case 1:
		return names[0], nil
	}
	return "", &VersionError{Versions: names}
}

// Page files are found by extension; in folders, README and LICENSE files
// are not pages.
const (
	pageExtensions = ".md .markdown .txt"
	skippedNames   = "readme license"
)

// IsPageFile reports whether a file found in a folder is a page.
func IsPageFile(name string) bool {
	name = strings.ToLower(name)
	ext := filepath.Ext(name)
	if !slices.Contains(strings.Fields(pageExtensions), ext) {
		return false
	}
	stem := strings.TrimSuffix(name, ext)
	return !slices.Contains(strings.Fields(skippedNames), stem)
}

// Find expands folders into the page files below them, sorted. Files named
// in paths are taken whatever their name. A path that names no page (an
// empty folder), or that is neither a regular file nor a folder (a FIFO
// would block the read forever), is an error; a folder given as a symbolic
// link is read as the folder.
func Find(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			if !st.Mode().IsRegular() {
				return nil, fmt.Errorf("%s: not a regular file or a folder", p)
			}
			files = append(files, p)
			continue
		}
		root := p
		if real, err := filepath.EvalSymlinks(p); err == nil {
			root = real
		}
		n := len(files)
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !IsPageFile(d.Name()) {
				return nil
			}
			if !d.Type().IsRegular() {
				if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
					return fmt.Errorf("%s: not a regular file", path)
				}
			}
			if root != p {
				// Report the pages under the name the user gave.
				if rel, err := filepath.Rel(root, path); err == nil {
					path = filepath.Join(p, rel)
				}
			}
			files = append(files, path)
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(files) == n {
			return nil, fmt.Errorf("%s: no pages (%s files) in this folder", p, strings.ReplaceAll(pageExtensions, " ", ", "))
		}
	}
	sort.Strings(files)
	return files, nil
}

// Output validates the spec (its diagnostics join the result's) and
// encodes it as JSON or YAML: two steps that only read the document, run
// side by side.
func Output(res *assemble.Result, asJSON bool) ([]byte, error) {
	var wg sync.WaitGroup
	wg.Add(1)
	var verr error
	go func() {
		defer wg.Done()
		verr = res.Validate()
	}()
	out, err := res.Encode(asJSON)
	wg.Wait()
	res.NoteInvalid(verr)
	return out, err
}
