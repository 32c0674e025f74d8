package ats

import (
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
