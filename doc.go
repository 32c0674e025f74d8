// Package knit is the Go SDK for the Knit Unified API (getknit.dev): one API
// over HRIS, ATS, CRM and Accounting apps such as BambooHR, Workday,
// Greenhouse, Salesforce, HubSpot, QuickBooks and Xero.
//
// # The workflow
//
//  1. Your backend creates an auth session for one of your customers
//     (Client.AuthSessions.Create) and hands the token to Knit's UI
//     component, or creates a magic link (Client.MagicLinks.Create).
//  2. The customer connects an app; Knit hands back an Integration ID.
//     Confirm it server-side (Client.Integrations.Confirm) and store it.
//  3. Make data calls with the ID: [Client.Integration](id) returns a handle
//     whose HRIS, ATS and Accounting fields hold the typed operations, or
//     start a sync ([IntegrationClient.Sync]) and let Knit push records to
//     your webhook (CRM data arrives this way only; see package crm).
//  4. Verify and decode those webhooks with package webhook.
//
// # Quick start
//
//	client, err := knit.NewClient(os.Getenv("KNIT_API_KEY"))
//	if err != nil {
//		log.Fatal(err)
//	}
//	in := client.Integration(integrationID)
//	for job, err := range in.ATS.Jobs.All(ctx, nil) {
//		if err != nil {
//			log.Fatal(err)
//		}
//		fmt.Println(job.Info.Title)
//	}
//
// The knittest package runs a fake Knit API in process, with playground
// data, for your tests and for trying the SDK without an API key.
//
// # Options
//
// [NewClient] and every method take trailing [option.RequestOption] values; an
// option given to a method applies to that call only. See package option.
//
// # Errors
//
// Every failed call returns an *[Error] (HTTP status, Knit's error.msg,
// X-Knit-Execution-Id, integration ID, Knit method, attempts). Knit answers
// some failures with HTTP 200 and "success": false; those are errors too.
// Classify with errors.Is against [ErrUnauthorized], [ErrForbidden], [ErrNotFound],
// [ErrNotSupported] (the connected app does not support the operation),
// [ErrRateLimited], [ErrServer] and [ErrMalformedResponse]. Input rejected before
// anything is sent is a *[ParamError] ([ErrInvalidParams]) naming the field;
// an empty integration ID is [ErrIntegrationRequired]. Context cancellation
// and transport errors stay reachable: errors.Is(err, context.Canceled).
//
// # Retries
//
// Calls are retried (2 retries by default, [option.WithMaxRetries]) with
// exponential backoff and jitter, honouring Retry-After up to the maximum
// wait ([option.WithRetryWait]). Reads (GET) retry on connection errors, 408,
// 429, 500, 502, 503 and 504, never on 501 or other 4xx. Writes (POST)
// retry only when Knit provably did not process them: 429, or a connection
// that was never made; [option.WithRetryWrites] opts a call into the read
// policy. The whole call, waits included, is bounded by the context and
// by [DefaultCallTimeout] (80 s; [option.WithCallTimeout] changes it, 0 leaves
// it to the context); [option.WithRequestTimeout] bounds each attempt.
//
// Redirects are never followed, so the API key goes nowhere but the base
// URL: a 3xx answer is an *Error naming the status and the Location. A key
// echoed back by Knit or a proxy is replaced by "[REDACTED API KEY]" in
// every error and log line.
//
// # Logging
//
// The SDK is silent unless given a *slog.Logger with [option.WithLogger]: then
// each attempt is logged at Debug and each retry at Warn, with the Knit
// method, integration ID, status, attempt, duration, execution ID and, after
// a transport failure, its error. The API key, the Authorization header, the
// request URL, query values and bodies are never logged: a transport
// error's text is logged only when this machine made it (a dial or read
// failure, a timeout), and reads "transport failure" when it may quote the
// server's bytes, as net/http's "malformed HTTP status code" does. The
// error the call returns keeps the full text. Models
// holding personal data mask themselves through fmt and slog; for slices,
// maps and structs of them logged as one slog value, use package logmask.
// Log lines are written with the call's context, so a trace-aware
// slog.Handler can add the trace and span IDs.
//
// # Observability
//
// [option.WithCallHook] runs a hook around every call (Knit method, integration
// ID, verb; then attempts, status, execution ID, error and time spent
// waiting to retry), and [option.WithMiddleware] wraps each HTTP attempt
// around the SDK's own pooled transport; see package hook. The knitotel
// module (github.com/knit-sdk/knit-go/knitotel) builds OpenTelemetry spans
// and metrics on them. With none installed, calls do no extra work.
//
// # Pagination
//
// List methods fetch one page (pass the previous page's NextPageToken to
// get the next); All methods return an iter.Seq2 over every record that
// fetches pages lazily as the loop advances, starts again at page one on
// each range, stops fetching when the loop breaks and yields an error once.
// It stops with an error matching ErrMalformedResponse on a repeated cursor
// (the starting PageToken included) and after [MaxEmptyPages] empty pages in
// a row.
//
// # Knit methods
//
// Each method calls one Knit method:
//
//	AuthSessionService.Create         POST auth.createSession
//	MagicLinkService.Create           POST auth.createSession
//	IntegrationService.List, Confirm  GET  integration.details
//	IntegrationClient.Deactivate      POST integration.deactivate
//	IntegrationClient.Passthrough     POST passthrough
//	SyncService.Start                 POST sync.start
//	SyncService.StartCustom           POST sync.custom.start
//
// Knit documents part of its API: auth sessions and syncs have Knit docs
// pages; integration.details, integration.deactivate and passthrough were
// seen in public third-party code calling Knit. Each method's
// documentation says which in one line. Methods Knit has not published are
// not guessed: reach them with [IntegrationClient.Do], [Client.Do] or
// [IntegrationClient.Passthrough].
// Knit's pages name a "Get List of Supported Apps API" (account level: use
// Client.Do) and a way to register the webhook of a category, but not
// their method names, so the SDK has no typed call for either.
package knit

//go:generate go run ./internal/gencatalog -w
