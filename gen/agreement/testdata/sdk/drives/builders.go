package drives

import (
	a "github.com/microsoft/kiota-abstractions-go"
)

func builders(r a.RequestAdapter, p map[string]string) {
	a.NewBaseRequestBuilder(r, "{+baseurl}/drives", p)
	a.NewBaseRequestBuilder(r, "{+baseurl}/drives/{drive%2Did}/items/{driveItem%2Did}/workbook/worksheets/{workbookWorksheet%2Did}/range(address='{address}')", p)
	a.NewBaseRequestBuilder(r, "{+baseurl}/drives/{drive%2Did}/items/{driveItem%2Did}/content", p)
	a.NewBaseRequestBuilder(r, "{+baseurl}/drives/{drive%2Did}/items/{driveItem%2Did}/workbook/names/{workbookNamedItem%2Did}/range()/format{?%24select}", p)
	a.NewBaseRequestBuilder(r, "{+baseurl}/drives/{drive%2Did}/items/{driveItem%2Did}/workbook/tables/{workbookTable%2Did}/range()/format/fill/clear", p)
}
