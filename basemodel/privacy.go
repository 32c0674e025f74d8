package basemodel

import (
	"fmt"
	"log/slog"

	"github.com/knit-sdk/knit-go/internal/privacy"
)

// Contact details (e-mail addresses, phone numbers, street addresses) are
// personal data: Email, Phone and Address print masked through fmt (every
// verb, %#v included) and log masked as slog values (slog.LogValuer, which
// package logmask also applies to values nested in containers), in every
// category that uses them. encoding/json is left alone so that records can
// be stored as Knit sent them.

// ---- Email

type emailView Email

// Masked returns e with the address masked ("****@example.com").
func (e Email) Masked() Email {
	e.Email = privacy.MaskEmail(e.Email)
	return e
}

// Format prints e with the address masked.
func (e Email) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "basemodel.Email", emailView(e.Masked()))
}

// LogValue returns e as a group with the address masked.
func (e Email) LogValue() slog.Value {
	return slog.GroupValue(slog.String("type", string(e.Type)), slog.String("email", privacy.MaskEmail(e.Email)))
}

// ---- Phone

type phoneView Phone

// Masked returns p with the numbers masked ("****4567").
func (p Phone) Masked() Phone {
	p.PhoneNumber, p.AltNumber = privacy.MaskNumber(p.PhoneNumber), privacy.MaskNumber(p.AltNumber)
	return p
}

// Format prints p with the numbers masked.
func (p Phone) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "basemodel.Phone", phoneView(p.Masked()))
}

// LogValue returns p as a group with the number masked.
func (p Phone) LogValue() slog.Value {
	return slog.GroupValue(slog.String("type", string(p.Type)), slog.String("phoneNumber", privacy.MaskNumber(p.Number())))
}

// ---- Address

type addressView Address

// Masked returns a with the street lines and the postal code masked; the
// city, state and country stay.
func (a Address) Masked() Address {
	a.AddressLine1, a.AddressLine2, a.ZipCode = privacy.MaskText(a.AddressLine1), privacy.MaskText(a.AddressLine2), privacy.MaskText(a.ZipCode)
	return a
}

// Format prints a with the street lines and the postal code masked.
func (a Address) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "basemodel.Address", addressView(a.Masked()))
}

// LogValue returns a as a group with the street lines and the postal code
// masked.
func (a Address) LogValue() slog.Value {
	m := a.Masked()
	return slog.GroupValue(
		slog.String("id", m.ID),
		slog.String("addressLine1", m.AddressLine1),
		slog.String("addressLine2", m.AddressLine2),
		slog.String("city", m.City),
		slog.String("state", m.State),
		slog.String("country", m.Country),
		slog.String("zipCode", m.ZipCode),
		slog.String("addressType", string(m.AddressType)),
	)
}
