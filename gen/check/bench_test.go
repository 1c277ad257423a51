package check_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/docs2openapi/docs2openapi/gen/assemble"
	"github.com/docs2openapi/docs2openapi/gen/check"
	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/docs2openapi/docs2openapi/gen/parse"
)

// generatedPages makes n method pages, each with its own operation on its
// own path and one example pair, as a corpus n pages large would have.
// Half the paths share a first segment with others (/groups{i%50}/…), so
// that an index by first segment is exercised with buckets of more than one
// path, as Graph's /users/… and /groups/… are.
func generatedPages(n int) []*page.Page {
	names := make([]string, n)
	srcs := make([][]byte, n)
	for i := range n {
		path := fmt.Sprintf("/widgets%d/{widget-id}", i)
		url := fmt.Sprintf("/widgets%d/w1", i)
		if i%2 == 1 {
			path = fmt.Sprintf("/groups%d/{group-id}/items%d", i%50, i)
			url = fmt.Sprintf("/groups%d/g1/items%d", i%50, i)
		}
		names[i] = fmt.Sprintf("api/widget%d-get.md", i)
		srcs[i] = fmt.Appendf(nil, `---
title: "Get widget %[1]d"
description: "Read widget %[1]d."
doc_type: apiPageType
---

# Get widget %[1]d

Namespace: microsoft.graph

## Permissions

|Permission type | Permissions (from least to most privileged) |
|:---|:---|
|Delegated (work or school account) | Widget.Read.All |
|Application | Widget.Read.All |

## HTTP request

`+"```http"+`
GET %[2]s
`+"```"+`

## Response

If successful, this method returns a `+"`200 OK`"+` response code and a [widget](../resources/widget.md) object in the response body.

## Example

### Request
<!-- {
  "blockType": "request",
  "name": "get_widget_%[1]d"
} -->
`+"```http"+`
GET https://graph.microsoft.com/v1.0%[3]s
`+"```"+`

### Response
<!-- {
  "blockType": "response",
  "@odata.type": "microsoft.graph.widget"
} -->
`+"```http"+`
HTTP/1.1 200 OK
Content-type: application/json

{"id": "w1", "displayName": "Widget %[1]d"}
`+"```"+`
`, i, path, url)
	}
	pages, _ := parse.ParseAll(names, srcs)
	return pages
}

// BenchmarkCheckGenerated times Check alone (the build is outside the
// timer) on generated corpora of growing size: its time per page should
// stay about the same as the corpus grows (run with -benchtime 1x).
func BenchmarkCheckGenerated(b *testing.B) {
	for _, n := range []int{2000, 8000, 50000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			res := assemble.Pages(generatedPages(n), assemble.Options{Version: "v1.0"})
			b.ResetTimer()
			for b.Loop() {
				rep := check.Check(context.Background(), res)
				if rep.Failed != 0 || rep.Passed != 2*n {
					b.Fatalf("%d passed, %d failed; want %d, 0", rep.Passed, rep.Failed, 2*n)
				}
			}
		})
	}
}
