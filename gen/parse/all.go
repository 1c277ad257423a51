package parse

import (
	"fmt"
	"io/fs"
	"path"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/internal/par"
	"github.com/docs2openapi/docs2openapi/gen/page"
)

// ParseAll parses many pages on all cores, reading include files from
// among the pages themselves (SourcesReader). Each result goes to the slot
// of its input, so the output does not depend on scheduling; the
// diagnostics come back sorted.
func ParseAll(names []string, srcs [][]byte) ([]*page.Page, diag.List) {
	return ParseAllWith(names, srcs, SourcesReader(names, srcs, nil))
}

// ParseAllWith is ParseAll with include files read through read.
func ParseAllWith(names []string, srcs [][]byte, read IncludeReader) ([]*page.Page, diag.List) {
	pages := make([]*page.Page, len(srcs))
	diags := make([]diag.List, len(srcs))
	par.Each(len(srcs), func(i int) {
		pages[i], diags[i] = ParseWith(names[i], srcs[i], read)
	})
	var all diag.List
	for _, d := range diags {
		all = append(all, d...)
	}
	all.Sort()
	return pages, all
}

// SourcesReader reads include files from among srcs (names[i] is srcs[i]'s
// name, compared after path.Clean), and the others through next, which may
// be nil. It is safe for concurrent use.
func SourcesReader(names []string, srcs [][]byte, next IncludeReader) IncludeReader {
	byName := make(map[string][]byte, len(names))
	for i, n := range names {
		byName[path.Clean(n)] = srcs[i]
	}
	return func(name string) ([]byte, error) {
		if src, ok := byName[path.Clean(name)]; ok {
			return src, nil
		}
		if next != nil {
			return next(name)
		}
		return nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
}
