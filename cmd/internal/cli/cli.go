// Package cli is the docs2openapi command line. It is the only part of the
// program that prints: the stages hand it typed results and diagnostics.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
)

// Exit codes, as gofmt and buf use them.
const (
	exitOK       = 0 // done, nothing found
	exitFindings = 1 // errors in the input, failing examples, stale output
	exitFailure  = 2 // usage, I/O or internal failure
)

const usage = `usage: docs2openapi <command> [flags] [PATH...]

Commands:
  build      build an OpenAPI 3.0 spec from documentation pages
  check      build, then validate every example in the pages against the spec
  generate   build the spec and Go code a config file describes
  diff       compare two versions of a spec or of its pages (breaking changes)
  serve      serve the documented API as a local test double (its examples, Graph's errors)

Run 'docs2openapi <command> -h' for a command's flags.

Example:
  docs2openapi build --api-version v1.0 -o openapi.yaml docs/
`

// Run runs the command line args and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitFailure
	}
	env := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	var err error
	switch args[0] {
	case "build":
		err = env.build(args[1:])
	case "check":
		err = env.check(args[1:])
	case "generate":
		err = env.generate(args[1:])
	case "diff":
		err = env.diff(args[1:])
	case "serve":
		err = env.serve(args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "docs2openapi: unknown command %q\n\n%s", args[0], usage)
		return exitFailure
	}
	var ex exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ex):
		return int(ex)
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	default:
		fmt.Fprintf(stderr, "docs2openapi: %v\n", err)
		return exitFailure
	}
}

// exitError carries an exit code for a run whose output is already printed.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit %d", int(e)) }

type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// newFlags returns a flag set that prints its usage with an example.
func (e *env) newFlags(name, synopsis, example string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: docs2openapi %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
		fmt.Fprintf(e.stderr, "\nExample:\n  %s\n", example)
	}
	return fs
}

// parseFlags parses flags that may come before or after the paths, as
// users type them both ways.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
		if len(args) == 0 {
			return pos, nil
		}
	}
}

// flagError turns a flag parsing error, already printed by the flag
// package, into the exit code: 0 for -h, 2 otherwise.
func flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return exitError(exitFailure)
}

type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error {
	return usageError{msg: fmt.Sprintf(format, args...)}
}

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}
