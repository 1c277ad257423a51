package codegen

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

// TestCommentsAsOapiCodegen: opComment and bodyComment write the text of
// oapi-codegen's GenerateFunctionComment methods for every operation of a
// corpus sample and for operations whose summaries and descriptions have
// line breaks of every kind, or are missing, or are the same.
func TestCommentsAsOapiCodegen(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromFile("../assemble/testdata/golden/corpus-v1/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	body := func() *openapi3.RequestBodyRef {
		return &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody().WithJSONSchema(openapi3.NewObjectSchema())}
	}
	for i, o := range []*openapi3.Operation{
		{OperationID: "hostile.one", Summary: "Line one\r\nline two\rthree\n", Description: "Desc\r\nwith\rbreaks\n\n", RequestBody: body()},
		{OperationID: "hostile.two", Summary: "", Description: "No summary here"},
		{OperationID: "hostile.three", Summary: "Same", Description: "Same\n", RequestBody: body()},
		{OperationID: "hostile.four", Summary: "", Description: "two\nlines", RequestBody: body()},
	} {
		o.Responses = openapi3.NewResponses()
		path := []string{"/hostile/a", "/hostile/{b}", "/hostile/c", "/hostile/d"}[i]
		if i == 1 {
			o.Parameters = openapi3.Parameters{{Value: openapi3.NewPathParameter("b").WithSchema(openapi3.NewStringSchema())}}
		}
		doc.AddOperation(path, "POST", o)
	}
	mu.Lock()
	defer mu.Unlock()
	// oapi-codegen's definitions need the state its Generate sets.
	if _, err := codegen.Generate(doc, codegen.Configuration{PackageName: "p", Generate: codegen.GenerateOptions{Client: true}, OutputOptions: codegen.OutputOptions{SkipFmt: true}}); err != nil {
		t.Fatal(err)
	}
	defs, err := codegen.OperationDefinitions(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(defs) < 100 {
		t.Fatalf("only %d operations", len(defs))
	}
	// oapi-codegen refuses line breaks in the other fields; the comments
	// still keep them out, as its methods do.
	for _, summary := range []string{"", "S"} {
		defs = append(defs, codegen.OperationDefinition{OperationId: "a\r\nb", Method: "GET\n", Path: "/x\r", Summary: summary,
			Spec:   &openapi3.Operation{Description: "d", RequestBody: body()},
			Bodies: []codegen.RequestBodyDefinition{{ContentType: "text/plain\nx"}}})
	}
	compared := 0
	for _, op := range defs {
		for _, suffix := range []string{"", "WithBody", "WithResponse", "WithBodyWithResponse"} {
			for _, wr := range []bool{false, true} {
				if got, want := opComment(op, op.OperationId, suffix, wr), op.GenerateFunctionComment(op.OperationId, suffix, wr); got != want {
					t.Errorf("%s %q %v:\n%s\nwant\n%s", op.OperationId, suffix, wr, got, want)
				}
				for _, b := range op.Bodies {
					if got, want := bodyComment(b, op.OperationId, op, suffix, wr), b.GenerateFunctionComment(op.OperationId, op, suffix, wr); got != want {
						t.Errorf("%s body %q %v:\n%s\nwant\n%s", op.OperationId, suffix, wr, got, want)
					}
					compared++
				}
				compared++
			}
		}
	}
	t.Logf("%d comments compared", compared)
}
