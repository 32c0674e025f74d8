package webhook_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"time"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/webhook"
)

// Knit's event glossary: "If the payload doesn't contain errors, use this
// event as a trigger for starting data syncs". The receiver below starts an
// employee sync for every integration that activates cleanly, here against
// the knittest playground, which sends app.integration.activate when an
// account connects.
func ExampleRouter_OnActivate() {
	ctx := context.Background()
	srv := knittest.NewServer()
	defer srv.Close()
	client, err := srv.Client() // in production: knit.NewClient(apiKey)
	if err != nil {
		fmt.Println(err)
		return
	}

	started := make(chan string, 2)
	r := webhook.NewRouter()
	r.OnActivate(func(ctx context.Context, _ *webhook.Event, a *webhook.Activation) error {
		if !a.OK() {
			fmt.Printf("%s not synced: %v\n", a.OriginOrgID, a.ValidationErrors[0])
			started <- ""
			return nil // acknowledged: redelivering would not fix the integration
		}
		job, err := client.Integration(a.IntegrationID).Sync.Start(ctx, &knit.SyncStartParams{DataType: hris.DataTypeEmployee})
		if err != nil {
			return err // answered 500: Knit delivers the event again
		}
		fmt.Printf("%s: employee sync started\n", a.OriginOrgID)
		started <- job.SyncRunID
		return nil
	})
	hook := httptest.NewServer(webhook.NewHandler([]string{srv.APIKey()}, r.Handle))
	defer hook.Close()
	if err := srv.SetWebhookURL(knit.CategoryHRIS, hook.URL); err != nil {
		fmt.Println(err)
		return
	}

	// Two customers connect their HRIS; the second one's validation fails.
	for _, p := range []knittest.ConnectParams{
		{OriginOrgID: "acme", Category: knit.CategoryHRIS},
		{OriginOrgID: "globex", Category: knit.CategoryHRIS, ValidationErrors: []string{"Missing scope: employees:read"}},
	} {
		if _, err := srv.Connect(p); err != nil {
			fmt.Println(err)
			return
		}
		select {
		case run := <-started:
			if run != "" {
				_ = srv.WaitForSync(ctx, run)
			}
		case <-time.After(20 * time.Second):
			fmt.Println("no activation")
			return
		}
	}
	// Output:
	// acme: employee sync started
	// globex not synced: Missing scope: employees:read
}
