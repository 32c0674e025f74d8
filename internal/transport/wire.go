package transport

// Knit wire names used by the transport. Each lives here once so that a
// correction from Knit's docs is a one-line change.
const (
	// ProductionBaseURL is Knit's production API (CONFIRMED).
	ProductionBaseURL = "https://api.getknit.dev/v1.0"
	// SandboxBaseURL is seen in third-party code only (OBSERVED, unverified).
	SandboxBaseURL = "https://api.sandbox.getknit.dev/v1.0"
	// EUBaseURL is seen in third-party code only (OBSERVED, unverified).
	EUBaseURL = "https://api.eu.getknit.dev/v1.0"

	HeaderAuthorization = "Authorization"
	HeaderIntegrationID = "X-Knit-Integration-Id"
	HeaderExecutionID   = "X-Knit-Execution-Id"
	HeaderSignature     = "X-Knit-Signature"
	HeaderRetryAfter    = "Retry-After"
	HeaderUserAgent     = "User-Agent"
	HeaderAccept        = "Accept"
	HeaderContentType   = "Content-Type"

	ContentTypeJSON = "application/json"

	// Pagination keys: OBSERVED in third-party code that calls Knit's ATS
	// list methods. Knit's pages promise cursor pagination but do not name
	// these keys (the response-structures page says nothing on pagination).
	KeyNextPageToken = "nextPageToken"
	KeyPageToken     = "pageToken"
)

// Version is the SDK version sent in the User-Agent header.
const Version = "0.1.0"
