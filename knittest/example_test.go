package knittest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/knittest"
)

// A whole flow against the playground: connect an HRIS account, read leave
// balances and receive an employee sync on a local webhook.
func Example() {
	ctx := context.Background()
	srv := knittest.NewServer(knittest.WithSeed(1))
	defer srv.Close()

	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "acme", Category: knit.CategoryHRIS})
	if err != nil {
		fmt.Println(err)
		return
	}
	in := client.Integration(id)

	bal, err := in.HRIS.Leave.Balances(ctx, "EMP1001", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("leave types:", len(bal.Balances))

	// A webhook receiver counting event types.
	var mu sync.Mutex
	counts := map[string]int{}
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ev, err := decodeEventType(body)
		if err == nil {
			mu.Lock()
			counts[ev]++
			mu.Unlock()
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer hook.Close()
	if err := srv.SetWebhookURL(knit.CategoryHRIS, hook.URL); err != nil {
		fmt.Println(err)
		return
	}

	job, err := in.Sync.Start(ctx, &knit.SyncStartParams{DataType: hris.DataTypeEmployee, IncludeInactiveRecords: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := srv.WaitForSync(ctx, job.SyncRunID); err != nil {
		fmt.Println(err)
		return
	}
	mu.Lock()
	defer mu.Unlock()
	fmt.Println("record.new:", counts["record.new"])
	fmt.Println("sync.events.allConsumed:", counts["sync.events.allConsumed"])
	// Output:
	// leave types: 4
	// record.new: 250
	// sync.events.allConsumed: 1
}

func decodeEventType(body []byte) (string, error) {
	var ev struct {
		EventType string `json:"eventType"`
	}
	err := json.Unmarshal(body, &ev)
	return ev.EventType, err
}
