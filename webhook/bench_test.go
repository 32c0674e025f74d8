package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// event64KiB is a record event whose eventData is about 64 KiB.
func event64KiB() []byte {
	var b strings.Builder
	b.WriteString(`{"eventId":"e_bench","eventType":"record.modified","syncType":"delta_sync",` +
		`"syncDataType":"employee","syncJobId":"sj_1","syncRunId":"sr_1","recordId":"emp_1",` +
		`"triggeredAt":"1765500000000","eventData":{"profile":{"id":"emp_1","firstName":"Ada"},"customFields":{`)
	for i := 0; b.Len() < 64<<10; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"field_%d":{"value":"some text value number %d","type":"STRING","items":[1,2,3]}`, i, i)
	}
	b.WriteString(`}}}`)
	return []byte(b.String())
}

// BenchmarkVerifyParse64KiB is what a delivery costs in this package.
func BenchmarkVerifyParse64KiB(b *testing.B) {
	payload := event64KiB()
	sig := Sign(payload, testKey)
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		if err := Verify(payload, sig, testKey); err != nil {
			b.Fatal(err)
		}
		if _, err := Parse(payload); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBaselineHMACUnmarshal64KiB is the hand-written equivalent with
// crypto/hmac and json.Unmarshal, to compare against.
func BenchmarkBaselineHMACUnmarshal64KiB(b *testing.B) {
	payload := event64KiB()
	sig := Sign(payload, testKey)
	type wire struct {
		EventID      string          `json:"eventId"`
		EventType    string          `json:"eventType"`
		EventData    json.RawMessage `json:"eventData"`
		SyncType     string          `json:"syncType"`
		SyncDataType string          `json:"syncDataType"`
		SyncJobID    string          `json:"syncJobId"`
		SyncRunID    string          `json:"syncRunId"`
		RecordID     string          `json:"recordId"`
		TriggeredAt  string          `json:"triggeredAt"`
	}
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		m := hmac.New(sha256.New, []byte(testKey))
		m.Write(payload)
		want := base64.RawURLEncoding.EncodeToString(m.Sum(nil))
		if !hmac.Equal([]byte(want), []byte(sig)) {
			b.Fatal("mismatch")
		}
		var ev wire
		if err := json.Unmarshal(payload, &ev); err != nil {
			b.Fatal(err)
		}
	}
}
