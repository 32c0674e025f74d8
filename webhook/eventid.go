package webhook

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxEventIDBytes bounds an eventId: dedupe stores key rows and files on it
// (Postgres refuses index rows over about 2,700 bytes, file names end at 255).
const maxEventIDBytes = 256

// checkEventID refuses an eventId a receiver cannot key on safely (see Parse).
func checkEventID(id string) error {
	switch {
	case id == "":
		return fmt.Errorf("%w: eventId is missing", ErrMalformedPayload)
	case len(id) > maxEventIDBytes:
		return fmt.Errorf("%w: eventId is %d bytes long, over the %d-byte limit", ErrMalformedPayload, len(id), maxEventIDBytes)
	case strings.ContainsRune(id, utf8.RuneError):
		return fmt.Errorf("%w: eventId holds invalid UTF-8 or a lone surrogate escape, which would make it equal to another ID once decoded", ErrMalformedPayload)
	case strings.ContainsFunc(id, unicode.IsControl):
		return fmt.Errorf("%w: eventId holds a control character", ErrMalformedPayload)
	}
	return nil
}
