// Package categories lets package knit build the category clients (hris,
// ats, accounting) of an integration handle without those packages exporting
// a constructor whose signature names an internal type.
//
// Each category package sets its constructor from an init function; package
// knit imports every category package, so the constructors are set before
// any of its code runs, and are only read afterwards. A user never calls
// them: the category clients come from knit.Client.Integration(id).
package categories

import "github.com/knit-sdk/knit-go/internal/transport"

// Initialisers of the category clients, set once at init. Each fills in
// dst, the package's *Client, for the scope; the caller allocates it, so
// that an integration handle and all its clients are one allocation.
var (
	HRIS       func(dst any, s transport.Scope)
	ATS        func(dst any, s transport.Scope)
	Accounting func(dst any, s transport.Scope)
)
