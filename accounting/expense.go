package accounting

import (
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/eventdata"
)

// Expense is a direct purchase by a business (a check, credit card or cash
// payment), as delivered in a sync event's eventData, as Knit documents it
// (https://developers.getknit.dev/reference/expense-accounting-data-model).
// Its sync does not start by itself: call sync.start for it (its dataType
// string is not documented; pass the one Knit's dashboard shows).
type Expense struct {
	// Info is model accounting_expenses_info.
	Info ExpenseInfo `json:"info"`
	// LineItems is model accounting_expense_lineItems: the individual
	// expenses.
	LineItems []ExpenseLine `json:"lineItems"`
}

// ExpenseInfo is model accounting_expenses_info. Amounts are exact
// basemodel.Decimal values; Knit's table says exchangeRate is a string and
// its example sends a number: both decode.
type ExpenseInfo struct {
	// ID is the expense's ID in the accounting app.
	ID string `json:"id"`
	// TransactionDate is when the purchase was made.
	TransactionDate basemodel.DateTime `json:"transactionDate,omitempty"`
	// EmployeeID is the employee who made the purchase, if any.
	EmployeeID string `json:"employeeId,omitempty"`
	// ContactID is the vendor, if any.
	ContactID string `json:"contactId,omitempty"`
	// CompanyID is the company (subsidiary) of the expense.
	CompanyID string `json:"companyId,omitempty"`
	// LinkedCompanyIDs lists the companies of multi-subsidiary apps such as
	// NetSuite.
	LinkedCompanyIDs []string          `json:"linkedCompanyIds"`
	TotalAmount      basemodel.Decimal `json:"totalAmount,omitzero"`
	Description      string            `json:"description,omitempty"`
	// Currency is an ISO 4217 code, e.g. "USD".
	Currency     string             `json:"currency,omitempty"`
	ExchangeRate basemodel.Decimal  `json:"exchangeRate,omitzero"`
	CreatedAt    basemodel.DateTime `json:"createdAt,omitempty"`
	UpdatedAt    basemodel.DateTime `json:"updatedAt,omitempty"`
}

// ExpenseLine is one line of an expense (Knit's ExpenseLineItem). Knit's
// table spells the account "accounId" (a Double), a typo its example does
// not repeat: the example sends "accountId" as a string, which AccountID
// reads.
type ExpenseLine struct {
	ID string `json:"id"`
	// Amount is exact; Knit's table says string, its example a number.
	Amount      basemodel.Decimal `json:"amount,omitzero"`
	AccountID   string            `json:"accountId,omitempty"`
	Description string            `json:"description,omitempty"`
	ContactID   string            `json:"contactId,omitempty"`
	TaxRateID   string            `json:"taxRateId,omitempty"`
	// TrackingCategories are the categories (classes, departments...) the
	// line is tracked under.
	TrackingCategories []TrackingCategory `json:"trackingCategories"`
}

// TrackingCategory is Knit's TrackingCategoryInfo, as its expense example
// shows it.
type TrackingCategory struct {
	CategoryID         string `json:"categoryId,omitempty"`
	CategoryName       string `json:"categoryName,omitempty"`
	ParentCategoryID   string `json:"parentCategoryId,omitempty"`
	ParentCategoryName string `json:"parentCategoryName,omitempty"`
}

// DecodeExpense decodes a sync event's eventData (keys info, lineItems)
// into an Expense. Unknown keys are ignored, missing or null models stay
// empty; input that is not a JSON object is an error.
func DecodeExpense(eventData []byte) (*Expense, error) {
	return eventdata.Decode[Expense]("accounting.Expense", eventData)
}
