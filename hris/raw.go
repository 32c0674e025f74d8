package hris

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// Result is the data of a Knit response whose shape is not known: Knit does not
// document it and no third-party code shows it. The whole data value is kept in
// Raw, never dropped; read it with Field, String or Decode into your own type.
// Raw is empty when Knit answered "data": null.
type Result struct {
	Raw json.RawMessage
}

// UnmarshalJSON keeps b as Raw.
func (r *Result) UnmarshalJSON(b []byte) error {
	r.Raw = cloneRaw(b)
	return nil
}

// MarshalJSON returns Raw (null when empty).
func (r Result) MarshalJSON() ([]byte, error) { return rawOrNull(r.Raw), nil }

// Decode unmarshals Raw into v as encoding/json.Unmarshal does.
func (r *Result) Decode(v any) error { return decodeRaw("hris.Result", r.Raw, v) }

// Field returns the top-level key of an object Raw, if present.
func (r *Result) Field(key string) (json.RawMessage, bool) { return field(r.Raw, key) }

// String returns the top-level string field key of an object Raw, or "" if
// it is absent or not a string (e.g. r.String("id")).
func (r *Result) String(key string) string {
	v, ok := r.Field(key)
	if !ok {
		return ""
	}
	var s string
	if knitjson.Unmarshal(v, &s) != nil {
		return ""
	}
	return s
}

// cloneRaw copies b (the decoder reuses its buffer); null becomes nil.
func cloneRaw(b []byte) json.RawMessage {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	return append(json.RawMessage(nil), b...)
}

func rawOrNull(r json.RawMessage) []byte {
	if len(r) == 0 {
		return []byte("null")
	}
	return r
}

// decodeRaw is the Decode methods: it decodes raw into the caller's own
// type exactly as encoding/json does (knitjson.UnmarshalCaller), so a type
// written for encoding/json (a json.Number amount, say) works in every
// build; the SDK's own models never pass through here.
func decodeRaw(typ string, raw json.RawMessage, v any) error {
	if len(raw) == 0 {
		return fmt.Errorf("hris: %s is empty", typ)
	}
	if err := knitjson.UnmarshalCaller(raw, v); err != nil {
		return fmt.Errorf("hris: decoding %s: %w", typ, err)
	}
	return nil
}

func field(raw json.RawMessage, key string) (json.RawMessage, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, false
	}
	var m map[string]json.RawMessage
	if knitjson.Unmarshal(raw, &m) != nil {
		return nil, false
	}
	v, ok := m[key]
	return v, ok
}

// listIn finds a list inside data whose wrapper is not documented: data
// itself when it is an array, else the first of keys holding an array.
// ok is false when no list was found (Raw still holds everything).
func listIn(data json.RawMessage, keys ...string) (json.RawMessage, bool) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return nil, false
	}
	if data[0] == '[' {
		return data, true
	}
	for _, k := range keys {
		if v, ok := field(data, k); ok {
			v = bytes.TrimSpace(v)
			if len(v) > 0 && v[0] == '[' {
				return v, true
			}
		}
	}
	return nil, false
}

// ProfilePicture is the employee_profilePicture model. Knit does not
// document its inner shape, so the whole value is kept in Raw; Decode it
// into your own type.
type ProfilePicture struct {
	Raw json.RawMessage
}

// UnmarshalJSON keeps b as Raw.
func (p *ProfilePicture) UnmarshalJSON(b []byte) error { p.Raw = cloneRaw(b); return nil }

// MarshalJSON returns Raw (null when empty).
func (p ProfilePicture) MarshalJSON() ([]byte, error) { return rawOrNull(p.Raw), nil }

// Decode unmarshals Raw into v as encoding/json.Unmarshal does.
func (p ProfilePicture) Decode(v any) error { return decodeRaw("hris.ProfilePicture", p.Raw, v) }

// Company is the employee_company model ("the employee's company"). Knit
// does not document its shape: ID and Name are filled only when the object
// has string "id" / "name" keys, a guess; Raw always keeps the whole value.
type Company struct {
	ID   string
	Name string
	Raw  json.RawMessage
}

// UnmarshalJSON keeps b as Raw and fills ID and Name when present.
func (c *Company) UnmarshalJSON(b []byte) error {
	*c = Company{Raw: cloneRaw(b)}
	if v, ok := field(c.Raw, "id"); ok {
		c.ID = scalarText(v)
	}
	if v, ok := field(c.Raw, "name"); ok {
		c.Name = scalarText(v)
	}
	return nil
}

// scalarText returns a JSON string's value or a number's literal text, ""
// for anything else.
func scalarText(v json.RawMessage) string {
	s, _ := knitjson.ScalarText(v)
	return s
}

// MarshalJSON returns Raw, or {"id","name"} for a Company built in code.
func (c Company) MarshalJSON() ([]byte, error) {
	if len(c.Raw) > 0 {
		return c.Raw, nil
	}
	return json.Marshal(struct {
		ID   string `json:"id,omitempty"`
		Name string `json:"name,omitempty"`
	}{c.ID, c.Name})
}
