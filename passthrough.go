package knit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/knit-sdk/knit-go/internal/knitjson"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// PassthroughRequest is a raw call to the connected app's own API, made by
// Knit with the integration's credentials. Knit has no docs page for
// passthrough; the field names are those seen in third-party code calling
// Knit, except where a field says otherwise.
type PassthroughRequest struct {
	// Method is the upstream HTTP method, e.g. http.MethodGet.
	Method string `json:"method"`
	// Path is relative to the app's base URL, e.g. "/candidate.info".
	Path string `json:"path"`
	// Params are upstream query parameters. Optional.
	Params map[string]string `json:"params,omitempty"`
	// Body is the upstream body; Knit takes it as a string. Optional.
	Body []byte `json:"-"`
	// Headers are upstream headers. Optional.
	Headers map[string]string `json:"headers,omitempty"`
	// ContentType of Body, e.g. "application/json". Optional.
	ContentType string `json:"contentType,omitempty"`
	// BaseURL overrides the app's base URL. Optional. Not seen in use for
	// passthrough: the name is borrowed from sync.custom.start's baseUrl,
	// and it is unverified here.
	BaseURL string `json:"baseUrl,omitempty"`
}

// PassthroughResponse is the connected app's answer.
type PassthroughResponse struct {
	// StatusCode is the upstream status when Knit reports one in
	// data.response.statusCode, else 0. Neither Knit's docs nor third-party
	// code show whether Knit sends it.
	StatusCode int
	// Body is the upstream body. Knit sends it as a JSON string, sometimes
	// encoded twice; Body is the decoded bytes either way.
	Body []byte
	// Headers are the upstream response headers.
	Headers http.Header
	// Raw is Knit's whole data object.
	Raw json.RawMessage
}

// Passthrough calls the connected app's API through Knit, for what the
// unified API does not cover. Upstream GET, HEAD and OPTIONS calls are
// retried like reads; others like writes (see option.WithRetryWrites). A proxy-level failure is an *Error as usual.
//
// Knit method POST passthrough, seen in third-party code; not in Knit's docs.
//
//knit:operation POST passthrough observed
func (in *IntegrationClient) Passthrough(ctx context.Context, req *PassthroughRequest, opts ...option.RequestOption) (*PassthroughResponse, error) {
	const op = "Passthrough"
	if req == nil {
		return nil, transport.Required(op, "req")
	}
	method := strings.ToUpper(strings.TrimSpace(req.Method))
	switch method {
	case "":
		return nil, transport.Required(op, "Method")
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPost, http.MethodPut,
		http.MethodPatch, http.MethodDelete:
	default:
		return nil, transport.InvalidParam(op, "Method", fmt.Sprintf("%q is not an HTTP method", req.Method))
	}
	if strings.TrimSpace(req.Path) == "" {
		return nil, transport.Required(op, "Path")
	}
	wire := struct {
		*PassthroughRequest
		Method string  `json:"method"`
		Body   *string `json:"body,omitempty"`
	}{PassthroughRequest: req, Method: method}
	if req.Body != nil {
		s := string(req.Body)
		wire.Body = &s
	}
	var data json.RawMessage
	idempotent := method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions
	err := in.s.Do(ctx, &transport.Request{
		HTTPMethod: http.MethodPost,
		Method:     "passthrough",
		Body:       &wire,
		Out:        &data,
		Idempotent: &idempotent,
	}, opts)
	if err != nil {
		return nil, err
	}
	return decodePassthrough(data, in.s.IntegrationID())
}

func decodePassthrough(data json.RawMessage, integrationID string) (*PassthroughResponse, error) {
	var wire struct {
		Response struct {
			Body       json.RawMessage            `json:"body"`
			Headers    map[string]json.RawMessage `json:"headers"`
			StatusCode int                        `json:"statusCode"`
		} `json:"response"`
	}
	if len(data) > 0 && string(data) != "null" {
		if err := knitjson.Unmarshal(data, &wire); err != nil {
			return nil, &Error{Method: "passthrough", IntegrationID: integrationID, Err: fmt.Errorf("%w: passthrough data: %w", ErrMalformedResponse, err)}
		}
	}
	out := &PassthroughResponse{
		StatusCode: wire.Response.StatusCode,
		Body:       unwrapBody(wire.Response.Body),
		Headers:    make(http.Header, len(wire.Response.Headers)),
		Raw:        data,
	}
	for k, raw := range wire.Response.Headers {
		var one string
		var many []string
		switch {
		case knitjson.Unmarshal(raw, &one) == nil:
			out.Headers.Add(k, one)
		case knitjson.Unmarshal(raw, &many) == nil:
			for _, v := range many {
				out.Headers.Add(k, v)
			}
		default:
			out.Headers.Add(k, string(raw))
		}
	}
	return out, nil
}

// unwrapBody undoes Knit's string encoding of the upstream body, once or
// twice (third-party code calling Knit has met double-encoded answers). A
// body that is not a JSON string (an object) is returned as is; null is nil.
func unwrapBody(raw json.RawMessage) []byte {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	for range 2 {
		if raw[0] != '"' {
			break
		}
		var s string
		if knitjson.Unmarshal(raw, &s) != nil {
			break
		}
		raw = []byte(s)
		if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '"' {
			break
		}
	}
	return raw
}
