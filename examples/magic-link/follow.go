package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	knit "github.com/knit-sdk/knit-go"
)

// followTimeout bounds opening the playground's link.
const followTimeout = 15 * time.Second

// followLink opens a playground magic link as the end user would (the
// playground's stand-in for Knit's hosted page connects the category's
// typical app and answers with the new Integration ID), then confirms the
// integration server-side, as a backend must before storing it.
func followLink(ctx context.Context, client *knit.Client, link, orgID string, stdout io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, followTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return fmt.Errorf("follow link: %w", err)
	}
	hc := &http.Client{Timeout: followTimeout}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("follow link: %w", err)
	}
	defer resp.Body.Close()
	var out struct {
		Success       bool   `json:"success"`
		IntegrationID string `json:"integrationId"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&out); err != nil {
		return fmt.Errorf("follow link: %s: unreadable answer: %w", resp.Status, err)
	}
	if resp.StatusCode != http.StatusOK || !out.Success || out.IntegrationID == "" {
		return fmt.Errorf("follow link: the connection did not complete (%s)", resp.Status)
	}
	app, err := client.Integrations.Confirm(ctx, &knit.IntegrationDetails{IntegrationID: out.IntegrationID, OriginOrgID: orgID})
	if err != nil {
		return fmt.Errorf("confirm integration %s: %w", out.IntegrationID, err)
	}
	_, err = fmt.Fprintf(stdout, "Connected %s (%s) for %s. Integration ID: %s\n", app.AppID, app.Category, orgID, app.IntegrationID)
	return err
}
