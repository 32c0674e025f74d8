package webhook

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A callback error that quotes the API key is logged with the key replaced.
func TestHandlerLogsScrubKey(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	h := NewHandler([]string{testKey}, func(context.Context, *Event) error {
		return fmt.Errorf("downstream refused key %s", testKey)
	}, WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, newSignedTestRequest(t, readFixture(t, "record_new_employee.json"), testKey))
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.NotContains(t, logs.String(), testKey)
	assert.Contains(t, logs.String(), "downstream refused key [REDACTED API KEY]")
}
