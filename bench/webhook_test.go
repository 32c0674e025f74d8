package bench_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/webhook"
)

const webhookKey = "sk_webhook_SECRET"

// webhookEvent returns an ats_jobs record event of at least
// size bytes: a realistic job plus custom fields up to the size.
func webhookEvent(size int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"eventId":"evt_01JBENCH","eventType":"record.modified","syncType":"delta_sync",` +
		`"syncDataType":"ats_jobs","syncJobId":"sj_1","syncRunId":"sr_1","recordId":"job-1",` +
		`"triggeredAt":"1765500000000","eventData":`)
	job := jobJSON(1)
	b.WriteString(job[:len(job)-1]) // drop the closing brace to add customFields
	b.WriteString(`,"customFields":{`)
	for i := 0; b.Len() < size-4; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"field_%d":{"value":"free text value number %d","type":"STRING"}`, i, i)
	}
	b.WriteString(`}}}`)
	return b.Bytes()
}

// baselineEvent is the hand-written equivalent of webhook.Event.
type baselineEvent struct {
	EventID      string          `json:"eventId"`
	EventType    string          `json:"eventType"`
	SyncType     string          `json:"syncType"`
	SyncDataType string          `json:"syncDataType"`
	SyncJobID    string          `json:"syncJobId"`
	SyncRunID    string          `json:"syncRunId"`
	RecordID     string          `json:"recordId"`
	TriggeredAt  string          `json:"triggeredAt"`
	EventData    json.RawMessage `json:"eventData"`
	Triggered    time.Time       `json:"-"`
}

var errBadSignature = errors.New("bad signature")

// baselineVerifyParse is what a user would write with crypto/hmac and
// encoding/json: decode the base64url header, HMAC-SHA256 the body, compare
// in constant time, then unmarshal and read triggeredAt (epoch ms).
func baselineVerifyParse(payload []byte, sig, key string) (*baselineEvent, error) {
	if err := baselineVerify(payload, sig, key); err != nil {
		return nil, err
	}
	var ev baselineEvent
	if err := json.Unmarshal(payload, &ev); err != nil {
		return nil, err
	}
	if ms, err := strconv.ParseInt(ev.TriggeredAt, 10, 64); err == nil {
		ev.Triggered = time.UnixMilli(ms).UTC()
	}
	return &ev, nil
}

// baselineVerify is the baselines' signature check: decode the base64url
// header, HMAC-SHA256 the body, compare in constant time.
func baselineVerify(payload []byte, sig, key string) error {
	want, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(sig, "="))
	if err != nil {
		return err
	}
	m := hmac.New(sha256.New, []byte(key))
	m.Write(payload)
	if !hmac.Equal(m.Sum(nil), want) {
		return errBadSignature
	}
	return nil
}

// TestWebhookBaselineEquivalent checks that webhook.Parse and
// baselineVerifyParse (BenchmarkWebhookRoute, payload=jobs64k) agree on the event they produce, so the benchmark
// compares equal work.
func TestWebhookBaselineEquivalent(t *testing.T) {
	t.Parallel()
	payload := webhookEvent(64 << 10)
	require.GreaterOrEqual(t, len(payload), 64<<10)
	require.True(t, json.Valid(payload))
	sig := webhook.Sign(payload, webhookKey)

	require.NoError(t, webhook.Verify(payload, sig, webhookKey))
	ev, err := webhook.Parse(payload)
	require.NoError(t, err)
	bl, err := baselineVerifyParse(payload, sig, webhookKey)
	require.NoError(t, err)

	assert.Equal(t, bl.EventID, ev.EventID)
	assert.Equal(t, bl.EventType, string(ev.EventType))
	assert.Equal(t, bl.SyncType, string(ev.SyncType))
	assert.Equal(t, bl.SyncDataType, ev.SyncDataType)
	assert.Equal(t, bl.RecordID, ev.RecordID)
	assert.True(t, bl.Triggered.Equal(ev.TriggeredAt), "triggeredAt %s vs %s", bl.Triggered, ev.TriggeredAt)
	assert.JSONEq(t, string(bl.EventData), string(ev.EventData))

	_, err = baselineVerifyParse(payload, webhook.Sign(payload, "other key"), webhookKey)
	require.ErrorIs(t, err, errBadSignature, "the baseline really verifies")
}

// TestVerifyAllocsConstant checks that verification allocates O(1): the
// same number of allocations for a 1 KiB and a 1 MiB payload, and few.
func TestVerifyAllocsConstant(t *testing.T) {
	// Not parallel: AllocsPerRun counts every allocation of the process.
	allocs := func(size int) float64 {
		payload := webhookEvent(size)
		sig := webhook.Sign(payload, webhookKey)
		require.NoError(t, webhook.Verify(payload, sig, webhookKey))
		return testing.AllocsPerRun(50, func() {
			if err := webhook.Verify(payload, sig, webhookKey); err != nil {
				t.Fatal(err)
			}
		})
	}
	small, large := allocs(1<<10), allocs(1<<20)
	t.Logf("webhook.Verify allocations: %.0f for 1 KiB, %.0f for 1 MiB", small, large)
	assert.Equal(t, int(small), int(large), "allocations must not grow with the payload")
	assert.LessOrEqual(t, large, 8.0, "a handful of allocations (the HMAC state)")
}
