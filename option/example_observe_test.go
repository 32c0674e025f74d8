package option_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"time"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/hook"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/option"
)

// A call hook sees each call once, after its retries: here the playground
// rate-limits the first attempt.
func ExampleWithCallHook() {
	srv := knittest.NewServer(knittest.WithSeed(1))
	defer srv.Close()
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "acme", Category: knit.CategoryATS})
	if err != nil {
		log.Fatal(err)
	}

	logCalls := func(ctx context.Context, c hook.Call) (context.Context, func(hook.CallEnd)) {
		fmt.Printf("start %s %s\n", c.HTTPMethod, c.Method)
		return ctx, func(e hook.CallEnd) {
			fmt.Printf("end %s: %d attempts, status %d, execution ID set: %t, err: %v\n",
				e.Method, e.Attempts, e.StatusCode, e.ExecutionID != "", e.Err)
		}
	}
	client, err := srv.Client(option.WithCallHook(logCalls))
	if err != nil {
		log.Fatal(err)
	}

	srv.InjectRateLimit(1, 0)
	page, err := client.Integration(id).ATS.Jobs.List(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("jobs on the first page:", len(page.Jobs) > 0)
	// Output:
	// start GET ats.job.list
	// end ats.job.list: 2 attempts, status 200, execution ID set: true, err: <nil>
	// jobs on the first page: true
}

// Middleware runs around each HTTP attempt, on top of the SDK's own pooled
// transport, and reads which call and attempt it is from the request's
// context.
func ExampleWithMiddleware() {
	srv := knittest.NewServer(knittest.WithSeed(1))
	defer srv.Close()
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "acme", Category: knit.CategoryATS})
	if err != nil {
		log.Fatal(err)
	}

	timing := func(next http.RoundTripper) http.RoundTripper {
		return option.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			start := time.Now()
			resp, err := next.RoundTrip(r)
			a, _ := hook.AttemptFromContext(r.Context())
			took := time.Since(start)
			if err != nil {
				fmt.Printf("%s attempt %d: %v\n", a.Method, a.Number, err)
				return nil, err
			}
			fmt.Printf("%s attempt %d: %d (took under a minute: %t)\n", a.Method, a.Number, resp.StatusCode, took < time.Minute)
			return resp, nil
		})
	}
	client, err := srv.Client(option.WithMiddleware(timing))
	if err != nil {
		log.Fatal(err)
	}

	srv.FailNext(1, http.StatusBadGateway)
	if _, err := client.Integration(id).ATS.Jobs.List(context.Background(), nil); err != nil {
		log.Fatal(err)
	}
	// Output:
	// ats.job.list attempt 1: 502 (took under a minute: true)
	// ats.job.list attempt 2: 200 (took under a minute: true)
}
