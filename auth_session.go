package knit

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// Category is a Knit integration category, used in session filters and in
// integration details.
type Category string

// Categories. Knit documents "HRIS" in the filters example of its
// auth-session page and "CRM" in the onFinish example of its UI component
// docs. "ATS", "Accounting" and "COMMS" are not on the auth-session page:
// they come from Knit's UI component docs and from third-party code
// calling Knit. Knit has also been seen sending "ACCOUNTING"; compare with
// strings.EqualFold when reading categories back.
const (
	CategoryHRIS          Category = "HRIS"
	CategoryATS           Category = "ATS"
	CategoryCRM           Category = "CRM"
	CategoryAccounting    Category = "Accounting"
	CategoryCommunication Category = "COMMS"
)

// CategoryFilter restricts which category, and optionally which apps (Knit
// app IDs such as "bamboohr", "workday", "quickbooks"), the UI component
// offers.
type CategoryFilter struct {
	Category Category `json:"category"`
	// Apps are case-sensitive Knit app IDs; empty shows every app of the
	// category.
	Apps []string `json:"apps,omitempty"`
}

// AuthSessionParams describes the end user who is about to connect an app.
// The four Origin fields are required.
type AuthSessionParams struct {
	// OriginOrgID is your customer's organisation ID; it must be unique per
	// customer, and it is how you later list that customer's integrations.
	OriginOrgID string `json:"originOrgId"`
	// OriginOrgName is your customer's organisation name.
	OriginOrgName string `json:"originOrgName"`
	// OriginUserEmail is the email of the person connecting the app.
	OriginUserEmail string `json:"originUserEmail"`
	// OriginUserName is the name of the person connecting the app.
	OriginUserName string `json:"originUserName"`
	// Filters limits the categories and apps shown. Optional.
	Filters []CategoryFilter `json:"filters,omitempty"`
	// TestAccount marks the resulting integration as a Test account (true)
	// or Production (false); nil uses the account default. Test accounts
	// are free, limited to 3 and deactivated after 30 days.
	TestAccount *bool `json:"testAccount,omitempty"`
	// Extra is merged into the request body, for session flags whose wire
	// names Knit does not document (scope panel, custom field mapping,
	// language, mandatory mapping). A key that a typed field sets is an
	// error.
	Extra map[string]any `json:"-"`
}

// AuthSession is the answer of auth.createSession.
type AuthSession struct {
	// Token is the short-lived session token to set as the authsessiontoken
	// attribute of Knit's <knit-auth> UI component.
	Token string `json:"token"`
	// MagicLink is set when Knit answered with a hosted authorization link.
	MagicLink string `json:"magicLink,omitempty"`
}

// AuthSessionService creates auth sessions. Get it from Client.AuthSessions.
type AuthSessionService struct {
	s transport.Scope
}

// Create creates an auth session and returns the session token
// for Knit's UI component. Missing required fields are reported as a
// *ParamError before anything is sent. Never expose your API key to the
// browser: create the session in your backend and hand only the token to
// the page.
//
// Knit method POST auth.createSession, documented by Knit: https://developers.getknit.dev/reference/auth-session-creation-api
//
//knit:operation POST auth.createSession documented
func (a *AuthSessionService) Create(ctx context.Context, params *AuthSessionParams, opts ...option.RequestOption) (*AuthSession, error) {
	const op = "AuthSessions.Create"
	body, err := sessionBody(op, params, nil)
	if err != nil {
		return nil, err
	}
	out := new(AuthSession)
	if err := createSession(ctx, a.s, body, out, opts); err != nil {
		return nil, err
	}
	if out.Token == "" && out.MagicLink == "" {
		return nil, &Error{Method: "auth.createSession", Err: errNoToken}
	}
	return out, nil
}

func sessionBody(op string, p *AuthSessionParams, extra map[string]any) ([]byte, error) {
	if p == nil {
		return nil, transport.Required(op, "params")
	}
	for _, f := range []struct{ name, v string }{
		{"OriginOrgID", p.OriginOrgID},
		{"OriginOrgName", p.OriginOrgName},
		{"OriginUserEmail", p.OriginUserEmail},
		{"OriginUserName", p.OriginUserName},
	} {
		if strings.TrimSpace(f.v) == "" {
			return nil, transport.Required(op, f.name)
		}
	}
	if !strings.Contains(p.OriginUserEmail, "@") {
		return nil, transport.InvalidParam(op, "OriginUserEmail", "is not an email address")
	}
	for i, f := range p.Filters {
		if f.Category == "" {
			return nil, transport.InvalidParam(op, "Filters", "entry "+strconv.Itoa(i)+" has no Category")
		}
	}
	merged := p.Extra
	if len(extra) > 0 {
		merged = make(map[string]any, len(p.Extra)+len(extra))
		for k, v := range p.Extra {
			merged[k] = v
		}
		for k, v := range extra {
			merged[k] = v
		}
	}
	b, err := transport.MarshalWithExtra(p, merged)
	if err != nil {
		return nil, transport.InvalidParam(op, "Extra", err.Error())
	}
	return b, nil
}

// createSession decodes the answer from "msg" (where Knit's auth-session
// page puts it) or from "data".
func createSession(ctx context.Context, s transport.Scope, body []byte, out any, opts []option.RequestOption) error {
	return s.Do(ctx, &transport.Request{
		HTTPMethod: http.MethodPost,
		Method:     "auth.createSession",
		Body:       body,
		Out:        out,
		OutFromMsg: true,
	}, opts)
}

// MagicLinkParams describes the end user a magic link is for.
type MagicLinkParams struct {
	OriginOrgID     string
	OriginOrgName   string
	OriginUserEmail string
	OriginUserName  string
	// Category is the category of app the link lets the user connect.
	Category Category
	// Apps optionally limits the apps offered (Knit app IDs).
	Apps []string
	// TestAccount: true for a Test account, false for Production, nil for
	// the account default.
	TestAccount *bool
	// Extra is merged into the request body, as in AuthSessionParams.
	Extra map[string]any
}

// MagicLink is a hosted authorization link.
type MagicLink struct {
	// URL opens Knit's hosted authorization page.
	URL string
	// Token is the session token, when Knit returned one alongside.
	Token string
}

// MagicLinkService creates magic links. Get it from Client.MagicLinks.
type MagicLinkService struct {
	s transport.Scope
}

// Create asks auth.createSession for a magic link: a URL your user opens to
// connect an app on a Knit-hosted page, no UI embedding needed.
//
// Knit documents magic links as created in its dashboard, and says the auth
// session API "will return a token or magicLink". The request flag
// ("generateMagicLink") and the response key ("magicLink") are the SDK's guess,
// not documented; if Knit answers without a link, Create returns an error
// matching ErrMagicLinkUnavailable, and the dashboard remains the way to make
// one.
//
// Knit method POST auth.createSession, documented by Knit: https://developers.getknit.dev/reference/auth-session-creation-api
//
//knit:operation POST auth.createSession documented
func (m *MagicLinkService) Create(ctx context.Context, params *MagicLinkParams, opts ...option.RequestOption) (*MagicLink, error) {
	const op = "MagicLinks.Create"
	if params == nil {
		return nil, transport.Required(op, "params")
	}
	if params.Category == "" {
		return nil, transport.Required(op, "Category")
	}
	sp := &AuthSessionParams{
		OriginOrgID:     params.OriginOrgID,
		OriginOrgName:   params.OriginOrgName,
		OriginUserEmail: params.OriginUserEmail,
		OriginUserName:  params.OriginUserName,
		Filters:         []CategoryFilter{{Category: params.Category, Apps: params.Apps}},
		TestAccount:     params.TestAccount,
		Extra:           params.Extra,
	}
	body, err := sessionBody(op, sp, map[string]any{magicLinkRequestKey: true})
	if err != nil {
		return nil, err
	}
	var out AuthSession
	if err := createSession(ctx, m.s, body, &out, opts); err != nil {
		return nil, err
	}
	if out.MagicLink == "" {
		return nil, &Error{Method: "auth.createSession", Err: ErrMagicLinkUnavailable}
	}
	return &MagicLink{URL: out.MagicLink, Token: out.Token}, nil
}
