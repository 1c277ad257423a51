package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen"
	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/diag"
)

// Flag names and defaults.
const (
	flagVersion  = "api-version"
	flagOutput   = "o"
	flagFormat   = "format"
	formatText   = "text"
	formatJSON   = "json"
	formatGitHub = "github-actions"
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
	if *out != "" && isInput(*out, paths) {
		return usagef("build: -o %s is an input page; refusing to write over it", *out)
	}
	res, err := buildPaths(paths, *version, "")
	if err != nil {
		return err
	}
	data, err := gen.Output(res, strings.HasSuffix(*out, ".json"))
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
	fmt.Fprintf(e.stderr, "docs2openapi: %s\n", summary(res))
}

// summary is the one line that says what a build read and found.
func summary(res *assemble.Result) string {
	s := res.Stats
	return fmt.Sprintf("%s (%d of other versions skipped), %s, %s, %s; %s",
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

// buildPaths runs the pipeline on the pages under paths: pages are named
// by their path relative to base when base is set.
func buildPaths(paths []string, version, base string) (*assemble.Result, error) {
	res, err := gen.Build(paths, gen.Options{Version: version, Base: base})
	return res, versionUsage(err)
}

// checkVersion refuses a version the pipeline does not know.
func checkVersion(v string) error { return versionUsage(gen.CheckVersion(v)) }

// versionUsage turns a version the pipeline cannot build into a usage
// error that names the flag.
func versionUsage(err error) error {
	var ve *gen.VersionError
	if !errors.As(err, &ve) {
		return err
	}
	if ve.Unknown != "" {
		return usagef("unknown --%s %q (want v1.0 or beta)", flagVersion, ve.Unknown)
	}
	return usagef("the pages are of several API versions (%s); choose one with --%s", strings.Join(ve.Versions, ", "), flagVersion)
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
	// A file that exists keeps its mode (0640 stays 0640); a read-only
	// one is refused under its own name, not the temporary file's.
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
		if mode&0o200 == 0 {
			return fmt.Errorf("%s: read-only; not overwritten", path)
		}
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp, mode)
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, werr)
	}
	return nil
}
