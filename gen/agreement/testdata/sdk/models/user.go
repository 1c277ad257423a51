package models

import (
	s "github.com/microsoft/kiota-abstractions-go/serialization"
)

type User struct {
	Entity
}

func (m *User) GetFieldDeserializers() map[string]func(s.ParseNode) error {
	res := m.Entity.GetFieldDeserializers()
	res["accountEnabled"] = func(n s.ParseNode) error {
		val, err := n.GetBoolValue()
		_, _ = val, err
		return nil
	}
	res["createdDateTime"] = func(n s.ParseNode) error {
		val, err := n.GetTimeValue()
		_, _ = val, err
		return nil
	}
	res["businessPhones"] = func(n s.ParseNode) error {
		val, err := n.GetCollectionOfPrimitiveValues("string")
		_, _ = val, err
		return nil
	}
	res["drive"] = func(n s.ParseNode) error {
		val, err := n.GetObjectValue(CreateDriveFromDiscriminatorValue)
		_, _ = val, err
		return nil
	}
	res["package"] = func(n s.ParseNode) error {
		val, err := n.GetObjectValue(CreatePackageEscapedFromDiscriminatorValue)
		_, _ = val, err
		return nil
	}
	res["status"] = func(n s.ParseNode) error {
		val, err := n.GetEnumValue(ParseUserStatus)
		_, _ = val, err
		return nil
	}
	res["mailboxSettings"] = func(n s.ParseNode) error {
		val, err := n.GetObjectValue(CreateMailboxSettingsFromDiscriminatorValue)
		_, _ = val, err
		return nil
	}
	res["extra"] = func(n s.ParseNode) error {
		val, err := n.GetObjectValue(CreateUntypedNodeFromDiscriminatorValue)
		_, _ = val, err
		return nil
	}
	return res
}
