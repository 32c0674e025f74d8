package hris_test

import (
	"testing"

	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/internal/fuzzcheck"
)

// FuzzDecodeEmployee fuzzes hris.DecodeEmployee (employee sync events); seeds are the package's fixtures
// in testdata/fuzz/FuzzDecodeEmployee.
func FuzzDecodeEmployee(f *testing.F) {
	fuzzcheck.Decoder(f, "hris.Employee", hris.DecodeEmployee)
}
