package webhook

import (
	"encoding/json"

	"github.com/knit-sdk/knit-go/internal/eventdata"
	"github.com/knit-sdk/knit-go/internal/fastjson"
)

// eventKeys are the envelope's JSON keys, in the order of parseFast's
// switch: an Event's tagged fields and triggeredAt (wireEvent).
// TestFastParseKeysCoverEvent keeps the list in step with Event.
var eventKeys = [...]string{
	"eventId", "eventType", "syncType", "syncDataType", "syncJobId", "syncRunId", "recordId",
	"eventData", "triggeredAt",
}

// parseFast is Parse's pass for record type T without encoding/json, when T
// has a hand-written decoder (package eventdata): one walk over the payload
// reads the envelope, slices EventData out of it and decodes the record. It
// leaves ev alone and reports false on anything parseTyped might read
// differently (a case variant or a repeat of an envelope key, a field of
// the wrong JSON type, malformed input, a record its decoder gives up on);
// parseTyped then decodes the payload.
func parseFast[T any](payload []byte, ev *Event, dataType string) bool {
	decode := eventdata.Fast[T]()
	if decode == nil {
		return false
	}
	var (
		e         Event
		seen      uint16
		data, trg []byte
		rec       *T
	)
	d := fastjson.NewDecoder(payload)
	ok := d.Object(func(key []byte) bool {
		idx := -1
		for i, k := range eventKeys {
			if string(key) == k {
				idx = i
				break
			}
		}
		if idx < 0 {
			for _, k := range eventKeys {
				if fastjson.EqualFold(key, k) {
					return false // encoding/json would match it case-insensitively
				}
			}
			return d.Skip()
		}
		if seen&(1<<idx) != 0 {
			return false
		}
		seen |= 1 << idx
		switch key := eventKeys[idx]; key {
		case "eventData":
			var ok bool
			data, ok = d.Capture(func() bool {
				if d.Null() {
					return true
				}
				var ok bool
				rec, ok = decode(d)
				return ok
			})
			return ok
		case "triggeredAt":
			var ok bool
			trg, ok = d.Raw()
			return ok
		default:
			return fastjson.String(d, eventString(&e, key))
		}
	}) && d.End()
	if !ok {
		return false
	}
	e.TriggeredAt = parseTriggeredAt(json.RawMessage(trg))
	e.EventData = data
	if rec != nil && e.SyncDataType == dataType && e.EventType != EventRecordDeleted {
		e.parsed = parsedRecord{data: data, rec: rec}
	}
	*ev = e
	return true
}

// eventString returns the string field of e whose JSON key is key.
func eventString(e *Event, key string) *string {
	switch key {
	case "eventId":
		return &e.EventID
	case "eventType":
		return (*string)(&e.EventType)
	case "syncType":
		return (*string)(&e.SyncType)
	case "syncDataType":
		return &e.SyncDataType
	case "syncJobId":
		return &e.SyncJobID
	case "syncRunId":
		return &e.SyncRunID
	default: // "recordId"
		return &e.RecordID
	}
}
