package crm

import "github.com/knit-sdk/knit-go/internal/transport"

// Client is the CRM handle of one integrated account, reached as
// knit.Client.Integration(id).CRM.
//
// It has no methods, on purpose. Knit documents CRM reads only as syncs
// ("How to get the list of Contacts: Syncs"), and documents no CRM read or
// write endpoint names, so there is nothing this SDK can call without
// guessing. CRM data reaches you like this instead:
//
//   - Reads: start a sync with IntegrationClient.Sync.Start (data type string
//     from your Knit dashboard), receive record.new / record.modified /
//     record.deleted events on your webhook, and decode each event's eventData
//     with DecodeContact, DecodeAccount, DecodeDeal or
//     DecodeCustomObjectRecord.
//   - Writes: IntegrationClient.Do with the Knit method name from your Knit
//     docs, or IntegrationClient.Passthrough to call the CRM's own API.
//
// The package doc shows both. Typed methods will hang off Client once Knit
// documents CRM endpoints.
type Client struct {
	s transport.Scope
}

// NewClient is used by package knit; get a Client from
// knit.Client.Integration(id).CRM instead.
func NewClient(s transport.Scope) *Client { return &Client{s: s} }
