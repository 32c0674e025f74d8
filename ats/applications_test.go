package ats

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/apierror"
	"github.com/knit-sdk/knit-go/basemodel"
)

func TestApplicationsList(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusOK, fixture(t, "application_list_page.json"))

	page, err := c.Applications.List(context.Background(), &ApplicationListParams{PageToken: "np-0"})
	require.NoError(t, err)

	r := f.last(t)
	assertCall(t, r, http.MethodGet, "ats.application.list")
	assert.Equal(t, url.Values{"pageToken": {"np-0"}}, r.Query)

	require.Len(t, page.Applications, 2)
	assert.Empty(t, page.NextPageToken, "null nextPageToken is the last page")

	full := page.Applications[0]
	assert.Equal(t, "app-1", full.Info.ID)
	assert.Equal(t, ApplicationStatusActive, full.Info.Status)
	assert.Equal(t, OriginReferral, full.Info.Origin)
	assert.Equal(t, "job-1", full.Info.JobID)
	assert.Equal(t, "owner@example.com", full.Info.Owner.Email)
	assert.Equal(t, basemodel.User{}, full.Info.CreditedTo)
	cand := full.Info.Candidate
	assert.Equal(t, "cand-1", cand.ID)
	assert.Equal(t, "Watson", cand.LastName)
	assert.Equal(t, "+1-202-555-0100", cand.Phones[0].Number())
	assert.Equal(t, basemodel.PhoneTypePersonal, cand.Phones[0].Type)
	assert.Equal(t, "emily@example.com", cand.Emails[0].Email)
	assert.Equal(t, []string{"https://linkedin.example/emily"}, cand.Links)
	assert.Equal(t, "San Francisco", cand.Location)
	assert.Equal(t, Stage{ID: "s1", Text: "Screen"}, full.CurrentStage)
	assert.False(t, full.Rejection.IsZero())
	assert.Equal(t, "Failed Onsite", full.Rejection.Text)
	assert.Nil(t, full.Interviews)
	assert.Nil(t, full.Offers)
	assert.Nil(t, full.Attachments)

	// Null-heavy record with unknown enum values.
	sparse := page.Applications[1]
	assert.Equal(t, ApplicationStatus("WITHDRAWN"), sparse.Info.Status, "unknown status kept")
	assert.Equal(t, Origin("JOB_BOARD"), sparse.Info.Origin, "unknown origin kept")
	assert.Empty(t, sparse.Info.Candidate.LastName)
	assert.Nil(t, sparse.Info.Candidate.Links)
	assert.Empty(t, sparse.Info.JobID)
	assert.True(t, sparse.CurrentStage.IsZero())
	assert.True(t, sparse.Rejection.IsZero())
	assert.True(t, sparse.Info.UpdatedAt.IsZero())
}

func TestApplicationsListError(t *testing.T) {
	t.Parallel()
	c, _ := serveJSON(t, http.StatusOK, []byte(`{"success":false,"error":{"msg":"Integration is inactive"}}`))
	_, err := c.Applications.List(context.Background(), nil)
	var kerr *apierror.Error
	require.ErrorAs(t, err, &kerr)
	assert.Equal(t, "Integration is inactive", kerr.Message)
	assert.Equal(t, "ats.application.list", kerr.Method)
}

func TestApplicationsGet(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusOK, fixture(t, "application_get.json"))

	app, err := c.Applications.Get(context.Background(), "app-1", "cand-1")
	require.NoError(t, err)

	r := f.last(t)
	assertCall(t, r, http.MethodGet, "ats.application.get")
	assert.Equal(t, url.Values{"applicationId": {"app-1"}, "candidateId": {"cand-1"}}, r.Query)

	assert.Equal(t, "app-1", app.Info.ID)
	assert.Equal(t, ApplicationStatusHired, app.Info.Status)
	assert.Equal(t, OriginAgency, app.Info.Origin)
	assert.Equal(t, "u2", app.Info.CreditedTo.ID)
	assert.Equal(t, "Hired", app.CurrentStage.Text)
	assert.True(t, app.Rejection.IsZero(), "an empty rejection object means not rejected")
	assert.Empty(t, app.Interviews)
	require.Len(t, app.Offers, 1)
	o := app.Offers[0]
	assert.Equal(t, OfferStatusSigned, o.Status)
	assert.Equal(t, "app-1", o.ApplicationID)
	start, ok := o.StartDate.Time()
	require.True(t, ok)
	assert.Equal(t, "2025-01-06", start.Format("2006-01-02"))
	require.Len(t, app.Attachments, 1)
	assert.JSONEq(t, `{"id":"att1","fileName":"resume.pdf","type":"RESUME"}`, string(app.Attachments[0]))
}

func TestApplicationsGetNotFound(t *testing.T) {
	t.Parallel()
	c, _ := serveJSON(t, http.StatusNotFound, []byte(`{"success":false,"error":{"msg":"Application not found"}}`))
	_, err := c.Applications.Get(context.Background(), "nope", "cand-1")
	require.ErrorIs(t, err, apierror.ErrNotFound)
	require.NotErrorIs(t, err, apierror.ErrNotSupported)
}

func TestApplicationsGetMissingApplication(t *testing.T) {
	t.Parallel()
	c, _ := serveJSON(t, http.StatusOK, []byte(`{"success":true,"data":{"application":null}}`))
	_, err := c.Applications.Get(context.Background(), "app-1", "cand-1")
	require.ErrorIs(t, err, apierror.ErrMalformedResponse)
	assert.Contains(t, err.Error(), "data.application")
}

func TestApplicationsGetValidation(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusOK, fixture(t, "application_get.json"))
	for _, tt := range []struct{ app, cand, field string }{
		{"", "cand-1", "applicationID"},
		{"app-1", " ", "candidateID"},
	} {
		_, err := c.Applications.Get(context.Background(), tt.app, tt.cand)
		var pe *apierror.ParamError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, tt.field, pe.Field)
	}
	assert.Equal(t, 0, f.count())
}

func TestApplicationsAddAttachment(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusOK, []byte(`{"success":true,"data":{"attachmentId":"att-9"}}`))
	params := &ApplicationAttachmentAddParams{
		CandidateID: "cand-1",
		Attachment:  &AttachmentInput{Name: "cover.pdf", Type: "COVER_LETTER", Content: "JVBERi0="},
	}
	res, err := c.Applications.AddAttachment(context.Background(), "app-1", params)
	require.NoError(t, err)
	assert.JSONEq(t, `{"attachmentId":"att-9"}`, string(res.Raw))

	r := f.last(t)
	assertCall(t, r, http.MethodPost, "ats.application.attachment.add")
	assert.JSONEq(t, string(fixture(t, "attachment_add_request.golden.json")), string(r.Body))
}

func TestApplicationsAddAttachmentExtraOnly(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusOK, []byte(`{"success":true,"data":null}`))
	params := &ApplicationAttachmentAddParams{
		Attachment: &AttachmentInput{},
		Extra:      map[string]any{"file": map[string]any{"fileUrl": "https://f.example/cv.pdf"}},
	}
	_, err := c.Applications.AddAttachment(context.Background(), "app-1", params)
	require.NoError(t, err)
	assert.JSONEq(t, `{"applicationId":"app-1","file":{"fileUrl":"https://f.example/cv.pdf"}}`, string(f.last(t).Body))
	assert.NotNil(t, params.Attachment, "caller's params are not modified")
}

func TestApplicationsAddAttachmentErrors(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusNotFound, fixture(t, "not_supported.json"))
	ctx := context.Background()
	att := &ApplicationAttachmentAddParams{Attachment: &AttachmentInput{URL: "https://f.example/cv.pdf"}}

	_, err := c.Applications.AddAttachment(ctx, "", att)
	require.ErrorIs(t, err, apierror.ErrInvalidParams)
	_, err = c.Applications.AddAttachment(ctx, "app-1", nil)
	require.ErrorIs(t, err, apierror.ErrInvalidParams)
	_, err = c.Applications.AddAttachment(ctx, "app-1", &ApplicationAttachmentAddParams{CandidateID: "c"})
	require.ErrorIs(t, err, apierror.ErrInvalidParams)
	assert.Equal(t, 0, f.count())

	_, err = c.Applications.AddAttachment(ctx, "app-1", att)
	require.ErrorIs(t, err, apierror.ErrNotSupported)
	assert.Equal(t, 1, f.count())
}

func validCreateParams() *ApplicationCreateParams {
	no := false
	return &ApplicationCreateParams{
		JobID:          "job-1",
		InitialStageID: "s1",
		Candidate: &CandidateInput{
			FirstName:      "Emily",
			LastName:       "Watson",
			Emails:         []basemodel.Email{{Type: basemodel.EmailTypePersonal, Email: "emily@example.com"}},
			Phones:         []basemodel.Phone{{Type: basemodel.PhoneTypeWork, PhoneNumber: "+1-202-555-0100"}},
			Links:          []string{"https://linkedin.example/emily"},
			Title:          "Engineer",
			Company:        "Acme",
			Education:      []Education{{ID: "ed1", Degree: "BSc", Major: "CS", Institute: "MIT", CurrentlyPursuing: &no}},
			PresentAddress: &basemodel.Address{City: "Boston", Country: "USA", ZipCode: "02110"},
		},
		Answers: []Answer{
			{ID: "q1", Type: QuestionTypeYesNo, Question: "Work permit?", Answer: "true"},
			{ID: "q2", Type: QuestionTypeMultipleChoice, Question: "Languages", MultipleChoiceAnswers: []string{"Go", "SQL"}},
		},
		MetaData:   map[string]any{"countryCodeId": "USA", "resume": map[string]any{"pages": 2}},
		Attachment: &AttachmentInput{Name: "resume.pdf", Type: "RESUME", URL: "https://files.example/resume.pdf"},
		Origin:     OriginReferral,
		Source:     "careers-site",
	}
}

func TestApplicationsCreateInlineCandidate(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusOK, fixture(t, "application_create_response.json"))

	res, err := c.Applications.Create(context.Background(), validCreateParams())
	require.NoError(t, err)
	assert.Equal(t, "app-9", res.ApplicationID)
	assert.Equal(t, "cand-9", res.CandidateID)
	assert.Equal(t, "job-1", res.JobID)
	assert.Contains(t, string(res.Raw), `"newField"`)

	r := f.last(t)
	assertCall(t, r, http.MethodPost, "ats.application.create")
	assert.JSONEq(t, string(fixture(t, "application_create_request.golden.json")), string(r.Body))

	// metaData travels as a JSON object, as Knit's create-application page says.
	var sent struct {
		MetaData json.RawMessage `json:"metaData"`
	}
	require.NoError(t, json.Unmarshal(r.Body, &sent))
	assert.JSONEq(t, `{"countryCodeId":"USA","resume":{"pages":2}}`, string(sent.MetaData))
}

// MetaDataString sends the observed string form of metaData.
func TestApplicationsCreateMetaDataString(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusOK, fixture(t, "application_create_response.json"))
	_, err := c.Applications.Create(context.Background(), &ApplicationCreateParams{
		JobID: "job-1", CandidateID: "cand-1", MetaDataString: `{"countryCodeId":"USA"}`,
	})
	require.NoError(t, err)
	var sent struct {
		MetaData string `json:"metaData"`
	}
	require.NoError(t, json.Unmarshal(f.last(t).Body, &sent), "a JSON string")
	assert.JSONEq(t, `{"countryCodeId":"USA"}`, sent.MetaData)
}

func TestApplicationsCreateExistingCandidate(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusOK, fixture(t, "application_create_response.json"))
	params := &ApplicationCreateParams{
		JobID:       "job-1",
		CandidateID: "cand-1",
		Source:      "referral-portal",
		Attachment:  &AttachmentInput{},
		Extra:       map[string]any{"customFlag": true},
	}
	_, err := c.Applications.Create(context.Background(), params)
	require.NoError(t, err)
	assert.JSONEq(t, string(fixture(t, "application_create_existing_request.golden.json")), string(f.last(t).Body))
}

func TestApplicationsCreateValidation(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusOK, fixture(t, "application_create_response.json"))
	mutate := func(m func(p *ApplicationCreateParams)) *ApplicationCreateParams {
		p := validCreateParams()
		m(p)
		return p
	}
	tests := []struct {
		name   string
		params *ApplicationCreateParams
		field  string
	}{
		{"nil", nil, "JobID"},
		{"no job", mutate(func(p *ApplicationCreateParams) { p.JobID = "" }), "JobID"},
		{"neither candidate", mutate(func(p *ApplicationCreateParams) { p.Candidate = nil }), "CandidateID"},
		{"both candidates", mutate(func(p *ApplicationCreateParams) { p.CandidateID = "cand-1" }), "Candidate"},
		{"no first name", mutate(func(p *ApplicationCreateParams) { p.Candidate.FirstName = "" }), "Candidate.FirstName"},
		{"answer without id", mutate(func(p *ApplicationCreateParams) { p.Answers[1].ID = "" }), "Answers[1].ID"},
		{"bad metadata", mutate(func(p *ApplicationCreateParams) { p.MetaData = map[string]any{"f": func() {}} }), "MetaData"},
		{"extra clash", mutate(func(p *ApplicationCreateParams) { p.Extra = map[string]any{"jobId": "x"} }), "Extra"},
		{"metadata string not an object", mutate(func(p *ApplicationCreateParams) { p.MetaData, p.MetaDataString = nil, `["x"]` }), "MetaDataString"},
		{"metadata string not json", mutate(func(p *ApplicationCreateParams) { p.MetaData, p.MetaDataString = nil, `{x` }), "MetaDataString"},
		{"both metadata forms", mutate(func(p *ApplicationCreateParams) { p.MetaDataString = `{}` }), "MetaDataString"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := c.Applications.Create(context.Background(), tt.params)
			require.ErrorIs(t, err, apierror.ErrInvalidParams)
			var pe *apierror.ParamError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "ATS.Applications.Create", pe.Op)
			assert.Equal(t, tt.field, pe.Field)
		})
	}
	t.Cleanup(func() { assert.Equal(t, 0, f.count(), "nothing is sent for invalid params") })
}

func TestApplicationsCreateUpstreamError(t *testing.T) {
	t.Parallel()
	c, f := serveJSON(t, http.StatusBadRequest, []byte(`{"success":false,"error":{"msg":"candidate email is required"}}`))
	_, err := c.Applications.Create(context.Background(), validCreateParams())
	var kerr *apierror.Error
	require.ErrorAs(t, err, &kerr)
	assert.Equal(t, http.StatusBadRequest, kerr.StatusCode)
	assert.Equal(t, "candidate email is required", kerr.Message)
	assert.Equal(t, 1, f.count())
}
