// Package webhook receives Knit's sync events: it verifies the
// X-Knit-Signature of a delivery, decodes the event, deduplicates
// redeliveries and hands typed records to your code. It needs no API client.
//
// # A complete receiver
//
// Register one handler as the webhook URL of a Knit category (dashboard,
// per category). This one receives, verifies, dedupes and decodes:
//
//	router := webhook.NewRouter()
//	router.OnRecord(hris.DataTypeEmployee, func(ctx context.Context, ev *webhook.Event) error {
//		emp, err := ev.Employee()
//		if err != nil {
//			return err // answered 500: Knit redelivers later
//		}
//		return store.UpsertEmployee(ctx, ev.IntegrationID, ev.EventType, emp)
//	})
//	router.OnDeleted(hris.DataTypeEmployee, func(ctx context.Context, ev *webhook.Event) error {
//		del, err := ev.DeletedEmployee() // identifiers only: {employeeId, workEmail}
//		if err != nil {
//			return err
//		}
//		return store.RemoveEmployee(ctx, ev.IntegrationID, del.EmployeeID)
//	})
//	http.Handle("/knit/webhook", webhook.NewHandler([]string{apiKey}, router.Handle,
//		webhook.WithLogger(slog.Default())))
//
// [NewHandler] answers 405 to anything but POST, 413 above 5 MiB
// ([WithMaxBodyBytes]), 401 to a missing or wrong signature (your callback is
// not called), 400 to a body that is not an event, 409 to a second delivery
// of an event whose first delivery is still being processed, 500 when your
// callback fails or panics, and exactly 200 once it succeeded.
//
// A handler without a usable key (none, or one with whitespace inside;
// surrounding whitespace is trimmed) answers every delivery 500 and logs
// why at Error level, through [WithLogger]'s logger or slog.Default();
// [NewCheckedHandler] returns the mistake as an error at startup instead.
// Serve the handler from an http.Server with ReadHeaderTimeout and
// ReadTimeout; its memory grows with the bytes actually received.
//
// An [Event] printed with fmt or logged with log/slog shows only its IDs,
// types and sizes, never the record; encoding/json and Payload keep it
// whole for storage.
//
// # Delivery semantics
//
// Knit marks an event consumed only when your endpoint answers HTTP 200 —
// not 201, not 204 — and otherwise retries it "multiple times over a period
// of 4 days" (Knit's event glossary). Therefore:
//
//   - return nil from your callback only once the event is safely stored or
//     enqueued; return an error to have Knit redeliver it;
//   - expect duplicates: the same eventId can arrive again after a timeout
//     or a lost 200. NewHandler remembers processed event IDs for 5 days
//     ([NewMemoryDeduper]: in memory, bounded) and acknowledges a duplicate
//     with 200 without calling you. An event counts as processed only after
//     your callback succeeded, so a failure is never skipped. With several
//     replicas behind a load balancer, give them a shared [Deduper]
//     ([WithDeduper]; see "Several replicas" below);
//   - unmatched events succeed: a [Router] without a matching route or
//     Default acknowledges the event, since refusing it would only make
//     Knit retry it for 4 days;
//   - events are not ordered (Knit documents no ordering); use the record
//     IDs and TriggeredAt if order matters to you.
//
// # Several replicas
//
// A Deduper's claims are fenced: Begin returns a [Claim] with a token and a
// lease, and Finish takes the token back. A claim whose lease passed (a
// replica stalled or crashed) can be taken over by a redelivery to another
// replica; the stalled replica's late Finish then changes nothing and
// returns [ErrClaimLost], and NewHandler still answers 200 because its
// callback succeeded. While a callback runs, NewHandler renews its claim
// ([Renewer]) every third of the lease; [WithCallbackTimeout] bounds the
// callback so a lease can be sized without renewal. Lease and memory are
// timed by the store's clock, and processed IDs are kept at least 4 days
// ([MinDedupeTTL]). When the store fails while a success is recorded,
// NewHandler retries Finish with backoff, still renewing the claim, for the
// lease ([WithFinishRetry] for longer), so a store that restarts or fails
// over within that time runs no callback twice; [DeliveryEnd.FinishRetries]
// and the log say when it retried.
//
// Modules of this repository implement the contract on shared stores:
// github.com/knit-sdk/knit-go/redis (package knitredis, at-least-once with
// fencing) and github.com/knit-sdk/knit-go/postgres (package knitpostgres,
// the same Deduper, plus a transactional inbox handler whose database
// effects happen exactly once). Package webhooktest holds the conformance
// suite every implementation passes.
//
// Knit documents the event envelope (eventId, eventType, syncType,
// syncDataType, syncJobId, syncRunId, recordId, eventData); triggeredAt is
// not documented but seen in real payloads. The integrated account is not in the body but in the
// X-Knit-Integration-Id header, which [ParseRequest] and NewHandler copy to
// [Event.IntegrationID].
//
// # Observing deliveries
//
// [WithDeliveryHook] runs a hook around every request: it starts before
// anything else and returns the context the Deduper and the callback run
// under (a tracing hook puts its span there), and its end function receives
// the event, the [Outcome] (processed, duplicate, in_progress,
// signature_rejected, malformed, callback_failed, callback_panicked,
// deduper_failed, ...), the status answered, the total duration and the
// callback's duration. The knitotel module turns it into OpenTelemetry
// spans and metrics. WithLogger's line is written with the request's
// context, so trace-aware slog handlers can add the trace ID.
//
// # Typed records
//
// [Event.EventData] keeps the raw JSON; ask for a record with ev.Employee()
// (HRIS), ev.Job(), ev.Application(), ev.Candidate() (ATS), ev.Contact(),
// ev.Account(), ev.Deal(), ev.CustomObjectRecord() (CRM), ev.Invoice(),
// ev.LedgerAccount(), ev.AccountingEmployee(), ev.AccountingContact(),
// ev.JournalEntry() (accounting). Each returns
// [ErrDataTypeMismatch] when the event's syncDataType is a different known
// data type, and [ErrNotRecordEvent] for sync.*, app.* and bot.* events. Knit
// documents no syncDataType strings for CRM and for accounting accounts,
// employees, contacts and journal entries, so those accessors accept any data type except the
// documented ones of other records. Unknown event and data types are never
// an error: they arrive as a plain Event with their raw EventData.
//
// [Parse] (and so ParseRequest and NewHandler) reads the envelope only, so a
// receiver that routes by type and acknowledges never pays for the record.
// An accessor decodes the record on its first call; later calls, from any
// goroutine, return that same record (or error). Do not modify it if other
// code reads the event too.
//
// # Deletions
//
// A record.deleted event carries no models, only the deleted record's
// identifiers (Knit's sync guides): employee {"employeeId", "workEmail"},
// ats_jobs {"jobId"}, ats_applications {"applicationId", "candidateId",
// "jobId"}. Read them with ev.DeletedEmployee(), ev.DeletedJob() and
// ev.DeletedApplication(); the record accessors above refuse a deletion
// with [ErrDeletedRecord] rather than return an empty record. Knit documents
// no deleted shape for other data types: read ev.EventData and ev.RecordID.
// [Router.OnDeleted] routes deletions of one data type to their own callback.
//
// # Sync runs
//
// When a sync run finishes Knit sends sync.events.processed (always, even
// when the run emitted nothing), then sync.events.allConsumed once your
// webhook acknowledged every event. ev.SyncRun() decodes their counts and
// times: [Processed] (records read), Emitted (events sent), Consumed (events
// acknowledged, on allConsumed), StartedAt and ProcessedAt. Route them with
// [Router.OnEvent]([webhook.EventSyncEventsProcessed], ...).
//
// # Integration activation
//
// Knit sends app.integration.activate once it has validated a newly
// connected account; its payload may carry validation errors, and Knit's
// event glossary says to start syncs on it when it carries none.
// ev.Activation() decodes it (IntegrationID, AppID, CategoryID,
// OriginOrgID, ValidationErrors; Knit does not document the payload's keys,
// so Raw keeps it whole and IntegrationID falls back to the
// X-Knit-Integration-Id header), and [Router.OnActivate] routes it:
//
//	router.OnActivate(func(ctx context.Context, ev *webhook.Event, a *webhook.Activation) error {
//		if !a.OK() {
//			return nil // tell the customer; redelivery would not fix it
//		}
//		_, err := client.Integration(a.IntegrationID).Sync.Start(ctx, &knit.SyncStartParams{DataType: hris.DataTypeEmployee})
//		return err
//	})
//
// The knittest playground (and knit mock) sends the event whenever an
// account connects; see the Router.OnActivate example.
//
// # Signatures: raw bytes, not re-serialised JSON
//
// Knit signs each delivery with base64url (no padding) of HMAC-SHA256 over
// the request body, keyed with your Knit API key; there is no separate
// webhook secret. [Verify] exactly the bytes you received: parse and
// re-encode the JSON first, and key order, spacing and escapes change, so
// the signature no longer matches. Verify (and ParseRequest, NewHandler)
// compares in constant time, accepts a padded signature and ignores
// surrounding whitespace.
//
// Knit's own Node.js sample computes the signature over
// JSON.stringify(request.body) instead of the raw body. If you ever see
// genuine deliveries rejected because the sender signed a compact form,
// enable [WithCompactJSONFallback]: it also accepts the signature of the body
// with insignificant whitespace removed (still keyed with your API key, so
// it lets nobody forge an event). It is off by default.
//
// Knit's scheme has no timestamp, so a captured delivery could be replayed;
// deduplication on eventId blunts that, and a signature never leaks into
// logs or errors of this package.
//
// # Key rotation
//
// The signing key is your API key, so rotating the API key rotates the
// webhook key. Accept both while Knit switches over, then drop the old one:
//
//	webhook.NewHandler([]string{newKey, oldKey}, router.Handle)
//
// # Testing your handler
//
// [Sign] and [NewSignedRequest] build deliveries exactly as Knit signs them:
//
//	req, _ := webhook.NewSignedRequest(ctx, srv.URL, payload, apiKey)
//	req.Header.Set(webhook.HeaderIntegrationID, "int_1")
//	resp, err := srv.Client().Do(req)
//
// Without NewHandler, verify and decode in your own handler with
// ParseRequest(r, keys...) (or [NewVerifier] for options), or with Verify and
// Parse when you already hold the body.
package webhook
