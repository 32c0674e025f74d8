package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/knit-sdk/knit-go/internal/knitjson"
)

// Activation is the eventData of an app.integration.activate event. Knit's
// event glossary (https://developers.getknit.dev/reference/event-glossary)
// says the event is "fired after an integration validation is complete",
// that its "payload may contain validation errors", and that, when it
// contains none, the event is the trigger for starting data syncs. Knit
// does not document the payload's keys: the ones below are inferred, the
// integration fields from the onFinish details of Knit's UI component
// (https://developers.getknit.dev/docs/knit-ui-component-event-glossary),
// validation errors under "validationErrors". What the SDK cannot read
// stays in Raw, and the integration ID falls back to the delivery's
// X-Knit-Integration-Id header, which Knit documents.
type Activation struct {
	// IntegrationID is the integration that was activated: eventData's
	// integrationId, else the X-Knit-Integration-Id header of the delivery.
	IntegrationID string `json:"integrationId"`
	// AppID is the connected app, e.g. "bamboohr".
	AppID string `json:"appId"`
	// CategoryID is the app's category, e.g. "HRIS".
	CategoryID string `json:"categoryId"`
	// OriginOrgID is your customer's organisation ID from the auth session.
	OriginOrgID string `json:"originOrgId"`
	// ValidationErrors lists what Knit's validation of the integration
	// found wrong; empty means the integration is ready for syncs.
	ValidationErrors []ValidationError `json:"validationErrors"`
	// Raw is the whole eventData as sent.
	Raw json.RawMessage `json:"-"`
}

// OK reports whether the activation carries no validation errors, i.e.
// whether Knit's glossary says to start syncs now.
func (a *Activation) OK() bool { return len(a.ValidationErrors) == 0 }

// ValidationError is one validation error of an Activation. Its shape is
// not documented: a JSON string becomes Message, an object's "msg" (the
// key of Knit's error envelope) or "message" becomes Message, and Raw
// keeps the item as sent either way.
type ValidationError struct {
	Message string
	Raw     json.RawMessage
}

// Error returns Message, or Raw when the item had no message.
func (v ValidationError) Error() string {
	if v.Message != "" {
		return v.Message
	}
	return string(v.Raw)
}

// UnmarshalJSON accepts a string or an object; any other JSON value is kept
// in Raw only.
func (v *ValidationError) UnmarshalJSON(b []byte) error {
	v.Raw = append(json.RawMessage(nil), b...)
	v.Message = ""
	switch firstByte(b) {
	case '"':
		return knitjson.Unmarshal(b, &v.Message)
	case '{':
		var obj struct {
			Msg     string `json:"msg"`
			Message string `json:"message"`
		}
		if err := knitjson.Unmarshal(b, &obj); err != nil {
			return err
		}
		v.Message = obj.Msg
		if v.Message == "" {
			v.Message = obj.Message
		}
	}
	return nil
}

// Activation decodes an app.integration.activate event. Errors:
// ErrNotActivationEvent for any other event type, ErrMalformedPayload when
// eventData is neither a JSON object nor null, or a known key has the
// wrong JSON type.
func (e *Event) Activation() (*Activation, error) {
	if e.EventType != EventIntegrationActivate {
		return nil, fmt.Errorf("%w: event %s is %s", ErrNotActivationEvent, e.EventID, e.EventType)
	}
	a := &Activation{}
	switch firstByte(e.EventData) {
	case '{':
		if err := knitjson.Unmarshal(e.EventData, a); err != nil {
			return nil, fmt.Errorf("%w: event %s: %s eventData: %w", ErrMalformedPayload, e.EventID, e.EventType, err)
		}
		a.Raw = e.EventData
	case 0:
	default:
		if !bytes.Equal(bytes.TrimSpace(e.EventData), []byte("null")) {
			return nil, fmt.Errorf("%w: event %s: %s eventData is not a JSON object", ErrMalformedPayload, e.EventID, e.EventType)
		}
	}
	if a.IntegrationID == "" {
		a.IntegrationID = e.IntegrationID
	}
	return a, nil
}

// ActivationFunc handles an app.integration.activate event; see
// Router.OnActivate.
type ActivationFunc func(ctx context.Context, ev *Event, a *Activation) error

// OnActivate routes app.integration.activate events to fn with the decoded
// Activation; an event whose eventData does not decode is returned as an
// error (matching ErrMalformedPayload) without calling fn. It is the typed
// form of OnEvent(EventIntegrationActivate, ...), and replaces such a
// route. A nil fn removes the route.
func (r *Router) OnActivate(fn ActivationFunc) {
	if fn == nil {
		r.OnEvent(EventIntegrationActivate, nil)
		return
	}
	r.OnEvent(EventIntegrationActivate, func(ctx context.Context, ev *Event) error {
		a, err := ev.Activation()
		if err != nil {
			return err
		}
		return fn(ctx, ev, a)
	})
}
