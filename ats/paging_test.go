package ats

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/apierror"
	"github.com/knit-sdk/knit-go/internal/transport"
)

// threeJobPages serves ats.job.list as three pages of two jobs, keyed by
// pageToken ("" → p2 → p3 → end). failOn makes that page (1-based) fail.
func threeJobPages(t *testing.T, failOn int) (*Client, *fakeKnit) {
	t.Helper()
	pages := map[string]struct {
		n    int
		next string
	}{"": {1, "p2"}, "p2": {2, "p3"}, "p3": {3, ""}}
	return newFake(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path != "/ats.job.list" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		p, ok := pages[r.URL.Query().Get("pageToken")]
		if !ok {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"success":false,"error":{"msg":"bad token"}}`))
			return
		}
		if p.n == failOn {
			w.WriteHeader(http.StatusBadGateway)
			_, _ = w.Write([]byte(`{"success":false,"error":{"msg":"upstream down"}}`))
			return
		}
		next := "null"
		if p.next != "" {
			next = `"` + p.next + `"`
		}
		_, _ = fmt.Fprintf(w, `{"success":true,"data":{"jobs":[{"info":{"id":"j%d-a"}},{"info":{"id":"j%d-b"}}],"nextPageToken":%s}}`, p.n, p.n, next)
	})
}

func collectIDs(t *testing.T, seq func(func(Job, error) bool)) ([]string, []error) {
	t.Helper()
	var ids []string
	var errs []error
	for j, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, j.Info.ID)
	}
	return ids, errs
}

func TestJobsAllFetchesEachPageOnceLazily(t *testing.T) {
	t.Parallel()
	c, f := threeJobPages(t, 0)

	seq := c.Jobs.All(context.Background(), nil)
	assert.Equal(t, 0, f.count(), "no request before the loop starts")

	ids, errs := collectIDs(t, seq)
	assert.Empty(t, errs)
	assert.Equal(t, []string{"j1-a", "j1-b", "j2-a", "j2-b", "j3-a", "j3-b"}, ids)
	require.Equal(t, 3, f.count(), "one request per page")
	for i, want := range []string{"", "p2", "p3"} {
		assert.Equal(t, want, f.req(t, i).Query.Get("pageToken"), "request %d", i+1)
		assertCall(t, f.req(t, i), http.MethodGet, "ats.job.list")
	}
	assert.NotContains(t, f.req(t, 0).Query, "pageToken", "first page omits pageToken")

	// Restartable: a second range starts again at page 1.
	ids2, _ := collectIDs(t, seq)
	assert.Equal(t, ids, ids2)
	assert.Equal(t, 6, f.count())
}

func TestJobsAllStopsWhenLoopBreaks(t *testing.T) {
	t.Parallel()
	c, f := threeJobPages(t, 0)
	n := 0
	for _, err := range c.Jobs.All(context.Background(), nil) {
		require.NoError(t, err)
		n++
		if n == 3 { // first item of page 2
			break
		}
	}
	assert.Equal(t, 2, f.count(), "page 3 is never fetched")
}

func TestJobsAllSurfacesErrorOnce(t *testing.T) {
	t.Parallel()
	c, f := threeJobPages(t, 2)
	ids, errs := collectIDs(t, c.Jobs.All(context.Background(), nil))
	assert.Equal(t, []string{"j1-a", "j1-b"}, ids)
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], apierror.ErrServer)
	assert.Equal(t, 2, f.count(), "nothing is fetched after the failed page")
}

func TestJobsAllStartsAtPageTokenWithExtra(t *testing.T) {
	t.Parallel()
	c, f := threeJobPages(t, 0)
	params := &JobListParams{PageToken: "p2", Extra: url.Values{"pageSize": {"2"}}}
	ids, errs := collectIDs(t, c.Jobs.All(context.Background(), params))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"j2-a", "j2-b", "j3-a", "j3-b"}, ids)
	require.Equal(t, 2, f.count())
	assert.Equal(t, "2", f.req(t, 0).Query.Get("pageSize"))
	assert.Equal(t, "2", f.req(t, 1).Query.Get("pageSize"))
	assert.Equal(t, "p3", f.req(t, 1).Query.Get("pageToken"))
}

func TestJobsAllHonorsCanceledContext(t *testing.T) {
	t.Parallel()
	c, f := threeJobPages(t, 0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errs []error
	for _, err := range c.Jobs.All(ctx, nil) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		cancel() // cancel after the first item: page 2 must not be fetched
	}
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], context.Canceled)
	assert.Equal(t, 1, f.count())
}

func TestApplicationsAllPages(t *testing.T) {
	t.Parallel()
	c, f := newFake(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("pageToken") == "" {
			_, _ = w.Write([]byte(`{"success":true,"data":{"applications":[{"info":{"id":"a1"}}],"nextPageToken":"n2"}}`))
			return
		}
		_, _ = w.Write([]byte(`{"success":true,"data":{"applications":[{"info":{"id":"a2"}}]}}`))
	})
	seq := c.Applications.All(context.Background(), nil)
	assert.Equal(t, 0, f.count())
	var ids []string
	for a, err := range seq {
		require.NoError(t, err)
		ids = append(ids, a.Info.ID)
	}
	assert.Equal(t, []string{"a1", "a2"}, ids)
	require.Equal(t, 2, f.count())
	assertCall(t, f.req(t, 1), http.MethodGet, "ats.application.list")
	assert.Equal(t, "n2", f.req(t, 1).Query.Get("pageToken"))
}

// TestPageQueryTag: the `url` tag of pageQuery spells the transport's page
// token name (a struct tag cannot name the constant).
func TestPageQueryTag(t *testing.T) {
	t.Parallel()
	q, err := listQuery("op", "tok", nil)
	require.NoError(t, err)
	assert.Equal(t, url.Values{transport.KeyPageToken: {"tok"}}, q)
}
