package accounting

import (
	"fmt"
	"log/slog"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/privacy"
)

// Contact details and tax numbers are personal data: Contact, ContactInfo,
// Employee and EmployeeInfo print them masked through fmt (every verb) and
// log them masked as slog values (e-mail addresses as "****@domain", phone
// and tax numbers as "****" plus the last four characters, street lines and
// postal codes as [REDACTED]); package logmask applies the same to values
// nested in containers. encoding/json is left alone.

type contactInfoView ContactInfo

func (c ContactInfo) masked() ContactInfo {
	c.TaxNumber = privacy.MaskNumber(c.TaxNumber)
	return c
}

// Format prints c with the tax number masked.
func (c ContactInfo) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "accounting.ContactInfo", contactInfoView(c.masked()))
}

// LogValue returns c with the tax number masked.
func (c ContactInfo) LogValue() slog.Value { return slog.AnyValue(contactInfoView(c.masked())) }

type contactView Contact

func (c Contact) masked() Contact {
	c.Info = c.Info.masked()
	c.Addresses = privacy.Slice(c.Addresses, basemodel.Address.Masked)
	c.Phones = privacy.Slice(c.Phones, basemodel.Phone.Masked)
	c.Emails = privacy.Slice(c.Emails, basemodel.Email.Masked)
	return c
}

// Format prints c with its contact details and tax number masked.
func (c Contact) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "accounting.Contact", contactView(c.masked()))
}

// LogValue returns c with its contact details and tax number masked.
func (c Contact) LogValue() slog.Value { return slog.AnyValue(contactView(c.masked())) }

type employeeInfoView EmployeeInfo

func (e EmployeeInfo) masked() EmployeeInfo {
	e.Phones = privacy.Slice(e.Phones, basemodel.Phone.Masked)
	e.Emails = privacy.Slice(e.Emails, basemodel.Email.Masked)
	return e
}

// Format prints e with its contact details masked.
func (e EmployeeInfo) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "accounting.EmployeeInfo", employeeInfoView(e.masked()))
}

// LogValue returns e with its contact details masked.
func (e EmployeeInfo) LogValue() slog.Value { return slog.AnyValue(employeeInfoView(e.masked())) }

type employeeView Employee

// Format prints e with its contact details masked.
func (e Employee) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "accounting.Employee", employeeView{Info: e.Info.masked()})
}

// LogValue returns e with its contact details masked.
func (e Employee) LogValue() slog.Value { return slog.AnyValue(employeeView{Info: e.Info.masked()}) }
