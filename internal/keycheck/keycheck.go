// Package keycheck finds the keys of a JSON document that a decoded Go
// value does not carry: tests use it to prove that a typed model reads
// every key of Knit's documented examples.
package keycheck

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// Unread decodes doc into out, encodes out again and returns the paths
// ("lineItems[0].trackingCategories[0].categoryId") of doc's object keys
// that the re-encoded value lacks: keys no field of out reads. A key whose
// value is null in doc may be absent (omitempty drops what decoded to
// zero). The paths are sorted.
func Unread(doc []byte, out any) ([]string, error) {
	if err := knitjson.Unmarshal(doc, out); err != nil {
		return nil, fmt.Errorf("keycheck: decode into %T: %w", out, err)
	}
	again, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("keycheck: encode %T: %w", out, err)
	}
	var want, got any
	if err := knitjson.Unmarshal(doc, &want); err != nil {
		return nil, fmt.Errorf("keycheck: document: %w", err)
	}
	if err := knitjson.Unmarshal(again, &got); err != nil {
		return nil, fmt.Errorf("keycheck: re-encoded %T: %w", out, err)
	}
	var missing []string
	walk("", want, got, &missing)
	sort.Strings(missing)
	return missing, nil
}

func walk(path string, want, got any, missing *[]string) {
	switch w := want.(type) {
	case map[string]any:
		g, _ := got.(map[string]any)
		for k, wv := range w {
			p := k
			if path != "" {
				p = path + "." + k
			}
			gv, ok := g[k]
			if !ok {
				if wv != nil {
					*missing = append(*missing, p)
				}
				continue
			}
			walk(p, wv, gv, missing)
		}
	case []any:
		g, _ := got.([]any)
		for i, wv := range w {
			var gv any
			if i < len(g) {
				gv = g[i]
			}
			walk(fmt.Sprintf("%s[%d]", path, i), wv, gv, missing)
		}
	}
}
