package knittest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"time"

	knit "github.com/knit-sdk/knit-go"
)

// eventPayload is a webhook event exactly as Knit's sync guides show it,
// plus the observed triggeredAt (epoch milliseconds as a string). Knit's
// sync.events.* examples have no recordId, so it is omitted when empty.
type eventPayload struct {
	EventID      string `json:"eventId"`
	EventType    string `json:"eventType"`
	EventData    any    `json:"eventData"`
	SyncType     string `json:"syncType"`
	SyncDataType string `json:"syncDataType"`
	SyncJobID    string `json:"syncJobId"`
	SyncRunID    string `json:"syncRunId"`
	RecordID     string `json:"recordId,omitempty"`
	TriggeredAt  string `json:"triggeredAt"`
}

// syncRun is one run of sync.start or sync.custom.start and its delivery.
type syncRun struct {
	id, jobID, integrationID, url string
	records                       [][]byte // record.* events, then sync.events.processed
	allConsumed                   []byte
	done                          chan struct{}
	result                        SyncResult
}

// SyncResult reports how a sync run's delivery went.
type SyncResult struct {
	// Events is how many events the run had to deliver (records, then
	// sync.events.processed, then sync.events.allConsumed when all were acked).
	Events int
	// Delivered counts events answered 200.
	Delivered int
	// Attempts counts HTTP POSTs, retries included.
	Attempts int
	// Failed lists the eventIds given up on after every retry.
	Failed []string
	// Err is nil when every event was delivered.
	Err error
}

// SetWebhookURL registers the webhook that syncs of category (knit.CategoryHRIS,
// CategoryATS, CategoryCRM or CategoryAccounting) deliver to, as Knit's dashboard does per category. An
// empty url removes it.
func (s *Server) SetWebhookURL(category knit.Category, rawURL string) error {
	cat := categoryName(string(category))
	if cat == "" {
		return fmt.Errorf("knittest: SetWebhookURL: unknown category %q", category)
	}
	if rawURL != "" {
		if u, err := url.Parse(rawURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("knittest: SetWebhookURL: %q is not an absolute http(s) URL", rawURL)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if rawURL == "" {
		delete(s.webhooks, cat)
	} else {
		s.webhooks[cat] = rawURL
	}
	return nil
}

// syncStartBody is sync.start, with the fields Knit documents.
type syncStartBody struct {
	DataType               string   `json:"dataType"`
	SyncType               string   `json:"syncType"`
	HonorScheduler         bool     `json:"honorScheduler"`
	IncludeInactiveRecords bool     `json:"includeInactiveRecords"`
	Models                 []string `json:"models"`
	StartHour              *int     `json:"startHour"`
	StartMinute            *int     `json:"startMinute"`
	// PassThroughFilters is checked for Knit's documented shape (string maps
	// under query, body, headers) and otherwise ignored: the playground's
	// upstream apps take no filters.
	PassThroughFilters *struct {
		Query   map[string]string `json:"query"`
		Body    map[string]string `json:"body"`
		Headers map[string]string `json:"headers"`
	} `json:"passThroughFilters"`
}

func (s *Server) handleSyncStart(c *call) (any, *apiError) {
	var b syncStartBody
	if ae := c.decode(&b); ae != nil {
		return nil, ae
	}
	if b.DataType == "" {
		return nil, badRequest("dataType is required")
	}
	models, ok := modelKeys[b.DataType]
	if !ok {
		return nil, badRequest("Unsupported dataType %q", b.DataType)
	}
	if cat := dataTypeCategory[b.DataType]; cat != c.integ.Category {
		return nil, badRequest("dataType %s needs a %s integration; %s is %s", b.DataType, cat, c.integ.ID, c.integ.Category)
	}
	syncType := orDefault(b.SyncType, syncTypeInitial)
	if syncType != syncTypeInitial && syncType != syncTypeDelta {
		return nil, badRequest("syncType must be %s or %s, got %q", syncTypeInitial, syncTypeDelta, b.SyncType)
	}
	if b.StartHour != nil && (*b.StartHour < 0 || *b.StartHour > 23) {
		return nil, badRequest("startHour must be 0-23")
	}
	if b.StartMinute != nil && (*b.StartMinute < 0 || *b.StartMinute > 59) {
		return nil, badRequest("startMinute must be 0-59")
	}
	var keys []string
	for _, m := range b.Models {
		k, ok := models[m]
		if !ok {
			return nil, badRequest("Unknown model %q for dataType %s", m, b.DataType)
		}
		keys = append(keys, k)
	}
	hook := s.webhooks[c.integ.Category]
	if hook == "" {
		return nil, badRequest("Syncs are not set up for %s: no webhook URL is registered for the category (knittest: Server.SetWebhookURL)", c.integ.Category)
	}
	recs, err := s.data.syncRecords(b.DataType)
	if err != nil {
		return nil, errf(500, "%v", err)
	}
	if b.DataType == DataTypeEmployee && !b.IncludeInactiveRecords {
		recs = activeEmployees(recs)
	}
	run := s.newRun(c, hook, b.DataType)
	events := s.diff(c.integ.ID+"|"+b.DataType, recs, syncType)
	ms := strconv.FormatInt(c.now.UnixMilli(), 10)
	for _, ev := range events {
		var data any = pick(ev.sections, keys)
		if ev.kind == eventRecordDeleted {
			data = deletedEventData(b.DataType, ev)
		}
		payload := eventPayload{
			EventID: s.nextID("ev_"), EventType: ev.kind, EventData: data, SyncType: syncType,
			SyncDataType: b.DataType, SyncJobID: run.jobID, SyncRunID: run.id, RecordID: ev.id, TriggeredAt: ms,
		}
		if err := run.add(payload); err != nil {
			return nil, errf(500, "%v", err)
		}
	}
	if err := s.finishRun(run, len(recs), syncType, b.DataType, ms); err != nil {
		return nil, errf(500, "%v", err)
	}
	s.startDelivery(run)
	return map[string]any{"syncJobId": run.jobID, "syncRunId": run.id}, nil
}

func (s *Server) newRun(c *call, hook, jobKey string) *syncRun {
	key := c.integ.ID + "|" + jobKey
	if s.syncJobs[key] == "" {
		s.syncJobs[key] = s.nextID("sj_")
	}
	run := &syncRun{id: s.nextID("sr_"), jobID: s.syncJobs[key], integrationID: c.integ.ID, url: hook, done: make(chan struct{})}
	s.runs[run.id] = run
	return run
}

func (r *syncRun) add(p eventPayload) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	r.records = append(r.records, b)
	return nil
}

// finishRun appends sync.events.processed and prepares allConsumed, in the
// shapes of Knit's sync guides (syncing-jobs, syncing-applications-data,
// starting-a-employee-data-sync): processed is the number of records read,
// emitted the number of record.* events sent, consumed (allConsumed only)
// the number of those acknowledged with 200, which is all of them since
// allConsumed is only sent then. Times are epoch-millisecond strings. The
// meaning of "complete" is not documented; the playground sends false on
// processed, as Knit's only example does.
func (s *Server) finishRun(run *syncRun, processed int, syncType, dataType, ms string) error {
	emitted := len(run.records)
	p := eventPayload{EventID: s.nextID("ev_"), EventType: eventSyncProcessed, SyncType: syncType, SyncDataType: dataType,
		SyncJobID: run.jobID, SyncRunID: run.id, TriggeredAt: ms,
		EventData: syncProcessedData{Status: syncStatusProcessed, Processed: processed, Emitted: emitted,
			StartedAt: ms, ProcessedAt: ms, Complete: false}}
	if err := run.add(p); err != nil {
		return err
	}
	p.EventID, p.EventType = s.nextID("ev_"), eventSyncAllConsumed
	p.EventData = syncConsumedData{Status: syncStatusCompleted, Processed: processed, Emitted: emitted, Consumed: emitted}
	b, err := json.Marshal(p)
	run.allConsumed = b
	run.result.Events = len(run.records) + 1
	return err
}

// syncProcessedData is the eventData of sync.events.processed (Knit's
// example: {"status":"processed","processed":200,"emitted":0,
// "startedAt":"1676292064383","processedAt":"1676292068616","complete":false}).
type syncProcessedData struct {
	Status      string `json:"status"`
	Processed   int    `json:"processed"`
	Emitted     int    `json:"emitted"`
	StartedAt   string `json:"startedAt"`
	ProcessedAt string `json:"processedAt"`
	Complete    bool   `json:"complete"`
}

// syncConsumedData is the eventData of sync.events.allConsumed: the fields
// legible in Knit's example ({"status":"completed","processed":200,
// "emitted":200,"consumed":...}); the rest of that example is not available
// to this project, so nothing else is sent.
type syncConsumedData struct {
	Status    string `json:"status"`
	Processed int    `json:"processed"`
	Emitted   int    `json:"emitted"`
	Consumed  int    `json:"consumed"`
}

// deletedEventData is the eventData of a record.deleted event: identifiers
// only, in the shapes Knit's sync guides show for employee ({employeeId,
// workEmail}), ats_jobs ({jobId}) and ats_applications ({applicationId,
// candidateId, jobId}). Knit documents no shape for other data types; for
// those the playground sends {"id": recordId}.
func deletedEventData(dataType string, ev change) map[string]string {
	str := func(section, key string) string {
		var m map[string]json.RawMessage
		if json.Unmarshal(ev.sections[section], &m) != nil {
			return ""
		}
		var v string
		_ = json.Unmarshal(m[key], &v)
		return v
	}
	switch dataType {
	case DataTypeEmployee:
		return map[string]string{"employeeId": ev.id, "workEmail": str("profile", "workEmail")}
	case DataTypeJobs:
		return map[string]string{"jobId": ev.id}
	case DataTypeApplications:
		var cand struct {
			Candidate struct {
				ID string `json:"id"`
			} `json:"candidate"`
		}
		_ = json.Unmarshal(ev.sections["info"], &cand)
		return map[string]string{"applicationId": ev.id, "candidateId": cand.Candidate.ID, "jobId": str("info", "jobId")}
	}
	return map[string]string{"id": ev.id}
}

func activeEmployees(recs []syncRecord) []syncRecord {
	out := recs[:0:0]
	for _, r := range recs {
		var p struct {
			EmploymentStatus string `json:"employmentStatus"`
		}
		if json.Unmarshal(r.sections["profile"], &p) == nil && p.EmploymentStatus == "INACTIVE" {
			continue
		}
		out = append(out, r)
	}
	return out
}

// pick keeps the requested Event Data Keys (all when keys is empty); a key
// the record lacks is sent as null.
func pick(sections map[string]json.RawMessage, keys []string) map[string]json.RawMessage {
	if len(keys) == 0 {
		return sections
	}
	out := make(map[string]json.RawMessage, len(keys))
	for _, k := range keys {
		if v, ok := sections[k]; ok {
			out[k] = v
		} else {
			out[k] = json.RawMessage("null")
		}
	}
	return out
}

type change struct {
	kind     string
	id       string
	sections map[string]json.RawMessage
}

// diff compares recs with the snapshot under key and stores the new one.
// An initial sync reports every record as new; a delta sync reports what
// changed since the previous sync of the same data type and integration.
func (s *Server) diff(key string, recs []syncRecord, syncType string) []change {
	prev := s.snapshots[key]
	next := make(map[string]json.RawMessage, len(recs))
	var out []change
	for _, r := range recs {
		full, _ := json.Marshal(r.sections) // map keys sort, so equal data gives equal bytes
		next[r.id] = full
		old, seen := prev[r.id]
		switch {
		case syncType == syncTypeInitial || !seen:
			out = append(out, change{eventRecordNew, r.id, r.sections})
		case !bytes.Equal(old, full):
			out = append(out, change{eventRecordModified, r.id, r.sections})
		}
	}
	if syncType == syncTypeDelta {
		var gone []string
		for id := range prev {
			if _, ok := next[id]; !ok {
				gone = append(gone, id)
			}
		}
		sort.Strings(gone)
		for _, id := range gone {
			var secs map[string]json.RawMessage
			_ = json.Unmarshal(prev[id], &secs)
			out = append(out, change{eventRecordDeleted, id, secs})
		}
	}
	s.snapshots[key] = next
	return out
}

// WaitForSync blocks until every event of the sync run has been delivered
// or given up on, and returns the delivery error (nil when all were
// answered 200). It returns ctx's error if ctx ends first.
func (s *Server) WaitForSync(ctx context.Context, syncRunID string) error {
	s.mu.Lock()
	run, ok := s.runs[syncRunID]
	s.mu.Unlock()
	if !ok {
		return fmt.Errorf("knittest: WaitForSync: unknown sync run %q", syncRunID)
	}
	return s.waitRun(ctx, run)
}

// waitRun blocks until run's delivery ended and returns its error, or
// ctx's error if ctx ends first.
func (s *Server) waitRun(ctx context.Context, run *syncRun) error {
	select {
	case <-run.done:
		s.mu.Lock()
		defer s.mu.Unlock()
		return run.result.Err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// WaitForActivation blocks until the app.integration.activate event of the
// integration has been delivered or given up on, and returns the delivery
// error (nil when it was answered 200). The playground sends the event when
// an integration is connected (Connect, CompleteSession, the hosted connect
// page, knit mock --connect) to the webhook then registered for the
// integration's category; with none registered nothing is sent and
// WaitForActivation returns an error saying so. It returns ctx's error if
// ctx ends first.
func (s *Server) WaitForActivation(ctx context.Context, integrationID string) error {
	s.mu.Lock()
	run, ok := s.activations[integrationID]
	s.mu.Unlock()
	if !ok {
		return fmt.Errorf("knittest: WaitForActivation: no app.integration.activate was sent for integration %q (unknown integration, or no webhook URL was registered for its category when it connected)", integrationID)
	}
	return s.waitRun(ctx, run)
}

// SyncResult returns the delivery report of a sync run; ok is false for an
// unknown run. The report is final once WaitForSync has returned.
func (s *Server) SyncResult(syncRunID string) (res SyncResult, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	run, ok := s.runs[syncRunID]
	if !ok {
		return SyncResult{}, false
	}
	res = run.result
	res.Failed = append([]string(nil), res.Failed...)
	return res, true
}

// customSyncBody is sync.custom.start, with the fields Knit documents.
type customSyncBody struct {
	APIDetails *struct {
		Method  string            `json:"method"`
		Path    string            `json:"path"`
		BaseURL string            `json:"baseUrl"`
		Body    string            `json:"body"`
		Headers map[string]string `json:"headers"`
	} `json:"apiDetails"`
	IdempotencyID    string `json:"idempotencyId"`
	WebhookURL       string `json:"webhookURL"`
	RecordIdentifier string `json:"recordIdentifier"`
	ListIdentifier   string `json:"listIdentifier"`
}

// customRecordCount is how many records the playground's upstream list
// returns to a custom sync.
const customRecordCount = 5

func (s *Server) handleSyncCustomStart(c *call) (any, *apiError) {
	var b customSyncBody
	if ae := c.decode(&b); ae != nil {
		return nil, ae
	}
	switch {
	case b.APIDetails == nil || b.APIDetails.Method == "":
		return nil, badRequest("apiDetails.method is required")
	case b.APIDetails.Path == "":
		return nil, badRequest("apiDetails.path is required")
	case b.WebhookURL == "":
		return nil, badRequest("webhookURL is required")
	}
	if u, err := url.Parse(b.WebhookURL); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, badRequest("webhookURL %q is not an absolute URL", b.WebhookURL)
	}
	if b.IdempotencyID != "" {
		if runID, ok := s.customJobs[c.integ.ID+"|"+b.IdempotencyID]; ok {
			run := s.runs[runID]
			return map[string]any{"syncJobId": run.jobID, "syncRunId": run.id}, nil
		}
	}
	run := s.newRun(c, b.WebhookURL, "custom:"+b.APIDetails.Path)
	if b.IdempotencyID != "" {
		s.customJobs[c.integ.ID+"|"+b.IdempotencyID] = run.id
	}
	ms := strconv.FormatInt(c.now.UnixMilli(), 10)
	for i := range customRecordCount {
		id := fmt.Sprintf("rec_%d", i+1)
		rec := map[string]any{"id": id, "app": c.integ.AppID, "path": b.APIDetails.Path, "index": i}
		p := eventPayload{EventID: s.nextID("ev_"), EventType: eventRecordNew, EventData: rec, SyncType: syncTypeInitial,
			SyncDataType: dataTypeCustom, SyncJobID: run.jobID, SyncRunID: run.id, RecordID: id, TriggeredAt: ms}
		if err := run.add(p); err != nil {
			return nil, errf(500, "%v", err)
		}
	}
	if err := s.finishRun(run, customRecordCount, syncTypeInitial, dataTypeCustom, ms); err != nil {
		return nil, errf(500, "%v", err)
	}
	s.startDelivery(run)
	return map[string]any{"syncJobId": run.jobID, "syncRunId": run.id}, nil
}

var errClosed = errors.New("knittest: server closed before delivery finished")

// deliveryTimeout bounds one webhook POST.
const deliveryTimeout = 10 * time.Second
