package ats

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/apierror"
)

func TestCandidatesSearch(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusOK, fixture(t, "candidate_search_response.json"))

	res, err := c.Candidates.Search(context.Background(), &CandidateSearchParams{
		FirstName: "Emily",
		Emails:    []string{"emily@example.com"},
	})
	require.NoError(t, err)

	r := f.last(t)
	assertCall(t, r, http.MethodPost, "ats.candidates.search")
	assert.JSONEq(t, string(fixture(t, "candidate_search_request.golden.json")), string(r.Body))

	require.Len(t, res.Candidates, 1)
	cand := res.Candidates[0]
	assert.Equal(t, "cand-1", cand.ID)
	assert.Equal(t, "Emily", cand.FirstName)
	assert.Equal(t, "emily@example.com", cand.Emails[0].Email)
	assert.Equal(t, "+1-202", cand.Phones[0].Number())
	assert.Equal(t, "SF", cand.Location)
}

func TestCandidatesSearchNoneFound(t *testing.T) {
	t.Parallel()
	c, _ := serveJSON(t, http.StatusOK, []byte(`{"success":true,"data":{"candidates":null}}`))
	res, err := c.Candidates.Search(context.Background(), &CandidateSearchParams{Extra: map[string]any{"phone": "+1"}})
	require.NoError(t, err)
	assert.Empty(t, res.Candidates)
}

func TestCandidatesSearchErrors(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusNotFound, fixture(t, "not_supported.json"))
	ctx := context.Background()

	_, err := c.Candidates.Search(ctx, nil)
	require.ErrorIs(t, err, apierror.ErrInvalidParams)
	_, err = c.Candidates.Search(ctx, &CandidateSearchParams{FirstName: " "})
	require.ErrorIs(t, err, apierror.ErrInvalidParams)
	_, err = c.Candidates.Search(ctx, &CandidateSearchParams{FirstName: "a", Extra: map[string]any{"firstName": "b"}})
	require.ErrorIs(t, err, apierror.ErrInvalidParams)
	assert.Equal(t, 0, f.count())

	_, err = c.Candidates.Search(ctx, &CandidateSearchParams{LastName: "Watson"})
	require.ErrorIs(t, err, apierror.ErrNotSupported)
	assert.JSONEq(t, `{"lastName":"Watson"}`, string(f.last(t).Body))
}
