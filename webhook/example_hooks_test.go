package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/knit-sdk/knit-go/webhook"
)

// A delivery hook sees every request and what it came to. The context it
// returns is the callback's: a tracing hook puts its span there.
func ExampleWithDeliveryHook() {
	type requestIDKey struct{}
	observe := func(ctx context.Context, r *http.Request) (context.Context, func(webhook.DeliveryEnd)) {
		ctx = context.WithValue(ctx, requestIDKey{}, "req-1")
		return ctx, func(e webhook.DeliveryEnd) {
			id := "-"
			if e.Event != nil {
				id = e.Event.EventID
			}
			fmt.Println("delivery", id, e.Outcome, e.StatusCode)
		}
	}
	process := func(ctx context.Context, ev *webhook.Event) error {
		fmt.Println("processing", ev.EventID, "in", ctx.Value(requestIDKey{}))
		return nil
	}
	srv := httptest.NewServer(webhook.NewHandler([]string{apiKey}, process, webhook.WithDeliveryHook(observe)))
	defer srv.Close()

	post(srv, []byte(employeeEvent), apiKey)
	post(srv, []byte(employeeEvent), apiKey)
	post(srv, []byte(employeeEvent), "someone-else")
	// Output:
	// processing e_1 in req-1
	// delivery e_1 processed 200
	// delivery e_1 duplicate 200
	// delivery - signature_rejected 401
}
