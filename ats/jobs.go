package ats

import (
	"context"
	"encoding/json"
	"iter"
	"net/url"
	"strings"

	"github.com/knit-sdk/knit-go/internal/knitjson"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// JobService lists and creates jobs. Knit has no call that reads a single job
// (third-party code calling Knit notes there is no single-job GET); to find one, range
// over All and stop at the matching Info.ID, or keep jobs current with an
// ats_jobs sync.
type JobService struct {
	s transport.Scope
}

// JobListParams selects a page of jobs. A nil *JobListParams is the first
// page with no extra parameters.
type JobListParams struct {
	// PageToken is the NextPageToken of the previous page; empty for the
	// first page. For All it is the page to start at.
	PageToken string
	// Extra holds further query parameters, sent as is. Knit's page-size and
	// filter parameters are not documented (likely names: pageSize, limit);
	// Extra must not set pageToken.
	Extra url.Values
}

// JobPage is one page of jobs.
type JobPage struct {
	// Jobs on this page; nil when the page is empty.
	Jobs []Job `json:"jobs"`
	// NextPageToken fetches the next page; empty on the last page.
	NextPageToken string `json:"nextPageToken"`
}

// List fetches one page of jobs (query pageToken; answer data{jobs,
// nextPageToken}). Use All to range over every job.
//
// Knit method GET ats.job.list, seen in third-party code; not in Knit's docs.
//
//knit:operation GET ats.job.list observed
func (s *JobService) List(ctx context.Context, params *JobListParams, opts ...option.RequestOption) (*JobPage, error) {
	if params == nil {
		params = &JobListParams{}
	}
	return s.list(ctx, params.PageToken, params.Extra, opts)
}

func (s *JobService) list(ctx context.Context, token string, extra url.Values, opts []option.RequestOption) (*JobPage, error) {
	q, err := listQuery("ATS.Jobs.List", token, extra)
	if err != nil {
		return nil, err
	}
	var page JobPage
	if err := s.s.Get(ctx, "ats.job.list", q, &page, opts); err != nil {
		return nil, err
	}
	if len(page.Jobs) == 0 {
		page.Jobs = nil
	}
	return &page, nil
}

// All returns an iterator over every job of every page, starting at
// params.PageToken (the first page if empty).
//
// Nothing is sent until the loop starts; each page is fetched once, when the
// loop reaches it, and no further page is fetched after the loop breaks. A
// failed page is yielded once as (zero Job, err) and ends the iteration:
//
//	for job, err := range in.ATS.Jobs.All(ctx, nil) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(job.Info.ID, job.Info.Title)
//	}
//
// Knit method GET ats.job.list, seen in third-party code; not in Knit's docs.
//
//knit:operation GET ats.job.list observed
func (s *JobService) All(ctx context.Context, params *JobListParams, opts ...option.RequestOption) iter.Seq2[Job, error] {
	var p JobListParams
	if params != nil {
		p = JobListParams{PageToken: params.PageToken, Extra: cloneValues(params.Extra)}
	}
	return transport.PaginateFrom(ctx, p.PageToken, func(ctx context.Context, token string) ([]Job, string, error) {
		page, err := s.list(ctx, token, p.Extra, opts)
		if err != nil {
			return nil, "", err
		}
		return page.Jobs, page.NextPageToken, nil
	})
}

// JobCreateParams is the job to create. The body {title, description?,
// status?} is what third-party code sends; further fields go in Extra.
type JobCreateParams struct {
	// Title is required.
	Title string `json:"title"`
	// Description is optional.
	Description string `json:"description,omitempty"`
	// Status is optional; which statuses an app accepts on create is not
	// documented.
	Status JobStatus `json:"status,omitempty"`
	// Extra holds further body fields, merged into the JSON object; a key
	// that a typed field sets is an error.
	Extra map[string]any `json:"-"`
}

// JobCreateResult is the answer of Jobs.Create.
type JobCreateResult struct {
	// JobID is the new job's ID (data.jobId).
	JobID string `json:"jobId"`
	// Raw is the whole data object as sent, for fields not modelled here.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the typed fields and keeps the whole object in Raw.
func (r *JobCreateResult) UnmarshalJSON(b []byte) error {
	type plain JobCreateResult
	var p plain
	if err := knitjson.Unmarshal(b, &p); err != nil {
		return err
	}
	*r = JobCreateResult(p)
	r.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// Create creates a job. Several apps do not support it: they answer 404
// "Tool not supported for this app", which matches knit.ErrNotSupported. A
// missing Title is a knit.ErrInvalidParams error and nothing is sent.
//
// Knit method POST ats.job.create, seen in third-party code; not in Knit's docs.
//
//knit:operation POST ats.job.create observed
func (s *JobService) Create(ctx context.Context, params *JobCreateParams, opts ...option.RequestOption) (*JobCreateResult, error) {
	const op = "ATS.Jobs.Create"
	if params == nil || strings.TrimSpace(params.Title) == "" {
		return nil, transport.Required(op, "Title")
	}
	body, err := transport.MarshalWithExtra(params, params.Extra)
	if err != nil {
		return nil, transport.InvalidParam(op, "Extra", err.Error())
	}
	var res JobCreateResult
	if err := s.s.Post(ctx, "ats.job.create", body, &res, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

func cloneValues(v url.Values) url.Values {
	if v == nil {
		return nil
	}
	c := make(url.Values, len(v))
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}
