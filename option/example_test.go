package option_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/option"
)

// Options given to NewClient apply to every call; the same option given to
// one call overrides it for that call only. Here the client never retries,
// but one call is allowed two retries and gets through two failures.
func Example() {
	ctx := context.Background()
	srv := knittest.NewServer()
	defer srv.Close()
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "acme", Category: knit.CategoryATS})
	if err != nil {
		fmt.Println(err)
		return
	}
	client, err := knit.NewClient(srv.APIKey(),
		option.WithBaseURL(srv.URL()),
		option.WithMaxRetries(0),
		option.WithRetryWait(time.Millisecond, 10*time.Millisecond))
	if err != nil {
		fmt.Println(err)
		return
	}
	in := client.Integration(id)

	srv.FailNext(1, http.StatusServiceUnavailable)
	_, err = in.ATS.Jobs.List(ctx, nil)
	var kerr *knit.Error
	if errors.As(err, &kerr) {
		fmt.Println("client default:", kerr.StatusCode, "after", kerr.Attempts, "attempt")
	}

	srv.FailNext(2, http.StatusServiceUnavailable)
	page, err := in.ATS.Jobs.List(ctx, nil, option.WithMaxRetries(2))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("per-call retries:", len(page.Jobs) > 0)
	// Output:
	// client default: 503 after 1 attempt
	// per-call retries: true
}

// WithResponseInto is a per-call option: it fills a Response with the final
// HTTP status and Knit's execution ID, to quote to Knit support.
func ExampleWithResponseInto() {
	srv := knittest.NewServer()
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "acme", Category: knit.CategoryATS})
	if err != nil {
		fmt.Println(err)
		return
	}

	var resp knit.Response
	_, err = client.Integration(id).ATS.Jobs.List(context.Background(), nil, option.WithResponseInto(&resp))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.StatusCode, resp.ExecutionID != "")
	// Output:
	// 200 true
}
