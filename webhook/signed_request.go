package webhook

import (
	"bytes"
	"context"
	"net/http"
)

// NewSignedRequest builds the POST Knit would send to url with payload:
// body, Content-Type application/json and X-Knit-Signature = Sign(payload,
// key). Use it to test your own handler, with httptest.NewRecorder or
// against an httptest.Server; set HeaderIntegrationID (and
// HeaderExecutionID) on the result to mimic a delivery for an integration:
//
//	req, err := webhook.NewSignedRequest(ctx, srv.URL, payload, apiKey)
//	req.Header.Set(webhook.HeaderIntegrationID, "int_1")
//
// The error is http.NewRequestWithContext's (a malformed url or nil ctx).
func NewSignedRequest(ctx context.Context, url string, payload []byte, key string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	req.Header.Set(HeaderContentType, ContentTypeJSON)
	req.Header.Set(HeaderSignature, Sign(payload, key))
	return req, nil
}
