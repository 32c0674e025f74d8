package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"hash"
	"strings"
	"unicode"

	"github.com/knit-sdk/knit-go/internal/signature"
)

// encodedSigLen is the length of an unpadded base64url SHA-256 MAC (43).
const encodedSigLen = (sha256.Size*8 + 5) / 6

// sigEncoding decodes X-Knit-Signature. Strict rejects non-canonical trailing
// bits, so exactly one header string is accepted per MAC (plus padding).
var sigEncoding = base64.RawURLEncoding.Strict()

// Sign returns the X-Knit-Signature value Knit sends for payload under key:
// base64url without padding of HMAC-SHA256(payload, key). Use it to sign
// test deliveries for your own handler (see NewSignedRequest).
//
// Surrounding whitespace of key is trimmed, as by Verify and NewHandler.
func Sign(payload []byte, key string) string {
	return signature.Sign(payload, strings.TrimSpace(key))
}

// Verify checks signature (the X-Knit-Signature header value) against the
// raw request body payload, under each of keys in turn, and returns nil as
// soon as one matches. Pass the old and the new API key during a key
// rotation so that no delivery is rejected while Knit switches over.
//
// Surrounding whitespace and trailing '=' padding of signature are ignored.
// The comparison is constant-time and the payload is hashed in place, never
// copied. Surrounding whitespace of each key is trimmed (a key read from a
// file often ends in a newline) and keys left empty are ignored (an HMAC
// under an empty key proves nothing).
//
// Errors: ErrNoKeys if no non-empty key was given, ErrInvalidKey if a key
// holds whitespace or control characters inside, ErrMissingSignature if
// signature is blank, ErrInvalidSignature if it is malformed or matches no
// key. For the opt-in compact-JSON fallback use NewVerifier.
func Verify(payload []byte, signature string, keys ...string) error {
	return verify(payload, signature, keys, false)
}

// Verifier verifies deliveries under a fixed set of keys and options. It is
// immutable and safe for concurrent use.
type Verifier struct {
	keys   []string
	keyErr error
	cfg    verifierConfig
}

// NewVerifier returns a Verifier for keys (trimmed; empty keys are dropped;
// with none left every call fails with ErrNoKeys, and with a key holding
// whitespace inside every call fails with ErrInvalidKey) and opts
// (WithCompactJSONFallback, WithMaxBodyBytes).
func NewVerifier(keys []string, opts ...Option) *Verifier {
	clean, err := cleanKeys(keys)
	return &Verifier{keys: clean, keyErr: err, cfg: newVerifierConfig(opts)}
}

// Verify is the package-level Verify with the Verifier's keys and options.
func (v *Verifier) Verify(payload []byte, signature string) error {
	if v.keyErr != nil {
		return v.keyErr
	}
	return verify(payload, signature, v.keys, v.cfg.compactFallback)
}

// cleanKeys trims keys and drops empty ones; it fails with ErrNoKeys when
// none is left and with ErrInvalidKey when one holds whitespace or control
// characters inside.
func cleanKeys(keys []string) ([]string, error) {
	if err := checkKeys(keys); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out, nil
}

// checkKeys is cleanKeys' verdict without allocating.
func checkKeys(keys []string) error {
	found := false
	for i, k := range keys {
		k = strings.TrimSpace(k)
		if k == "" {
			continue
		}
		if strings.ContainsFunc(k, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
			return fmt.Errorf("%w (key %d of %d)", ErrInvalidKey, i+1, len(keys))
		}
		found = true
	}
	if !found {
		return ErrNoKeys
	}
	return nil
}

func verify(payload []byte, sig string, keys []string, compactFallback bool) error {
	if err := checkKeys(keys); err != nil {
		return err
	}
	var want [sha256.Size]byte
	if err := decodeSignature(sig, &want); err != nil {
		return err
	}
	var sum [sha256.Size]byte
	for _, k := range keys {
		if k = strings.TrimSpace(k); k == "" {
			continue
		}
		m := hmac.New(sha256.New, []byte(k))
		_, _ = m.Write(payload) // hash.Hash.Write never fails
		if hmac.Equal(m.Sum(sum[:0]), want[:]) {
			return nil
		}
	}
	// The fallback only makes sense for a JSON document. A cheap first-byte
	// test is enough: for anything else the compact form is still just a
	// keyed HMAC input, so accepting it proves the same as for JSON, and
	// Parse rejects non-objects anyway.
	if compactFallback && looksLikeJSON(payload) {
		for _, k := range keys {
			if k = strings.TrimSpace(k); k == "" {
				continue
			}
			m := hmac.New(sha256.New, []byte(k))
			writeCompact(m, payload)
			if hmac.Equal(m.Sum(sum[:0]), want[:]) {
				return nil
			}
		}
	}
	return errNoKeyMatches
}

// errNoKeyMatches is prebuilt so a rejected delivery costs no formatting.
var errNoKeyMatches = fmt.Errorf("%w: matches none of the configured keys", ErrInvalidSignature)

func looksLikeJSON(b []byte) bool {
	c := firstByte(b)
	return c == '{' || c == '['
}

// decodeSignature decodes the header into dst without allocating: the text
// is copied into a fixed-size array, never into a heap buffer.
func decodeSignature(sig string, dst *[sha256.Size]byte) error {
	s := strings.TrimSpace(sig)
	if s == "" {
		return ErrMissingSignature
	}
	s = strings.TrimRight(s, "=")
	if len(s) != encodedSigLen {
		return fmt.Errorf("%w: want %d base64url characters, got %d", ErrInvalidSignature, encodedSigLen, len(s))
	}
	var src [encodedSigLen]byte
	copy(src[:], s)
	n, err := sigEncoding.Decode(dst[:], src[:])
	if err != nil || n != sha256.Size {
		return fmt.Errorf("%w: not base64url", ErrInvalidSignature)
	}
	return nil
}

// writeCompact feeds h src with the whitespace outside JSON strings removed
// (for valid JSON exactly json.Compact's output), as runs of src itself, so
// no payload-sized buffer is ever made.
func writeCompact(h hash.Hash, src []byte) {
	start := 0
	inString, escaped := false, false
	for i, c := range src {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if start < i {
				_, _ = h.Write(src[start:i])
			}
			start = i + 1
		}
	}
	if start < len(src) {
		_, _ = h.Write(src[start:])
	}
}
