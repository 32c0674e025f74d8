package transport

import (
	"encoding/json"
	"fmt"
	"sort"
)

// MarshalWithExtra marshals v (a struct) and merges extra into the resulting
// JSON object. Extra carries wire fields the SDK has no typed field for
// (Knit's docs do not name them); a key that a typed field already set is
// an error rather than a silent override.
func MarshalWithExtra(v any, extra map[string]any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return nil, fmt.Errorf("cannot merge Extra into %T: %w", v, err)
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, dup := obj[k]; dup {
			return nil, fmt.Errorf("key %q in Extra is already set by a typed field; set the typed field instead", k)
		}
		raw, err := json.Marshal(extra[k])
		if err != nil {
			return nil, fmt.Errorf("key %q in Extra: %w", k, err)
		}
		obj[k] = raw
	}
	return json.Marshal(obj)
}
