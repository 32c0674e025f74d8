package accounting

import (
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/eventdata"
	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// Contact is a customer or vendor of the accounting app, as delivered in a
// sync event's eventData, as Knit documents it
// (https://developers.getknit.dev/reference/contacts). Knit syncs contacts
// automatically after an integration. Each field is filled only when its
// model was subscribed to.
type Contact struct {
	// Info is model accounting_contact_info.
	Info ContactInfo `json:"info"`
	// Addresses is model accounting_contact_addresses.
	Addresses []basemodel.Address `json:"addresses"`
	// Phones is model accounting_contact_phones.
	Phones []basemodel.Phone `json:"phones"`
	// Emails is model accounting_contact_emails.
	Emails []basemodel.Email `json:"emails"`
	// Users is model accounting_contact_users: the persons associated with
	// the contact (Knit's base User model).
	Users []basemodel.User `json:"users"`
}

// ContactInfo is model accounting_contact_info. Knit's page has two
// versions of the table: the current one (contactType, companyId, a string
// currency, the status values below) and an older one (type, company);
// ContactInfo decodes both and re-encodes with the current names.
type ContactInfo struct {
	// ID is the contact's ID in the accounting app.
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// ContactType tells customers from vendors (older key "type").
	ContactType ContactType        `json:"contactType,omitempty"`
	CreatedAt   basemodel.DateTime `json:"createdAt,omitempty"`
	UpdatedAt   basemodel.DateTime `json:"updatedAt,omitempty"`
	Status      ContactStatus      `json:"status,omitempty"`
	// AccountNumber is the contact's account number in the app.
	AccountNumber string `json:"accountNumber,omitempty"`
	// CompanyID is the company (subsidiary) the contact belongs to (older
	// key "company").
	CompanyID string `json:"companyId,omitempty"`
	// LinkedCompanyIDs lists the companies of multi-subsidiary apps such as
	// NetSuite.
	LinkedCompanyIDs []string `json:"linkedCompanyIds"`
	// Currency is an ISO 4217 code, e.g. "USD".
	Currency string `json:"currency,omitempty"`
	// TaxNumber is the contact's tax ID (GST, VAT...).
	TaxNumber string `json:"taxNumber,omitempty"`
	// URLs are social profile and website URLs.
	URLs []string `json:"urls"`
}

// UnmarshalJSON decodes both versions of Knit's model: contactType or type,
// companyId or company (the current names win when both are present).
func (c *ContactInfo) UnmarshalJSON(b []byte) error {
	type plain ContactInfo
	var wire struct {
		plain
		Type    ContactType `json:"type"`
		Company string      `json:"company"`
	}
	if err := knitjson.Unmarshal(b, &wire); err != nil {
		return err
	}
	*c = ContactInfo(wire.plain)
	if c.ContactType == "" {
		c.ContactType = wire.Type
	}
	if c.CompanyID == "" {
		c.CompanyID = wire.Company
	}
	return nil
}

// ContactType tells customers from vendors.
type ContactType string

// ContactType values, as Knit documents them.
const (
	ContactTypeCustomer     ContactType = "CUSTOMER"
	ContactTypeVendor       ContactType = "VENDOR"
	ContactTypeNotSpecified ContactType = basemodel.NotSpecified
)

// ContactStatus is whether a contact is in use.
type ContactStatus string

// ContactStatus values, as the current version of Knit's contacts page
// documents them.
const (
	ContactStatusActive       ContactStatus = "ACTIVE"
	ContactStatusInactive     ContactStatus = "INACTIVE"
	ContactStatusNotSpecified ContactStatus = basemodel.NotSpecified
)

// DecodeContact decodes a sync event's eventData (keys info, addresses,
// phones, emails, users) into a Contact. Unknown keys are ignored, missing
// or null models stay empty; input that is not a JSON object is an error.
func DecodeContact(eventData []byte) (*Contact, error) {
	return eventdata.Decode[Contact]("accounting.Contact", eventData)
}
