package knittest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/knittest"
)

// syncAndDecode runs an initial sync of dataType through the SDK and
// decodes every record event's eventData with decode.
func syncAndDecode(t *testing.T, srv *knittest.Server, in *knit.IntegrationClient, category knit.Category, dataType string, decode func([]byte) error) int {
	t.Helper()
	ctx := context.Background()
	rc := newReceiver(t, nil)
	require.NoError(t, srv.SetWebhookURL(category, rc.srv.URL))
	job, err := in.Sync.Start(ctx, &knit.SyncStartParams{DataType: dataType})
	require.NoError(t, err)
	require.NoError(t, srv.WaitForSync(ctx, job.SyncRunID))
	n := 0
	for _, d := range rc.events() {
		if d.str("eventType") != "record.new" {
			continue
		}
		require.NoError(t, decode(d.event["eventData"]), "record %s", d.str("recordId"))
		n++
	}
	return n
}

// TestSDKDecodesEverySyncedRecord feeds every generated record of every
// sync data type to the SDK's decoders.
func TestSDKDecodesEverySyncedRecord(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	client, err := srv.Client()
	require.NoError(t, err)
	atsIn := client.Integration(connect(t, srv, "org-e", knit.CategoryATS))
	accIn := client.Integration(connect(t, srv, "org-e", knit.CategoryAccounting))

	jobs := 0
	assert.Equal(t, 25, syncAndDecode(t, srv, atsIn, "ATS", ats.DataTypeJobs, func(b []byte) error {
		j, err := ats.DecodeJob(b)
		if err == nil && len(j.Stages) > 0 {
			jobs++
		}
		return err
	}))
	assert.Equal(t, 25, jobs)
	assert.Equal(t, 400, syncAndDecode(t, srv, atsIn, "ATS", ats.DataTypeApplications, func(b []byte) error {
		_, err := ats.DecodeApplication(b)
		return err
	}))
	assert.Equal(t, 400, syncAndDecode(t, srv, atsIn, "ATS", ats.DataTypeCandidates, func(b []byte) error {
		_, err := ats.DecodeCandidate(b)
		return err
	}))
	var total float64
	assert.Equal(t, 300, syncAndDecode(t, srv, accIn, "Accounting", accounting.DataTypeInvoices, func(b []byte) error {
		inv, err := accounting.DecodeInvoice(b)
		if err == nil {
			f, _ := inv.Info.TotalAmount.Float64()
			total += f
		}
		return err
	}))
	assert.Positive(t, total)
}

func TestSDKWritesAndPassthrough(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := newServer(t)
	client, err := srv.Client()
	require.NoError(t, err)
	acc := client.Integration(connect(t, srv, "org-w", knit.CategoryAccounting))

	rate, err := basemodel.NewDecimal("125.50")
	require.NoError(t, err)
	res, err := acc.Accounting.Invoices.Create(ctx, &accounting.InvoiceCreateParams{
		Type: accounting.InvoiceTypeInvoice, ContactID: "ACON007",
		LineItems: []accounting.InvoiceLineItemParams{{AccountID: srv.LedgerAccountRecords()[20].Info.ID, Quantity: basemodel.DecimalFromInt(2), UnitRate: rate}},
	})
	require.NoError(t, err)
	invs := srv.InvoiceRecords()
	assert.Equal(t, invs[len(invs)-1].Info.ID, res.ID)
	assert.Equal(t, "251", invs[len(invs)-1].Info.TotalAmount.String(), "2 × 125.50, exact")

	resp, err := acc.Passthrough(ctx, &knit.PassthroughRequest{Method: http.MethodGet, Path: "/api.xro/2.0/Invoices", Params: map[string]string{"page": "2"}})
	require.NoError(t, err)
	var up struct {
		App    string            `json:"app"`
		Path   string            `json:"path"`
		Params map[string]string `json:"params"`
	}
	require.NoError(t, json.Unmarshal(resp.Body, &up))
	assert.Equal(t, "xero", up.App)
	assert.Equal(t, "/api.xro/2.0/Invoices", up.Path)
	assert.Equal(t, "2", up.Params["page"])

	atsIn := client.Integration(connect(t, srv, "org-w", knit.CategoryATS))
	created, err := atsIn.ATS.Jobs.Create(ctx, &ats.JobCreateParams{Title: "Platform Engineer"})
	require.NoError(t, err)
	assert.NotEmpty(t, created.JobID)
}
