package webhook

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/internal/signature"
)

const (
	testKey = "test-key"
	// vectorPayload/vectorSignature were computed once outside Go:
	//   printf '%s' '{"eventId":"e_1","eventType":"record.new"}' |
	//     openssl dgst -sha256 -hmac 'test-key' -binary | basenc --base64url
	// which printed the value below plus one '=' of padding.
	vectorPayload   = `{"eventId":"e_1","eventType":"record.new"}`
	vectorSignature = "5mpdOg17HPUurdf7rD5QP1Xn_L70juQQKMB9namRbdw"
)

// independentSign recomputes Knit's scheme from the standard library alone,
// without going through the package under test.
func independentSign(payload []byte, key string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write(payload)
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "events", name))
	require.NoError(t, err)
	return b
}

func TestSignHardCodedVector(t *testing.T) {
	t.Parallel()
	assert.Equal(t, vectorSignature, Sign([]byte(vectorPayload), testKey))
	require.NoError(t, Verify([]byte(vectorPayload), vectorSignature, testKey))
	require.NoError(t, Verify([]byte(vectorPayload), vectorSignature+"=", testKey))
}

func TestSignMatchesIndependentHMAC(t *testing.T) {
	t.Parallel()
	payload := readFixture(t, "record_new_employee.json")
	for _, key := range []string{testKey, "sk_live_9f8e7d6c5b4a", strings.Repeat("k", 200)} {
		want := independentSign(payload, key)
		got := Sign(payload, key)
		assert.Equal(t, want, got)
		assert.Len(t, got, encodedSigLen)
		assert.NotContains(t, got, "=")
		require.NoError(t, Verify(payload, want, key))
	}
	assert.Equal(t, encodedSigLen, signature.Size)
}

func TestVerify(t *testing.T) {
	t.Parallel()
	payload := readFixture(t, "record_new_employee.json")
	good := independentSign(payload, testKey)
	tampered := bytes.Replace(payload, []byte("Lovelace"), []byte("Lovelacf"), 1)
	require.NotEqual(t, payload, tampered)
	// Flip the last character's value while keeping it canonical base64url.
	last := good[len(good)-1]
	flipped := good[:len(good)-1] + map[bool]string{true: "A", false: "E"}[last != 'A']

	tests := []struct {
		name    string
		payload []byte
		sig     string
		keys    []string
		wantErr error
	}{
		{name: "valid", payload: payload, sig: good, keys: []string{testKey}},
		{name: "padded", payload: payload, sig: good + "=", keys: []string{testKey}},
		{name: "surrounding whitespace", payload: payload, sig: " \t" + good + "\r\n", keys: []string{testKey}},
		{name: "rotation: old key first", payload: payload, sig: good, keys: []string{"new-key", testKey}},
		{name: "rotation: new key first", payload: payload, sig: independentSign(payload, "new-key"), keys: []string{"new-key", testKey}},
		{name: "empty keys ignored", payload: payload, sig: good, keys: []string{"", testKey}},
		{name: "empty payload", payload: nil, sig: independentSign(nil, testKey), keys: []string{testKey}},
		{name: "tampered payload", payload: tampered, sig: good, keys: []string{testKey}, wantErr: ErrInvalidSignature},
		{name: "wrong key", payload: payload, sig: good, keys: []string{"other-key"}, wantErr: ErrInvalidSignature},
		{name: "rotated away", payload: payload, sig: good, keys: []string{"new-key", "newer-key"}, wantErr: ErrInvalidSignature},
		{name: "flipped signature", payload: payload, sig: flipped, keys: []string{testKey}, wantErr: ErrInvalidSignature},
		{name: "standard base64 alphabet", payload: payload, sig: base64.StdEncoding.EncodeToString(mac(payload, testKey)), keys: []string{testKey}, wantErr: wantStdErr(payload)},
		{name: "hex digest", payload: payload, sig: strings.Repeat("ab", 32), keys: []string{testKey}, wantErr: ErrInvalidSignature},
		{name: "truncated", payload: payload, sig: good[:42], keys: []string{testKey}, wantErr: ErrInvalidSignature},
		{name: "extra character", payload: payload, sig: good + "A", keys: []string{testKey}, wantErr: ErrInvalidSignature},
		{name: "non-canonical trailing bits", payload: payload, sig: good[:42] + nonCanonical(good[42]), keys: []string{testKey}, wantErr: ErrInvalidSignature},
		{name: "inner whitespace", payload: payload, sig: good[:20] + "\n" + good[21:], keys: []string{testKey}, wantErr: ErrInvalidSignature},
		{name: "empty header", payload: payload, sig: "", keys: []string{testKey}, wantErr: ErrMissingSignature},
		{name: "blank header", payload: payload, sig: " \t ", keys: []string{testKey}, wantErr: ErrMissingSignature},
		{name: "no keys", payload: payload, sig: good, keys: nil, wantErr: ErrNoKeys},
		{name: "only empty keys", payload: payload, sig: independentSign(payload, ""), keys: []string{""}, wantErr: ErrNoKeys},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := Verify(tt.payload, tt.sig, tt.keys...)
			if tt.wantErr == nil {
				assert.NoError(t, err)
				assert.NoError(t, NewVerifier(tt.keys).Verify(tt.payload, tt.sig))
				return
			}
			require.ErrorIs(t, err, tt.wantErr)
			require.ErrorIs(t, NewVerifier(tt.keys).Verify(tt.payload, tt.sig), tt.wantErr)
			for _, k := range tt.keys {
				if k != "" {
					assert.NotContains(t, err.Error(), k, "error must not leak a key")
				}
			}
			if tt.sig != "" && strings.TrimSpace(tt.sig) != "" {
				assert.NotContains(t, err.Error(), strings.TrimSpace(tt.sig), "error must not leak the signature")
			}
		})
	}
}

func mac(payload []byte, key string) []byte {
	m := hmac.New(sha256.New, []byte(key))
	m.Write(payload)
	return m.Sum(nil)
}

// wantStdErr: the standard alphabet only differs from base64url when the
// MAC contains '+' or '/'; when it does not, the padded standard form is the
// padded base64url form and must be accepted.
func wantStdErr(payload []byte) error {
	s := base64.StdEncoding.EncodeToString(mac(payload, testKey))
	if strings.ContainsAny(s, "+/") {
		return ErrInvalidSignature
	}
	return nil
}

// nonCanonical returns a character that decodes to the same 32 bytes as c
// but with non-zero unused low bits (43 chars carry 258 bits for 256).
func nonCanonical(c byte) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	i := strings.IndexByte(alphabet, c)
	return string(alphabet[i|1])
}

func TestCompactJSONFallback(t *testing.T) {
	t.Parallel()
	pretty := readFixture(t, "record_new_employee.json")
	var compact bytes.Buffer
	require.NoError(t, json.Compact(&compact, pretty))
	require.NotEqual(t, pretty, compact.Bytes())
	sigOfCompact := independentSign(compact.Bytes(), testKey)

	// Off by default: the raw bytes are what Knit documents.
	require.ErrorIs(t, Verify(pretty, sigOfCompact, testKey), ErrInvalidSignature)
	require.ErrorIs(t, NewVerifier([]string{testKey}).Verify(pretty, sigOfCompact), ErrInvalidSignature)

	v := NewVerifier([]string{"new-key", testKey}, WithCompactJSONFallback())
	assert.NoError(t, v.Verify(pretty, sigOfCompact))
	assert.NoError(t, v.Verify(pretty, independentSign(pretty, testKey)), "raw bytes still match")

	// Still keyed and still bound to the content.
	require.ErrorIs(t, NewVerifier([]string{"other"}, WithCompactJSONFallback()).Verify(pretty, sigOfCompact), ErrInvalidSignature)
	tampered := bytes.Replace(pretty, []byte("Ada"), []byte("Eve"), 1)
	require.ErrorIs(t, v.Verify(tampered, sigOfCompact), ErrInvalidSignature)
	// Whitespace inside strings is content, not formatting.
	inString := bytes.Replace(pretty, []byte(`"R&D"`), []byte(`"R & D"`), 1)
	require.ErrorIs(t, v.Verify(inString, sigOfCompact), ErrInvalidSignature)
	// Not JSON: no fallback.
	notJSON := []byte("plain text with  spaces")
	assert.ErrorIs(t, v.Verify(notJSON, independentSign([]byte("plaintextwithspaces"), testKey)), ErrInvalidSignature)
}

func TestWriteCompactMatchesJSONCompact(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir(filepath.Join("testdata", "events"))
	require.NoError(t, err)
	inputs := []string{
		`{ "a" : "x \" y\\" , "b":[ 1 , 2 ,{"c" :"\\\\"} ] }`,
		"\t{\r\n\"s\": \"tab\\there\\u0020 \"\n}\n",
		`"just a string with  spaces"`,
		` [ ] `,
	}
	for _, e := range entries {
		inputs = append(inputs, string(readFixture(t, e.Name())))
	}
	for _, in := range inputs {
		var want bytes.Buffer
		require.NoError(t, json.Compact(&want, []byte(in)), in)
		h := sha256.New()
		writeCompact(h, []byte(in))
		got := sha256.Sum256(want.Bytes())
		assert.Equal(t, got[:], h.Sum(nil), "compact form of %q", in)
	}
}

// The HMAC is fed the payload in place and the signature is decoded into a
// fixed array, so verification allocates the same whatever the payload size.
//
//nolint:paralleltest // testing.AllocsPerRun must not run in parallel tests.
func TestVerifyAllocsIndependentOfPayloadSize(t *testing.T) {
	small := bytes.Repeat([]byte("a"), 1<<10)
	large := bytes.Repeat([]byte("a"), 1<<20)
	allocs := func(payload []byte, sig string, v *Verifier) float64 {
		return testing.AllocsPerRun(20, func() { _ = v.Verify(payload, sig) })
	}
	plain := NewVerifier([]string{"old-key", testKey})
	sSmall, sLarge := Sign(small, testKey), Sign(large, testKey)
	aSmall, aLarge := allocs(small, sSmall, plain), allocs(large, sLarge, plain)
	assert.Equal(t, int(aSmall), int(aLarge), "valid signature")
	assert.Less(t, aLarge, 20.0)

	pkgSmall := testing.AllocsPerRun(20, func() { _ = Verify(small, sSmall, testKey) })
	pkgLarge := testing.AllocsPerRun(20, func() { _ = Verify(large, sLarge, testKey) })
	assert.Equal(t, int(pkgSmall), int(pkgLarge), "package-level Verify")

	// The compact fallback runs on a mismatch; it must not copy either.
	jsonSmall := []byte(`{"eventId": "` + strings.Repeat("x", 1<<10) + `"}`)
	jsonLarge := []byte(`{"eventId": "` + strings.Repeat("x", 1<<20) + `"}`)
	fallback := NewVerifier([]string{testKey}, WithCompactJSONFallback())
	fSmall := allocs(jsonSmall, Sign([]byte("other"), testKey), fallback)
	fLarge := allocs(jsonLarge, Sign([]byte("other"), testKey), fallback)
	assert.Equal(t, int(fSmall), int(fLarge), "compact fallback")
}
