package hris

import (
	"context"
	"net/url"

	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// DocumentListParams are the optional inputs of Documents.
type DocumentListParams struct {
	// Extra holds query parameters by wire name (none are documented).
	Extra url.Values `url:"-"`
}

type documentQuery struct {
	EmployeeID string `url:"employeeId"`
}

// Documents lists an employee's documents.
//
// Knit method hr.employees.documents (GET), OBSERVED; the employeeId query
// parameter is INFERRED and the answer's shape UNKNOWN (kept whole in
// Result.Raw). params may be nil. An empty employeeID is an error matching
// knit.ErrInvalidParams.
func (c *Client) Documents(ctx context.Context, employeeID string, params *DocumentListParams, opts ...option.RequestOption) (*Result, error) {
	const op = "HRIS.Documents"
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	var extra url.Values
	if params != nil {
		extra = params.Extra
	}
	var out Result
	if err := c.get(ctx, op, MethodDocuments, documentQuery{employeeID}, extra, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// DocumentUploadParams is the body of UploadDocument. Knit does not
// document it; the typed fields follow the file model OBSERVED in
// third-party code (govil-open/knit-integration model/document.go).
// Extra is merged into the body.
type DocumentUploadParams struct {
	// Category is a category ID from DocumentCategories.
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

// UploadDocument uploads a document to an employee's file.
//
// Knit method hr.employees.document.upload (POST), OBSERVED. The body is
// UNKNOWN: employeeID is sent as "employeeId" (INFERRED), the typed fields
// are OBSERVED names and params.Extra is merged in. The answer is kept whole
// in Result.Raw. An empty employeeID, a nil params, or neither Content nor
// URL is an error matching knit.ErrInvalidParams.
func (c *Client) UploadDocument(ctx context.Context, employeeID string, params *DocumentUploadParams, opts ...option.RequestOption) (*Result, error) {
	const op = "HRIS.UploadDocument"
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	if params == nil {
		return nil, transport.Required(op, "params")
	}
	if params.Content == "" && params.URL == "" && len(params.Extra) == 0 {
		return nil, transport.InvalidParam(op, "Content", "or URL is required")
	}
	return c.post(ctx, op, MethodDocumentUpload, documentUploadBody{employeeID, params}, params.Extra, opts)
}

// DocumentCategories lists the app's document categories.
//
// Knit method hr.documents.categories (GET), OBSERVED; parameters and
// answer UNKNOWN (params may be nil; data kept whole in Result.Raw).
func (c *Client) DocumentCategories(ctx context.Context, params *ListParams, opts ...option.RequestOption) (*Result, error) {
	return c.getResult(ctx, "HRIS.DocumentCategories", MethodDocumentCategories, params, opts)
}
