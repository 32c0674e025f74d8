package transport

import (
	"encoding/json"
	"errors"
	"io"
)

// envelope is Knit's response wrapper (CONFIRMED, response-structures page):
// {"success": bool, "data": ..., "error": {"msg": "..."}}; auth.createSession
// answers under "msg" instead of "data". Data and Msg hold the caller's
// pointer so the body is decoded straight into the target type.
type envelope struct {
	Success *bool      `json:"success"`
	Data    any        `json:"data"`
	Msg     any        `json:"msg"`
	Error   *errorBody `json:"error"`
}

type errorBody struct {
	Msg flexText `json:"msg"`
}

// msgHolder keeps a top-level "msg" that is a plain string, which some error
// answers use instead of error.msg.
type msgHolder struct{ text flexText }

func (m *msgHolder) UnmarshalJSON(b []byte) error { return m.text.UnmarshalJSON(b) }

func (e *envelope) errorMessage() string {
	if e.Error != nil && e.Error.Msg != "" {
		return string(e.Error.Msg)
	}
	if m, ok := e.Msg.(*msgHolder); ok {
		return string(m.text)
	}
	return ""
}

// flexText accepts a JSON string, or any other JSON value kept as its text.
type flexText string

func (f *flexText) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexText(s)
		return nil
	}
	if string(b) == "null" {
		return nil
	}
	*f = flexText(excerpt(b))
	return nil
}

// discard skips a value without allocating for it.
type discard struct{}

func (discard) UnmarshalJSON([]byte) error { return nil }

var errBodyTooLarge = errors.New("response body too large")

// capReader limits a body to remaining bytes and remembers its first bytes
// for error excerpts, without copying the whole body.
type capReader struct {
	r         io.Reader
	remaining int64
	buf       [256]byte
	n         int
	// readErr is a failure of the underlying body (a reset connection),
	// as opposed to the body's content.
	readErr error
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.remaining <= 0 {
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			return 0, errBodyTooLarge
		}
		if err != nil && !errors.Is(err, io.EOF) {
			c.readErr = err
		}
		if err == nil {
			return 0, nil
		}
		return 0, err
	}
	if int64(len(p)) > c.remaining {
		p = p[:c.remaining]
	}
	n, err := c.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		c.readErr = err
	}
	c.remaining -= int64(n)
	if c.n < len(c.buf) {
		c.n += copy(c.buf[c.n:], p[:n])
	}
	return n, err
}

func (c *capReader) head() []byte {
	return append([]byte(nil), c.buf[:c.n]...)
}
