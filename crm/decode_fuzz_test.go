package crm_test

import (
	"testing"

	"github.com/knit-sdk/knit-go/crm"
	"github.com/knit-sdk/knit-go/internal/fuzzcheck"
)

// FuzzDecodeContact fuzzes crm.DecodeContact (contact sync events); seeds are the package's fixtures
// in testdata/fuzz/FuzzDecodeContact.
func FuzzDecodeContact(f *testing.F) {
	fuzzcheck.Decoder(f, "crm.Contact", crm.DecodeContact)
}

// FuzzDecodeAccount fuzzes crm.DecodeAccount (account sync events); seeds are the package's fixtures
// in testdata/fuzz/FuzzDecodeAccount.
func FuzzDecodeAccount(f *testing.F) {
	fuzzcheck.Decoder(f, "crm.Account", crm.DecodeAccount)
}

// FuzzDecodeDeal fuzzes crm.DecodeDeal (deal sync events); seeds are the package's fixtures
// in testdata/fuzz/FuzzDecodeDeal.
func FuzzDecodeDeal(f *testing.F) {
	fuzzcheck.Decoder(f, "crm.Deal", crm.DecodeDeal)
}

// FuzzDecodeCustomObjectRecord fuzzes crm.DecodeCustomObjectRecord (custom object sync events); seeds are the package's fixtures
// in testdata/fuzz/FuzzDecodeCustomObjectRecord.
func FuzzDecodeCustomObjectRecord(f *testing.F) {
	fuzzcheck.Decoder(f, "crm.CustomObjectRecord", crm.DecodeCustomObjectRecord)
}
