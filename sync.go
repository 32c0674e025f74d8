package knit

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/knitjson"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// SyncType is the kind of sync run: basemodel.SyncType, the same type as
// webhook.SyncType.
type SyncType = basemodel.SyncType

// Sync types.
const (
	// SyncTypeInitial reads every active record and emits record.new for
	// each; it is Knit's default.
	SyncTypeInitial = basemodel.SyncTypeInitial
	// SyncTypeDelta emits record.new, record.modified and record.deleted
	// for what changed since the last run.
	SyncTypeDelta = basemodel.SyncTypeDelta
)

// SyncStartParams configures sync.start. DataType is required; the category
// packages name the known values (hris.DataTypeEmployee, ats.DataTypeJobs,
// accounting.DataTypeInvoices, ...); any string is accepted, for data types
// your Knit dashboard shows but this SDK does not name.
type SyncStartParams struct {
	// DataType is the object to sync, e.g. "employee".
	DataType string `json:"dataType"`
	// SyncType defaults to SyncTypeInitial on Knit's side when empty.
	SyncType SyncType `json:"syncType,omitempty"`
	// HonorScheduler keeps the original delta schedule (true) instead of
	// running the next delta one full interval after this sync (false).
	HonorScheduler bool `json:"honorScheduler,omitempty"`
	// IncludeInactiveRecords includes inactive records, e.g. terminated
	// employees. Knit documents the name; what it includes is read from the
	// name, not from Knit's docs.
	IncludeInactiveRecords bool `json:"includeInactiveRecords,omitempty"`
	// Models lists the model IDs to receive (e.g. hris.ModelEmployeeProfile);
	// empty means the models configured in your dashboard.
	Models []string `json:"models,omitempty"`
	// StartHour is the UTC hour (0-23) of the next scheduled run.
	StartHour *int `json:"startHour,omitempty"`
	// StartMinute is the UTC minute (0-59) of the next scheduled run.
	StartMinute *int `json:"startMinute,omitempty"`
	// PassThroughFilters are app-specific filters Knit forwards, without
	// validating them, to the app's API during the sync (Knit's
	// passthrough-filters page documents the object and its shape).
	PassThroughFilters *SyncPassThroughFilters `json:"passThroughFilters,omitempty"`
	// Extra holds further body fields by wire name, merged into the JSON
	// object: Knit's native and virtual sync filters, whose place in the
	// sync.start body the pages available to this SDK do not show. A key a
	// typed field already sets is an error.
	Extra map[string]any `json:"-"`
}

// SyncPassThroughFilters is sync.start's passThroughFilters object, as Knit
// documents it (https://developers.getknit.dev/docs/passthrough-filters):
// key-value pairs added to the app's API request as query parameters, body
// fields and headers. Knit forwards them unchecked, so use the app's own names;
// several values for one key go comma-separated ("draft,published").
type SyncPassThroughFilters struct {
	Query   map[string]string `json:"query,omitempty"`
	Body    map[string]string `json:"body,omitempty"`
	Headers map[string]string `json:"headers,omitempty"`
}

// SyncJob identifies a started sync. Knit's webhook events carry the same
// syncJobId and syncRunId.
type SyncJob struct {
	SyncJobID string `json:"syncJobId"`
	SyncRunID string `json:"syncRunId"`
	// Raw is the whole data object: Knit does not document the response
	// shape (the two IDs were seen in third-party code calling Knit).
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the IDs and keeps the raw object.
func (j *SyncJob) UnmarshalJSON(b []byte) error {
	type plain SyncJob
	if err := knitjson.Unmarshal(b, (*plain)(j)); err != nil {
		return err
	}
	j.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// SyncService starts syncs. Get it from IntegrationClient.Sync.
//
// Knit has no documented API to pause, resume, stop or inspect syncs; use
// the dashboard, or IntegrationClient.Do once Knit gives you the method name.
type SyncService struct {
	s transport.Scope
}

// Start starts a sync: Knit reads the data type from the connected app and
// pushes each record to the webhook registered for the category in your
// Knit dashboard (see package webhook). Syncs must be enabled for the
// category in the dashboard first.
//
// Knit method POST sync.start, documented by Knit: https://developers.getknit.dev/reference/start-a-sync
//
//knit:operation POST sync.start documented
func (s *SyncService) Start(ctx context.Context, params *SyncStartParams, opts ...option.RequestOption) (*SyncJob, error) {
	const op = "Sync.Start"
	switch {
	case params == nil:
		return nil, transport.Required(op, "params")
	case strings.TrimSpace(params.DataType) == "":
		return nil, transport.Required(op, "DataType")
	case params.StartHour != nil && (*params.StartHour < 0 || *params.StartHour > 23):
		return nil, transport.InvalidParam(op, "StartHour", "must be between 0 and 23")
	case params.StartMinute != nil && (*params.StartMinute < 0 || *params.StartMinute > 59):
		return nil, transport.InvalidParam(op, "StartMinute", "must be between 0 and 59")
	}
	for i, m := range params.Models {
		if strings.TrimSpace(m) == "" {
			return nil, transport.InvalidParam(op, "Models", "entry "+strconv.Itoa(i)+" is empty")
		}
	}
	if f := params.PassThroughFilters; f != nil {
		for field, m := range map[string]map[string]string{"Query": f.Query, "Body": f.Body, "Headers": f.Headers} {
			for k := range m {
				if strings.TrimSpace(k) == "" {
					return nil, transport.InvalidParam(op, "PassThroughFilters."+field, "has an empty key")
				}
			}
		}
	}
	type plain SyncStartParams
	body, err := transport.MarshalWithExtra((*plain)(params), params.Extra)
	if err != nil {
		return nil, transport.InvalidParam(op, "Extra", err.Error())
	}
	out := new(SyncJob)
	if err := s.s.Post(ctx, "sync.start", body, out, opts); err != nil {
		return nil, err
	}
	return out, nil
}

// CustomSyncAPI is the upstream call a custom sync repeats.
type CustomSyncAPI struct {
	// Method is the upstream HTTP method: GET, POST, PUT, PATCH or DELETE.
	Method string `json:"method"`
	// Path is relative to the app's base URL, e.g. "/endpoint.get".
	Path string `json:"path"`
	// BaseURL overrides the app's base URL. Optional.
	BaseURL string `json:"baseUrl,omitempty"`
	// Body is the upstream request body as JSON text; Knit takes it as a
	// string. Optional.
	Body string `json:"body,omitempty"`
	// Headers are sent upstream. Optional.
	Headers map[string]string `json:"headers,omitempty"`
}

// SyncCustomStartParams configures sync.custom.start, as Knit documents it
// (https://developers.getknit.dev/docs/custom-sync-any-api): Knit calls any API
// of the connected app and pushes each record of the answer to WebhookURL as
// record.new / record.modified events.
type SyncCustomStartParams struct {
	APIDetails CustomSyncAPI `json:"apiDetails"`
	// IdempotencyID dedupes repeated setup calls. Optional.
	IdempotencyID string `json:"idempotencyId,omitempty"`
	// WebhookURL receives the events; Knit requires public HTTPS.
	WebhookURL string `json:"webhookURL"`
	// RecordIdentifier is a JSONPath to each record's ID, e.g. "$.id".
	RecordIdentifier string `json:"recordIdentifier,omitempty"`
	// ListIdentifier is a JSONPath to the list of records, e.g. "$.items".
	ListIdentifier string `json:"listIdentifier,omitempty"`
	// Extra is merged into the body, for the further fields Knit's page lists
	// without documented names (likely pagination settings).
	Extra map[string]any `json:"-"`
}

// StartCustom calls sync.custom.start. The response shape is not
// documented; the returned SyncJob keeps it in Raw.
//
// Knit method POST sync.custom.start, documented by Knit: https://developers.getknit.dev/docs/custom-sync-any-api
//
//knit:operation POST sync.custom.start documented
func (s *SyncService) StartCustom(ctx context.Context, params *SyncCustomStartParams, opts ...option.RequestOption) (*SyncJob, error) {
	const op = "Sync.StartCustom"
	if params == nil {
		return nil, transport.Required(op, "params")
	}
	switch strings.ToUpper(params.APIDetails.Method) {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
	case "":
		return nil, transport.Required(op, "APIDetails.Method")
	default:
		return nil, transport.InvalidParam(op, "APIDetails.Method", "must be GET, POST, PUT, PATCH or DELETE")
	}
	if strings.TrimSpace(params.APIDetails.Path) == "" {
		return nil, transport.Required(op, "APIDetails.Path")
	}
	if params.APIDetails.Body != "" && !json.Valid([]byte(params.APIDetails.Body)) {
		return nil, transport.InvalidParam(op, "APIDetails.Body", "is not valid JSON")
	}
	if reason := checkWebhookURL(params.WebhookURL); reason != "" {
		return nil, transport.InvalidParam(op, "WebhookURL", reason)
	}
	p := *params
	p.APIDetails.Method = strings.ToUpper(p.APIDetails.Method)
	body, err := transport.MarshalWithExtra(&p, p.Extra)
	if err != nil {
		return nil, transport.InvalidParam(op, "Extra", err.Error())
	}
	out := new(SyncJob)
	if err := s.s.Post(ctx, "sync.custom.start", body, out, opts); err != nil {
		return nil, err
	}
	return out, nil
}

// checkWebhookURL wants an absolute https URL (http is allowed on loopback,
// for the knittest playground). It returns what is wrong, or "".
func checkWebhookURL(raw string) string {
	if strings.TrimSpace(raw) == "" {
		return "is required"
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "is not an absolute URL"
	}
	if u.Scheme != "https" && (u.Scheme != "http" || !transport.IsLoopback(u.Hostname())) {
		return "must be https (Knit delivers to public HTTPS endpoints)"
	}
	return ""
}
