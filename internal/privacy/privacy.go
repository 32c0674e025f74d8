// Package privacy holds the masking helpers shared by the models that print
// personal data masked (basemodel's contact details, hris, ats, crm,
// accounting).
package privacy

import (
	"fmt"
	"io"
	"strings"
)

// Redacted replaces a value that is never shown, even partly.
const Redacted = "[REDACTED]"

// MaskText returns Redacted for a non-empty s and "" for an empty one.
func MaskText(s string) string {
	if s == "" {
		return ""
	}
	return Redacted
}

// MaskNumber keeps the last four characters of a number of 8 or more
// characters ("****6789") and hides a shorter one entirely ("****").
func MaskNumber(s string) string {
	if s == "" {
		return ""
	}
	r := []rune(s)
	if len(r) < 8 {
		return "****"
	}
	return "****" + string(r[len(r)-4:])
}

// MaskEmail keeps the domain of an address: "****@example.com".
func MaskEmail(s string) string {
	if s == "" {
		return ""
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		return "****" + s[i:]
	}
	return "****"
}

// MaskRaw returns "" for an empty raw JSON value and Redacted otherwise.
func MaskRaw(b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	return []byte(`"` + Redacted + `"`)
}

// Format writes view for verb the way fmt prints a struct: %v, %+v, %s and
// %#v (named typeName) print view; other verbs print a fmt-style error.
// view must be a methodless copy of a masked value, so that fmt does not
// call the caller's Format method again.
func Format(f fmt.State, verb rune, typeName string, view any) {
	switch {
	case verb == 'v' && f.Flag('#'):
		s := fmt.Sprintf("%#v", view)
		if i := strings.IndexByte(s, '{'); i >= 0 {
			s = typeName + s[i:]
		}
		_, _ = io.WriteString(f, s)
	case verb == 'v' && f.Flag('+'), verb == 's':
		_, _ = fmt.Fprintf(f, "%+v", view)
	case verb == 'v':
		_, _ = fmt.Fprintf(f, "%v", view)
	default:
		_, _ = fmt.Fprintf(f, "%%!%c(%s)", verb, typeName)
	}
}

// Slice returns a copy of s with mask applied to every element (nil for
// nil).
func Slice[T any](s []T, mask func(T) T) []T {
	if s == nil {
		return nil
	}
	out := make([]T, len(s))
	for i, v := range s {
		out[i] = mask(v)
	}
	return out
}
