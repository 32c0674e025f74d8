package accounting_test

import (
	"testing"

	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/internal/fuzzcheck"
)

// FuzzDecodeInvoice fuzzes accounting.DecodeInvoice (invoice sync events); seeds are the package's fixtures
// in testdata/fuzz/FuzzDecodeInvoice.
func FuzzDecodeInvoice(f *testing.F) {
	fuzzcheck.Decoder(f, "accounting.Invoice", accounting.DecodeInvoice)
}

// FuzzDecodeAccount fuzzes accounting.DecodeAccount (chart-of-accounts sync events); seeds are the package's fixtures
// in testdata/fuzz/FuzzDecodeAccount.
func FuzzDecodeAccount(f *testing.F) {
	fuzzcheck.Decoder(f, "accounting.Account", accounting.DecodeAccount)
}

// FuzzDecodeEmployee fuzzes accounting.DecodeEmployee (employee sync events); seeds are the package's fixtures
// in testdata/fuzz/FuzzDecodeEmployee.
func FuzzDecodeEmployee(f *testing.F) {
	fuzzcheck.Decoder(f, "accounting.Employee", accounting.DecodeEmployee)
}

// FuzzDecodeContact fuzzes accounting.DecodeContact (contact sync events); seeds are the package's fixtures
// in testdata/fuzz/FuzzDecodeContact.
func FuzzDecodeContact(f *testing.F) {
	fuzzcheck.Decoder(f, "accounting.Contact", accounting.DecodeContact)
}

// FuzzDecodeJournalEntry fuzzes accounting.DecodeJournalEntry (journal-entry sync events); seeds are the
// package's fixtures in testdata/fuzz/FuzzDecodeJournalEntry.
func FuzzDecodeJournalEntry(f *testing.F) {
	fuzzcheck.Decoder(f, "accounting.JournalEntry", accounting.DecodeJournalEntry)
}
