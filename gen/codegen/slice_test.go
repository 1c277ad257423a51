package codegen

import (
	"encoding/json"
	"testing"
)

// TestMarshalObjectIsJSONMarshal: the slices' encoder gives json.Marshal's
// bytes, keys that JSON escapes included.
func TestMarshalObjectIsJSONMarshal(t *testing.T) {
	m := map[string]json.RawMessage{
		"paths":           json.RawMessage(`{"/a":{"get":{"operationId":"x"}}}`),
		"openapi":         json.RawMessage(`"3.0.3"`),
		"<a&b>\"\n\u00e9": json.RawMessage(`[1,2,{"k":null}]`),
		"":                json.RawMessage(`{}`),
	}
	want, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if got := marshalObject(m); string(got) != string(want) {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := marshalObject(nil); string(got) != "{}" {
		t.Errorf("empty: %s", got)
	}
}
