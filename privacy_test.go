package knit_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/crm"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/logmask"
)

// TestPersonalDataMaskedInEveryCategory: only HRIS masked (and not an
// employee's personal e-mails and phones); ats.Candidate and
// applications, crm.Contact, accounting.Contact (tax number included) and
// accounting.Employee printed e-mails, phone numbers, addresses and tax
// numbers through fmt and every slog handler. Each now prints them masked
// through every fmt verb, slog's text and JSON handlers and logmask inside
// containers, while encoding/json stays complete.
func TestPersonalDataMaskedInEveryCategory(t *testing.T) {
	t.Parallel()
	const (
		email  = "ada.lovelace@example.com"
		phone  = "+44 20 7946 0958"
		street = "12 Analytical Row"
		zip    = "EC1A 1BB"
		taxNo  = "GB123456789"
		place  = "Marylebone, London"
	)
	secrets := []string{"ada.lovelace", "7946", street, zip, "GB12345", "Marylebone"}
	emails := []basemodel.Email{{Type: "PERSONAL", Email: email}}
	phones := []basemodel.Phone{{Type: "PERSONAL", PhoneNumber: phone}}
	addresses := []basemodel.Address{{AddressLine1: street, City: "London", ZipCode: zip}}
	candidate := ats.CandidateInfo{ID: "c1", FirstName: "Ada", Emails: emails, Phones: phones, Location: place}
	records := map[string]any{
		"ats.Candidate":          ats.Candidate{Info: candidate, Locations: json.RawMessage(`{"address":"` + street + `"}`)},
		"ats.CandidateInfo":      candidate,
		"ats.Application":        ats.Application{Info: ats.ApplicationInfo{ID: "a1", Candidate: candidate}},
		"ats.ApplicationInfo":    ats.ApplicationInfo{ID: "a1", Candidate: candidate},
		"crm.Contact":            crm.Contact{Info: crm.ContactInfo{ID: "k1"}, Addresses: addresses, Phones: phones, Emails: emails},
		"accounting.Contact":     accounting.Contact{Info: accounting.ContactInfo{ID: "v1", TaxNumber: taxNo}, Addresses: addresses, Phones: phones, Emails: emails},
		"accounting.ContactInfo": accounting.ContactInfo{ID: "v1", TaxNumber: taxNo},
		"accounting.Employee":    accounting.Employee{Info: accounting.EmployeeInfo{ID: "e1", Emails: emails, Phones: phones}},
		"basemodel.Address":      addresses[0],
		"hris.ContactInfo":       hris.ContactInfo{PersonalEmails: []string{email}, Phones: phones},
		"hris.Employee":          hris.Employee{Profile: &hris.Profile{ID: "E1"}, ContactInfo: &hris.ContactInfo{PersonalEmails: []string{email}, Phones: phones}},
	}
	for name, rec := range records {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var texts []string
			for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
				texts = append(texts, fmt.Sprintf(verb, rec), fmt.Sprintf(verb, []any{rec}), fmt.Sprintf(verb, map[string]any{"r": rec}),
					fmt.Sprintf(verb, struct{ R any }{rec}))
			}
			// Without the time, whose digits could hold a secret's ("…7946Z").
			noTime := &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
				if len(groups) == 0 && a.Key == slog.TimeKey {
					return slog.Attr{}
				}
				return a
			}}
			maskedNoTime := &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
				return logmask.ReplaceAttr(groups, noTime.ReplaceAttr(groups, a))
			}}
			var text, js, masked bytes.Buffer
			slog.New(slog.NewTextHandler(&text, noTime)).Info("x", "r", rec)
			slog.New(slog.NewJSONHandler(&js, noTime)).Info("x", "r", rec)
			slog.New(slog.NewJSONHandler(&masked, maskedNoTime)).Info("x", "nested", []any{rec}, "m", map[string]any{"r": rec})
			texts = append(texts, text.String(), js.String(), masked.String())
			for _, s := range texts {
				for _, secret := range secrets {
					assert.NotContains(t, s, secret)
				}
			}
			out, err := json.Marshal(rec)
			require.NoError(t, err)
			found := false
			for _, secret := range secrets {
				found = found || bytes.Contains(out, []byte(secret))
			}
			assert.True(t, found, "encoding/json stays complete: %s", out)
		})
	}
}
