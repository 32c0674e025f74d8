package webhook

import (
	"context"
	"errors"
	"sync"
)

// Router dispatches events to callbacks by event type and data type. Its
// Handle method has the HandlerFunc signature, so it plugs into NewHandler:
//
//	r := webhook.NewRouter()
//	r.OnRecord(hris.DataTypeEmployee, upsertEmployee)
//	r.OnDeleted(hris.DataTypeEmployee, removeEmployee)
//	r.OnEvent(webhook.EventSyncEventsProcessed, markRunDone)
//	http.Handle("/knit", webhook.NewHandler(keys, r.Handle))
//
// Register routes before serving; a Router is nevertheless safe for
// concurrent use.
type Router struct {
	mu       sync.RWMutex
	events   map[EventType]HandlerFunc
	records  map[string]HandlerFunc
	deleted  map[string]HandlerFunc
	fallback HandlerFunc
}

// NewRouter returns a Router with no routes.
func NewRouter() *Router {
	return &Router{
		events:  make(map[EventType]HandlerFunc),
		records: make(map[string]HandlerFunc),
		deleted: make(map[string]HandlerFunc),
	}
}

// OnEvent routes every event of eventType (for example
// EventSyncEventsProcessed) to fn, whatever its data type. A nil fn removes
// the route.
func (r *Router) OnEvent(eventType EventType, fn HandlerFunc) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if fn == nil {
		delete(r.events, eventType)
		return
	}
	r.events[eventType] = fn
}

// OnRecord routes record events (record.new, record.modified,
// record.deleted) whose syncDataType is dataType (for example
// hris.DataTypeEmployee) to fn. A nil fn removes the route.
func (r *Router) OnRecord(dataType string, fn HandlerFunc) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if fn == nil {
		delete(r.records, dataType)
		return
	}
	r.records[dataType] = fn
}

// OnDeleted routes record.deleted events whose syncDataType is dataType to
// fn, ahead of an OnRecord route for the same data type, so that deletions,
// which carry only identifiers (Event.DeletedEmployee, DeletedJob,
// DeletedApplication), get their own callback. A nil fn removes the route.
func (r *Router) OnDeleted(dataType string, fn HandlerFunc) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if fn == nil {
		delete(r.deleted, dataType)
		return
	}
	r.deleted[dataType] = fn
}

// Default routes every event no other route matches to fn (nil removes it).
func (r *Router) Default(fn HandlerFunc) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fallback = fn
}

// Handle dispatches ev to the first match of: the OnEvent route of its
// event type, the OnDeleted route of its data type (record.deleted only),
// the OnRecord route of its data type (record events only), the Default
// route. An event nothing matches succeeds without doing anything:
// an error would make Knit redeliver it for 4 days to no avail. Handle
// returns the callback's error.
func (r *Router) Handle(ctx context.Context, ev *Event) error {
	if ev == nil {
		return errors.New("webhook: Router.Handle: nil event")
	}
	if fn := r.route(ev); fn != nil {
		return fn(ctx, ev)
	}
	return nil
}

func (r *Router) route(ev *Event) HandlerFunc {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if fn, ok := r.events[ev.EventType]; ok {
		return fn
	}
	if ev.EventType == EventRecordDeleted {
		if fn, ok := r.deleted[ev.SyncDataType]; ok {
			return fn
		}
	}
	if ev.EventType.IsRecord() {
		if fn, ok := r.records[ev.SyncDataType]; ok {
			return fn
		}
	}
	return r.fallback
}
