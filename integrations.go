package knit

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/internal/knitjson"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// maxDetailsBytes bounds what ParseIntegrationDetails reads from a browser.
const maxDetailsBytes = 64 << 10

// IntegrationDetails is what Knit's UI component hands your frontend in its
// onFinish (and onDeactivate) event, as event.detail.integrationDetails.
// Your frontend posts it to your backend, which must not trust it: pass it to
// Integrations.Confirm before storing IntegrationID.
type IntegrationDetails struct {
	IntegrationID string `json:"integrationId"`
	AppID         string `json:"appId"`
	CategoryID    string `json:"categoryId"`
	OriginOrgID   string `json:"originOrgId"`
	Success       bool   `json:"success"`
	IsDeactivated bool   `json:"isDeactivated"`
}

// ParseIntegrationDetails decodes what a frontend posts after onFinish:
// either event.detail as is ({"integrationDetails": {...}}) or the inner
// object. It reads at most 64 KiB and fails if there is no integrationId.
func ParseIntegrationDetails(r io.Reader) (*IntegrationDetails, error) {
	const op = "ParseIntegrationDetails"
	b, err := io.ReadAll(io.LimitReader(r, maxDetailsBytes+1))
	if err != nil {
		return nil, fmt.Errorf("knit: %s: reading body: %w", op, err)
	}
	if len(b) > maxDetailsBytes {
		return nil, transport.InvalidParam(op, "body", "is larger than 64 KiB")
	}
	var wrapped struct {
		IntegrationDetails *IntegrationDetails `json:"integrationDetails"`
	}
	if err := knitjson.Unmarshal(b, &wrapped); err != nil {
		return nil, transport.InvalidParam(op, "body", "is not a JSON object: "+err.Error())
	}
	d := wrapped.IntegrationDetails
	if d == nil {
		d = new(IntegrationDetails)
		if err := knitjson.Unmarshal(b, d); err != nil {
			return nil, transport.InvalidParam(op, "body", "is not integration details: "+err.Error())
		}
	}
	if strings.TrimSpace(d.IntegrationID) == "" {
		return nil, transport.Required(op, "integrationId")
	}
	return d, nil
}

// IntegrationApp is one integrated account as integration.details lists it.
type IntegrationApp struct {
	// AppID is Knit's app ID, e.g. "bamboohr" (wire key "id").
	AppID string `json:"id"`
	// Category is the app's category, e.g. "HRIS".
	Category Category `json:"category"`
	// IntegrationID identifies the integrated account in data calls.
	IntegrationID string `json:"integrationId"`
	// IsActive is false once the integration is deactivated (Test accounts
	// are deactivated by Knit after 30 days).
	IsActive bool `json:"isActive"`
	// DeactivatedAt is when it was deactivated; its format is not
	// documented, DateTime keeps it as sent and parses ISO or epoch millis.
	DeactivatedAt basemodel.DateTime `json:"deactivatedAt"`
	// ShortLogo is the URL of the app's logo.
	ShortLogo string `json:"shortLogo"`
	// Raw is the whole object as Knit sent it, for fields not typed here.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the typed fields and keeps the raw object.
func (a *IntegrationApp) UnmarshalJSON(b []byte) error {
	type plain IntegrationApp
	if err := knitjson.Unmarshal(b, (*plain)(a)); err != nil {
		return err
	}
	a.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// IntegrationService manages integrated accounts. Get it from
// Client.Integrations.
type IntegrationService struct {
	s transport.Scope
}

// List returns the integrations of one of your customers, identified by the
// originOrgId you gave the auth session. The list includes deactivated ones
// (IsActive false).
//
// Knit method GET integration.details, seen in third-party code; not in Knit's docs.
//
//knit:operation GET integration.details observed
func (s *IntegrationService) List(ctx context.Context, originOrgID string, opts ...option.RequestOption) ([]IntegrationApp, error) {
	if strings.TrimSpace(originOrgID) == "" {
		return nil, transport.Required("Integrations.List", "originOrgID")
	}
	var out struct {
		Apps []IntegrationApp `json:"apps"`
	}
	if err := s.s.Get(ctx, "integration.details", integrationDetailsQuery{originOrgID}, &out, opts); err != nil {
		return nil, err
	}
	return out.Apps, nil
}

// Confirm checks, server-side, what a browser claims: that the integration
// in d is listed under d.OriginOrgID, is active, and (when d names them) has
// the same app and category. It returns Knit's own record of the
// integration. A refusal matches ErrIntegrationNotConfirmed; API failures
// are *Error as usual. Store d.IntegrationID only after Confirm succeeds.
//
// Knit method GET integration.details, seen in third-party code; not in Knit's docs.
//
//knit:operation GET integration.details observed
func (s *IntegrationService) Confirm(ctx context.Context, d *IntegrationDetails, opts ...option.RequestOption) (*IntegrationApp, error) {
	const op = "Integrations.Confirm"
	switch {
	case d == nil:
		return nil, transport.Required(op, "details")
	case strings.TrimSpace(d.IntegrationID) == "":
		return nil, transport.Required(op, "IntegrationID")
	case strings.TrimSpace(d.OriginOrgID) == "":
		return nil, transport.Required(op, "OriginOrgID")
	case d.IsDeactivated:
		return nil, fmt.Errorf("%w: the UI component reported integration %s as deactivated", ErrIntegrationNotConfirmed, d.IntegrationID)
	}
	apps, err := s.List(ctx, d.OriginOrgID, opts...)
	if err != nil {
		return nil, err
	}
	for i := range apps {
		a := &apps[i]
		if a.IntegrationID != d.IntegrationID {
			continue
		}
		switch {
		case !a.IsActive:
			return nil, fmt.Errorf("%w: integration %s is not active", ErrIntegrationNotConfirmed, d.IntegrationID)
		case d.AppID != "" && a.AppID != d.AppID:
			return nil, fmt.Errorf("%w: integration %s is app %q, not %q", ErrIntegrationNotConfirmed, d.IntegrationID, a.AppID, d.AppID)
		case d.CategoryID != "" && !strings.EqualFold(string(a.Category), d.CategoryID):
			return nil, fmt.Errorf("%w: integration %s is category %q, not %q", ErrIntegrationNotConfirmed, d.IntegrationID, a.Category, d.CategoryID)
		}
		return a, nil
	}
	return nil, fmt.Errorf("%w: integration %s is not listed under organisation %q", ErrIntegrationNotConfirmed, d.IntegrationID, d.OriginOrgID)
}

// IntegrationClient makes calls on one integrated account; every request
// carries its ID in X-Knit-Integration-Id and every error names it. Get one
// from Client.Integration. It is immutable and safe for concurrent use.
//
// There is no CRM field: Knit documents CRM reads only as syncs and
// publishes no CRM method names, so CRM records arrive through Sync and
// package webhook (decoded by package crm), and CRM writes go through Do or
// Passthrough.
type IntegrationClient struct {
	// HRIS: leave, payroll, attendance, documents, employee writes.
	HRIS *hris.Client
	// ATS: jobs, applications, candidates.
	ATS *ats.Client
	// Accounting: invoices.
	Accounting *accounting.Client
	// Sync starts syncs whose records Knit pushes to your webhook.
	Sync *SyncService

	s transport.Scope
	// What the fields point to: a handle is one allocation.
	hris       hris.Client
	ats        ats.Client
	accounting accounting.Client
	sync       SyncService
}

// ID returns the integration ID the handle was made for.
func (in *IntegrationClient) ID() string { return in.s.IntegrationID() }

// Deactivate deactivates the integrated account: it stops syncing and its
// ID stops working. Knit's docs do not describe a delete distinct from
// deactivation, nor reactivation: a Test account cannot be reinstated.
//
// Knit method POST integration.deactivate, seen in third-party code; not in Knit's docs.
//
//knit:operation POST integration.deactivate observed
func (in *IntegrationClient) Deactivate(ctx context.Context, opts ...option.RequestOption) error {
	return in.s.Post(ctx, "integration.deactivate", nil, nil, opts)
}

// Do calls any Knit method on this integrated account, for methods that have
// no typed wrapper yet (for example ones your Knit docs or account manager
// give you). httpMethod is http.MethodGet (in becomes the query: url.Values,
// map[string]string or a struct with `url` tags) or http.MethodPost (in is
// the JSON body). The envelope's data is decoded into out (a pointer, e.g.
// *json.RawMessage, or nil) exactly as encoding/json.Unmarshal would,
// json.Number and `,string` fields included. Calls get the same headers, retries (POST is not
// retried on 5xx unless option.WithRetryWrites), logging and errors as every
// typed method.
func (in *IntegrationClient) Do(ctx context.Context, httpMethod, knitMethod string, body, out any, opts ...option.RequestOption) error {
	return do(ctx, in.s, httpMethod, knitMethod, body, out, opts)
}
