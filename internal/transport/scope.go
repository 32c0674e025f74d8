package transport

import (
	"context"
	"net/http"
)

// Scope is what a service holds: the shared transport plus, for data calls,
// the integration ID stamped on every request and error. It is a small value,
// cheap to copy and safe for concurrent use.
type Scope struct {
	c      *Client
	id     string
	scoped bool
}

// Account returns a scope for account-level calls (no integration header).
func (c *Client) Account() Scope { return Scope{c: c} }

// Integration returns a scope for calls on one integrated account.
func (c *Client) Integration(id string) Scope { return Scope{c: c, id: id, scoped: true} }

// IntegrationID returns the scope's integration ID ("" for account scope).
func (s Scope) IntegrationID() string { return s.id }

// Do sends r with the scope's integration ID.
func (s Scope) Do(ctx context.Context, r *Request, opts []Option) error {
	if s.c == nil {
		return InvalidParam(r.Method, "client", "is not initialised; create it with knit.NewClient")
	}
	r.IntegrationID, r.Scoped = s.id, s.scoped
	return s.c.Do(ctx, r, opts)
}

// Get calls a read method: query is url.Values or a struct with `url` tags;
// data is decoded into out.
func (s Scope) Get(ctx context.Context, method string, query, out any, opts []Option) error {
	return s.Do(ctx, &Request{HTTPMethod: http.MethodGet, Method: method, Query: query, Out: out}, opts)
}

// Post calls a write method with body as JSON; data is decoded into out.
func (s Scope) Post(ctx context.Context, method string, body, out any, opts []Option) error {
	return s.Do(ctx, &Request{HTTPMethod: http.MethodPost, Method: method, Body: body, Out: out}, opts)
}
