package cli

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path"
	"strings"
	"syscall"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/docs2openapi/docs2openapi/gen"
	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/serve"
)

// serve runs the documented API as a local test double until interrupted.
func (e *env) serve(args []string) error {
	fs := e.newFlags("serve", "serve [--api-version V] [--addr HOST:PORT] PATH...", "docs2openapi serve --addr localhost:8080 docs/")
	version := versionFlag(fs)
	addr := fs.String("addr", "localhost:8080", "listen on `HOST:PORT`")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(paths) == 0 {
		return usagef("serve: no input paths (pages, or a built spec)")
	}
	apis, err := e.serveAPIs(paths, *version)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve.Serve(ctx, *addr, serve.New(apis, e.stderr), func(at string) {
		for _, a := range apis {
			fmt.Fprintf(e.stderr, "docs2openapi: serving %s (%d paths, %d examples) at http://%s/%s/\n", a.Version, a.Doc.Paths.Len(), len(a.Examples), at, a.Version)
		}
	})
}

// serveAPIs builds what serve serves: a spec file as it is, or the pages,
// in the version asked for or in each version they name.
func (e *env) serveAPIs(paths []string, version string) ([]serve.API, error) {
	if len(paths) == 1 && isSpecFile(paths[0]) {
		doc, err := openapi3.NewLoader().LoadFromFile(paths[0])
		if err != nil {
			return nil, fmt.Errorf("%s: not an OpenAPI spec: %w", paths[0], err)
		}
		v := version
		if v == "" && len(doc.Servers) > 0 {
			v = path.Base(strings.TrimSuffix(doc.Servers[0].URL, "/"))
		}
		if err := checkVersion(v); err != nil {
			return nil, err
		}
		return []serve.API{{Version: v, Doc: doc}}, nil
	}
	versions := []string{version}
	res, err := gen.Build(paths, gen.Options{Version: version})
	var ve *gen.VersionError
	if errors.As(err, &ve) && len(ve.Versions) > 1 {
		versions, res, err = ve.Versions, nil, nil
	} else if err != nil {
		return nil, versionUsage(err)
	}
	var apis []serve.API
	for _, v := range versions {
		if res == nil {
			if res, err = gen.Build(paths, gen.Options{Version: v}); err != nil {
				return nil, versionUsage(err)
			}
		}
		res.NoteInvalid(res.Validate())
		e.reportDiags(res, false)
		apis = append(apis, apiOf(res))
		res = nil
	}
	return apis, nil
}

func apiOf(res *assemble.Result) serve.API {
	v := path.Base(strings.TrimSuffix(res.Doc.Servers[0].URL, "/"))
	return serve.API{Version: v, Doc: res.Doc, Examples: res.Examples}
}
