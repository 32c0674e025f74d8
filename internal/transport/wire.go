package transport

// Knit wire names used by the transport. Each lives here once so that a
// correction from Knit's docs is a one-line change. The public copies of the
// base URLs and header names (package knit, package webhook) spell the
// values out for go doc; a test in each package keeps them equal to these.
const (
	// ProductionBaseURL is Knit's production API, documented by Knit.
	ProductionBaseURL = "https://api.getknit.dev/v1.0"
	// SandboxBaseURL is seen in third-party code calling Knit only
	// (unverified).
	SandboxBaseURL = "https://api.sandbox.getknit.dev/v1.0"
	// EUBaseURL is seen in third-party code calling Knit only (unverified).
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

	// Pagination keys: seen in third-party code that calls Knit's ATS list
	// methods. Knit's pages promise cursor pagination but do not name
	// these keys (the response-structures page says nothing on pagination).
	KeyNextPageToken = "nextPageToken"
	KeyPageToken     = "pageToken"
)

// Version is the SDK version sent in the User-Agent header; knit.Version
// (checked against CHANGELOG.md) must equal it, which a test checks.
const Version = "0.1.0"
