package ats

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/apierror"
)

// TestAllCursorBackToStartToken: a server whose cursor cycles back to the
// caller's starting PageToken must not make All yield a record twice.
func TestAllCursorBackToStartToken(t *testing.T) {
	t.Parallel()
	next := map[string]string{"p2": "p3", "p3": "p2"}
	c, _ := newFake(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		tok := r.URL.Query().Get("pageToken")
		_, _ = fmt.Fprintf(w, `{"success":true,"data":{"jobs":[{"info":{"id":"j-%s"}}],"nextPageToken":%q}}`, tok, next[tok])
	})
	ids, errs := collectIDs(t, c.Jobs.All(context.Background(), &JobListParams{PageToken: "p2"}))
	assert.Equal(t, []string{"j-p2", "j-p3"}, ids)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], apierror.ErrMalformedResponse)
}
