package webhook

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/internal/keycheck"
)

// TestKnitDocsEveryKeyRead walks every record example copied from Knit's
// docs (testdata/knitdocs) and fails on any eventData key that no field of
// the typed model reads: a typed accessor must not drop what Knit sends.
func TestKnitDocsEveryKeyRead(t *testing.T) {
	t.Parallel()
	// Keys of Knit's employee skeleton that hold nothing and that the
	// decoder reads under another name or shape (see hris.Employee):
	// "bankAccountDetails": {} (the model table says bankAccounts) and
	// "dependents": {} (the table says a list).
	empty := map[string]bool{"bankAccountDetails": true, "dependents": true}
	models := map[string]func() any{
		hris.DataTypeEmployee:    func() any { return &hris.Employee{} },
		ats.DataTypeJobs:         func() any { return &ats.Job{} },
		ats.DataTypeApplications: func() any { return &ats.Application{} },
	}
	files, err := filepath.Glob(filepath.Join("testdata", "knitdocs", "*.json"))
	require.NoError(t, err)
	walked := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		ev, err := Parse(b)
		require.NoError(t, err, f)
		if ev.EventType == EventRecordDeleted || !ev.EventType.IsRecord() {
			continue
		}
		model, ok := models[ev.SyncDataType]
		require.True(t, ok, "%s: no model for data type %q", f, ev.SyncDataType)
		missing, err := keycheck.Unread(ev.EventData, model())
		require.NoError(t, err, f)
		var top map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(ev.EventData, &top), f)
		for _, k := range missing {
			if v := string(top[k]); ev.SyncDataType == hris.DataTypeEmployee && empty[k] && (v == "{}" || v == "[]") {
				continue
			}
			assert.Fail(t, "key dropped", "%s: eventData key %q is read by no field of the %s model", f, k, ev.SyncDataType)
		}
		walked++
	}
	assert.Equal(t, 4, walked, "record.new/modified examples walked")
}
