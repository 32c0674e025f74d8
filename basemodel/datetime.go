package basemodel

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// DateTime is a timestamp as Knit sent it. Knit sends ISO-8601 strings
// ("2023-05-23T12:04:54Z"), sometimes date-only ("2023-05-23"), and a few
// fields as epoch milliseconds. DateTime keeps the text exactly, so decoding
// never fails and re-encoding is lossless; Time parses it on demand.
// The empty DateTime means absent or null.
type DateTime string

// dateLayouts are tried in order by Time.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	time.DateOnly,
}

// Time parses d. Date-only values are midnight UTC; values without a zone
// are taken as UTC; all-digit values, with an optional minus sign (before
// 1970), are epoch milliseconds. An empty d returns the zero time and
// ok=false.
func (d DateTime) Time() (t time.Time, ok bool) {
	t, err := d.Parse()
	return t, err == nil && !t.IsZero()
}

// Parse is Time with an error that says why the text could not be parsed.
func (d DateTime) Parse() (time.Time, error) {
	s := strings.TrimSpace(string(d))
	if s == "" {
		return time.Time{}, nil
	}
	if isDigits(strings.TrimPrefix(s, "-")) {
		ms, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("basemodel: timestamp %q: %w", s, err)
		}
		return time.UnixMilli(ms).UTC(), nil
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("basemodel: %q is not an ISO-8601 date or timestamp", s)
}

// IsZero reports whether d is empty.
func (d DateTime) IsZero() bool { return d == "" }

// String returns the text as sent.
func (d DateTime) String() string { return string(d) }

// NewDateTime formats t as RFC 3339 (UTC) for requests.
func NewDateTime(t time.Time) DateTime { return DateTime(t.UTC().Format(time.RFC3339)) }

// NewDate formats t as a date only ("2006-01-02") for requests.
func NewDate(t time.Time) DateTime { return DateTime(t.Format(time.DateOnly)) }

// UnmarshalJSON accepts a string, a number (epoch) or null.
func (d *DateTime) UnmarshalJSON(b []byte) error { return knitjson.Unmarshal(b, d) }

// UnmarshalJSONFrom is UnmarshalJSON for encoding/json/v2 and
// github.com/go-json-experiment/json: a string is kept unescaped, a number
// as its text, null as the empty DateTime.
func (d *DateTime) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	switch dec.PeekKind() {
	case 'n', '"':
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		*d = ""
		if tok.Kind() == '"' {
			*d = DateTime(tok.String())
		}
		return nil
	case '0':
		v, err := dec.ReadValue()
		if err != nil {
			return err
		}
		*d = DateTime(v)
		return nil
	}
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	return fmt.Errorf("basemodel: cannot decode a JSON %s into a DateTime", kindName(v.Kind()))
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
