package ats

import (
	"net/url"

	"github.com/knit-sdk/knit-go/internal/transport"
)

// listQuery builds the query of one list page: a copy of extra plus the page
// token (omitted on the first page, as Knit expects). extra may not carry the
// token itself: the iterator owns it.
func listQuery(op, token string, extra url.Values) (url.Values, error) {
	q := make(url.Values, len(extra)+1)
	for k, v := range extra {
		if k == transport.KeyPageToken {
			return nil, transport.InvalidParam(op, "Extra", "must not set "+transport.KeyPageToken+"; use PageToken")
		}
		q[k] = append([]string(nil), v...)
	}
	if token != "" {
		q.Set(transport.KeyPageToken, token)
	}
	return q, nil
}
