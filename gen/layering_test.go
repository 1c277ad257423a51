// Package gen_test enforces the direction of imports between the stages:
// cmd → gen (the pipeline) → gen/* stages → page → diag. A stage never
// imports the pipeline or the command, and the model packages import no
// stage.
package gen_test

import (
	"os/exec"
	"strings"
	"testing"
)

func TestLayering(t *testing.T) {
	forbidden := map[string][]string{
		"diag":     {"page", "parse", "assemble", "check", "codegen", "config", "contract", "specdiff", "cmd"},
		"page":     {"parse", "assemble", "check", "codegen", "config", "contract", "cmd"},
		"jsonc":    {"diag", "page", "parse", "assemble", "check", "codegen", "cmd"},
		"parse":    {"assemble", "check", "codegen", "config", "contract", "cmd"},
		"assemble": {"parse", "check", "codegen", "config", "contract", "cmd"},
		"check":    {"parse", "codegen", "config", "cmd"},
		"codegen":  {"parse", "check", "config", "cmd"},
		"contract": {"diag", "page", "parse", "assemble", "check", "codegen", "config", "cmd"},
		// specdiff compares specs: it knows page positions, not how they
		// are made, so a spec file and built pages are alike to it.
		"specdiff": {"page", "parse", "assemble", "check", "codegen", "config", "contract", "cmd"},
		// serve answers requests with a built spec and its examples.
		"serve": {"parse", "check", "codegen", "config", "contract", "specdiff", "cmd"},
		// agreement measures a built spec; nothing but tests uses it.
		"agreement": {"check", "codegen", "config", "contract", "specdiff", "cmd"},
	}
	const mod = "github.com/docs2openapi/docs2openapi/"
	for pkg, bad := range forbidden {
		out, err := exec.Command("go", "list", "-deps", "./"+pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == mod+"gen" {
				t.Errorf("gen/%s imports the pipeline (package gen), which runs the stages", pkg)
			}
			for _, b := range bad {
				if dep == mod+"gen/"+b || strings.HasPrefix(dep, mod+b+"/") || dep == mod+b {
					t.Errorf("gen/%s imports %s", pkg, dep)
				}
			}
		}
	}
}
