package webhook

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode"
)

// Seeds live in testdata/fuzz/FuzzVerify and testdata/fuzz/FuzzParse; the
// f.Add calls below add the fixture-based ones.

func FuzzVerify(f *testing.F) {
	f.Add([]byte(vectorPayload), vectorSignature, testKey)
	f.Add([]byte(vectorPayload), vectorSignature+"=", testKey)
	f.Add([]byte(`{ "a" : [1, "x \" y"] }`), "", "k")
	f.Add([]byte{}, strings.Repeat("A", 43), "")
	f.Fuzz(func(t *testing.T, payload []byte, sig, key string) {
		err := Verify(payload, sig, key)
		// Surrounding whitespace of a key is trimmed; whitespace or control
		// characters inside make it invalid.
		trimmed := strings.TrimSpace(key)
		switch {
		case trimmed == "":
			if !errors.Is(err, ErrNoKeys) {
				t.Fatalf("empty key: got %v", err)
			}
			return
		case strings.ContainsFunc(trimmed, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }):
			if !errors.Is(err, ErrInvalidKey) {
				t.Fatalf("key with inner whitespace: got %v", err)
			}
			return
		case err == nil:
			// Acceptance means the header is the canonical MAC, give or take
			// padding and surrounding whitespace.
			if got := strings.TrimRight(strings.TrimSpace(sig), "="); got != Sign(payload, key) {
				t.Fatalf("accepted %q for a payload whose signature is %q", got, Sign(payload, key))
			}
		case !errors.Is(err, ErrInvalidSignature) && !errors.Is(err, ErrMissingSignature):
			t.Fatalf("unexpected error class: %v", err)
		}
		if err != nil && strings.Contains(err.Error(), key) && len(key) > 3 {
			t.Fatalf("error leaks the key: %v", err)
		}

		good := Sign(payload, key)
		if err := Verify(payload, good, key); err != nil {
			t.Fatalf("own signature rejected: %v", err)
		}
		if err := Verify(payload, " "+good+"=\n", "other"+trimmed, key); err != nil {
			t.Fatalf("padded signature under a rotated key rejected: %v", err)
		}

		// The compact fallback agrees with json.Compact on valid JSON.
		if json.Valid(payload) {
			var compact bytes.Buffer
			if err := json.Compact(&compact, payload); err != nil {
				t.Fatal(err)
			}
			h := sha256.New()
			writeCompact(h, payload)
			if want := sha256.Sum256(compact.Bytes()); !bytes.Equal(h.Sum(nil), want[:]) {
				t.Fatalf("writeCompact differs from json.Compact for %q", payload)
			}
			v := NewVerifier([]string{key}, WithCompactJSONFallback())
			if looksLikeJSON(payload) {
				if err := v.Verify(payload, Sign(compact.Bytes(), key)); err != nil {
					t.Fatalf("compact signature rejected with the fallback: %v", err)
				}
			}
		}
	})
}

func FuzzParse(f *testing.F) {
	entries := []string{"record_new_employee.json", "record_modified_job.json", "sync_events_processed.json", "unknown_event_type.json"}
	for _, name := range entries {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte(`{"eventId":"e","triggeredAt":1e400}`))
	f.Add([]byte(`{"eventId":"e","eventData":[1,2]}`))
	f.Fuzz(func(t *testing.T, payload []byte) {
		ev, err := Parse(payload)
		ref, refErr := referenceParse(payload)
		if (err == nil) != (refErr == nil) {
			t.Fatalf("Parse error %v, reference %v", err, refErr)
		}
		if err == nil {
			sameEnvelope(t, ref, ev)
		}
		if err != nil {
			if ev != nil || !errors.Is(err, ErrMalformedPayload) {
				t.Fatalf("Parse error must be ErrMalformedPayload with a nil event: %v", err)
			}
			return
		}
		if checkEventID(ev.EventID) != nil {
			t.Fatalf("parsed an event with an ID no store can key on: %q", ev.EventID)
		}
		if !bytes.Equal(ev.Payload, payload) {
			t.Fatal("Payload is not the input")
		}
		if len(ev.EventData) > 0 && !json.Valid(ev.EventData) {
			t.Fatalf("EventData is not JSON: %q", ev.EventData)
		}
		_ = ev.EventType.IsRecord()
		callAccessors(ev)
		// A router never fails on what Parse accepts.
		if err := NewRouter().Handle(t.Context(), ev); err != nil {
			t.Fatal(err)
		}
	})
}
