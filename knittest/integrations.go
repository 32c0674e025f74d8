package knittest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Knit's Test integrated accounts, as Knit documents them
// (https://developers.getknit.dev/docs/integrated-accounts-settings):
// at most 3 at a time, deactivated 30 calendar days after creation.
const (
	MaxTestIntegrations = 3
	TestAccountLifetime = 30 * 24 * time.Hour
)

// ErrTestLimit is returned by Connect and CompleteSession when the account
// already has MaxTestIntegrations active Test integrations.
var ErrTestLimit = errors.New("knittest: at most 3 active Test integrated accounts are allowed; deactivate one or connect a Production account")

// integration is a connected end-user account.
type integration struct {
	ID            string
	OrgID         string
	OrgName       string
	UserEmail     string
	UserName      string
	Category      string
	AppID         string
	Test          bool
	CreatedAt     time.Time
	DeactivatedAt *time.Time
}

// Integration describes a connected account, as the server sees it.
type Integration struct {
	ID            string
	OriginOrgID   string
	OriginOrgName string
	Category      string
	AppID         string
	Test          bool
	CreatedAt     time.Time
	// DeactivatedAt is nil while the integration is active.
	DeactivatedAt *time.Time
}

// refresh deactivates an expired Test account as of now.
func (in *integration) refresh(now time.Time) {
	if in.DeactivatedAt == nil && in.Test && !now.Before(in.CreatedAt.Add(TestAccountLifetime)) {
		t := in.CreatedAt.Add(TestAccountLifetime)
		in.DeactivatedAt = &t
	}
}

func (in *integration) active(now time.Time) bool {
	in.refresh(now)
	return in.DeactivatedAt == nil
}

// addIntegration creates an integration for a completed session. Callers hold s.mu.
func (s *Server) addIntegration(sess *session, appID, category string) (*integration, error) {
	now := s.cfg.clock()
	if sess.testAccount {
		n := 0
		for _, in := range s.integrations {
			if in.Test && in.active(now) {
				n++
			}
		}
		if n >= MaxTestIntegrations {
			return nil, ErrTestLimit
		}
	}
	in := &integration{
		ID: s.nextID("mg_"), OrgID: sess.orgID, OrgName: sess.orgName,
		UserEmail: sess.userEmail, UserName: sess.userName,
		Category: category, AppID: appID, Test: sess.testAccount, CreatedAt: now,
	}
	s.integrations[in.ID] = in
	s.intOrder = append(s.intOrder, in.ID)
	s.sendActivation(in, sess.validationErrors)
	return in, nil
}

// activationData is the eventData the playground sends with
// app.integration.activate. Knit's event glossary documents the event, not
// its payload: the integration keys are those of the UI component's
// onFinish details, the errors key is inferred (webhook.Activation reads
// the same keys).
type activationData struct {
	IntegrationID    string   `json:"integrationId"`
	AppID            string   `json:"appId"`
	CategoryID       string   `json:"categoryId"`
	OriginOrgID      string   `json:"originOrgId"`
	ValidationErrors []string `json:"validationErrors"`
}

// activationEvent is the envelope of app.integration.activate: no sync
// fields, since no sync is involved.
type activationEvent struct {
	EventID     string         `json:"eventId"`
	EventType   string         `json:"eventType"`
	EventData   activationData `json:"eventData"`
	TriggeredAt string         `json:"triggeredAt"`
}

// sendActivation delivers app.integration.activate for a new integration to
// the webhook registered for its category, as Knit does once validation is
// complete; without one there is nowhere to send it. Callers hold s.mu.
func (s *Server) sendActivation(in *integration, validationErrors []string) {
	hook := s.webhooks[in.Category]
	if hook == "" {
		return
	}
	if validationErrors == nil {
		validationErrors = []string{}
	}
	// Strings only: encoding cannot fail.
	b, _ := json.Marshal(activationEvent{
		EventID: s.nextID("ev_"), EventType: eventIntegrationActivate,
		EventData: activationData{
			IntegrationID: in.ID, AppID: in.AppID, CategoryID: in.Category, OriginOrgID: in.OrgID,
			ValidationErrors: validationErrors,
		},
		TriggeredAt: strconv.FormatInt(in.CreatedAt.UnixMilli(), 10),
	})
	run := &syncRun{id: s.nextID("act_"), integrationID: in.ID, url: hook, records: [][]byte{b}, done: make(chan struct{})}
	run.result.Events = 1
	s.activations[in.ID] = run
	s.startDelivery(run)
}

// scope resolves the X-Knit-Integration-Id of a scoped call. A missing
// header is 400 (the call cannot be routed); an unknown or deactivated
// integration is 401, as the key is not authorised for it. Callers hold s.mu.
func (s *Server) scope(id string, now time.Time) (*integration, *apiError) {
	id = strings.TrimSpace(id)
	if id == "" {
		return nil, badRequest("%s header is required for this method", headerIntegrationID)
	}
	in, ok := s.integrations[id]
	if !ok {
		return nil, errf(http.StatusUnauthorized, "Integration %s not found for this API key", id)
	}
	if !in.active(now) {
		return nil, errf(http.StatusUnauthorized, "Integration %s is deactivated", id)
	}
	return in, nil
}

// integrationApp is one entry of integration.details, in the shape seen in
// third-party code.
type integrationApp struct {
	ID            string  `json:"id"`
	Category      string  `json:"category"`
	IntegrationID string  `json:"integrationId"`
	IsActive      bool    `json:"isActive"`
	DeactivatedAt *string `json:"deactivatedAt"`
	ShortLogo     string  `json:"shortLogo"`
}

func (s *Server) handleIntegrationDetails(c *call) (any, *apiError) {
	org, ae := c.required("originOrgId")
	if ae != nil {
		return nil, ae
	}
	list := []integrationApp{}
	for _, id := range s.intOrder {
		in := s.integrations[id]
		if in.OrgID != org {
			continue
		}
		active := in.active(c.now)
		var deact *string
		if in.DeactivatedAt != nil {
			v := in.DeactivatedAt.UTC().Format(time.RFC3339)
			deact = &v
		}
		list = append(list, integrationApp{
			ID: in.AppID, Category: in.Category, IntegrationID: in.ID, IsActive: active,
			DeactivatedAt: deact, ShortLogo: s.ts.URL + "/logos/" + in.AppID + ".png",
		})
	}
	return map[string]any{"apps": list}, nil
}

func (s *Server) handleIntegrationDeactivate(c *call) (any, *apiError) {
	t := c.now
	c.integ.DeactivatedAt = &t
	return nil, nil
}

// Integrations returns every integration ever connected, oldest first, with
// expiry applied as of the server's clock.
func (s *Server) Integrations() []Integration {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.clock()
	out := make([]Integration, 0, len(s.intOrder))
	for _, id := range s.intOrder {
		in := s.integrations[id]
		in.refresh(now)
		out = append(out, Integration{
			ID: in.ID, OriginOrgID: in.OrgID, OriginOrgName: in.OrgName, Category: in.Category,
			AppID: in.AppID, Test: in.Test, CreatedAt: in.CreatedAt, DeactivatedAt: in.DeactivatedAt,
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].CreatedAt.Before(out[j].CreatedAt) })
	return out
}

// Deactivate deactivates an integration as the end user would from Knit's UI.
func (s *Server) Deactivate(integrationID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, ok := s.integrations[integrationID]
	if !ok {
		return fmt.Errorf("knittest: Deactivate: unknown integration %q", integrationID)
	}
	now := s.cfg.clock()
	if in.active(now) {
		in.DeactivatedAt = &now
	}
	return nil
}
