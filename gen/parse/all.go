package parse

import (
	"runtime"
	"sync"

	"github.com/docs2openapi/docs2openapi/gen/diag"
	"github.com/docs2openapi/docs2openapi/gen/page"
)

// ParseAll parses many pages on all cores. Each result goes to the slot of
// its input, so the output does not depend on scheduling; the diagnostics
// come back sorted.
func ParseAll(names []string, srcs [][]byte) ([]*page.Page, diag.List) {
	pages := make([]*page.Page, len(srcs))
	diags := make([]diag.List, len(srcs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				pages[i], diags[i] = Parse(names[i], srcs[i])
			}
		}()
	}
	for i := range srcs {
		next <- i
	}
	close(next)
	wg.Wait()
	var all diag.List
	for _, d := range diags {
		all = append(all, d...)
	}
	all.Sort()
	return pages, all
}
