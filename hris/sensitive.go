package hris

import "encoding/json"

// The models in this file carry financial or identity data. Each prints
// masked through fmt and log/slog (see privacy.go); encoding/json keeps the
// real values.

// BankAccount is one entry of the employee_bankAccount model, in the shape
// seen in third-party code calling Knit. AccountNumber and routing numbers
// are masked when printed.
type BankAccount struct {
	AccountNumber string        `json:"accountNumber,omitempty"`
	AccountType   AccountType   `json:"accountType,omitempty"`
	BankName      string        `json:"bankName,omitempty"`
	RoutingInfo   []RoutingInfo `json:"routingInfo,omitempty"`
	PayTypes      []PayType     `json:"payTypes,omitempty"`
}

// RoutingInfo is a bank routing code (routing number, IBAN, SWIFT, IFSC...).
type RoutingInfo struct {
	Type   RoutingType `json:"type,omitempty"`
	Number string      `json:"number,omitempty"`
}

// Identification is one entry of the employee_identification model, e.g. a
// passport or national ID, in the shape seen in third-party code calling
// Knit. IdentificationNumber is masked when printed.
type Identification struct {
	Type                 IDType `json:"type,omitempty"`
	SubType              string `json:"subType,omitempty"`
	IdentificationNumber string `json:"identificationNumber,omitempty"`
}

// KYC is the employee_kycDocuments model: Indian Aadhaar and PAN numbers
// with document URLs, in the shape seen in third-party code calling Knit.
// All fields are masked when printed.
type KYC struct {
	AadharNumber string `json:"aadharNumber,omitempty"`
	AadharURL    string `json:"aadharURL,omitempty"`
	PanNumber    string `json:"panNumber,omitempty"`
	PanURL       string `json:"panURL,omitempty"`
}

// Compensation is the employee_compensation model. Knit's docs name the
// model but not its fields, so the whole value is kept
// in Raw (never dropped); Decode it into your own type. It prints as
// [REDACTED].
type Compensation struct {
	Raw json.RawMessage
}

// UnmarshalJSON keeps b as Raw.
func (c *Compensation) UnmarshalJSON(b []byte) error { c.Raw = cloneRaw(b); return nil }

// MarshalJSON returns Raw (null when empty).
func (c Compensation) MarshalJSON() ([]byte, error) { return rawOrNull(c.Raw), nil }

// Decode unmarshals Raw into v as encoding/json.Unmarshal does.
func (c Compensation) Decode(v any) error { return decodeRaw("hris.Compensation", c.Raw, v) }

// Deductions is the employee_deductions model (benefits and deductions).
// Knit does not document its fields, so the whole value is kept in Raw; Decode it into
// your own type. It prints as [REDACTED].
type Deductions struct {
	Raw json.RawMessage
}

// UnmarshalJSON keeps b as Raw.
func (d *Deductions) UnmarshalJSON(b []byte) error { d.Raw = cloneRaw(b); return nil }

// MarshalJSON returns Raw (null when empty).
func (d Deductions) MarshalJSON() ([]byte, error) { return rawOrNull(d.Raw), nil }

// Decode unmarshals Raw into v as encoding/json.Unmarshal does.
func (d Deductions) Decode(v any) error { return decodeRaw("hris.Deductions", d.Raw, v) }

// W4 is the employee_w4 model (US W-4 withholding data). Knit does not
// document its fields, so the whole value is kept in Raw; Decode it into your own type.
// It prints as [REDACTED].
type W4 struct {
	Raw json.RawMessage
}

// UnmarshalJSON keeps b as Raw.
func (w *W4) UnmarshalJSON(b []byte) error { w.Raw = cloneRaw(b); return nil }

// MarshalJSON returns Raw (null when empty).
func (w W4) MarshalJSON() ([]byte, error) { return rawOrNull(w.Raw), nil }

// Decode unmarshals Raw into v as encoding/json.Unmarshal does.
func (w W4) Decode(v any) error { return decodeRaw("hris.W4", w.Raw, v) }
