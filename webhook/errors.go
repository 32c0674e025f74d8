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
	// ErrInProgress: a callback returns an error wrapping it when another
	// delivery of the same event is being processed right now (for example
	// it holds the event's row lock); NewHandler answers 409 instead of 500,
	// and Knit redelivers the event later.
	ErrInProgress = errors.New("webhook: event is being processed by another delivery")
	// ErrDeletedRecord: a record accessor such as Event.Employee was called
	// on a record.deleted event, whose eventData holds only the record's
	// identifiers. Use Event.DeletedEmployee, Event.DeletedJob or
	// Event.DeletedApplication, or read EventData for other data types.
	ErrDeletedRecord = errors.New("webhook: record.deleted carries identifiers, not a record")
	// ErrNotDeletedEvent: Event.DeletedEmployee (or another deletion
	// accessor) was called on an event that is not record.deleted.
	ErrNotDeletedEvent = errors.New("webhook: event is not record.deleted")
	// ErrNotSyncRunEvent: Event.SyncRun was called on an event that is not
	// sync.events.processed or sync.events.allConsumed.
	ErrNotSyncRunEvent = errors.New("webhook: event is not a sync-run event")
	// ErrNotActivationEvent: Event.Activation was called on an event that
	// is not app.integration.activate.
	ErrNotActivationEvent = errors.New("webhook: event is not app.integration.activate")
)
