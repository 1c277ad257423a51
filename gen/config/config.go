// Package config reads docs2openapi.yaml, the versioned file that tells
// `docs2openapi generate` which pages to read and what to write.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// DefaultFile is the config file generate reads when none is named.
const DefaultFile = "docs2openapi.yaml"

// Config is a parsed config file. Paths in it are relative to the file;
// Load makes them relative to the current directory via Dir.
type Config struct {
	Version    int       `yaml:"version"`
	Inputs     []string  `yaml:"inputs"`
	APIVersion string    `yaml:"api-version"`
	Spec       string    `yaml:"spec"`
	Packages   []Package `yaml:"packages"`
	// ExpectedFailures names a YAML file listing examples the docs get
	// wrong (see ExpectedFailure); optional.
	ExpectedFailures string `yaml:"expected-failures"`

	// Dir is the folder of the config file, File its path.
	Dir  string `yaml:"-"`
	File string `yaml:"-"`
}

// Package is one Go package to generate.
type Package struct {
	Package  string   `yaml:"package"`
	Output   string   `yaml:"output"`
	Generate []string `yaml:"generate"`
	// ContractTests writes examples_test.go beside Output: tests that
	// drive the generated code with every example of the pages.
	ContractTests bool `yaml:"contract-tests"`
	// Select limits the package to some operations.
	Select *Select `yaml:"select"`
	// ModelsFrom names the output folder (relative to the config) of
	// another package of this config whose generate is [models]: this
	// package imports the schema types from it. That package then holds
	// the schemas only; each package using it holds its operations' types.
	ModelsFrom string `yaml:"models-from"`

	// Line is the line of this entry in the config file.
	Line int `yaml:"-"`
}

// Select picks operations by tag, path prefix or operation id (any match).
type Select struct {
	Tags         []string `yaml:"tags"`
	PathPrefixes []string `yaml:"path-prefixes"`
	OperationIDs []string `yaml:"operation-ids"`
}

// Empty reports whether the selection names nothing.
func (s *Select) Empty() bool {
	return len(s.Tags) == 0 && len(s.PathPrefixes) == 0 && len(s.OperationIDs) == 0
}

// ExpectedFailure is one entry of an expected-failure list.
type ExpectedFailure struct {
	Example string `yaml:"example"`
	Reason  string `yaml:"reason"`
}

// Error is a problem in a config file at a line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

var kinds = map[string]bool{"models": true, "client": true, "std-http-server": true, "strict-server": true, "embedded-spec": true}

// Load reads and validates a config file. Unknown keys and bad values are
// errors with line numbers.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &Error{File: path, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var c Config
	if err := dec.Decode(&c); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg := te.Errors[0]
			line := 0
			if _, err := fmt.Sscanf(msg, "line %d:", &line); err == nil {
				msg = strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
			}
			return nil, &Error{File: path, Line: line, Msg: msg}
		}
		return nil, &Error{File: path, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	c.Dir, c.File = filepath.Dir(path), path
	line := func(key string) int { return keyLine(&root, key) }
	switch {
	case c.Version != 1:
		return nil, &Error{File: path, Line: line("version"), Msg: fmt.Sprintf("version must be 1, got %d", c.Version)}
	case len(c.Inputs) == 0:
		return nil, &Error{File: path, Line: line("inputs"), Msg: "inputs must list at least one file or folder"}
	case c.APIVersion == "":
		return nil, &Error{File: path, Line: line("api-version"), Msg: "api-version is required (v1.0 or beta)"}
	case c.Spec == "":
		return nil, &Error{File: path, Line: line("spec"), Msg: "spec is required: the file the spec is written to"}
	}
	lines := entryLines(&root, "packages")
	byDir := map[string]int{}
	for i, p := range c.Packages {
		byDir[filepath.Clean(filepath.Dir(p.Output))] = i
	}
	for i := range c.Packages {
		p := &c.Packages[i]
		where := line("packages")
		if i < len(lines) {
			where = lines[i]
		}
		p.Line = where
		switch {
		case p.Package == "" || !isIdent(p.Package):
			return nil, &Error{File: path, Line: where, Msg: fmt.Sprintf("packages[%d]: package must be a Go package name, got %q", i, p.Package)}
		case p.Output == "" || !strings.HasSuffix(p.Output, ".go"):
			return nil, &Error{File: path, Line: where, Msg: fmt.Sprintf("packages[%d]: output must be a .go file, got %q", i, p.Output)}
		case len(p.Generate) == 0:
			return nil, &Error{File: path, Line: where, Msg: fmt.Sprintf("packages[%d]: generate must list what to generate", i)}
		}
		for _, k := range p.Generate {
			if !kinds[k] {
				return nil, &Error{File: path, Line: where, Msg: fmt.Sprintf("packages[%d]: unknown generate kind %q (want models, client, std-http-server, strict-server, embedded-spec)", i, k)}
			}
		}
		if p.Select != nil && p.Select.Empty() {
			return nil, &Error{File: path, Line: where, Msg: fmt.Sprintf("packages[%d]: select must list tags, path-prefixes or operation-ids", i)}
		}
		if p.ModelsFrom != "" {
			j, ok := byDir[filepath.Clean(p.ModelsFrom)]
			switch {
			case !ok:
				return nil, &Error{File: path, Line: where, Msg: fmt.Sprintf("packages[%d]: models-from %q is not the output folder of a package of this config", i, p.ModelsFrom)}
			case j == i:
				return nil, &Error{File: path, Line: where, Msg: fmt.Sprintf("packages[%d]: models-from names the package itself", i)}
			case len(c.Packages[j].Generate) != 1 || c.Packages[j].Generate[0] != "models" || c.Packages[j].Select != nil || c.Packages[j].ModelsFrom != "":
				return nil, &Error{File: path, Line: where, Msg: fmt.Sprintf("packages[%d]: models-from %q must be a package with generate: [models] and no select", i, p.ModelsFrom)}
			case p.ContractTests || slices.Contains(p.Generate, "embedded-spec"):
				return nil, &Error{File: path, Line: where, Msg: fmt.Sprintf("packages[%d]: embedded-spec and contract-tests need the schemas in the package itself; they cannot be used with models-from", i)}
			}
		}
	}
	return &c, nil
}

// Path resolves a path of the config against its folder.
func (c *Config) Path(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir, p)
}

// LoadExpectedFailures reads the expected-failure list the config names,
// as a map from example name to reason. Every entry needs a reason.
func (c *Config) LoadExpectedFailures() (map[string]string, error) {
	if c.ExpectedFailures == "" {
		return nil, nil
	}
	path := c.Path(c.ExpectedFailures)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var list []ExpectedFailure
	if err := dec.Decode(&list); err != nil && err.Error() != "EOF" {
		return nil, &Error{File: path, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	out := map[string]string{}
	for _, e := range list {
		if e.Example == "" || strings.TrimSpace(e.Reason) == "" {
			return nil, &Error{File: path, Msg: fmt.Sprintf("entry %q needs both example and reason", e.Example)}
		}
		out[e.Example] = strings.TrimSpace(e.Reason)
	}
	return out, nil
}

// IsModelsOf reports whether another package takes its models from p.
func (c *Config) IsModelsOf(p *Package) bool {
	for _, q := range c.Packages {
		if q.ModelsFrom != "" && filepath.Clean(q.ModelsFrom) == filepath.Clean(filepath.Dir(p.Output)) {
			return true
		}
	}
	return false
}

// entryLines returns the line of each item of the sequence under key.
func entryLines(root *yaml.Node, key string) []int {
	if len(root.Content) == 0 {
		return nil
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			var lines []int
			for _, n := range m.Content[i+1].Content {
				lines = append(lines, n.Line)
			}
			return lines
		}
	}
	return nil
}

func keyLine(root *yaml.Node, key string) int {
	if len(root.Content) == 0 {
		return 0
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return m.Line
}

func isIdent(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}
