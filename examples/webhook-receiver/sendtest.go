package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/webhook"
)

// sendTimeout bounds the -send-test request.
const sendTimeout = 15 * time.Second

// sampleEvent returns a record.new employee event shaped like Knit's (the
// envelope of "how do syncs work", eventData keyed by Event Data Key) with a
// fresh eventId, so that the receiver does not drop it as a redelivery.
func sampleEvent(now time.Time) ([]byte, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("event ID: %w", err)
	}
	ev := map[string]any{
		"eventId":      "ev_test_" + hex.EncodeToString(b[:]),
		"eventType":    webhook.EventRecordNew,
		"syncType":     webhook.SyncTypeInitial,
		"syncDataType": hris.DataTypeEmployee,
		"syncJobId":    "sj_test",
		"syncRunId":    "sr_test",
		"recordId":     "emp_test_1",
		"triggeredAt":  strconv.FormatInt(now.UnixMilli(), 10),
		"eventData": map[string]any{
			"profile": map[string]any{
				"id":               "emp_test_1",
				"firstName":        "Ada",
				"lastName":         "Lovelace",
				"employeeNumber":   "E-001",
				"workEmail":        "ada@example.com",
				"employmentStatus": "ACTIVE",
				"employmentType":   "FULL_TIME",
			},
			"orgStructure": map[string]any{
				"designation": "Engineer",
				"department":  "Engineering",
			},
		},
	}
	return json.Marshal(ev)
}

// sendTest posts one signed sample event to cfg.sendTest as Knit would and
// prints the answer's status. Any status but 200 is an error, as it is for
// Knit, which redelivers such events.
func sendTest(ctx context.Context, cfg *config, stdout io.Writer) error {
	u, err := url.Parse(cfg.sendTest)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("-send-test %q is not an absolute http(s) URL", cfg.sendTest)
	}
	payload, err := sampleEvent(time.Now())
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	req, err := webhook.NewSignedRequest(ctx, u.String(), payload, cfg.key)
	if err != nil {
		return fmt.Errorf("build request: %w", err)
	}
	req.Header.Set(webhook.HeaderIntegrationID, cfg.integrationID)
	client := &http.Client{Timeout: sendTimeout}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("send test event: %w", err)
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20)); err != nil {
		return fmt.Errorf("read answer: %w", err)
	}
	if _, err := fmt.Fprintf(stdout, "POST %s (record.new employee, integration %s): %s\n", u.Redacted(), cfg.integrationID, resp.Status); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("receiver answered %s, not 200: Knit would redeliver this event", resp.Status)
	}
	return nil
}
