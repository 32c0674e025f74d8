// Package knitotel reports knit-go calls and webhook deliveries to
// OpenTelemetry: a span per SDK call and per HTTP attempt, a span per
// webhook delivery, and metrics, with tracer and meter providers defaulting
// to the global ones (otel.GetTracerProvider, otel.GetMeterProvider).
//
// It is its own Go module, so that the core SDK depends on no part of
// OpenTelemetry. Two lines turn it on:
//
//	client, err := knit.NewClient(apiKey, knitotel.ClientOption())
//	handler := webhook.NewHandler(keys, process, knitotel.WebhookOption())
//
// # Spans
//
// One INTERNAL span per SDK call, named after the Knit method (for example
// "ats.job.list"), with knit.method, http.request.method,
// knit.integration.id (integration-scoped calls), knit.execution.id,
// knit.attempts, knit.retry.wait (seconds), http.response.status_code and,
// on failure, error.type and an Error status whose description is the HTTP
// status and error.type ("404 Not Found (not_found)"), never the error's
// text: Knit's message and body excerpts are free text a server can fill
// with anything the request held (a query value, a token in a URL). Knit's
// error answers carry no code of their own; the message stays on the
// returned *knit.Error.
//
// Under it, one CLIENT span per HTTP attempt following OpenTelemetry's
// stable HTTP client conventions, named after the verb ("GET"):
// http.request.method, server.address, server.port, url.full (query values
// replaced by REDACTED), http.request.resend_count (from the second attempt
// on), http.response.status_code, knit.method and, for a transport error or
// a status of 400 or more, error.type. After a transport error the status
// description is that error's text only when it was made on this machine
// (a dial or read failure, a timeout), without the request URL; other text,
// which may quote the server's bytes, reads "transport failure". The span
// ends when the response headers arrive.
//
// One span per webhook delivery, "knit.webhook <event type>" (SERVER, or
// INTERNAL under an existing server span such as otelhttp's), parenting the
// callback's spans: knit.webhook.event_id, knit.webhook.event_type,
// knit.webhook.data_type, knit.sync.job_id, knit.sync.run_id,
// knit.integration.id, knit.webhook.outcome, http.response.status_code,
// and error.type with an Error status for answers of 500 and above.
//
// # Metrics
//
// Attributes are low-cardinality only: never the integration ID (one series
// per end customer), execution ID or URL.
//
//	http.client.request.duration  histogram, s, per HTTP attempt: http.request.method,
//	                              server.address, server.port, url.scheme,
//	                              http.response.status_code, error.type
//	knit.client.call.duration     histogram, s, per call: knit.method, http.request.method, error.type
//	knit.client.call.attempts     histogram, {attempt}, per call: same attributes
//	knit.client.retry.wait        histogram, s, per call that waited: same attributes
//	knit.webhook.deliveries       counter, {delivery}: knit.webhook.event_type,
//	                              knit.webhook.data_type, knit.webhook.outcome
//	                              (outcome processed_claim_lost counts lost Deduper leases,
//	                              processed_not_recorded successes the Deduper could not record)
//	knit.webhook.delivery.duration histogram, s: same attributes
//	knit.webhook.callback.duration histogram, s, deliveries whose callback ran: same attributes
//
// error.type is a short class: rate_limited, unauthorized, forbidden,
// not_found, not_supported, server_error, malformed_response, knit_error
// (success:false), canceled, timeout, transport, or the HTTP status.
//
// # Trace context
//
// No trace context is sent to Knit unless [WithPropagator] is given: Knit has
// no use for it, and headers leave your network.
//
// # Cost
//
// On no-op providers (no SDK installed), spans are not recording and
// instruments are disabled, so only the span start and end remain; see
// BenchmarkOverhead in this module.
package knitotel
