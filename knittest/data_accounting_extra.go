package knittest

import (
	"fmt"
	"time"

	"github.com/knit-sdk/knit-go/basemodel"
)

// accountingContact is a customer or vendor keyed like the eventData of
// Knit's accounting contacts sync (the Event Data Keys of
// https://developers.getknit.dev/reference/contacts). Invoices and bills refer to
// these by Info.ID (InvoiceInfo.ContactID).
type accountingContact struct {
	Info      accountingContactInfo `json:"info"`
	Addresses []address             `json:"addresses"`
	Phones    []phone               `json:"phones"`
	Emails    []email               `json:"emails"`
	Users     []user                `json:"users"`
}

// accountingContactInfo is the `info` model of an accounting contact, with
// the current table's names (contactType, companyId).
type accountingContactInfo struct {
	ID               string   `json:"id"`
	Name             string   `json:"name"`
	ContactType      string   `json:"contactType"`
	CreatedAt        string   `json:"createdAt"`
	UpdatedAt        string   `json:"updatedAt"`
	Status           string   `json:"status"`
	AccountNumber    string   `json:"accountNumber"`
	CompanyID        string   `json:"companyId"`
	LinkedCompanyIDs []string `json:"linkedCompanyIds"`
	Currency         string   `json:"currency"`
	TaxNumber        string   `json:"taxNumber"`
	URLs             []string `json:"urls"`
}

// journalEntry is a general-ledger transaction keyed like the eventData of
// Knit's journal-entry sync (the Event Data Keys of
// https://developers.getknit.dev/reference/journal-data-models).
type journalEntry struct {
	Info      journalEntryInfo `json:"info"`
	LineItems []journalLine    `json:"lineItems"`
}

// journalEntryInfo is the `info` model of a journal entry. ExchangeRate is
// a string, as in Knit's example ("1.0").
type journalEntryInfo struct {
	ID               string            `json:"id"`
	Name             string            `json:"name"`
	Date             string            `json:"date"`
	Status           string            `json:"status"`
	CreatedAt        string            `json:"createdAt"`
	UpdatedAt        string            `json:"updatedAt"`
	Description      string            `json:"description"`
	CompanyID        string            `json:"companyId"`
	LinkedCompanyIDs []string          `json:"linkedCompanyIds"`
	Currency         string            `json:"currency"`
	ExchangeRate     basemodel.Decimal `json:"exchangeRate"`
	ReferenceNumber  string            `json:"referenceNumber"`
}

// journalLine is one debit or credit line of a journal entry.
type journalLine struct {
	ID          string            `json:"id"`
	AccountID   string            `json:"accountId"`
	ContactID   string            `json:"contactId"`
	Amount      basemodel.Decimal `json:"amount"`
	Type        string            `json:"type"`
	Description string            `json:"description"`
}

// accountingContactCount matches the ContactIDs invoices draw from
// (ACON001..ACON060).
const accountingContactCount = 60

// genAccountingExtra adds the contacts that invoices refer to and one
// journal entry per paid invoice or bill (bank against receivable or
// payable). It runs after genAccounting, on its own stream.
func genAccountingExtra(g *gen, d *dataset) {
	for i := range accountingContactCount {
		id := fmt.Sprintf("ACON%03d", 1+i)
		coID, currency, o := "co_us", "USD", offices[1]
		if i%3 == 2 {
			coID, currency, o = "co_eu", "EUR", offices[4]
		}
		typ := "CUSTOMER"
		if i%4 == 3 {
			typ = "VENDOR"
		}
		name := companies[i%len(companies)]
		domain := slug(name) + ".example.com"
		created := g.daysBefore(200, 900)
		c := &accountingContact{
			Info: accountingContactInfo{
				ID: id, Name: name, ContactType: typ, CreatedAt: timeStr(created), UpdatedAt: timeStr(created.AddDate(0, 0, 30)),
				Status: "ACTIVE", AccountNumber: fmt.Sprintf("1-%09d", g.intn(1e9)), CompanyID: coID, LinkedCompanyIDs: []string{coID},
				Currency: currency, TaxNumber: fmt.Sprintf("TAX-%06d", g.intn(1e6)), URLs: []string{"https://" + domain},
			},
			Addresses: []address{{AddressLine1: fmt.Sprintf("%d %s", 1+g.intn(999), g.pick(streets)), City: o[2], State: o[3], Country: o[4], ZipCode: o[5], AddressType: "WORK"}},
			Phones:    []phone{{Type: "WORK", PhoneNumber: g.phone(o[4])}},
			Emails:    []email{{Type: "WORK", Email: map[string]string{"CUSTOMER": "ap@", "VENDOR": "billing@"}[typ] + domain}},
			Users:     []user{},
		}
		if i%10 == 9 {
			c.Info.Status = "INACTIVE"
		}
		d.accountingContacts = append(d.accountingContacts, c)
	}
	bank := map[string]string{}
	for _, la := range d.ledger {
		if la.Info.Name == "Operating Bank Account" {
			bank[la.Info.CompanyID] = la.Info.ID
		}
	}
	other := map[string]map[string]string{} // company -> INVOICE/BILL -> receivable/payable account
	for _, la := range d.ledger {
		if other[la.Info.CompanyID] == nil {
			other[la.Info.CompanyID] = map[string]string{}
		}
		switch la.Info.Name {
		case "Accounts Receivable":
			other[la.Info.CompanyID]["INVOICE"] = la.Info.ID
		case "Accounts Payable":
			other[la.Info.CompanyID]["BILL"] = la.Info.ID
		}
	}
	n := 0
	for _, inv := range d.invoices {
		if inv.Info.Status != "PAID" || len(inv.Payments) == 0 {
			continue
		}
		n++
		p := inv.Payments[0]
		id := fmt.Sprintf("JE%05d", n)
		day, _ := time.Parse("2006-01-02", p.Date)
		status := "PUBLISHED"
		if g.chance(0.05) {
			status = "DRAFT"
		}
		bankSide, otherSide := "DEBIT", "CREDIT" // money in for an invoice
		if inv.Info.Type == "BILL" {
			bankSide, otherSide = "CREDIT", "DEBIT"
		}
		d.journal = append(d.journal, &journalEntry{
			Info: journalEntryInfo{
				ID: id, Name: "Payment " + inv.Info.InvoiceNumber, Date: timeStr(day), Status: status,
				CreatedAt: timeStr(day.Add(18 * time.Hour)), UpdatedAt: timeStr(day.Add(18 * time.Hour)),
				Description: "Settles " + inv.Info.InvoiceNumber, CompanyID: inv.Info.CompanyID, LinkedCompanyIDs: []string{inv.Info.CompanyID},
				Currency: inv.Info.Currency, ExchangeRate: rateOne(), ReferenceNumber: p.ReferenceNumber,
			},
			LineItems: []journalLine{
				{ID: id + "-L1", AccountID: bank[inv.Info.CompanyID], ContactID: inv.Info.ContactID, Amount: p.Amount, Type: bankSide, Description: "Bank"},
				{ID: id + "-L2", AccountID: other[inv.Info.CompanyID][inv.Info.Type], ContactID: inv.Info.ContactID, Amount: p.Amount, Type: otherSide, Description: inv.Info.InvoiceNumber},
			},
		})
	}
}
