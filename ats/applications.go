package ats

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"strings"

	"github.com/knit-sdk/knit-go/apierror"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// ApplicationService lists, reads and creates applications and adds
// attachments to them.
type ApplicationService struct {
	s transport.Scope
}

// ApplicationListParams selects a page of applications. A nil
// *ApplicationListParams is the first page with no extra parameters.
type ApplicationListParams struct {
	// PageToken is the NextPageToken of the previous page; empty for the
	// first page. For All it is the page to start at.
	PageToken string
	// Extra holds further query parameters, sent as is. Knit documents no
	// job filter or page size; Extra must not set pageToken.
	Extra url.Values
}

// ApplicationPage is one page of applications.
type ApplicationPage struct {
	// Applications on this page; nil when the page is empty.
	Applications []Application `json:"applications"`
	// NextPageToken fetches the next page; empty on the last page.
	NextPageToken string `json:"nextPageToken"`
}

// List fetches one page of applications (query pageToken; answer
// data{applications, nextPageToken}). Use All to range over every
// application.
//
// Knit method GET ats.application.list, seen in third-party code; not in Knit's docs.
//
//knit:operation GET ats.application.list observed
func (s *ApplicationService) List(ctx context.Context, params *ApplicationListParams, opts ...option.RequestOption) (*ApplicationPage, error) {
	if params == nil {
		params = &ApplicationListParams{}
	}
	return s.list(ctx, params.PageToken, params.Extra, opts)
}

func (s *ApplicationService) list(ctx context.Context, token string, extra url.Values, opts []option.RequestOption) (*ApplicationPage, error) {
	q, err := listQuery("ATS.Applications.List", token, extra)
	if err != nil {
		return nil, err
	}
	var page ApplicationPage
	if err := s.s.Get(ctx, "ats.application.list", q, &page, opts); err != nil {
		return nil, err
	}
	if len(page.Applications) == 0 {
		page.Applications = nil
	}
	return &page, nil
}

// All returns an iterator over every application of every page, starting
// at params.PageToken. It behaves like JobService.All: lazy, one request per
// page reached, an error yielded once and last.
//
// Knit method GET ats.application.list, seen in third-party code; not in Knit's docs.
//
//knit:operation GET ats.application.list observed
func (s *ApplicationService) All(ctx context.Context, params *ApplicationListParams, opts ...option.RequestOption) iter.Seq2[Application, error] {
	var p ApplicationListParams
	if params != nil {
		p = ApplicationListParams{PageToken: params.PageToken, Extra: cloneValues(params.Extra)}
	}
	return transport.PaginateFrom(ctx, p.PageToken, func(ctx context.Context, token string) ([]Application, string, error) {
		page, err := s.list(ctx, token, p.Extra, opts)
		if err != nil {
			return nil, "", err
		}
		return page.Applications, page.NextPageToken, nil
	})
}

// Get reads one application (query applicationId and candidateId, both
// required; answer data{application}). An empty ID is a
// knit.ErrInvalidParams error and nothing is sent; an unknown application
// is typically a 404 matching knit.ErrNotFound.
//
// Knit method GET ats.application.get, seen in third-party code; not in Knit's docs.
//
//knit:operation GET ats.application.get observed
func (s *ApplicationService) Get(ctx context.Context, applicationID, candidateID string, opts ...option.RequestOption) (*Application, error) {
	const op = "ATS.Applications.Get"
	if strings.TrimSpace(applicationID) == "" {
		return nil, transport.Required(op, "applicationID")
	}
	if strings.TrimSpace(candidateID) == "" {
		return nil, transport.Required(op, "candidateID")
	}
	q, err := transport.BuildQuery(op, applicationGetQuery{applicationID, candidateID}, nil)
	if err != nil {
		return nil, err
	}
	var data struct {
		Application *Application `json:"application"`
	}
	if err := s.s.Get(ctx, "ats.application.get", q, &data, opts); err != nil {
		return nil, err
	}
	if data.Application == nil {
		return nil, &apierror.Error{
			Method:        "ats.application.get",
			IntegrationID: s.s.IntegrationID(),
			Err:           fmt.Errorf("%w: data.application is missing", apierror.ErrMalformedResponse),
		}
	}
	return data.Application, nil
}

// AttachmentInput is a file sent with an application. Knit documents the
// attachment of ats.application.create and the body of
// ats.application.attachment.add by purpose only (resumes, cover letters):
// every field name here is the SDK's guess, neither documented nor seen in
// third-party code. If your app expects other names, leave the
// AttachmentInput unset and send the object through Extra.
type AttachmentInput struct {
	// Name is the file name, e.g. "resume.pdf" (key "name").
	Name string `json:"name,omitempty"`
	// Type is the kind of file, e.g. "RESUME" or "COVER_LETTER" (key
	// "type"; the values are guesses too).
	Type string `json:"type,omitempty"`
	// URL is where the ATS can download the file (key "url").
	URL string `json:"url,omitempty"`
	// Content is the file itself, base64-encoded (key "content").
	Content string `json:"content,omitempty"`
}

func (a *AttachmentInput) isZero() bool { return a == nil || *a == AttachmentInput{} }

// ApplicationAttachmentAddParams is the attachment to add. Knit does not
// document the request body of ats.application.attachment.add, and no
// third-party code shows it: the SDK sends
// {"applicationId", "candidateId", "attachment": {...}}, every key its own
// guess, plus Extra.
type ApplicationAttachmentAddParams struct {
	// CandidateID is the application's candidate (key "candidateId", a
	// guess: ats.application.get needs it, so the app may too).
	CandidateID string `json:"candidateId,omitempty"`
	// Attachment is the file (key "attachment", a guess).
	Attachment *AttachmentInput `json:"attachment,omitempty"`
	// Extra holds further body fields, merged into the JSON object; a key
	// that a typed field sets is an error.
	Extra map[string]any `json:"-"`
}

// ApplicationAttachmentAddResult is the answer of AddAttachment, whose shape
// Knit does not document.
type ApplicationAttachmentAddResult struct {
	// Raw is the data object exactly as sent.
	Raw json.RawMessage
}

// AddAttachment adds a resume, cover letter or other file to an
// application. Knit does not document the request or the answer (see
// ApplicationAttachmentAddParams). An empty applicationID, or params with
// neither an Attachment nor Extra, is a knit.ErrInvalidParams error and
// nothing is sent.
//
// Knit method POST ats.application.attachment.add, documented by Knit: https://getknit.dev/solutions-use-cases/create-push-applications-for-a-job-posting
//
//knit:operation POST ats.application.attachment.add documented
func (s *ApplicationService) AddAttachment(ctx context.Context, applicationID string, params *ApplicationAttachmentAddParams, opts ...option.RequestOption) (*ApplicationAttachmentAddResult, error) {
	const op = "ATS.Applications.AddAttachment"
	if strings.TrimSpace(applicationID) == "" {
		return nil, transport.Required(op, "applicationID")
	}
	if params == nil || (params.Attachment.isZero() && len(params.Extra) == 0) {
		return nil, transport.Required(op, "Attachment")
	}
	body := struct {
		ApplicationID string `json:"applicationId"`
		*ApplicationAttachmentAddParams
	}{applicationID, params}
	if params.Attachment.isZero() {
		p := *params
		p.Attachment = nil
		body.ApplicationAttachmentAddParams = &p
	}
	b, err := transport.MarshalWithExtra(body, params.Extra)
	if err != nil {
		return nil, transport.InvalidParam(op, "Extra", err.Error())
	}
	var res ApplicationAttachmentAddResult
	if err := s.s.Post(ctx, "ats.application.attachment.add", b, &res.Raw, opts); err != nil {
		return nil, err
	}
	return &res, nil
}
