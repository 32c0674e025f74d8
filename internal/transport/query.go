package transport

import (
	"fmt"
	"net/url"

	"github.com/google/go-querystring/query"
)

// BuildQuery is the one way the SDK builds a query string: typed, a struct
// with `url` tags (go-querystring), plus extra, the query parameters a
// caller adds by wire name (the params' Extra field). A key of extra that a
// typed field already set is a ParamError for op rather than a silent
// override. extra is copied, never kept.
func BuildQuery(op string, typed any, extra url.Values) (url.Values, error) {
	v, err := query.Values(typed)
	if err != nil {
		return nil, InvalidParam(op, "query", err.Error())
	}
	for k, vals := range extra {
		if v.Has(k) {
			return nil, InvalidParam(op, "Extra", fmt.Sprintf("key %q is already set by a typed field; set the typed field instead", k))
		}
		v[k] = append([]string(nil), vals...)
	}
	return v, nil
}
