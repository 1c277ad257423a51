package models

import (
	s "github.com/microsoft/kiota-abstractions-go/serialization"
)

type OutlookItem struct {
	Entity
}

func (m *OutlookItem) GetFieldDeserializers() map[string]func(s.ParseNode) error {
	res := m.Entity.GetFieldDeserializers()
	res["categories"] = func(n s.ParseNode) error {
		val, err := n.GetCollectionOfPrimitiveValues("string")
		_, _ = val, err
		return nil
	}
	return res
}

type Message struct {
	OutlookItem
}

func (m *Message) GetFieldDeserializers() map[string]func(s.ParseNode) error {
	res := m.OutlookItem.GetFieldDeserializers()
	res["subject"] = func(n s.ParseNode) error {
		val, err := n.GetStringValue()
		_, _ = val, err
		return nil
	}
	return res
}

type BaseCollectionPaginationCountResponse struct {
	backingStore any
}

func (m *BaseCollectionPaginationCountResponse) GetFieldDeserializers() map[string]func(s.ParseNode) error {
	res := make(map[string]func(s.ParseNode) error)
	res["@odata.nextLink"] = func(n s.ParseNode) error {
		val, err := n.GetStringValue()
		_, _ = val, err
		return nil
	}
	return res
}

type MessageCollectionResponse struct {
	BaseCollectionPaginationCountResponse
}

func (m *MessageCollectionResponse) GetFieldDeserializers() map[string]func(s.ParseNode) error {
	res := m.BaseCollectionPaginationCountResponse.GetFieldDeserializers()
	res["value"] = func(n s.ParseNode) error {
		val, err := n.GetCollectionOfObjectValues(CreateMessageFromDiscriminatorValue)
		_, _ = val, err
		return nil
	}
	return res
}

type StringCollectionResponse struct {
	BaseCollectionPaginationCountResponse
}

func (m *StringCollectionResponse) GetFieldDeserializers() map[string]func(s.ParseNode) error {
	res := m.BaseCollectionPaginationCountResponse.GetFieldDeserializers()
	res["value"] = func(n s.ParseNode) error {
		val, err := n.GetCollectionOfPrimitiveValues("string")
		_, _ = val, err
		return nil
	}
	return res
}

type Drive struct {
	Entity
}

func (m *Drive) GetFieldDeserializers() map[string]func(s.ParseNode) error {
	res := m.Entity.GetFieldDeserializers()
	res["items"] = func(n s.ParseNode) error {
		val, err := n.GetCollectionOfObjectValues(CreateDriveItemFromDiscriminatorValue)
		_, _ = val, err
		return nil
	}
	return res
}

type DriveItem struct {
	Entity
}

func (m *DriveItem) GetFieldDeserializers() map[string]func(s.ParseNode) error {
	res := m.Entity.GetFieldDeserializers()
	res["content"] = func(n s.ParseNode) error {
		val, err := n.GetByteArrayValue()
		_, _ = val, err
		return nil
	}
	return res
}

type ReferenceCreate struct {
	backingStore any
}

func (m *ReferenceCreate) GetFieldDeserializers() map[string]func(s.ParseNode) error {
	res := make(map[string]func(s.ParseNode) error)
	res["@odata.id"] = func(n s.ParseNode) error {
		val, err := n.GetStringValue()
		_, _ = val, err
		return nil
	}
	return res
}

type ReferenceUpdate struct {
	backingStore any
}

func (m *ReferenceUpdate) GetFieldDeserializers() map[string]func(s.ParseNode) error {
	res := make(map[string]func(s.ParseNode) error)
	res["@odata.id"] = func(n s.ParseNode) error {
		val, err := n.GetStringValue()
		_, _ = val, err
		return nil
	}
	return res
}
