package knit_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/option"
)

func intp(v int) *int { return &v }

func TestSyncStart(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.json("sync.start", 200, `{"success":true,"data":{"syncJobId":"sj_1","syncRunId":"sr_1","other":true}}`)
	in := f.client().Integration("int_1")
	p := &knit.SyncStartParams{
		DataType:               "employee",
		SyncType:               knit.SyncTypeDelta,
		HonorScheduler:         true,
		IncludeInactiveRecords: true,
		Models:                 []string{"employee_profile", "employee_orgStructure"},
		StartHour:              intp(0),
		StartMinute:            intp(30),
	}
	job, err := in.Sync.Start(bg, p)
	require.NoError(t, err)
	assert.Equal(t, "sj_1", job.SyncJobID)
	assert.Equal(t, "sr_1", job.SyncRunID)
	assert.JSONEq(t, `{"syncJobId":"sj_1","syncRunId":"sr_1","other":true}`, string(job.Raw))

	r := f.last()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/v1.0/sync.start", r.Path)
	assert.Equal(t, "int_1", r.Header.Get("X-Knit-Integration-Id"))
	assert.JSONEq(t, `{"dataType":"employee","syncType":"delta_sync","honorScheduler":true,
		"includeInactiveRecords":true,"models":["employee_profile","employee_orgStructure"],
		"startHour":0,"startMinute":30}`, string(r.Body))

	_, err = in.Sync.Start(bg, &knit.SyncStartParams{DataType: "ats_jobs"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"dataType":"ats_jobs"}`, string(f.last().Body))

	// Knit's passthrough-filters page example, plus an Extra key.
	_, err = in.Sync.Start(bg, &knit.SyncStartParams{
		DataType: "ats_jobs",
		PassThroughFilters: &knit.SyncPassThroughFilters{
			Query: map[string]string{"status": "draft", "department_id": "4012058007"},
			Body:  map[string]string{"key": "value"},
		},
		Extra: map[string]any{"someFutureField": true},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"dataType":"ats_jobs","someFutureField":true,
		"passThroughFilters":{"query":{"status":"draft","department_id":"4012058007"},"body":{"key":"value"}}}`, string(f.last().Body))
}

func TestSyncStartValidation(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	in := f.client().Integration("int_1")
	cases := map[string]*knit.SyncStartParams{
		"params":      nil,
		"DataType":    {},
		"StartHour":   {DataType: "employee", StartHour: intp(24)},
		"StartMinute": {DataType: "employee", StartMinute: intp(-1)},
		"Models":      {DataType: "employee", Models: []string{""}},
		"Extra":       {DataType: "employee", Extra: map[string]any{"dataType": "x"}},
		"PassThroughFilters.Query": {DataType: "employee", PassThroughFilters: &knit.SyncPassThroughFilters{
			Query: map[string]string{" ": "v"}}},
	}
	for field, p := range cases {
		_, err := in.Sync.Start(bg, p)
		var pe *knit.ParamError
		require.ErrorAs(t, err, &pe, field)
		assert.Equal(t, field, pe.Field)
	}
	assert.Empty(t, f.requests())
}

func TestSyncStartPostNotRetriedOn500(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.json("sync.start", 500, `{"success":false,"error":{"msg":"internal"}}`)
	in := f.client().Integration("int_1")
	_, err := in.Sync.Start(bg, &knit.SyncStartParams{DataType: "employee"})
	require.ErrorIs(t, err, knit.ErrServer)
	assert.Len(t, f.requests(), 1)

	_, err = in.Sync.Start(bg, &knit.SyncStartParams{DataType: "employee"}, option.WithRetryWrites())
	require.ErrorIs(t, err, knit.ErrServer)
	assert.Len(t, f.requests(), 4, "opted in: 1 + 2 retries")
}

func TestSyncStartCustom(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.json("sync.custom.start", 200, `{"success":true,"data":{"syncJobId":"sj_c"}}`)
	in := f.client().Integration("int_1")
	job, err := in.Sync.StartCustom(bg, &knit.SyncCustomStartParams{
		APIDetails: knit.CustomSyncAPI{
			Method: "get", Path: "/endpoint.get", BaseURL: "https://url.com",
			Body: `{}`, Headers: map[string]string{"X-A": "1"},
		},
		IdempotencyID:    "sync_1",
		WebhookURL:       "https://webhook.url/send.data",
		RecordIdentifier: "$.id",
		ListIdentifier:   "$.items",
		Extra:            map[string]any{"pageSize": 100},
	})
	require.NoError(t, err)
	assert.Equal(t, "sj_c", job.SyncJobID)
	assert.JSONEq(t, `{"apiDetails":{"method":"GET","path":"/endpoint.get","baseUrl":"https://url.com",
		"body":"{}","headers":{"X-A":"1"}},"idempotencyId":"sync_1",
		"webhookURL":"https://webhook.url/send.data","recordIdentifier":"$.id",
		"listIdentifier":"$.items","pageSize":100}`, string(f.last().Body))

	n := len(f.requests())
	good := knit.CustomSyncAPI{Method: "GET", Path: "/x"}
	bad := map[string]*knit.SyncCustomStartParams{
		"APIDetails.Method": {APIDetails: knit.CustomSyncAPI{Method: "TRACE", Path: "/x"}, WebhookURL: "https://a.b"},
		"APIDetails.Path":   {APIDetails: knit.CustomSyncAPI{Method: "GET"}, WebhookURL: "https://a.b"},
		"APIDetails.Body":   {APIDetails: knit.CustomSyncAPI{Method: "GET", Path: "/x", Body: "{"}, WebhookURL: "https://a.b"},
		"WebhookURL":        {APIDetails: good, WebhookURL: "http://public.example/hook"},
	}
	for field, p := range bad {
		_, err := in.Sync.StartCustom(bg, p)
		var pe *knit.ParamError
		require.ErrorAs(t, err, &pe, field)
		assert.Equal(t, field, pe.Field)
	}
	assert.Len(t, f.requests(), n)
}
