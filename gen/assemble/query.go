package assemble

import (
	"regexp"
	"strings"

	"github.com/docs2openapi/docs2openapi/gen/page"
	"github.com/getkin/kin-openapi/openapi3"
)

// odataParams are the OData system query options, as shared parameter
// components keyed by component name. $select, $expand and $orderby take
// comma-separated lists (style form, explode false: "$select=a,b").
var odataParams = map[string]*openapi3.Parameter{
	"select":     listParam("$select", "Select properties to be returned"),
	"expand":     listParam("$expand", "Expand related entities"),
	"orderby":    listParam("$orderby", "Order items by property values"),
	"filter":     queryParam("$filter", "Filter items by property values", openapi3.NewStringSchema()),
	"search":     queryParam("$search", "Search items by search phrases", openapi3.NewStringSchema()),
	"top":        queryParam("$top", "Show only the first n items", openapi3.NewIntegerSchema().WithMin(0)),
	"skip":       queryParam("$skip", "Skip the first n items", openapi3.NewIntegerSchema().WithMin(0)),
	"count":      queryParam("$count", "Include count of items", openapi3.NewBoolSchema()),
	"format":     queryParam("$format", "The format of the response (a media type)", openapi3.NewStringSchema()),
	"skipToken":  queryParam("$skiptoken", "The token of the next page, from @odata.nextLink", openapi3.NewStringSchema()),
	"deltaToken": queryParam("$deltatoken", "The token of the next delta round, from @odata.deltaLink", openapi3.NewStringSchema()),
}

// odataKeys maps an option as the docs write it, lower-cased, to its
// component.
var odataKeys = map[string]string{
	"$select": "select", "$expand": "expand", "$orderby": "orderby", "$filter": "filter",
	"$search": "search", "$top": "top", "$skip": "skip", "$count": "count", "$format": "format",
	"$skiptoken": "skipToken", "$deltatoken": "deltaToken",
}

// Graph's conventions where a page does not list the options: a GET of a
// collection takes the paging, filtering and shaping options; a GET of one
// item takes $select and $expand.
var (
	collectionOptions = []string{"top", "skip", "search", "filter", "count", "orderby", "select", "expand"}
	itemOptions       = []string{"select", "expand"}
)

// paramNameRe is a query parameter name as the docs write them.
var paramNameRe = regexp.MustCompile(`^[A-Za-z_$@][\w.$@-]*$`)

func queryParam(name, desc string, s *openapi3.Schema) *openapi3.Parameter {
	return &openapi3.Parameter{Name: name, In: openapi3.ParameterInQuery, Description: desc, Schema: &openapi3.SchemaRef{Value: s}}
}

func listParam(name, desc string) *openapi3.Parameter {
	arr := openapi3.NewArraySchema().WithItems(openapi3.NewStringSchema())
	p := queryParam(name, desc, arr)
	p.Style = openapi3.SerializationForm
	p.Explode = openapi3.Ptr(false)
	return p
}

// splitQuery splits a request line's query string into key and value
// pairs, keeping placeholders ("startDateTime={start_datetime}") intact.
func splitQuery(q string) [][2]string {
	var out [][2]string
	for _, kv := range strings.Split(q, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, [2]string{k, v})
		}
	}
	return out
}

// queryParams gives an operation its query parameters: those its request
// lines write (required when every line of the page writes them), the
// OData options the page names, or Graph's conventional set when it names
// none, and the rows of its query and function parameters tables.
func (b *builder) queryParams(o *opDef, p *page.Page) {
	op := o.op
	have := map[string]bool{}
	for _, pr := range op.Parameters {
		have[strings.ToLower(pr.Value.Name)] = true
	}
	addOData := func(key string) {
		prm := odataParams[key]
		if have[strings.ToLower(prm.Name)] {
			return
		}
		have[strings.ToLower(prm.Name)] = true
		b.queryUsed[key] = true
		op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Ref: "#/components/parameters/" + key, Value: prm})
	}
	addCustom := func(name string, required bool, row *page.Parameter) {
		if have[strings.ToLower(name)] || !paramNameRe.MatchString(name) {
			return
		}
		have[strings.ToLower(name)] = true
		prm := queryParam(name, "", openapi3.NewStringSchema())
		prm.Required = required
		if row != nil {
			s, _ := b.propertySchema(p, row.Property)
			if s.Ref == "" && s.Value != nil && (s.Value.Type == nil || !s.Value.Type.Is("object")) && len(s.Value.AllOf) == 0 {
				c := *s.Value
				c.Nullable, c.ReadOnly, c.Description = false, false, ""
				prm.Schema = &openapi3.SchemaRef{Value: &c}
			}
			prm.Description = strings.TrimSpace(row.Description)
			prm.Required = prm.Required || row.Required
		}
		op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: prm})
	}

	// The request lines of the describing page.
	var lines []claim
	for _, c := range o.claims {
		if c.p == p {
			lines = append(lines, c)
		}
	}
	var order []string
	count := map[string]int{}
	spelt := map[string]string{}
	for _, c := range lines {
		seen := map[string]bool{}
		for _, kv := range splitQuery(c.query) {
			k := strings.ToLower(kv[0])
			if seen[k] {
				continue
			}
			seen[k] = true
			if count[k] == 0 {
				order = append(order, k)
				spelt[k] = kv[0]
			}
			count[k]++
		}
	}
	for _, k := range order {
		// Graph takes the system query options without their "$" too
		// ("?expand=thumbnails"): the option it names is the parameter.
		if key, ok := odataKeys["$"+k]; ok {
			addOData(key)
			continue
		}
		if key, ok := odataKeys[k]; ok {
			addOData(key)
			continue
		}
		row, ok := pageParam(p, spelt[k], strings.TrimPrefix(spelt[k], "$"))
		var rp *page.Parameter
		if ok {
			rp = &row
		}
		// A delta function's next rounds send only the token of its
		// deltaLink: what the first round requires is optional after.
		addCustom(spelt[k], count[k] == len(lines) && !o.resp.delta, rp)
	}

	// The OData options the page names, or the conventional ones.
	// A page that says it supports "the OData query parameters" and then
	// names some (in a note on using two together) supports them all.
	q := p.Query
	last := lastSegment(o.path)
	switch {
	case o.method != "GET" || q.None:
	case last == "$ref" && o.resp.coll:
		// A collection of references pages, filters and counts; there is
		// nothing to select or expand in a reference.
		for _, k := range collectionOptions {
			if k != "select" && k != "expand" {
				addOData(k)
			}
		}
	case o.resp.kind == respJSON && last != "$ref":
		opts := itemOptions
		if o.resp.coll {
			opts = collectionOptions
		}
		for _, k := range opts {
			addOData(k)
		}
	case o.resp.kind == respNone && isKey(last):
		// The page names no result, but a key addresses one item, and a
		// plural name a collection.
		for _, k := range itemOptions {
			addOData(k)
		}
	case o.resp.kind == respNone && isLiteral(last) && singular(last) != last:
		for _, k := range collectionOptions {
			addOData(k)
		}
	case o.resp.kind == respStream && last == "content":
		// A drive item's content converts to another format on request.
		addOData("format")
	}
	if !q.None || len(q.Named) > 0 {
		for _, n := range q.Named {
			if key, ok := odataKeys[strings.ToLower(n.Value)]; ok {
				addOData(key)
			}
		}
	}

	// Parameters tables: query parameters, and function parameters that
	// the path does not carry.
	for i := range p.Parameters {
		row := &p.Parameters[i]
		switch row.In {
		case page.InQuery:
		case page.InFunction:
			if strings.Contains(o.path, "("+row.Name.Value+"=") || strings.Contains(o.path, ","+row.Name.Value+"=") {
				continue
			}
		default:
			continue
		}
		if key, ok := odataKeys["$"+strings.ToLower(row.Name.Value)]; ok {
			addOData(key) // "format", a system option without its "$"
			continue
		}
		addCustom(row.Name.Value, row.Required, row)
	}
}
