package knittest_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/knit-sdk/knit-go/knittest"
)

// The control API over HTTP, as code in another language drives `knit
// mock`: connect an account, then read the integrations.
func ExampleWithControlAPI() {
	srv := knittest.NewServer(knittest.WithControlAPI())
	defer srv.Close()
	root := strings.TrimSuffix(srv.URL(), "/v1.0") // the control API sits beside /v1.0

	call := func(verb, path, body string) string {
		req, err := http.NewRequestWithContext(context.Background(), verb, root+knittest.ControlPath+path, strings.NewReader(body))
		if err != nil {
			return err.Error()
		}
		req.Header.Set("Authorization", "Bearer "+srv.APIKey())
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return fmt.Sprintf("%d %s", resp.StatusCode, b)
	}
	fmt.Println(call(http.MethodPost, "connect", `{"originOrgId":"acme","category":"HRIS"}`))
	fmt.Println(call(http.MethodPost, "faults/fail", `{"count":1,"status":503}`))
	fmt.Println(call(http.MethodPost, "connect", `{"originOrgId":"acme","categry":"ATS"}`))
	// Output:
	// 200 {"integrationId":"mg_000001"}
	// 200 {"rateLimited":0,"retryAfterMs":0,"failing":1,"failStatus":503,"latencyMs":0}
	// 400 {"error":"invalid JSON body: json: unknown field \"categry\""}
}
