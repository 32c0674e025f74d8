// Package knittest is an in-process fake of the Knit API, a "playground"
// with realistic generated data, for your tests, demos and examples. It
// needs no network and no API key.
//
// # Starting a server
//
// In a test:
//
//	srv := knittest.NewServer(knittest.WithT(t)) // closed by t.Cleanup
//	client, err := srv.Client()                  // a *knit.Client pointed at srv
//
// In a program, call Close when done:
//
//	srv := knittest.NewServer()
//	defer srv.Close()
//	client, err := knit.NewClient(srv.APIKey(), option.WithBaseURL(srv.URL()))
//
// The server listens on loopback only. URL returns the base URL including
// /v1.0; every Knit method is served under it (e.g. <URL>/ats.job.list).
//
// # Connecting accounts
//
// Data calls need an integration. Connect creates one the way an end user
// would in Knit's UI:
//
//	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "acme", Category: knit.CategoryHRIS})
//	in := client.Integration(id)
//
// Sessions created through auth.createSession (AuthSessions.Create) are
// completed with CompleteSession(token, appID); a session that asked for a
// magic link gets one that completes the session when opened (GET). As on
// Knit, integrations are Test accounts by default: at most
// [MaxTestIntegrations] are active at a time ([ErrTestLimit]) and each is
// deactivated [TestAccountLifetime] (30 days) after creation, measured on the
// server clock ([WithClock]). [ConnectParams.Production], or testAccount:false
// in the session, makes a Production account instead.
//
// # What it enforces
//
//   - Authorization: Bearer <APIKey()> on every call, else 401.
//   - X-Knit-Integration-Id on integration-scoped calls: missing is 400; an
//     unknown or deactivated integration is 401 (Knit's docs do not say;
//     this is the playground's reading). Account-level calls
//     (auth.createSession, integration.details) need no integration.
//   - A method of another category (an HRIS method on an ATS integration) is
//     404 "Tool not supported for this app", as Knit answers.
//   - An unknown method is 404, a wrong HTTP verb 405; missing required
//     inputs are 400 with error.msg naming the field.
//   - Every response is Knit's envelope ({"success":true,"data":…} or
//     {"success":false,"error":{"msg":…}}; auth.createSession answers under
//     "msg") and carries an X-Knit-Execution-Id header.
//
// # Data
//
// The dataset is generated from a seed ([WithSeed]; same seed, byte-identical
// data). Webhook event IDs are the exception: "ev_" plus a random tag per
// server plus a counter ("ev_5c0f2a1e_000001"), unique across servers and
// processes like Knit's, so that a persistent deduper does not take a second
// run's events for duplicates of the first's. The data: 250 employees in 10
// departments and 7 offices with managers, leave
// balances, leave requests, documents and six months of payroll; 25 jobs
// with stages; 400 candidates and applications with interviews, offers and
// rejections; 500 CRM contacts, 120 accounts and 60 deals; 80 ledger
// accounts and 300 invoices and bills with line items and payments. Records
// are shaped like the eventData of Knit's syncs (keyed by Event Data Key:
// an employee has its profile under "profile", its org structure under
// "orgStructure"…). The accessors return them as the SDK's models, exactly
// as the SDK decodes them from this server: [Server.Employees] is
// []hris.Employee, [Server.Jobs] []ats.Job, [Server.Invoices]
// []accounting.Invoice, [Server.Deals] []crm.Deal; the others are
// [Server.Applications], [Server.Candidates], [Server.LedgerAccounts],
// [Server.AccountingContacts], [Server.JournalEntries], [Server.Contacts],
// [Server.Accounts], [Server.LeaveBalances] and [Server.Payroll]. They are
// copies. Change the data as the upstream app would with
// [Server.PatchRecord] (an RFC 7396 JSON merge patch in Knit's keys),
// [Server.AddRecord] and [Server.DeleteRecord]:
//
//	srv.PatchRecord("employees", "EMP1005", []byte(`{"orgStructure":{"designation":"Principal Engineer"}}`))
//
// List methods page with pageToken/nextPageToken ([WithPageSize], default 50;
// tokens are opaque and the last page has "nextPageToken":null).
//
// # Records and the SDK's models
//
// The playground's records spell Knit's JSON keys themselves, in unexported
// types, independently of the SDK's models, so that a key misspelt in one
// place shows up as a failing test instead of hiding in both. Compare a
// fetched value with what an accessor returns:
//
//	want := srv.Payroll("EMP1001")[0]
//	got, err := in.HRIS.Payroll.Get(ctx, "EMP1001", "2025-01")
//	// *got equals want
//
// The package's own tests check, for every record of the default dataset,
// that the SDK fetching it from the server decodes exactly what the
// accessors return, that every field of each SDK model is filled by some
// record (or is listed as having no playground data), and that every key a
// record sends is read by the SDK's model. Timesheets, documents and
// deductions have no SDK model (the SDK keeps them as raw JSON) and no
// accessor.
//
// Money amounts (salaries, pay, invoice totals, balances, deal amounts)
// are [basemodel.Decimal], sent as JSON numbers like Knit's; exchange rates
// are Decimals sent as strings ("1.0"), as in Knit's examples. The
// generator computes them in integer cents and the write methods in
// big.Rat, so no amount goes through float64. Leave amounts and hours are
// float64, as in the SDK.
//
// Knit documents neither CRM methods nor a CRM sync dataType, so CRM data is
// only reachable through the accessors. Response keys Knit does not
// document (e.g. "requests" for leave requests, {"invoiceId"} for a created
// invoice) are the playground's choice and are listed in wire.go.
//
// # Syncs and webhooks
//
// Register a webhook per category, as in Knit's dashboard, then start a sync:
//
//	srv.SetWebhookURL(knit.CategoryHRIS, receiver.URL)
//	job, err := in.Sync.Start(ctx, &knit.SyncStartParams{DataType: "employee"})
//	err = srv.WaitForSync(ctx, job.SyncRunID)
//
// An initial_sync posts one record.new per active record (eventData holds
// the requested models, all of them if none): as Knit's event glossary
// says, "during an initial sync, all active records are marked as new
// records", so employees whose employmentStatus is INACTIVE are left out
// unless sync.start sets includeInactiveRecords, which sends them too,
// marked by their status. A delta_sync reports record.new, record.modified
// and record.deleted for what changed since the previous sync of the same
// integration and data type; an employee marked INACTIVE since then is a
// record.deleted, as Knit sends for a terminated employee. record.deleted
// carries identifiers only, in the shapes of Knit's sync guides: employee
// {"employeeId", "workEmail"}, ats_jobs {"jobId"}, ats_applications
// {"applicationId", "candidateId", "jobId"}; for other data types, whose
// shape Knit does not document, the playground sends {"id"}.
//
// Every run ends with sync.events.processed, eventData
// {"status":"processed","processed":N,"emitted":M,"startedAt":"<ms>",
// "processedAt":"<ms>","complete":false} (N records read, M record events
// sent), then, once every event was answered exactly 200,
// sync.events.allConsumed with {"status":"completed","processed":N,
// "emitted":M,"consumed":M}. Like Knit's examples, these two have no
// recordId.
//
// Accounting contacts (AccountingContacts, the customers and vendors that
// invoices refer to) and journal entries (JournalEntries, one per paid
// invoice or bill) sync under [PlaygroundDataTypeAccountingContacts] and
// [PlaygroundDataTypeJournalEntries]: Knit documents their models but not
// their dataType strings, so these are the playground's own. So do expenses
// (vendor purchases booked to expense accounts, with tracking categories)
// under [PlaygroundDataTypeExpenses] and payments (one per paid invoice or
// bill, between the bank and the receivable or payable account) under
// [PlaygroundDataTypePayments]; they decode with the webhook package's
// Event.Expense and Event.PaymentRecord.
//
// Each POST is signed like Knit's (X-Knit-Signature: base64url HMAC-SHA256
// of the raw body keyed with the API key) and carries X-Knit-Integration-Id
// and X-Knit-Execution-Id. Anything but 200 is retried ([WithWebhookRetry]);
// [SyncResult] reports attempts and failures. Close stops deliveries in flight.
//
// # Faults and assertions
//
// InjectRateLimit(n, retryAfter) answers the next n calls with 429 and
// Retry-After; FailNext(n, status) answers them with status; SetLatency
// delays every response. Requests returns every authorized call received
// (Knit method, verb, headers with Authorization redacted, query, body): a
// call with a wrong key is answered 401 before its body is read and is not
// recorded, and the log keeps the newest 10,000 calls and 32 MiB of bodies.
//
// # Driving the playground from another language
//
// [WithControlAPI] serves a control API under [ControlPath] (/_knittest/) next
// to the Knit API, and ControlHandler returns it for mounting on your own
// mux: connect accounts, complete auth sessions, inject faults, read and
// clear the request log, add, change and delete records, read a sync run's
// result and Reset, all over HTTP with JSON. [Listen] starts a playground on
// a chosen address. The `knit mock` command (cmd/knit) runs exactly this.
// Every route, body and answer is listed in CONTROL.md in this package's
// directory. BuildEvents makes webhook delivery bodies (for `knit trigger`).
package knittest
