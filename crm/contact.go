package crm

import (
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/eventdata"
)

// Contact is a person associated with an account, as delivered in a sync
// event's eventData, as Knit documents it
// (https://developers.getknit.dev/reference/contact-data-models). Each field
// is filled only when its model was subscribed to.
type Contact struct {
	// Info is model crm_contact_info.
	Info ContactInfo `json:"info"`
	// Addresses is model crm_contact_addresses.
	Addresses []basemodel.Address `json:"addresses"`
	// Phones is model crm_contact_phones.
	Phones []basemodel.Phone `json:"phones"`
	// Emails is model crm_contact_emails.
	Emails []basemodel.Email `json:"emails"`
	// CustomFields is model crm_contact_custom_fields.
	CustomFields CustomFields `json:"customFields"`
	// UserMappedFields holds the fields mapped in your dashboard's mapping
	// presets, keyed by the name you gave them, as raw JSON.
	UserMappedFields basemodel.RawFields `json:"userMappedFields,omitempty"`
}

// ContactInfo is model crm_contact_info.
type ContactInfo struct {
	// ID is the contact's ID in the CRM.
	ID          string `json:"id"`
	FirstName   string `json:"firstName,omitempty"`
	LastName    string `json:"lastName,omitempty"`
	Description string `json:"description,omitempty"`
	Industry    string `json:"industry,omitempty"`
	JobTitle    string `json:"jobTitle,omitempty"`
	// Owner is the CRM user who owns the contact.
	Owner basemodel.User `json:"owner"`
	// CreatedBy is the CRM user who created the contact.
	CreatedBy      basemodel.User     `json:"createdBy"`
	UpdatedAt      basemodel.DateTime `json:"updatedAt,omitempty"`
	CreatedAt      basemodel.DateTime `json:"createdAt,omitempty"`
	LastActivityAt basemodel.DateTime `json:"lastActivityAt,omitempty"`
	// AccountID is the ID of the account the contact belongs to (Knit's
	// key is "account").
	AccountID string `json:"account,omitempty"`
}

// DecodeContact decodes a sync event's eventData (the object keyed by event
// data key: info, addresses, phones, emails, customFields, userMappedFields)
// into a Contact. Unknown keys are ignored, missing or null models stay
// empty; input that is not a JSON object is an error.
func DecodeContact(eventData []byte) (*Contact, error) {
	return eventdata.Decode[Contact]("crm.Contact", eventData)
}
