package crm

import (
	"bytes"
	"fmt"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// Model IDs to pass in knit.SyncStartParams.Models, as Knit's contact,
// account, deal and custom-object data-model pages document them. The event data
// key each one fills in a record's eventData is noted next to it.
const (
	ModelContactInfo         = "crm_contact_info"          // info
	ModelContactAddresses    = "crm_contact_addresses"     // addresses
	ModelContactPhones       = "crm_contact_phones"        // phones
	ModelContactEmails       = "crm_contact_emails"        // emails
	ModelContactCustomFields = "crm_contact_custom_fields" // customFields

	ModelAccountInfo         = "crm_account_info"          // info
	ModelAccountAddresses    = "crm_account_addresses"     // addresses
	ModelAccountPhones       = "crm_account_phones"        // phones
	ModelAccountContacts     = "crm_account_contacts"      // contacts
	ModelAccountCustomFields = "crm_account_custom_fields" // customFields

	ModelDealInfo     = "crm_deal_info"     // info
	ModelDealStage    = "crm_deal_stage"    // stage
	ModelDealAccounts = "crm_deal_accounts" // accounts
	ModelDealContacts = "crm_deal_contacts" // contacts

	ModelRecordInfo   = "crm_record_info"   // info
	ModelRecordFields = "crm_record_fields" // fields
)

// Knit documents "User Mapped Fields" (event data key userMappedFields, the
// field mappings of your dashboard's mapping presets) without a model ID, so
// there is no Model constant for it.

// PersonAccount says whether a CRM account is a person account (Salesforce
// person accounts have an account and a contact and no company).
type PersonAccount string

// PersonAccount values, as Knit documents them.
const (
	PersonAccountTrue         PersonAccount = "TRUE"
	PersonAccountFalse        PersonAccount = "FALSE"
	PersonAccountNotSpecified PersonAccount = basemodel.NotSpecified
)

// UnmarshalJSON accepts Knit's string enum, and also a JSON boolean (mapped
// to TRUE / FALSE) so that a connector sending a real boolean does not break
// decoding. Unknown strings are kept as sent.
func (p *PersonAccount) UnmarshalJSON(b []byte) error {
	switch string(bytes.TrimSpace(b)) {
	case "true":
		*p = PersonAccountTrue
		return nil
	case "false":
		*p = PersonAccountFalse
		return nil
	case "null":
		*p = ""
		return nil
	}
	var s string
	if err := knitjson.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("crm: isPersonAccount: want \"TRUE\", \"FALSE\" or \"NOT_SPECIFIED\", got %.40s", b)
	}
	*p = PersonAccount(s)
	return nil
}

// Bool returns (true, true) for TRUE, (false, true) for FALSE and
// (false, false) when Knit does not know.
func (p PersonAccount) Bool() (value, known bool) {
	switch p {
	case PersonAccountTrue:
		return true, true
	case PersonAccountFalse:
		return false, true
	}
	return false, false
}

// DealStatus is the state of a deal.
type DealStatus string

// DealStatus values: Knit documents OPEN, WON and LOST; NOT_SPECIFIED is
// Knit's catch-all for every enum.
const (
	DealStatusOpen         DealStatus = "OPEN"
	DealStatusWon          DealStatus = "WON"
	DealStatusLost         DealStatus = "LOST"
	DealStatusNotSpecified DealStatus = basemodel.NotSpecified
)

// CustomFields holds the custom, auto-populated and calculated fields of the
// source CRM (models crm_contact_custom_fields, crm_account_custom_fields).
// Knit documents the account shape as {"fields": {name: value}}; the contact
// shape is not shown, so an object without a "fields" key is taken as the
// field map itself. Values are kept as raw JSON.
type CustomFields struct {
	// Fields maps the CRM's field name to its value, as raw JSON.
	Fields basemodel.RawFields `json:"fields"`
}

// UnmarshalJSON decodes {"fields": {...}} or a flat object of fields; null
// leaves Fields nil.
func (c *CustomFields) UnmarshalJSON(b []byte) error {
	var obj basemodel.RawFields
	if err := knitjson.Unmarshal(b, &obj); err != nil {
		return fmt.Errorf("crm: customFields: want a JSON object: %w", err)
	}
	if obj == nil {
		c.Fields = nil
		return nil
	}
	if inner, ok := obj[keyFields]; ok && len(obj) == 1 {
		var fields basemodel.RawFields
		if err := knitjson.Unmarshal(inner, &fields); err == nil {
			c.Fields = fields
			return nil
		}
	}
	c.Fields = obj
	return nil
}

// keyFields is the JSON key of CustomFields' inner map.
const keyFields = "fields"
