package hris

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/google/go-querystring/query"

	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// Client reaches the HRIS operations of one integrated account. Get one from
// knit.Client.Integration(id).HRIS; it is safe for concurrent use.
type Client struct {
	s transport.Scope
}

// NewClient is used by package knit; get a Client from
// knit.Client.Integration(id).HRIS instead.
func NewClient(s transport.Scope) *Client { return &Client{s: s} }

// requireID reports an empty (or blank) required ID before anything is sent.
func requireID(op, field, v string) error {
	if strings.TrimSpace(v) == "" {
		return transport.Required(op, field)
	}
	return nil
}

// buildQuery encodes typed (a struct with `url` tags) and adds extra, the
// query parameters whose names Knit does not document. A key of extra that a
// typed field already set is an error rather than a silent override.
func buildQuery(op string, typed any, extra url.Values) (url.Values, error) {
	v, err := query.Values(typed)
	if err != nil {
		return nil, transport.InvalidParam(op, "query", err.Error())
	}
	for k, vals := range extra {
		if v.Has(k) {
			return nil, transport.InvalidParam(op, "Extra", fmt.Sprintf("key %q is already set by a typed field; set the typed field instead", k))
		}
		v[k] = append([]string(nil), vals...)
	}
	return v, nil
}

// get sends a GET and decodes data into out.
func (c *Client) get(ctx context.Context, op, method string, typed any, extra url.Values, out any, opts []option.RequestOption) error {
	q, err := buildQuery(op, typed, extra)
	if err != nil {
		return err
	}
	return c.s.Get(ctx, method, q, out, opts)
}

// post marshals typed with extra merged in and sends it; data is kept in a
// Result.
func (c *Client) post(ctx context.Context, op, method string, typed any, extra map[string]any, opts []option.RequestOption) (*Result, error) {
	body, err := transport.MarshalWithExtra(typed, extra)
	if err != nil {
		return nil, transport.InvalidParam(op, "Extra", err.Error())
	}
	var out Result
	if err := c.s.Post(ctx, method, body, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListParams holds the query of the read calls whose parameters Knit does
// not document (compensation plans, document categories, termination
// reasons, field values, companies, deductions). The zero value sends no
// parameters.
type ListParams struct {
	// OriginData asks Knit to include the app's own response
	// ("originData", CONFIRMED on the leave-balance page, INFERRED here).
	OriginData bool `url:"originData,omitempty"`
	// Extra holds further query parameters by wire name.
	Extra url.Values `url:"-"`
}

func (p *ListParams) orZero() *ListParams {
	if p == nil {
		return &ListParams{}
	}
	return p
}

// getResult is a GET whose data shape is UNKNOWN.
func (c *Client) getResult(ctx context.Context, op, method string, p *ListParams, opts []option.RequestOption) (*Result, error) {
	p = p.orZero()
	var out Result
	if err := c.get(ctx, op, method, p, p.Extra, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}
