package transport

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/knit-sdk/knit-go/apierror"
)

// InvalidParam returns an *apierror.ParamError.
func InvalidParam(op, field, reason string) error {
	return &apierror.ParamError{Op: op, Field: field, Reason: reason}
}

// Required returns an *apierror.ParamError saying field is required.
func Required(op, field string) error { return InvalidParam(op, field, "is required") }

// excerpt returns a short, printable excerpt of a body for error messages:
// key is replaced first (see cutScrubbed), control characters and invalid
// UTF-8 are replaced, length is capped, and a cut leaves no beginning of
// key at the end.
func excerpt(b []byte, key string) string {
	const max = 120
	b = cutScrubbed(b, 4*max, key)
	var sb strings.Builder
	n, cut := 0, false
	for _, r := range strings.ToValidUTF8(string(b), "\uFFFD") {
		if n >= max {
			cut = true
			break
		}
		if r < 0x20 || r == 0x7f {
			r = ' '
		}
		sb.WriteRune(r)
		n++
	}
	s := sb.String()
	if cut {
		s = trimKeyPrefix(s, key) + "…"
	}
	return strings.Join(strings.Fields(s), " ")
}

// parseRetryAfter reads a Retry-After header in seconds or as an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		if s > int64(24*time.Hour/time.Second) {
			s = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}
