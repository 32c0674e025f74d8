package knittest

import (
	"fmt"
	"time"

	"github.com/knit-sdk/knit-go/basemodel"
)

// ledgerAccount is one chart-of-accounts entry keyed like Knit's documented
// accounts model (`info`).
type ledgerAccount struct {
	Info ledgerAccountInfo `json:"info"`
}

// ledgerAccountInfo is the `info` model of a ledger account. Type uses
// Knit's documented spelling, including "LIBALITY" (sic).
type ledgerAccountInfo struct {
	ID               string            `json:"id"`
	Name             string            `json:"name"`
	Category         string            `json:"category"`
	Type             string            `json:"type"`
	Description      string            `json:"description"`
	AccountNumber    string            `json:"accountNumber"`
	Status           string            `json:"status"`
	CurrentBalance   basemodel.Decimal `json:"currentBalance"`
	CompanyID        string            `json:"companyId"`
	LinkedCompanyIDs []string          `json:"linkedCompanyIds"`
	Currency         string            `json:"currency"`
	ParentAccountID  *string           `json:"parentAccountId"`
	CreatedAt        string            `json:"createdAt"`
	UpdatedAt        string            `json:"updatedAt"`
}

// invoice is one invoice or bill keyed like the eventData of an
// `accounting_invoices` sync (the Event Data Keys Knit documents).
type invoice struct {
	Info      invoiceInfo `json:"info"`
	LineItems []lineItem  `json:"lineItems"`
	Addresses []address   `json:"addresses"`
	Payments  []payment   `json:"payments"`
}

// invoiceInfo is the `info` model of an invoice.
type invoiceInfo struct {
	ID               string            `json:"id"`
	InvoiceNumber    string            `json:"invoiceNumber"`
	CreatedAt        string            `json:"createdAt"`
	UpdatedAt        string            `json:"updatedAt"`
	Type             string            `json:"type"`
	IssueDate        string            `json:"issueDate"`
	DueDate          string            `json:"dueDate"`
	PaidOnDate       *string           `json:"paidOnDate"`
	TotalAmount      basemodel.Decimal `json:"totalAmount"`
	RemainingAmount  basemodel.Decimal `json:"remainingAmount"`
	TotalDiscount    basemodel.Decimal `json:"totalDiscount"`
	TotalTax         basemodel.Decimal `json:"totalTax"`
	ContactID        string            `json:"contactId"`
	CompanyID        string            `json:"companyId"`
	LinkedCompanyIDs []string          `json:"linkedCompanyIds"`
	Description      string            `json:"description"`
	Currency         string            `json:"currency"`
	ExchangeRate     basemodel.Decimal `json:"exchangeRate"`
	Status           string            `json:"status"`
}

// lineItem is one invoice line.
type lineItem struct {
	LineItemID   string            `json:"lineItemId"`
	ItemID       string            `json:"itemId"`
	ItemCode     string            `json:"itemCode"`
	ItemName     string            `json:"itemName"`
	Description  string            `json:"description"`
	Quantity     basemodel.Decimal `json:"quantity"`
	UnitRate     basemodel.Decimal `json:"unitRate"`
	DiscountRate basemodel.Decimal `json:"discountRate"`
	Amount       basemodel.Decimal `json:"amount"`
	AccountID    string            `json:"accountId"`
}

// payment is one payment against an invoice or bill.
type payment struct {
	ID              string            `json:"id"`
	Date            string            `json:"date"`
	Amount          basemodel.Decimal `json:"amount"`
	Mode            string            `json:"mode"`
	ReferenceNumber string            `json:"referenceNumber"`
	InvoiceID       string            `json:"invoiceId"`
	PaymentLinkedTo string            `json:"paymentLinkedTo"`
}

const invoiceCount = 300

// rateOne is the exchange rate of every generated record: the JSON string
// "1.0", as in Knit's examples.
func rateOne() basemodel.Decimal {
	d, _ := basemodel.NewDecimal("1.0") // valid text: cannot fail
	return d.Quoted()
}

// chart is a 40-entry chart of accounts: name, type, category. It is
// generated once per company (US and EU), giving 80 ledger accounts.
var chart = [][3]string{
	{"Operating Bank Account", "ASSET", "BANK_ACCOUNT"}, {"Payroll Bank Account", "ASSET", "BANK_ACCOUNT"}, {"Savings Account", "ASSET", "BANK_ACCOUNT"},
	{"Petty Cash", "ASSET", "LEDGER_ACCOUNT"}, {"Accounts Receivable", "ASSET", "LEDGER_ACCOUNT"}, {"Prepaid Expenses", "ASSET", "LEDGER_ACCOUNT"},
	{"Inventory", "ASSET", "LEDGER_ACCOUNT"}, {"Computer Equipment", "ASSET", "LEDGER_ACCOUNT"}, {"Office Equipment", "ASSET", "LEDGER_ACCOUNT"},
	{"Accumulated Depreciation", "ASSET", "LEDGER_ACCOUNT"}, {"Accounts Payable", "LIBALITY", "LEDGER_ACCOUNT"}, {"Accrued Liabilities", "LIBALITY", "LEDGER_ACCOUNT"},
	{"Sales Tax Payable", "LIBALITY", "LEDGER_ACCOUNT"}, {"Payroll Liabilities", "LIBALITY", "LEDGER_ACCOUNT"}, {"Deferred Revenue", "LIBALITY", "LEDGER_ACCOUNT"},
	{"Credit Card", "LIBALITY", "BANK_ACCOUNT"}, {"Long-term Loan", "LIBALITY", "LEDGER_ACCOUNT"}, {"Owner's Equity", "EQUITY", "LEDGER_ACCOUNT"},
	{"Retained Earnings", "EQUITY", "LEDGER_ACCOUNT"}, {"Common Stock", "EQUITY", "LEDGER_ACCOUNT"}, {"Subscription Revenue", "REVENUE", "LEDGER_ACCOUNT"},
	{"Professional Services Revenue", "REVENUE", "LEDGER_ACCOUNT"}, {"Training Revenue", "REVENUE", "LEDGER_ACCOUNT"}, {"Support Revenue", "REVENUE", "LEDGER_ACCOUNT"},
	{"Interest Income", "REVENUE", "LEDGER_ACCOUNT"}, {"Cost of Goods Sold", "EXPENSE", "LEDGER_ACCOUNT"}, {"Hosting", "EXPENSE", "LEDGER_ACCOUNT"},
	{"Software Subscriptions", "EXPENSE", "LEDGER_ACCOUNT"}, {"Salaries", "EXPENSE", "LEDGER_ACCOUNT"}, {"Payroll Taxes", "EXPENSE", "LEDGER_ACCOUNT"},
	{"Rent", "EXPENSE", "LEDGER_ACCOUNT"}, {"Utilities", "EXPENSE", "LEDGER_ACCOUNT"}, {"Travel", "EXPENSE", "LEDGER_ACCOUNT"},
	{"Meals & Entertainment", "EXPENSE", "LEDGER_ACCOUNT"}, {"Advertising", "EXPENSE", "LEDGER_ACCOUNT"}, {"Legal Fees", "EXPENSE", "LEDGER_ACCOUNT"},
	{"Accounting Fees", "EXPENSE", "LEDGER_ACCOUNT"}, {"Insurance", "EXPENSE", "LEDGER_ACCOUNT"}, {"Office Supplies", "EXPENSE", "LEDGER_ACCOUNT"},
	{"Bank Fees", "EXPENSE", "LEDGER_ACCOUNT"},
}

var invoiceItems = [][2]string{
	{"Platform subscription (annual)", "SUB-ANNUAL"}, {"Platform subscription (monthly)", "SUB-MONTHLY"}, {"Implementation services", "SVC-IMPL"},
	{"Premium support", "SUP-PREM"}, {"Admin training session", "TRN-ADMIN"}, {"Additional seats", "SEAT-ADD"},
}

var billItems = [][2]string{
	{"Cloud hosting", "HOST"}, {"Office rent", "RENT"}, {"Legal advice", "LEGAL"}, {"Laptops", "HW-LAPTOP"}, {"Team offsite", "TRAVEL"}, {"Ad campaign", "ADS"},
}

func genAccounting(g *gen, d *dataset) {
	type co struct{ id, currency string }
	var revenue, expense = map[string][]string{}, map[string][]string{}
	for ci, c := range []co{{"co_us", "USD"}, {"co_eu", "EUR"}} {
		for k, a := range chart {
			id := fmt.Sprintf("LA%d%03d", ci+1, k+1)
			created := time.Date(2019+ci, 1, 2, 9, 0, 0, 0, time.UTC)
			la := &ledgerAccount{Info: ledgerAccountInfo{
				ID: id, Name: a[0], Type: a[1], Category: a[2], Description: a[0] + " (" + c.id + ")",
				AccountNumber: fmt.Sprintf("%d%03d", map[string]int{"ASSET": 1, "LIBALITY": 2, "EQUITY": 3, "REVENUE": 4, "EXPENSE": 5}[a[1]], k*10),
				Status:        "ACTIVE", CurrentBalance: cents(g.money(0, 500000)), CompanyID: c.id, LinkedCompanyIDs: []string{c.id},
				Currency: c.currency, CreatedAt: timeStr(created), UpdatedAt: timeStr(g.daysBefore(0, 90)),
			}}
			if k%13 == 12 {
				la.Info.Status = "INACTIVE"
			}
			d.ledger = append(d.ledger, la)
			switch a[1] {
			case "REVENUE":
				revenue[c.id] = append(revenue[c.id], id)
			case "EXPENSE":
				expense[c.id] = append(expense[c.id], id)
			}
		}
	}
	statuses := []string{"PAID", "PAID", "PAID", "PAID", "PARTIALLY_PAID", "OPEN", "OPEN", "OVERDUE", "DRAFT", "VOID"}
	for i := range invoiceCount {
		c := []co{{"co_us", "USD"}, {"co_eu", "EUR"}}[g.intn(2)]
		typ, items, accs := "INVOICE", invoiceItems, revenue[c.id]
		if g.chance(0.3) {
			typ, items, accs = "BILL", billItems, expense[c.id]
		}
		issue := g.daysBefore(0, 365)
		id := fmt.Sprintf("INV%05d", 1+i)
		inv := &invoice{Info: invoiceInfo{
			ID: id, InvoiceNumber: fmt.Sprintf("%s-%d-%04d", map[string]string{"INVOICE": "INV", "BILL": "BILL"}[typ], issue.Year(), 1+i),
			CreatedAt: timeStr(issue.Add(10 * time.Hour)), UpdatedAt: timeStr(issue.AddDate(0, 0, 2).Add(10 * time.Hour)), Type: typ,
			IssueDate: dateStr(issue), DueDate: dateStr(issue.AddDate(0, 0, 30)), ContactID: fmt.Sprintf("ACON%03d", 1+g.intn(60)),
			CompanyID: c.id, LinkedCompanyIDs: []string{c.id}, Currency: c.currency, ExchangeRate: rateOne(), Status: statuses[g.intn(len(statuses))],
		}}
		var subtotal int64 // cents
		for k := range 1 + g.intn(4) {
			it := items[g.intn(len(items))]
			qty := int64(1 + g.intn(10))
			rate := g.money(50, 5000)
			amt := qty * rate
			subtotal += amt
			inv.LineItems = append(inv.LineItems, lineItem{
				LineItemID: fmt.Sprintf("%s-L%d", id, k+1), ItemID: "itm_" + it[1], ItemCode: it[1], ItemName: it[0], Description: it[0],
				Quantity: basemodel.DecimalFromInt(qty), UnitRate: cents(rate), DiscountRate: basemodel.DecimalFromInt(0), Amount: cents(amt), AccountID: accs[g.intn(len(accs))],
			})
		}
		taxBP := map[string]int64{"USD": 800, "EUR": 1900}[c.currency] // basis points
		tax := mulDiv(subtotal, taxBP, 10000)
		total := subtotal + tax
		inv.Info.TotalTax, inv.Info.TotalDiscount = cents(tax), cents(0)
		inv.Info.TotalAmount, inv.Info.RemainingAmount = cents(total), cents(total)
		inv.Info.Description = fmt.Sprintf("%s for %s", inv.LineItems[0].ItemName, inv.Info.ContactID)
		o := offices[map[string]int{"co_us": 1, "co_eu": 4}[c.id]]
		inv.Addresses = []address{{AddressLine1: fmt.Sprintf("%d %s", 1+g.intn(999), g.pick(streets)), City: o[2], State: o[3], Country: o[4], ZipCode: o[5], AddressType: "WORK"}}
		linked := map[string]string{"INVOICE": "INVOICE", "BILL": "BILL"}[typ]
		switch inv.Info.Status {
		case "PAID":
			paid := issue.AddDate(0, 0, 5+g.intn(25))
			p := dateStr(paid)
			inv.Info.PaidOnDate, inv.Info.RemainingAmount = &p, cents(0)
			inv.Payments = []payment{{ID: id + "-P1", Date: p, Amount: inv.Info.TotalAmount, Mode: g.pick([]string{"ELECTRONIC_TRANSFER", "ELECTRONIC_TRANSFER", "CHEQUE", "CASH"}),
				ReferenceNumber: fmt.Sprintf("REF%08d", g.intn(1e8)), InvoiceID: id, PaymentLinkedTo: linked}}
		case "PARTIALLY_PAID":
			part := mulDiv(total, 1, 2)
			inv.Info.RemainingAmount = cents(total - part)
			inv.Payments = []payment{{ID: id + "-P1", Date: dateStr(issue.AddDate(0, 0, 10)), Amount: cents(part), Mode: "ELECTRONIC_TRANSFER",
				ReferenceNumber: fmt.Sprintf("REF%08d", g.intn(1e8)), InvoiceID: id, PaymentLinkedTo: linked}}
		}
		d.invoices = append(d.invoices, inv)
	}
}
