// Package signature computes Knit's webhook signature (documented at
// https://developers.getknit.dev/reference/authenticating-your-apis-with-knit):
// base64url without padding of HMAC-SHA256 over the raw body, keyed with the
// Knit API key. The webhook package verifies with it and the knittest
// playground signs with it, so both always agree.
package signature

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
)

// Size is the length of an encoded signature: 32 bytes, base64url unpadded.
var Size = base64.RawURLEncoding.EncodedLen(sha256.Size)

// Sign returns the X-Knit-Signature value for payload under key.
func Sign(payload []byte, key string) string {
	var sum [sha256.Size]byte
	m := hmac.New(sha256.New, []byte(key))
	m.Write(payload)
	return base64.RawURLEncoding.EncodeToString(m.Sum(sum[:0]))
}
