package accounting

import "github.com/knit-sdk/knit-go/internal/transport"

// Client reaches the Accounting operations of one integrated account. Get one
// from knit.Client.Integration(id).Accounting; it is safe for concurrent use.
//
// Accounting reads arrive by sync (DataTypeInvoices; accounts and contacts
// sync automatically): Knit's docs reference on-demand read APIs but not
// their method names, so there are no List methods. Decode sync events with
// DecodeAccount, DecodeInvoice and DecodeEmployee.
type Client struct {
	// Invoices creates invoices and bills.
	Invoices *InvoiceService
}

// NewClient is used by package knit; get a Client from
// knit.Client.Integration(id).Accounting instead.
func NewClient(s transport.Scope) *Client {
	return &Client{Invoices: &InvoiceService{s: s}}
}
