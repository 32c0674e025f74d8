package webhook

import "errors"

// Sentinels for errors.Is. Errors returned by this package wrap them with
// detail; none ever contains a key, a signature or record contents.
var (
	// ErrMissingSignature: the X-Knit-Signature header is absent or blank.
	ErrMissingSignature = errors.New("webhook: missing X-Knit-Signature")
	// ErrInvalidSignature: the signature is malformed or matches none of the
	// keys. Treat the request as forged; answer 401.
	ErrInvalidSignature = errors.New("webhook: invalid X-Knit-Signature")
	// ErrNoKeys: no non-empty key was given, so nothing can be verified. This
	// is a configuration error of the receiver, not of the request.
	ErrNoKeys = errors.New("webhook: no verification keys configured")
	// ErrInvalidKey: a configured key holds whitespace or a control
	// character inside (surrounding whitespace is trimmed), so it cannot be
	// a Knit API key. A configuration error of the receiver; the error
	// never contains the key.
	ErrInvalidKey = errors.New("webhook: a verification key contains whitespace or a control character")
	// ErrPayloadTooLarge: the body is longer than the configured limit
	// (WithMaxBodyBytes, default 5 MiB).
	ErrPayloadTooLarge = errors.New("webhook: payload too large")
	// ErrMalformedPayload: the body is not a JSON object of Knit's event
	// envelope, or it lacks an eventId.
	ErrMalformedPayload = errors.New("webhook: malformed payload")
	// ErrDataTypeMismatch: a typed accessor such as Event.Employee was called
	// on an event whose syncDataType is another data type.
	ErrDataTypeMismatch = errors.New("webhook: event data type does not match")
	// ErrNotRecordEvent: a typed accessor was called on a known event type
	// that carries no record (sync.*, app.*, bot.*).
	ErrNotRecordEvent = errors.New("webhook: event carries no record")
)
