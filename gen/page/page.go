// Package page is the typed model of one documentation page, in the docs'
// own words: the request lines, tables and examples a page shows, before any
// OpenAPI decision is made. Every node records the byte offset it came from
// in Src, so later stages can point diagnostics at what the author wrote.
package page

import "github.com/docs2openapi/docs2openapi/gen/diag"

// Format is the syntax a page was written in, recognised from its content.
type Format string

const (
	// Markdown is DocFX-flavoured GitHub markdown (front matter, fences,
	// pipe tables, HTML-comment annotations).
	Markdown Format = "markdown"
	// PlainText is a rendering of a page with all markup removed: headings
	// are bare lines and tables are space-separated rows.
	PlainText Format = "text"
)

// Kind says what a page documents.
type Kind string

const (
	// MethodPage documents one API method (an "apiPageType" page).
	MethodPage Kind = "method"
	// ResourcePage documents a type (a "resourcePageType" page).
	ResourcePage Kind = "resource"
	// EnumPage documents an enumeration (an "enumPageType" page).
	EnumPage Kind = "enum"
	// IncludePage is a file meant to be included into pages (front
	// matter "ms.topic: include"), not a page of its own.
	IncludePage Kind = "include"
)

// Text is a string with the offset of its first byte in the page.
type Text struct {
	Value string
	Off   int
}

// Page is one parsed documentation page.
type Page struct {
	Src    *diag.Source
	Format Format
	Kind   Kind

	Title       Text
	Description Text
	Namespace   Text
	// Version is the API version the page belongs to ("v1.0", "beta"), with
	// the offset of the evidence; empty when the page does not tell.
	Version Text
	// FrontMatter holds the page's YAML front matter as strings.
	FrontMatter map[string]string

	Requests    []HTTPLine
	Permissions []Permission
	// PermissionsInclude is the include file that holds the permissions
	// table ("../includes/permissions/user-get-permissions.md"), as newer
	// pages write it; the build reads that file's table when it is among
	// the pages.
	PermissionsInclude Text
	// Includes names the files whose text the page took in through
	// `[!INCLUDE …]` lines, resolved against the page's name, in order.
	Includes []string
	Headers  []Header
	// BodyType names the type the request body is "a JSON representation"
	// of, from the Request body prose; empty when the prose names none.
	BodyType TypeRef
	// Body is the request-body property or parameter table; nil if absent.
	Body     *PropertyTable
	Response Response
	Examples []Example

	// Query is what the page's query-parameters sections say of the OData
	// system query options ("$select", "$top", …) the method takes.
	Query QuerySupport
	// Parameters are the rows of the page's "Query parameters", "Function
	// parameters" and "Path parameters" tables, in page order.
	Parameters []Parameter

	// Types are the types a resource or enum page documents: the page's
	// own type, and the enumerations of its "### x values" sections.
	Types []TypeDoc
}

// TypeDoc is one type as a resource or enum page documents it.
type TypeDoc struct {
	// Name is the type's name: from the JSON-representation annotation's
	// @odata.type, the title ("x resource type") or the "x values" heading.
	Name Text
	// BaseType names the type it derives from: the annotation's baseType,
	// else "Inherits from [x]" prose, else the first "Inherited from" row;
	// BaseLink is the prose's link, when the name came from there.
	BaseType Text
	BaseLink string
	// Properties holds the Properties and Relationships tables' rows.
	Properties []Property
	// Members lists an enumeration's values; IsEnum marks enumerations.
	Members []Text
	IsEnum  bool
	// Key is the key property the annotation names ("id").
	Key Text
	// OpenType is set when the annotation says the type is open.
	OpenType bool
	Off      int
}

// QuerySupport is what a page says about the OData system query options
// its method supports.
type QuerySupport struct {
	// Off is the offset of the section's heading; -1 when the page has no
	// query-parameters section.
	Off int
	// All is set when the prose says the method supports the OData query
	// parameters without naming them; None when it says it supports none.
	All, None bool
	// Named lists the options the section names ("$select", "$top"), in
	// page order and without duplicates, as written.
	Named []Text
}

// ParamIn says which kind of parameters table a Parameter came from.
type ParamIn string

const (
	// InQuery is a "Query parameters" table's row.
	InQuery ParamIn = "query"
	// InFunction is a "Function parameters" table's row: an argument of a
	// function in the path, or a query parameter when the request line
	// lists no arguments.
	InFunction ParamIn = "function"
	// InPath is a "Path parameters" table's row.
	InPath ParamIn = "path"
)

// Parameter is one row of a parameters table.
type Parameter struct {
	Property
	In ParamIn
}

// Pos resolves an offset of this page to file:line:col.
func (p *Page) Pos(off int) diag.Pos { return p.Src.Pos(off) }

// HTTPLine is one request line of the HTTP-request section: "PATCH /path".
type HTTPLine struct {
	Method string
	// Target is the path (or URL) as written, possibly with a query string.
	Target    string
	Off       int
	TargetOff int
	// Permissions are the line's own permissions when the page gives
	// each kind of caller its own ("Permissions acting on self" for /me,
	// "… on other users"); nil when the page's permissions apply.
	Permissions []Permission
}

// Permission is one row of the permissions table (or the old-style scope
// list): the permission type and the scopes it names.
type Permission struct {
	Type   string // "Delegated (work or school account)", "Application", …
	Scopes []Text
	Off    int
}

// Header is one request header, from the headers table or an example.
type Header struct {
	Name  string
	Value string
	Off   int
}

// TypeRef is a type cell as written: a primitive name, a linked or plain
// type name, optionally a collection of it.
type TypeRef struct {
	// Raw is the cell's text with markup removed ("certificateStatus collection").
	Raw string
	// Name is the element type's name: the link text for a linked type.
	Name string
	// Link is the link destination when the type was a link.
	Link       string
	Collection bool
	Off        int
}

// PropertyTable is a Property|Type|Description (or Parameter|Type|…) table.
type PropertyTable struct {
	Off  int
	Rows []Property
	// Parameters is set for Parameter|Type|Description tables, which
	// describe an action's body rather than a type.
	Parameters bool
}

// Property is one row of a property table.
type Property struct {
	Name        Text
	Type        TypeRef
	Description string
	// Enum lists the values a "Possible values are: …" sentence gives, in
	// order and without duplicates.
	Enum     []string
	EnumOff  int
	ReadOnly bool
	Required bool
	// NotNullable is set when the description says "Not nullable".
	NotNullable bool
	// InheritedFrom names the type the description says the property is
	// "Inherited from", if any.
	InheritedFrom string
	Off           int
}

// Response is what the Response section says a successful call returns.
type Response struct {
	Status int // 0 when the section names none
	Type   TypeRef
	Off    int
	// Stream is set when the prose says the body is a stream ("a Stream
	// in the response body"), Empty when it says there is no body.
	Stream, Empty bool
}

// ExampleKind tells example requests from example responses.
type ExampleKind string

const (
	// RequestExample is a "METHOD url" block.
	RequestExample ExampleKind = "request"
	// ResponseExample is an "HTTP/1.1 NNN" block.
	ResponseExample ExampleKind = "response"
)

// Example is one example request or response block.
type Example struct {
	Kind ExampleKind
	// Annotation is the blockType comment attached to the block, if any.
	Annotation *Annotation
	Method     string // requests
	URL        string // requests, as written
	URLOff     int
	Status     int // responses
	Headers    []Header
	// Body is the JSON body as written (possibly not strict JSON); BodyOff
	// is the offset of its first byte. Body is empty when there is none.
	Body    string
	BodyOff int
	// Lines maps the body's line starts to page offsets, so that a
	// position inside Body resolves to the page even when the block was
	// indented.
	Lines []int
	Off   int
}

// BodyPos converts an offset inside Body to a page offset.
func (e *Example) BodyPos(off int) int {
	line, start := 0, 0
	for i := 0; i < len(e.Body) && i < off; i++ {
		if e.Body[i] == '\n' {
			line++
			start = i + 1
		}
	}
	if line < len(e.Lines) {
		return e.Lines[line] + off - start
	}
	return e.BodyOff + off
}

// Annotation is a `<!-- { "blockType": … } -->` comment.
type Annotation struct {
	BlockType string
	Name      string
	// Names are the requests a response annotation names when it answers
	// several ("name": ["list-children-root", "list-children-files"]).
	Names        []string
	ODataType    string
	Truncated    bool
	IsCollection bool
	// BaseType, KeyProperty and OpenType come from "resource" annotations.
	BaseType    string
	KeyProperty string
	OpenType    bool
	Off         int
}
