package knittest

import (
	"fmt"
	"time"

	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/basemodel"
)

// Expenses and payments are kept as the SDK's own models, keyed like the
// eventData of Knit's syncs (the Event Data Keys of
// https://developers.getknit.dev/reference/expense-accounting-data-model and
// https://developers.getknit.dev/reference/payment-apis).

// expenseCount is how many expenses the playground generates.
const expenseCount = 40

// expenseCategories are the tracking categories of generated expense lines
// (category, parent).
var expenseCategories = [][2]string{{"Accessories", "Office"}, {"Travel", "Operations"}, {"Software", "Engineering"}, {"Meals", "Operations"}}

// genAccountingSpend adds expenses (vendor purchases booked to expense
// accounts) and one payment per paid invoice or bill (moving money between
// the bank and the receivable or payable account). It runs after
// genAccountingExtra, on its own stream, so earlier records stay the same.
func genAccountingSpend(g *gen, d *dataset) {
	bank, other := map[string]string{}, map[string]map[string]string{}
	expense := map[string][]string{}
	for _, la := range d.ledger {
		co := la.Info.CompanyID
		if other[co] == nil {
			other[co] = map[string]string{}
		}
		switch {
		case la.Info.Name == "Operating Bank Account":
			bank[co] = la.Info.ID
		case la.Info.Name == "Accounts Receivable":
			other[co]["INVOICE"] = la.Info.ID
		case la.Info.Name == "Accounts Payable":
			other[co]["BILL"] = la.Info.ID
		case la.Info.Type == "EXPENSE" && la.Info.Status == "ACTIVE":
			expense[co] = append(expense[co], la.Info.ID)
		}
	}
	var vendors []*accountingContact
	for _, c := range d.accountingContacts {
		if c.Info.ContactType == "VENDOR" && len(expense[c.Info.CompanyID]) > 0 {
			vendors = append(vendors, c)
		}
	}
	for i := range expenseCount {
		if len(vendors) == 0 {
			break
		}
		v := vendors[g.intn(len(vendors))]
		co := v.Info.CompanyID
		id := fmt.Sprintf("EXP%05d", 1+i)
		day := g.daysBefore(5, 300)
		var total int64
		lines := make([]accounting.ExpenseLine, 1+g.intn(3))
		for j := range lines {
			amt := g.money(15, 900)
			total += amt
			cat := expenseCategories[g.intn(len(expenseCategories))]
			lines[j] = accounting.ExpenseLine{
				ID: fmt.Sprintf("%s-L%d", id, 1+j), Amount: cents(amt), AccountID: g.pick(expense[co]),
				Description: cat[0] + " expense", ContactID: v.Info.ID, TaxRateID: "TAX0",
				TrackingCategories: []accounting.TrackingCategory{{
					CategoryID: "TC-" + slug(cat[0]), CategoryName: cat[0], ParentCategoryID: "TC-" + slug(cat[1]), ParentCategoryName: cat[1],
				}},
			}
		}
		employee := ""
		if len(d.employees) > 0 && g.chance(0.6) {
			employee = d.employees[g.intn(len(d.employees))].Profile.ID
		}
		d.expenses = append(d.expenses, &accounting.Expense{
			Info: accounting.ExpenseInfo{
				ID: id, TransactionDate: basemodel.DateTime(timeStr(day)), EmployeeID: employee, ContactID: v.Info.ID,
				CompanyID: co, LinkedCompanyIDs: []string{co}, TotalAmount: cents(total), Description: "Purchase from " + v.Info.Name,
				Currency: v.Info.Currency, ExchangeRate: rateOne(),
				CreatedAt: basemodel.DateTime(timeStr(day.Add(20 * time.Hour))), UpdatedAt: basemodel.DateTime(timeStr(day.Add(20 * time.Hour))),
			},
			LineItems: lines,
		})
	}
	n := 0
	for _, inv := range d.invoices {
		if inv.Info.Status != "PAID" || len(inv.Payments) == 0 {
			continue
		}
		n++
		p := inv.Payments[0]
		co := inv.Info.CompanyID
		credited, debited := other[co][inv.Info.Type], bank[co] // an invoice's money moves from receivable to bank
		if inv.Info.Type == "BILL" {
			credited, debited = bank[co], other[co]["BILL"]
		}
		day, _ := time.Parse("2006-01-02", p.Date)
		id := fmt.Sprintf("PAY%05d", n)
		d.payments = append(d.payments, &accounting.PaymentRecord{
			Info: accounting.PaymentInfo{
				ID: id, DateTime: basemodel.DateTime(timeStr(day.Add(10 * time.Hour))), Status: accounting.PaymentStatusSuccess,
				PaymentMode: accounting.PaymentMode(p.Mode), ReferenceNumber: p.ReferenceNumber,
				CreditedAccountID: credited, DebitedAccountID: debited, ContactID: inv.Info.ContactID,
				CompanyID: co, LinkedCompanyIDs: []string{co}, Amount: p.Amount, ExchangeRate: rateOne(),
				Currency: inv.Info.Currency, Description: "Payment of " + inv.Info.InvoiceNumber,
			},
			LineItems: []accounting.PaymentLine{{
				ID: id + "-L1", Amount: p.Amount, ReferenceNumber: p.ReferenceNumber, Discount: cents(0),
				Mode: accounting.PaymentMode(p.Mode), PaymentLinkedTo: accounting.PaymentLinkedTo(inv.Info.Type),
				InvoiceID: inv.Info.ID, InvoiceNumber: inv.Info.InvoiceNumber,
			}},
		})
	}
}
