package knittest

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// tokenPrefix makes page tokens recognisably the playground's; they are
// opaque to clients.
const tokenPrefix = "kpt1:"

func encodeToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(tokenPrefix + strconv.Itoa(offset)))
}

func decodeToken(tok string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(b), tokenPrefix))
	if err != nil || n < 0 || !strings.HasPrefix(string(b), tokenPrefix) {
		return 0, false
	}
	return n, true
}

// paginate returns the page of items selected by the call's pageToken and
// the nextPageToken value: a string, or nil (JSON null) on the last page.
func paginate[T any](c *call, items []T) ([]T, any, *apiError) {
	off := 0
	if tok := c.query.Get(keyPageToken); tok != "" {
		var ok bool
		if off, ok = decodeToken(tok); !ok || off > len(items) {
			return nil, nil, badRequest("Invalid %s %q", keyPageToken, tok)
		}
	}
	end := min(off+c.s.cfg.pageSize, len(items))
	page := append(make([]T, 0, end-off), items[off:end]...)
	if end < len(items) {
		return page, encodeToken(end), nil
	}
	return page, nil, nil
}

// listResponse builds data{<key>: page, nextPageToken}.
func listResponse[T any](c *call, key string, items []T) (any, *apiError) {
	page, next, ae := paginate(c, items)
	if ae != nil {
		return nil, ae
	}
	return map[string]any{key: page, keyNextPageToken: next}, nil
}

// derefAll turns a slice of record pointers into values for encoding.
func derefAll[T any](list []*T) []T {
	out := make([]T, len(list))
	for i, v := range list {
		out[i] = *v
	}
	return out
}
