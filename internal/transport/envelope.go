package transport

import (
	"errors"
	"io"
	"sync"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// envelope is Knit's response wrapper, as Knit documents it
// (https://developers.getknit.dev/reference/api-response-structures):
// {"success": bool, "data": ..., "error": {"msg": "..."}}; auth.createSession
// answers under "msg" instead of "data". Data and Msg hold the caller's
// pointer so the body is decoded straight into the target type.
type envelope struct {
	Success *bool      `json:"success"`
	Data    target     `json:"data"`
	Msg     target     `json:"msg"`
	Error   *errorBody `json:"error"`
}

type errorBody struct {
	Msg flexText `json:"msg"`
}

// UnmarshalJSON reads {"msg": ...}, or any other JSON value as the message
// itself ("error": "bad request", "error": 5): beside "success": true such
// an error member is ignored like any other, rather than making a good
// answer malformed.
func (e *errorBody) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '{' {
		var w struct {
			Msg flexText `json:"msg"`
		}
		if err := knitjson.Unmarshal(b, &w); err != nil {
			return err
		}
		e.Msg = w.Msg
		return nil
	}
	return e.Msg.UnmarshalJSON(b)
}

// msgHolder keeps a top-level "msg" that is a plain string, which some error
// answers use instead of error.msg.
type msgHolder struct{ text flexText }

func (m *msgHolder) UnmarshalJSON(b []byte) error { return m.text.UnmarshalJSON(b) }

// errorMessage returns error.msg, or a top-level msg, with key scrubbed
// before any excerpt is cut (see excerpt).
func (e *envelope) errorMessage(key string) string {
	if e.Error != nil && !e.Error.Msg.empty() {
		return e.Error.Msg.text(key)
	}
	if m, ok := e.Msg.v.(*msgHolder); ok {
		return m.text.text(key)
	}
	return ""
}

// flexText accepts a JSON string, or any other JSON value kept as its raw
// text: an excerpt of it is cut only in text, once the key is known, so that
// no cut leaves part of an echoed key behind.
type flexText struct {
	s   string
	raw []byte // a non-string value, as sent
}

func (f *flexText) UnmarshalJSON(b []byte) error {
	var s string
	if err := knitjson.Unmarshal(b, &s); err == nil {
		*f = flexText{s: s}
		return nil
	}
	if string(b) == "null" {
		return nil
	}
	*f = flexText{raw: append([]byte(nil), b...)}
	return nil
}

func (f flexText) empty() bool { return f.s == "" && len(f.raw) == 0 }

// text returns the string, or an excerpt of the raw value, without key.
func (f flexText) text(key string) string {
	if f.raw != nil {
		return excerpt(f.raw, key)
	}
	return f.s
}

// target decodes a member into the caller's pointer v (nil: skip it). It is
// a concrete type rather than an "any" field on purpose: a JSON null sets an
// "any" field to nil, and a repeated "data" then decoded into a fresh map
// instead of the caller's value, so {"data":null,"data":{...}} gave an empty
// page where a typed field gets the records. With target, null leaves the
// value alone and the last repeat wins, as for every other member.
//
// callerErr, when set, marks v as the caller's own type
// (Request.OutIsCallers): the value is decoded like encoding/json does
// (knitjson.UnmarshalCaller), and a failure to fit it into v is kept in
// *callerErr rather than stopping the envelope, so that a refusal
// ("success": false) still gives its message.
type target struct {
	v         any
	callerErr *error
}

// UnmarshalJSONFrom decodes from the envelope's own decoder (its options
// included), so the data is read once, not buffered and parsed again.
func (t *target) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	if t.v == nil || dec.PeekKind() == 'n' {
		return dec.SkipValue()
	}
	if t.callerErr == nil {
		return json.UnmarshalDecode(dec, t.v)
	}
	val, err := dec.ReadValue() // malformed JSON stops the envelope as usual
	if err != nil {
		return err
	}
	*t.callerErr = knitjson.UnmarshalCaller(val, t.v)
	return nil
}

// Response bodies are read into pooled buffers and decoded from memory. A
// buffer that grew past maxPooledBody is left to the garbage collector
// instead of going back to the pool, so one large response does not pin its
// memory for the life of the process.
const (
	initialBodyBuf = 32 << 10
	maxPooledBody  = 1 << 20
	headBytes      = 256 // how much of a body an error keeps for excerpts
)

var bodyPool = sync.Pool{New: func() any { return new([]byte) }}

// bodyBuf is a response body read into a (possibly pooled) buffer.
type bodyBuf struct {
	b    []byte
	slot *[]byte // the pool's slot, nil when the buffer is not pooled
}

// release returns the buffer to the pool. b must not be used afterwards.
func (bb *bodyBuf) release() {
	if bb.slot == nil {
		return
	}
	if cap(bb.b) <= maxPooledBody {
		*bb.slot = bb.b[:0]
		bodyPool.Put(bb.slot)
	}
	bb.b, bb.slot = nil, nil
}

// head returns a copy of the body's first bytes, for error excerpts, with
// key scrubbed first and what a cut left of it removed (see cutScrubbed).
func (bb *bodyBuf) head(key string) []byte {
	return cutScrubbed(bb.b, headBytes, key)
}

// readBody reads r to its end into a pooled buffer, reading at most limit+1
// bytes: tooLarge reports a body over limit. size is the Content-Length (-1
// when unknown); a known size up to initialBodyBuf is read with no
// reallocation. err is a
// failure of the read itself (a reset connection), as opposed to the body's
// content.
func readBody(r io.Reader, size, limit int64) (bb bodyBuf, tooLarge bool, err error) {
	bb.slot = bodyPool.Get().(*[]byte)
	buf := (*bb.slot)[:0]
	want := int64(initialBodyBuf)
	if size >= 0 {
		// One byte more than announced, to see EOF without growing, but
		// never more than initialBodyBuf before the bytes arrive: a
		// Content-Length is only a claim, and six stalled responses
		// declaring 64 MiB must not hold 384 MiB. Past that, the buffer
		// grows with the bytes received.
		want = min(size, limit, initialBodyBuf) + 1
	}
	if int64(cap(buf)) < want {
		buf = make([]byte, 0, want)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // let append pick the growth
		}
		room := buf[len(buf):cap(buf)]
		if rem := limit + 1 - int64(len(buf)); int64(len(room)) > rem {
			room = room[:rem]
		}
		n, rerr := r.Read(room)
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			bb.b = buf
			return bb, true, nil
		}
		if rerr != nil {
			bb.b = buf
			if errors.Is(rerr, io.EOF) {
				return bb, false, nil
			}
			return bb, false, rerr
		}
	}
}

// truncated reports whether a decoding error means the input ended inside
// a value.
func truncated(err error) bool {
	return errors.Is(err, io.ErrUnexpectedEOF)
}

// isTypeError reports whether a decoding error is about a value's Go type
// (a string where a number belongs, say) rather than the JSON's syntax.
func isTypeError(err error) bool {
	var se *json.SemanticError
	return errors.As(err, &se)
}
