package knit_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/crm"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/internal/fuzzcheck"
)

// recordDecoders are the sync-record decoders FuzzDecodeRecord fuzzes, by
// the index its first argument selects. Append new ones at the end: the
// seed corpus in testdata/fuzz/FuzzDecodeRecord refers to them by index
// (the file names say which).
var recordDecoders = []fuzzcheck.Record{
	fuzzcheck.Decoder("hris.Employee", hris.DecodeEmployee),
	fuzzcheck.Decoder("ats.Job", ats.DecodeJob),
	fuzzcheck.Decoder("ats.Application", ats.DecodeApplication),
	fuzzcheck.Decoder("ats.Candidate", ats.DecodeCandidate),
	fuzzcheck.Decoder("crm.Contact", crm.DecodeContact),
	fuzzcheck.Decoder("crm.Account", crm.DecodeAccount),
	fuzzcheck.Decoder("crm.Deal", crm.DecodeDeal),
	fuzzcheck.Decoder("crm.CustomObjectRecord", crm.DecodeCustomObjectRecord),
	fuzzcheck.Decoder("accounting.Invoice", accounting.DecodeInvoice),
	fuzzcheck.Decoder("accounting.Account", accounting.DecodeAccount),
	fuzzcheck.Decoder("accounting.Employee", accounting.DecodeEmployee),
	fuzzcheck.Decoder("accounting.Contact", accounting.DecodeContact),
	fuzzcheck.Decoder("accounting.JournalEntry", accounting.DecodeJournalEntry),
}

// FuzzDecodeRecord fuzzes every category's sync-record decoder in one
// target: which picks the decoder (modulo their number), data is the
// eventData. Seeds are the categories' fixtures.
func FuzzDecodeRecord(f *testing.F) {
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		recordDecoders[int(which)%len(recordDecoders)].Check(t, data)
	})
}

// TestRecordDecodersSeeded checks that every decoder of FuzzDecodeRecord
// has seeds, and that each seed's file name names the decoder its index
// selects ("ats_Job_..." for ats.Job).
func TestRecordDecodersSeeded(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("testdata", "fuzz", "FuzzDecodeRecord")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	seeds := make([]int, len(recordDecoders))
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		lines := strings.SplitN(string(b), "\n", 3)
		require.Len(t, lines, 3, e.Name())
		var which int
		_, err = fmt.Sscanf(lines[1], "uint8(%d)", &which)
		require.NoError(t, err, e.Name())
		require.Less(t, which, len(recordDecoders), e.Name())
		prefix := strings.ReplaceAll(recordDecoders[which].Name, ".", "_") + "_"
		assert.True(t, strings.HasPrefix(e.Name(), prefix), "%s selects %s", e.Name(), recordDecoders[which].Name)
		seeds[which]++
	}
	for i, n := range seeds {
		assert.NotZero(t, n, "%s has no seed", recordDecoders[i].Name)
	}
}
