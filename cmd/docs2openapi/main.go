// Command docs2openapi turns API reference pages into OpenAPI 3.0 specs and
// Go code, and checks the pages' examples against them. See README.md.
package main

import (
	"context"
	"os"

	"github.com/docs2openapi/docs2openapi/cmd/internal/cli"
)

func main() {
	os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
