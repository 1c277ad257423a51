package models

import (
	s "github.com/microsoft/kiota-abstractions-go/serialization"
)

type WorkbookRange struct {
	Entity
}

func (m *WorkbookRange) GetFieldDeserializers() map[string]func(s.ParseNode) error {
	res := m.Entity.GetFieldDeserializers()
	res["format"] = func(n s.ParseNode) error {
		val, err := n.GetObjectValue(CreateWorkbookRangeFormatFromDiscriminatorValue)
		_, _ = val, err
		return nil
	}
	return res
}

type WorkbookRangeFormat struct {
	Entity
}

func (m *WorkbookRangeFormat) GetFieldDeserializers() map[string]func(s.ParseNode) error {
	res := m.Entity.GetFieldDeserializers()
	res["font"] = func(n s.ParseNode) error {
		val, err := n.GetObjectValue(CreateWorkbookRangeFontFromDiscriminatorValue)
		_, _ = val, err
		return nil
	}
	res["fill"] = func(n s.ParseNode) error {
		val, err := n.GetObjectValue(CreateWorkbookRangeFillFromDiscriminatorValue)
		_, _ = val, err
		return nil
	}
	return res
}

type MailboxSettings struct {
}

func (m *MailboxSettings) GetFieldDeserializers() map[string]func(s.ParseNode) error {
	res := make(map[string]func(s.ParseNode) error)
	res["timeZone"] = func(n s.ParseNode) error {
		val, err := n.GetStringValue()
		_, _ = val, err
		return nil
	}
	return res
}
