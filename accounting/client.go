package accounting

import (
	"github.com/knit-sdk/knit-go/internal/categories"
	"github.com/knit-sdk/knit-go/internal/transport"
)

// Client reaches the Accounting operations of one integrated account. Get one
// from knit.Client.Integration(id).Accounting; it is safe for concurrent use.
// There is no other constructor: the client shares the knit.Client's
// transport and stamps the integration ID on every request.
//
// Accounting reads arrive by sync (DataTypeInvoices; accounts and contacts
// sync automatically): Knit's docs reference on-demand read APIs but not
// their method names, so there are no List methods. Decode sync events with
// DecodeAccount, DecodeInvoice and DecodeEmployee.
type Client struct {
	// Invoices creates invoices and bills.
	Invoices *InvoiceService

	invoices InvoiceService // what Invoices points to, allocated with the Client
}

func init() {
	categories.Accounting = func(dst any, s transport.Scope) { dst.(*Client).bind(s) }
}

// bind points c's services at the scope.
func (c *Client) bind(s transport.Scope) {
	c.invoices = InvoiceService{s: s}
	c.Invoices = &c.invoices
}
