//go:build tools

// Package tools pins the versions of the command-line tools the project
// runs, so that `go run` and CI use exactly the module versions in go.mod.
package tools

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
