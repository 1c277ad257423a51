package callrecords

import (
	s "github.com/microsoft/kiota-abstractions-go/serialization"
	i1 "github.com/microsoftgraph/msgraph-sdk-go/models"
)

type CallRecord struct {
	i1.Entity
}

func (m *CallRecord) GetFieldDeserializers() map[string]func(s.ParseNode) error {
	res := m.Entity.GetFieldDeserializers()
	res["organizer"] = func(n s.ParseNode) error {
		val, err := n.GetObjectValue(i1.CreateIdentitySetFromDiscriminatorValue)
		_, _ = val, err
		return nil
	}
	res["sessions"] = func(n s.ParseNode) error {
		val, err := n.GetCollectionOfObjectValues(CreateSessionFromDiscriminatorValue)
		_, _ = val, err
		return nil
	}
	res["version"] = func(n s.ParseNode) error {
		val, err := n.GetInt64Value()
		_, _ = val, err
		return nil
	}
	return res
}
