// Package eventdata decodes a sync event's eventData into a category record.
// It is the one decoder behind hris.DecodeEmployee, ats.DecodeJob,
// crm.DecodeContact, accounting.DecodeInvoice and the others.
package eventdata

import (
	"bytes"
	"fmt"

	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// Decode decodes eventData, which must be a JSON object, into a new T under
// the SDK's JSON rules (package knitjson). typeName (e.g. "hris.Employee")
// names the target in errors. Unknown keys are ignored and missing or null
// models leave their fields empty.
func Decode[T any](typeName string, eventData []byte) (*T, error) {
	b := bytes.TrimSpace(eventData)
	if len(b) == 0 {
		return nil, fmt.Errorf("knit: decoding %s: eventData is empty", typeName)
	}
	if b[0] != '{' {
		return nil, fmt.Errorf("knit: decoding %s: eventData is not a JSON object (starts with %s)", typeName, excerpt(b))
	}
	v := new(T)
	if err := knitjson.Unmarshal(b, v); err != nil {
		return nil, fmt.Errorf("knit: decoding %s: %w", typeName, err)
	}
	return v, nil
}

// excerpt quotes at most 24 bytes of b for an error message.
func excerpt(b []byte) string {
	const limit = 24
	if len(b) > limit {
		return fmt.Sprintf("%q…", b[:limit])
	}
	return fmt.Sprintf("%q", b)
}
