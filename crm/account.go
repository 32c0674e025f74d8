package crm

import (
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/eventdata"
)

// Account is an organisation or person your user does business with, as
// delivered in a sync event's eventData, as Knit documents it
// (https://developers.getknit.dev/reference/account-data-models). Each field
// is filled only when its model was subscribed to.
type Account struct {
	// Info is model crm_account_info.
	Info AccountInfo `json:"info"`
	// Addresses is model crm_account_addresses.
	Addresses []basemodel.Address `json:"addresses"`
	// Phones is model crm_account_phones.
	Phones []basemodel.Phone `json:"phones"`
	// Contacts is model crm_account_contacts: the IDs of the account's
	// contacts, when the account is an organisation.
	Contacts []string `json:"contacts"`
	// CustomFields is model crm_account_custom_fields.
	CustomFields CustomFields `json:"customFields"`
	// UserMappedFields holds the fields mapped in your dashboard's mapping
	// presets, as raw JSON.
	UserMappedFields basemodel.RawFields `json:"userMappedFields,omitempty"`
}

// AccountInfo is model crm_account_info.
type AccountInfo struct {
	// ID is the account's ID in the CRM.
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	Industry    string `json:"industry,omitempty"`
	Website     string `json:"website,omitempty"`
	// NumberOfEmployees is a string in Knit's model (some CRMs hold ranges).
	NumberOfEmployees string `json:"numberOfEmployees,omitempty"`
	// Owner is the CRM user who owns the account.
	Owner basemodel.User `json:"owner"`
	// CreatedBy is the CRM user who created the account.
	CreatedBy        basemodel.User     `json:"createdBy"`
	SocialMediaLinks []string           `json:"socialMediaLinks"`
	UpdatedAt        basemodel.DateTime `json:"updatedAt,omitempty"`
	CreatedAt        basemodel.DateTime `json:"createdAt,omitempty"`
	LastActivityAt   basemodel.DateTime `json:"lastActivityAt,omitempty"`
	// IsPersonAccount tells a person account (TRUE) from an organisation
	// (FALSE); see PersonAccount.Bool.
	IsPersonAccount PersonAccount `json:"isPersonAccount,omitempty"`
}

// DecodeAccount decodes a sync event's eventData (keys info, addresses,
// phones, contacts, customFields, userMappedFields) into an Account. Unknown
// keys are ignored, missing or null models stay empty; input that is not a
// JSON object is an error.
func DecodeAccount(eventData []byte) (*Account, error) {
	return eventdata.Decode[Account]("crm.Account", eventData)
}
