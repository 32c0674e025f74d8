package accounting

import (
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/eventdata"
	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// Account is a chart-of-accounts entry (a bank account or a general ledger
// account), as delivered in a sync event's eventData, as Knit documents it
// (https://developers.getknit.dev/reference/accounts-data-models). Knit
// syncs accounts automatically after an integration.
type Account struct {
	// Info is model accounting_accounts_info.
	Info AccountInfo `json:"info"`
}

// AccountInfo is model accounting_accounts_info.
type AccountInfo struct {
	// ID is the account's ID in the accounting app.
	ID       string          `json:"id"`
	Name     string          `json:"name,omitempty"`
	Category AccountCategory `json:"category,omitempty"`
	Type     AccountType     `json:"type,omitempty"`
	// Description says what the account is used for.
	Description string `json:"description,omitempty"`
	// AccountNumber is the ledger code; Sage 200 invoice line items take it
	// as their accountId.
	AccountNumber string        `json:"accountNumber,omitempty"`
	Status        AccountStatus `json:"status,omitempty"`
	// CurrentBalance is the balance exactly as the app reported it.
	CurrentBalance basemodel.Decimal `json:"currentBalance,omitzero"`
	// CompanyID is the company (subsidiary) the account belongs to.
	CompanyID string `json:"companyId,omitempty"`
	// LinkedCompanyIDs lists the companies of multi-subsidiary apps such as
	// NetSuite.
	LinkedCompanyIDs []string `json:"linkedCompanyIds"`
	// Currency is an ISO 4217 code, e.g. "USD".
	Currency string `json:"currency,omitempty"`
	// ParentAccountID is the parent in the chart of accounts.
	ParentAccountID string             `json:"parentAccountId,omitempty"`
	CreatedAt       basemodel.DateTime `json:"createdAt,omitempty"`
	UpdatedAt       basemodel.DateTime `json:"updatedAt,omitempty"`
}

// AccountCategory tells bank accounts from ledger accounts.
type AccountCategory string

// AccountCategory values, as Knit documents them.
const (
	AccountCategoryBankAccount   AccountCategory = "BANK_ACCOUNT"
	AccountCategoryLedgerAccount AccountCategory = "LEDGER_ACCOUNT"
	AccountCategoryNotSpecified  AccountCategory = basemodel.NotSpecified
)

// AccountType is the accounting class of an account.
type AccountType string

// AccountType values, as Knit documents them. Knit's docs spell the liability
// value "LIBALITY"; AccountType decodes both that spelling and "LIABILITY" to
// AccountTypeLiability, so compare against the constant, never the string.
const (
	AccountTypeAsset        AccountType = "ASSET"
	AccountTypeEquity       AccountType = "EQUITY"
	AccountTypeExpense      AccountType = "EXPENSE"
	AccountTypeLiability    AccountType = "LIABILITY"
	AccountTypeRevenue      AccountType = "REVENUE"
	AccountTypeNotSpecified AccountType = basemodel.NotSpecified
)

// accountTypeLiabilityDocumented is the spelling on Knit's accounts
// data-model page (sic).
const accountTypeLiabilityDocumented = "LIBALITY"

// UnmarshalJSON maps Knit's documented "LIBALITY" to AccountTypeLiability and
// keeps every other value as sent.
func (t *AccountType) UnmarshalJSON(b []byte) error {
	var s *string
	if err := knitjson.Unmarshal(b, &s); err != nil {
		return err
	}
	switch {
	case s == nil:
		*t = ""
	case *s == accountTypeLiabilityDocumented:
		*t = AccountTypeLiability
	default:
		*t = AccountType(*s)
	}
	return nil
}

// AccountStatus is whether an account is in use.
type AccountStatus string

// AccountStatus values, as Knit documents them.
const (
	AccountStatusActive       AccountStatus = "ACTIVE"
	AccountStatusInactive     AccountStatus = "INACTIVE"
	AccountStatusPending      AccountStatus = "PENDING"
	AccountStatusNotSpecified AccountStatus = basemodel.NotSpecified
)

// DecodeAccount decodes a sync event's eventData (key info) into an Account.
// Unknown keys are ignored, a missing or null info stays empty; input that is
// not a JSON object is an error.
func DecodeAccount(eventData []byte) (*Account, error) {
	return eventdata.Decode[Account]("accounting.Account", eventData)
}
