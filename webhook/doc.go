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
//	http.Handle("/knit/webhook", webhook.NewHandler([]string{apiKey}, router.Handle,
//		webhook.WithLogger(slog.Default())))
//
// NewHandler answers 405 to anything but POST, 413 above 5 MiB
// (WithMaxBodyBytes), 401 to a missing or wrong signature (your callback is
// not called), 400 to a body that is not an event, 409 to a second delivery
// of an event whose first delivery is still being processed, 500 when your
// callback fails or panics, and exactly 200 once it succeeded.
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
//     (NewMemoryDeduper: in memory, bounded) and acknowledges a duplicate
//     with 200 without calling you. An event counts as processed only after
//     your callback succeeded, so a failure is never skipped. With several
//     replicas behind a load balancer, give them a shared Deduper
//     (WithDeduper), for example on Redis;
//   - unmatched events succeed: a Router without a matching route or
//     Default acknowledges the event, since refusing it would only make
//     Knit retry it for 4 days;
//   - events are not ordered (Knit documents no ordering); use the record
//     IDs and TriggeredAt if order matters to you.
//
// The event envelope (eventId, eventType, syncType, syncDataType, syncJobId,
// syncRunId, recordId, eventData) is CONFIRMED; triggeredAt is OBSERVED in
// real payloads only. The integrated account is not in the body but in the
// X-Knit-Integration-Id header, which ParseRequest and NewHandler copy to
// Event.IntegrationID.
//
// # Observing deliveries
//
// WithDeliveryHook runs a hook around every request: it starts before
// anything else and returns the context the Deduper and the callback run
// under (a tracing hook puts its span there), and its end function receives
// the event, the Outcome (processed, duplicate, in_progress,
// signature_rejected, malformed, callback_failed, callback_panicked,
// deduper_failed, ...), the status answered, the total duration and the
// callback's duration. The knitotel module turns it into OpenTelemetry
// spans and metrics. WithLogger's line is written with the request's
// context, so trace-aware slog handlers can add the trace ID.
//
// # Typed records
//
// Event.EventData stays raw JSON until you ask for a record: ev.Employee()
// (HRIS), ev.Job(), ev.Application(), ev.Candidate() (ATS), ev.Contact(),
// ev.Account(), ev.Deal(), ev.CustomObjectRecord() (CRM), ev.Invoice(),
// ev.LedgerAccount(), ev.AccountingEmployee() (accounting). Each returns
// ErrDataTypeMismatch when the event's syncDataType is a different known
// data type, and ErrNotRecordEvent for sync.*, app.* and bot.* events. Knit
// documents no syncDataType strings for CRM, accounting accounts and
// accounting employees, so those accessors accept any data type except the
// documented ones of other records. Unknown event and data types are never
// an error: they arrive as a plain Event with their raw EventData.
//
// # Signatures: raw bytes, not re-serialised JSON
//
// Knit signs each delivery with base64url (no padding) of HMAC-SHA256 over
// the request body, keyed with your Knit API key; there is no separate
// webhook secret. Verify exactly the bytes you received: parse and
// re-encode the JSON first, and key order, spacing and escapes change, so
// the signature no longer matches. Verify (and ParseRequest, NewHandler)
// compares in constant time, accepts a padded signature and ignores
// surrounding whitespace.
//
// Knit's own Node.js sample computes the signature over
// JSON.stringify(request.body) instead of the raw body. If you ever see
// genuine deliveries rejected because the sender signed a compact form,
// enable WithCompactJSONFallback: it also accepts the signature of the body
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
// Sign and NewSignedRequest build deliveries exactly as Knit signs them:
//
//	req, _ := webhook.NewSignedRequest(ctx, srv.URL, payload, apiKey)
//	req.Header.Set(webhook.HeaderIntegrationID, "int_1")
//	resp, err := srv.Client().Do(req)
//
// Without NewHandler, verify and decode in your own handler with
// ParseRequest(r, keys...) (or NewVerifier for options), or with Verify and
// Parse when you already hold the body.
package webhook
