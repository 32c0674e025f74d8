package webhook

import (
	"strings"

	"github.com/knit-sdk/knit-go/basemodel"
)

// Header names of a Knit webhook delivery. Knit documents the three
// X-Knit-* headers on its response-structures page
// (https://developers.getknit.dev/reference/api-response-structures) and the
// signature scheme on
// https://developers.getknit.dev/reference/authenticating-your-apis-with-knit.
const (
	// HeaderSignature carries base64url (no padding) of HMAC-SHA256 over the
	// raw body, keyed with the Knit API key.
	HeaderSignature = "X-Knit-Signature"
	// HeaderIntegrationID names the integrated account the event belongs
	// to; it is not in the body.
	HeaderIntegrationID = "X-Knit-Integration-Id"
	// HeaderExecutionID is Knit's execution ID for the delivery; quote it to
	// Knit support.
	HeaderExecutionID = "X-Knit-Execution-Id"
	// HeaderContentType is the standard Content-Type header.
	HeaderContentType = "Content-Type"
	// ContentTypeJSON is the Content-Type of Knit's deliveries.
	ContentTypeJSON = "application/json"
)

// EventType is the eventType of a delivery. Values not listed below decode
// and are kept as sent.
type EventType string

// Event types from Knit's event glossary
// (https://developers.getknit.dev/reference/event-glossary), plus two seen
// in a third-party receiver of Knit's webhooks and not in the glossary.
const (
	// EventRecordNew is a record seen for the first time (every active record
	// in an initial_sync).
	EventRecordNew EventType = "record.new"
	// EventRecordModified is a record that changed in the origin system.
	EventRecordModified EventType = "record.modified"
	// EventRecordDeleted is a record marked inactive (for example a terminated
	// employee) or no longer present. Its eventData holds the record's
	// identifiers only (Event.DeletedEmployee, DeletedJob, DeletedApplication).
	EventRecordDeleted EventType = "record.deleted"
	// EventSyncEventsProcessed marks a completed sync run; Knit always sends
	// it, even when the run emitted no events. Event.SyncRun decodes its
	// counts (records processed, events emitted) and times.
	EventSyncEventsProcessed EventType = "sync.events.processed"
	// EventSyncEventsAllConsumed says every event of a sync run was
	// acknowledged with HTTP 200; Event.SyncRun decodes its counts.
	EventSyncEventsAllConsumed EventType = "sync.events.allConsumed"
	// EventIntegrationActivate says an integration finished validation; its
	// payload may carry validation errors. Event.Activation decodes it and
	// Router.OnActivate routes it.
	EventIntegrationActivate EventType = "app.integration.activate"
	// EventBotInstalled says a communication bot was installed in a team or
	// workspace.
	EventBotInstalled EventType = "bot.installed"
	// EventBotUninstalled says a communication bot was uninstalled.
	EventBotUninstalled EventType = "bot.uninstalled"
	// EventSyncHeartbeat is not in Knit's glossary; a third-party receiver
	// of Knit's webhooks handles it as bookkeeping.
	EventSyncHeartbeat EventType = "sync.heartbeat"
	// EventSyncFailed is not in Knit's glossary; a third-party receiver of
	// Knit's webhooks handles it as bookkeeping.
	EventSyncFailed EventType = "sync.failed"
)

// recordEventPrefix starts every record event type.
const recordEventPrefix = "record."

// IsRecord reports whether t is a record event (record.new, record.modified,
// record.deleted, or a future record.* type), i.e. one whose EventData holds
// a record.
func (t EventType) IsRecord() bool { return strings.HasPrefix(string(t), recordEventPrefix) }

// IsKnown reports whether t is one of the constants of this package.
func (t EventType) IsKnown() bool {
	switch t {
	case EventRecordNew, EventRecordModified, EventRecordDeleted,
		EventSyncEventsProcessed, EventSyncEventsAllConsumed, EventIntegrationActivate,
		EventBotInstalled, EventBotUninstalled, EventSyncHeartbeat, EventSyncFailed:
		return true
	}
	return false
}

// SyncType is the syncType of a delivery: basemodel.SyncType, the same type
// as knit.SyncType. Values not listed below decode and are kept as sent.
type SyncType = basemodel.SyncType

// Sync types.
const (
	// SyncTypeInitial is the baseline sync; it only emits record.new.
	SyncTypeInitial = basemodel.SyncTypeInitial
	// SyncTypeDelta is a periodic sync emitting record.new, record.modified
	// and record.deleted.
	SyncTypeDelta = basemodel.SyncTypeDelta
)
