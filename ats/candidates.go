package ats

import (
	"context"
	"strings"

	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// CandidateService searches candidates. Whole candidate records (education,
// skills, experiences...) arrive through an ats_candidates sync; see
// DecodeCandidate.
type CandidateService struct {
	s transport.Scope
}

// CandidateSearchParams are the search criteria of ats.candidates.search:
// firstName, lastName and emails, the keys seen in third-party code calling
// Knit. How the app combines them is
// up to the app. Further criteria go in Extra.
type CandidateSearchParams struct {
	FirstName string   `json:"firstName,omitempty"`
	LastName  string   `json:"lastName,omitempty"`
	Emails    []string `json:"emails,omitempty"`
	// Extra holds further body fields, merged into the JSON object; a key
	// that a typed field sets is an error.
	Extra map[string]any `json:"-"`
}

// CandidateSearchResult holds the candidates found.
type CandidateSearchResult struct {
	// Candidates found, in the app's order; nil when none matched. Each has
	// the shape of an application's candidate, as seen in third-party code
	// calling Knit.
	Candidates []CandidateInfo `json:"candidates"`
}

// Search finds candidates (answer data{candidates}). Use it to apply an
// existing candidate to another job (ApplicationCreateParams.CandidateID).
// Params with no criterion at all are a knit.ErrInvalidParams error and
// nothing is sent.
//
// Knit method POST ats.candidates.search, seen in third-party code; not in Knit's docs.
//
//knit:operation POST ats.candidates.search observed
func (s *CandidateService) Search(ctx context.Context, params *CandidateSearchParams, opts ...option.RequestOption) (*CandidateSearchResult, error) {
	const op = "ATS.Candidates.Search"
	if params == nil || (strings.TrimSpace(params.FirstName) == "" && strings.TrimSpace(params.LastName) == "" &&
		len(params.Emails) == 0 && len(params.Extra) == 0) {
		return nil, transport.InvalidParam(op, "", "set at least one criterion (FirstName, LastName, Emails or Extra)")
	}
	body, err := transport.MarshalWithExtra(params, params.Extra)
	if err != nil {
		return nil, transport.InvalidParam(op, "Extra", err.Error())
	}
	var res CandidateSearchResult
	if err := s.s.Post(ctx, "ats.candidates.search", body, &res, opts); err != nil {
		return nil, err
	}
	return &res, nil
}
