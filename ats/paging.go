package ats

import (
	"context"
	"net/url"

	"github.com/knit-sdk/knit-go/internal/transport"
)

// listQuery builds the query of one list page: a copy of extra plus the page
// token (omitted on the first page, as Knit expects). extra may not carry the
// token itself: the iterator owns it.
func listQuery(op, token string, extra url.Values) (url.Values, error) {
	if extra.Has(transport.KeyPageToken) {
		return nil, transport.InvalidParam(op, "Extra", "must not set "+transport.KeyPageToken+"; use PageToken")
	}
	return transport.BuildQuery(op, pageQuery{token}, extra)
}

// pageQuery is the query of one list page; its tag is transport.KeyPageToken.
type pageQuery struct {
	PageToken string `url:"pageToken,omitempty"`
}

// startAt adapts fetch so the iterator's first page uses start instead of the
// empty token. transport.Paginate passes "" only for the first page of each
// range, so restarting a range starts at start again.
func startAt[T any](start string, fetch transport.FetchPage[T]) transport.FetchPage[T] {
	if start == "" {
		return fetch
	}
	return func(ctx context.Context, token string) ([]T, string, error) {
		if token == "" {
			token = start
		}
		return fetch(ctx, token)
	}
}
