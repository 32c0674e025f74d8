package accounting

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// decodeObject decodes eventData, which must be a JSON object, into a new T.
// name is the Go type name used in errors.
func decodeObject[T any](name string, eventData []byte) (*T, error) {
	b := bytes.TrimSpace(eventData)
	if len(b) == 0 || b[0] != '{' {
		return nil, fmt.Errorf("accounting: Decode%s: eventData is not a JSON object: %s", name, excerpt(b))
	}
	v := new(T)
	if err := json.Unmarshal(b, v); err != nil {
		return nil, fmt.Errorf("accounting: Decode%s: %w", name, err)
	}
	return v, nil
}

// excerpt quotes at most 40 bytes of b for an error message.
func excerpt(b []byte) string {
	const limit = 40
	if len(b) == 0 {
		return "empty input"
	}
	if len(b) > limit {
		return fmt.Sprintf("%q…", b[:limit])
	}
	return fmt.Sprintf("%q", b)
}
