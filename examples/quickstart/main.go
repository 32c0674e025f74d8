// Command quickstart walks the whole Knit workflow with knit-go.
//
// With KNIT_API_KEY unset it needs no network and no key: it starts the
// knittest playground (an in-process fake Knit API with generated data) and
//
//  1. creates auth sessions for a customer org and connects a Test ATS and a
//     Test HRIS account, as the end user would in Knit's UI component;
//  2. confirms both integrations server-side and lists the org's integrations;
//  3. pages through every job with Jobs.All;
//  4. starts an employee sync and receives the signed webhook events on a
//     local webhook.NewHandler, verifying and decoding each one;
//  5. reads leave balances for a few of the synced employees;
//
// and prints a short summary.
//
//	go run ./examples/quickstart
//
// With KNIT_API_KEY and KNIT_INTEGRATION_ID set it runs the same calls
// against Knit itself (an ATS integration pages jobs, an HRIS one reads leave
// balances for KNIT_EMPLOYEE_IDS, comma-separated; KNIT_ORIGIN_ORG_ID lists
// that org's integrations). Real syncs deliver to the webhook registered in
// your Knit dashboard, so that mode starts the sync only when
// KNIT_SYNC_DATA_TYPE is set.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run picks the mode from the environment.
func run(ctx context.Context, out io.Writer, getenv func(string) string) error {
	key := getenv("KNIT_API_KEY")
	if key == "" {
		return runPlayground(ctx, out)
	}
	id := getenv("KNIT_INTEGRATION_ID")
	if id == "" {
		return errors.New("KNIT_API_KEY is set but KNIT_INTEGRATION_ID is not; set both to use the real API, or neither for the playground")
	}
	return runLive(ctx, out, liveConfig{
		apiKey:        key,
		integrationID: id,
		originOrgID:   getenv("KNIT_ORIGIN_ORG_ID"),
		employeeIDs:   splitList(getenv("KNIT_EMPLOYEE_IDS")),
		syncDataType:  getenv("KNIT_SYNC_DATA_TYPE"),
		baseURL:       getenv("KNIT_BASE_URL"),
	})
}
