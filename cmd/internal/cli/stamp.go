package cli

import (
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/docs2openapi/docs2openapi/gen"
	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/config"
	"github.com/docs2openapi/docs2openapi/gen/parse"
	"github.com/docs2openapi/docs2openapi/gen/stamp"
)

// generation is one run of generate: its config, the hash of its inputs,
// and the stamp the last run left (see package stamp).
type generation struct {
	cfg       *config.Config
	stampPath string
	inputs    string // hash of every input

	old     *stamp.Stamp // the last run's stamp; nil if none or untrusted
	oldData []byte

	keys map[string]string // package output → key of its slice, this run

	mu       sync.Mutex
	includes map[string]string // include read this run (stamp name) → hash
}

// readInclude reads the files pages include from outside the inputs, as a
// build does, and records each for the stamp.
func (g *generation) readInclude() parse.IncludeReader {
	disk := gen.DiskIncludes(g.cfg.Dir)
	return func(name string) ([]byte, error) {
		data, err := disk(name)
		sum := stamp.Missing
		if err == nil {
			sum = stamp.Sum(data)
		}
		g.mu.Lock()
		if g.includes == nil {
			g.includes = map[string]string{}
		}
		g.includes[g.includeName(name)] = sum
		g.mu.Unlock()
		return data, err
	}
}

// includeName is the stamp's name of an include the reader was asked for
// (relative to the config's folder, or absolute).
func (g *generation) includeName(name string) string {
	if p := filepath.FromSlash(name); !filepath.IsAbs(p) {
		name = filepath.Join(g.cfg.Dir, p)
	}
	return g.rel(name)
}

// stampPath is the stamp file of a config: its name with .sum for the
// extension (docs2openapi.yaml → docs2openapi.sum), beside it.
func stampPath(cfg *config.Config) string {
	return strings.TrimSuffix(cfg.File, filepath.Ext(cfg.File)) + ".sum"
}

// rel is how the stamp names a file: relative to the config, with
// forward slashes, so that it is the same on every machine and from every
// working folder. path is relative to the working folder or absolute.
func (g *generation) rel(path string) string {
	dir, err1 := filepath.Abs(g.cfg.Dir)
	abs, err2 := filepath.Abs(path)
	if err1 == nil && err2 == nil {
		if r, err := filepath.Rel(dir, abs); err == nil {
			path = r
		}
	}
	return filepath.ToSlash(path)
}

// hashInputs hashes what the outputs are made of: the pages (names are
// relative to the config), the config and its expected-failure list.
func (g *generation) hashInputs(names []string, srcs [][]byte) error {
	var in stamp.Inputs
	keys := make([]string, len(names))
	for i, n := range names {
		// Pages are named relative to the config when they can be.
		if p := filepath.FromSlash(n); !filepath.IsAbs(p) {
			n = filepath.Join(g.cfg.Dir, p)
		}
		keys[i] = "page " + g.rel(n)
	}
	in.AddAll(keys, srcs)
	data, err := os.ReadFile(g.cfg.File)
	if err != nil {
		return err
	}
	in.Add("config", data)
	if g.cfg.ExpectedFailures != "" {
		data, err := os.ReadFile(g.cfg.Path(g.cfg.ExpectedFailures))
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		in.Add("expected-failures "+g.rel(g.cfg.Path(g.cfg.ExpectedFailures)), data)
	}
	g.inputs = in.Sum()
	return nil
}

// loadStamp reads the last run's stamp and keeps it if this tool can
// trust it; anything else (missing, edited, another tool) is ignored.
func (g *generation) loadStamp() {
	g.keys = map[string]string{}
	data, err := os.ReadFile(g.stampPath)
	if err != nil {
		return
	}
	s, err := stamp.Parse(data)
	if err != nil || !stamp.Trusted(s, data) {
		return
	}
	g.old, g.oldData = s, data
}

// current reports whether the outputs are what this run would write: the
// trusted stamp has this run's inputs, and every output it lists still has
// its hash.
func (g *generation) current() bool {
	if g.old == nil || g.old.Inputs != g.inputs || g.old.Errors > 0 || len(g.old.Outputs) == 0 {
		return false
	}
	// The same pages include the same files: each must still read as it
	// did.
	disk := gen.DiskIncludes(g.cfg.Dir)
	for name, sum := range g.old.Includes {
		data, err := disk(name)
		now := stamp.Missing
		if err == nil {
			now = stamp.Sum(data)
		}
		if now != sum {
			return false
		}
	}
	var files, sums []string
	for name, sum := range g.old.Outputs {
		files = append(files, filepath.Join(g.cfg.Dir, filepath.FromSlash(name)))
		sums = append(sums, sum)
	}
	return stamp.Match(files, sums)
}

// unchanged returns the file at out when the trusted stamp recorded key
// for it and the file still has the recorded hash: the package's code
// would come out the same.
func (g *generation) unchanged(out, key string) ([]byte, bool) {
	if g.old == nil {
		return nil, false
	}
	name := g.rel(out)
	if g.old.Packages[name] != key {
		return nil, false
	}
	data, err := os.ReadFile(out)
	if err != nil || stamp.Sum(data) != g.old.Outputs[name] {
		return nil, false
	}
	return data, true
}

// stamp is the stamp of this run, which wrote outs.
func (g *generation) stamp(outs []output, res *assemble.Result) []byte {
	s := stamp.Stamp{Tool: stamp.Tool(), Inputs: g.inputs, Includes: g.includes, Packages: g.keys, Outputs: map[string]string{}, Summary: summary(res), Errors: res.Diags.Errors()}
	for _, o := range outs {
		s.Outputs[g.rel(o.path)] = stamp.Sum(o.data)
	}
	return s.Marshal()
}
