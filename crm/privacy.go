package crm

import (
	"fmt"
	"log/slog"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/privacy"
)

// A contact's e-mail addresses, phone numbers and street addresses are
// personal data: Contact prints them masked through fmt (every verb) and
// logs them masked as a slog value (see basemodel.Email, Phone and Address
// for what stays visible); package logmask applies the same to values
// nested in containers. encoding/json is left alone.

type contactView Contact

func (c Contact) masked() Contact {
	c.Addresses = privacy.Slice(c.Addresses, basemodel.Address.Masked)
	c.Phones = privacy.Slice(c.Phones, basemodel.Phone.Masked)
	c.Emails = privacy.Slice(c.Emails, basemodel.Email.Masked)
	return c
}

// Format prints c with its contact details masked.
func (c Contact) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "crm.Contact", contactView(c.masked()))
}

// LogValue returns c with its contact details masked.
func (c Contact) LogValue() slog.Value { return slog.AnyValue(contactView(c.masked())) }
