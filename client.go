package knit

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/knit-sdk/knit-go/internal/categories"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// Base URLs of Knit's API. Pass one to option.WithBaseURL; the default is
// ProductionBaseURL.
const (
	// ProductionBaseURL is Knit's API, the one every example in Knit's docs
	// calls (https://developers.getknit.dev/docs/getting-started). Test and
	// Production integrated accounts both live here.
	ProductionBaseURL = "https://api.getknit.dev/v1.0"
	// SandboxBaseURL was seen in third-party code calling Knit, not in
	// Knit's docs; no Knit docs page describes a separate sandbox, so it is
	// unverified.
	SandboxBaseURL = "https://api.sandbox.getknit.dev/v1.0"
	// EUBaseURL was seen in third-party code calling Knit, not in Knit's
	// docs; unverified.
	EUBaseURL = "https://api.eu.getknit.dev/v1.0"
)

// DefaultCallTimeout bounds every call, retries included, unless
// option.WithCallTimeout says otherwise or the context's deadline comes
// first.
const DefaultCallTimeout = 80 * time.Second

// MaxEmptyPages is how many empty pages in a row (each with a new
// nextPageToken) an All iterator accepts before it stops with an error
// matching ErrMalformedResponse, instead of paging forever.
const MaxEmptyPages = 20

// Client is the entry point of the SDK. It holds the API key and the
// transport and is safe for concurrent use; create one per process and
// share it.
//
// Account-level services hang off the client; calls on a connected
// account go through Integration.
type Client struct {
	// AuthSessions creates the tokens that open Knit's UI component.
	AuthSessions *AuthSessionService
	// MagicLinks creates hosted authorization links.
	MagicLinks *MagicLinkService
	// Integrations lists and confirms integrated accounts.
	Integrations *IntegrationService

	t *transport.Client
}

// NewClient returns a client for apiKey (from the Knit dashboard). The key
// is never logged and never appears in an error: when Knit or a proxy
// echoes it in a message or body, the SDK replaces it with
// "[REDACTED API KEY]". Surrounding whitespace is trimmed (a key read from a
// file often ends in a newline); a key that is empty or holds whitespace
// or control characters inside is refused. NewClient does no I/O and does
// not read the environment; it fails only on such a key or an invalid
// option (for example a base URL that is not https).
func NewClient(apiKey string, opts ...option.RequestOption) (*Client, error) {
	cfg, err := transport.NewConfig(apiKey, opts...)
	if err != nil {
		return nil, err
	}
	t := transport.New(cfg)
	acct := t.Account()
	return &Client{
		AuthSessions: &AuthSessionService{s: acct},
		MagicLinks:   &MagicLinkService{s: acct},
		Integrations: &IntegrationService{s: acct},
		t:            t,
	}, nil
}

// Integration returns the handle for calls on one integrated account, the
// Integration ID that Knit's UI component (onFinish) or magic link gave you.
// It is cheap, immutable and safe for concurrent use: create one per
// request if that suits you. An empty id is reported as
// ErrIntegrationRequired by every call, before anything is sent.
func (c *Client) Integration(id string) *IntegrationClient {
	s := c.t.Integration(id)
	in := &IntegrationClient{s: s, sync: SyncService{s: s}}
	categories.HRIS(&in.hris, s)
	categories.ATS(&in.ats, s)
	categories.Accounting(&in.accounting, s)
	in.HRIS, in.ATS, in.Accounting, in.Sync = &in.hris, &in.ats, &in.accounting, &in.sync
	return in
}

// Do calls an account-level Knit method that has no typed wrapper (no
// X-Knit-Integration-Id header is sent). httpMethod is http.MethodGet
// (in is encoded as the query: url.Values, map[string]string or a struct
// with `url` tags) or http.MethodPost (in is the JSON body). The envelope's
// data is decoded into out (a pointer, or nil to discard) exactly as
// encoding/json.Unmarshal would, json.Number and `,string` fields included.
// Calls get the same retries, logging and errors as every typed method.
func (c *Client) Do(ctx context.Context, httpMethod, knitMethod string, in, out any, opts ...option.RequestOption) error {
	return do(ctx, c.t.Account(), httpMethod, knitMethod, in, out, opts)
}

func do(ctx context.Context, s transport.Scope, httpMethod, knitMethod string, in, out any, opts []option.RequestOption) error {
	r := &transport.Request{HTTPMethod: httpMethod, Method: knitMethod, Out: out, OutIsCallers: true}
	switch httpMethod {
	case http.MethodGet:
		r.Query = in
	case http.MethodPost:
		r.Body = in
	default:
		return transport.InvalidParam("Do", "httpMethod", fmt.Sprintf("%q is not supported; Knit methods use GET or POST", httpMethod))
	}
	return s.Do(ctx, r, opts)
}
