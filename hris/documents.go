package hris

import (
	"context"
	"net/url"

	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// DocumentListParams are the optional inputs of DocumentService.List.
type DocumentListParams struct {
	// Extra holds query parameters by wire name (none are documented).
	Extra url.Values `url:"-"`
}

type documentQuery struct {
	EmployeeID string `url:"employeeId"`
}

// DocumentService lists and uploads employee documents and lists document
// categories: in.HRIS.Documents.List, Upload and Categories.
type DocumentService struct{ service }

// List lists an employee's documents; the employee is sent as the
// employeeId query parameter and the answer, which Knit does not document,
// is kept whole in Result.Raw. params may be nil. An empty employeeID is an
// error matching knit.ErrInvalidParams.
//
// Knit method GET hr.employees.documents, seen in third-party code; not in Knit's docs.
//
//knit:operation GET hr.employees.documents observed
func (s *DocumentService) List(ctx context.Context, employeeID string, params *DocumentListParams, opts ...option.RequestOption) (*Result, error) {
	const op = "HRIS.Documents.List"
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	var extra url.Values
	if params != nil {
		extra = params.Extra
	}
	var out Result
	if err := s.get(ctx, op, "hr.employees.documents", documentQuery{employeeID}, extra, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// DocumentUploadParams is the body of DocumentService.Upload. Knit does
// not document it; the typed fields follow the file model of third-party
// code calling Knit. Extra is merged into the body.
type DocumentUploadParams struct {
	// Category is a category ID from DocumentService.Categories.
	Category string `json:"category,omitempty"`
	FileName string `json:"fileName,omitempty"`
	Comment  string `json:"comment,omitempty"`
	// Content is the file, encoded as Encoding says (e.g. BASE64).
	Content  string           `json:"content,omitempty"`
	Encoding DocumentEncoding `json:"encoding,omitempty"`
	// URL points at the file instead of Content.
	URL string `json:"url,omitempty"`
	// Extra holds further body fields by wire name.
	Extra map[string]any `json:"-"`
}

type documentUploadBody struct {
	EmployeeID string `json:"employeeId"`
	*DocumentUploadParams
}

// Upload uploads a document to an employee's file. The body is employeeID
// as "employeeId", the typed fields of params and params.Extra merged in.
// The answer is kept whole in Result.Raw. An empty employeeID, a nil
// params, or neither Content nor URL is an error matching
// knit.ErrInvalidParams.
//
// Knit method POST hr.employees.document.upload, seen in third-party code; not in Knit's docs.
//
//knit:operation POST hr.employees.document.upload observed
func (s *DocumentService) Upload(ctx context.Context, employeeID string, params *DocumentUploadParams, opts ...option.RequestOption) (*Result, error) {
	const op = "HRIS.Documents.Upload"
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	if params == nil {
		return nil, transport.Required(op, "params")
	}
	if params.Content == "" && params.URL == "" && len(params.Extra) == 0 {
		return nil, transport.InvalidParam(op, "Content", "or URL is required")
	}
	return s.post(ctx, op, "hr.employees.document.upload", documentUploadBody{employeeID, params}, params.Extra, opts)
}

// Categories lists the app's document categories. Knit does not document
// the parameters or the answer (params may be nil; data kept whole in
// Result.Raw).
//
// Knit method GET hr.documents.categories, seen in third-party code; not in Knit's docs.
//
//knit:operation GET hr.documents.categories observed
func (s *DocumentService) Categories(ctx context.Context, params *QueryParams, opts ...option.RequestOption) (*Result, error) {
	return s.getResult(ctx, "HRIS.Documents.Categories", "hr.documents.categories", params, opts)
}
