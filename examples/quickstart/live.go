package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/option"
)

type liveConfig struct {
	apiKey, integrationID, originOrgID, syncDataType, baseURL string
	employeeIDs                                               []string
}

// runLive makes the quickstart's calls against Knit itself. Calls the
// connected app does not support are reported and skipped.
func runLive(ctx context.Context, out io.Writer, cfg liveConfig) error {
	var opts []option.RequestOption
	base := knit.ProductionBaseURL
	if cfg.baseURL != "" {
		base = cfg.baseURL
		opts = append(opts, option.WithBaseURL(base))
	}
	client, err := knit.NewClient(cfg.apiKey, opts...)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "knit-go quickstart: live mode against", base)
	in := client.Integration(cfg.integrationID)

	if cfg.originOrgID != "" {
		apps, err := client.Integrations.List(ctx, cfg.originOrgID)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "integrations of %s: %d\n", cfg.originOrgID, len(apps))
		for _, a := range apps {
			fmt.Fprintf(out, "  %-10s %-12s %s active=%t\n", a.Category, a.AppID, a.IntegrationID, a.IsActive)
		}
	}

	jobs := 0
	for job, err := range in.ATS.Jobs.All(ctx, nil) {
		if errors.Is(err, knit.ErrNotSupported) {
			fmt.Fprintln(out, "jobs: not supported by this integration's app")
			break
		}
		if err != nil {
			return fmt.Errorf("listing jobs: %w", err)
		}
		if jobs < 3 {
			fmt.Fprintf(out, "  job %s %q\n", job.Info.ID, job.Info.Title)
		}
		jobs++
	}
	fmt.Fprintf(out, "jobs: %d\n", jobs)

	for _, id := range cfg.employeeIDs {
		bal, err := in.HRIS.Leave.Balances(ctx, id, nil)
		if errors.Is(err, knit.ErrNotSupported) {
			fmt.Fprintln(out, "leave balances: not supported by this integration's app")
			break
		}
		if err != nil {
			return fmt.Errorf("leave balances of %s: %w", id, err)
		}
		fmt.Fprintf(out, "leave balances of %s: %d leave types\n", id, len(bal.Balances))
	}

	if cfg.syncDataType != "" {
		job, err := in.Sync.Start(ctx, &knit.SyncStartParams{DataType: cfg.syncDataType})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "sync started: job %s run %s; events go to the webhook registered in your Knit dashboard\n", job.SyncJobID, job.SyncRunID)
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
