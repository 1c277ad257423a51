package models

import (
	s "github.com/microsoft/kiota-abstractions-go/serialization"
)

type Entity struct {
	backingStore any
}

func (m *Entity) GetFieldDeserializers() map[string]func(s.ParseNode) error {
	res := make(map[string]func(s.ParseNode) error)
	res["id"] = func(n s.ParseNode) error {
		val, err := n.GetStringValue()
		if err != nil {
			return err
		}
		_ = val
		return nil
	}
	res["@odata.type"] = func(n s.ParseNode) error {
		val, err := n.GetStringValue()
		_, _ = val, err
		return nil
	}
	return res
}
