package parse

import (
	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/internal/par"
	"github.com/docs2openapi/docs2openapi/gen/page"
)

// ParseAll parses many pages on all cores. Each result goes to the slot of
// its input, so the output does not depend on scheduling; the diagnostics
// come back sorted.
func ParseAll(names []string, srcs [][]byte) ([]*page.Page, diag.List) {
	pages := make([]*page.Page, len(srcs))
	diags := make([]diag.List, len(srcs))
	par.Each(len(srcs), func(i int) {
		pages[i], diags[i] = Parse(names[i], srcs[i])
	})
	var all diag.List
	for _, d := range diags {
		all = append(all, d...)
	}
	all.Sort()
	return pages, all
}
