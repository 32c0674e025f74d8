package knit_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/option"
	"github.com/knit-sdk/knit-go/webhook"
)

// The examples run against knittest, the in-process fake Knit API; with
// your real API key, drop the WithBaseURL option.

func ExampleNewClient() {
	srv := knittest.NewServer()
	defer srv.Close()

	client, err := knit.NewClient(srv.APIKey(), option.WithBaseURL(srv.URL()), option.WithMaxRetries(3))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(client.Integration("mg_1").ID())

	_, err = knit.NewClient("")
	fmt.Println(err)
	// Output:
	// mg_1
	// knit: NewClient: the API key is empty (get one from the Knit dashboard)
}

func ExampleAuthSessionService_Create() {
	srv := knittest.NewServer()
	defer srv.Close()
	client, _ := knit.NewClient(srv.APIKey(), option.WithBaseURL(srv.URL()))

	sess, err := client.AuthSessions.Create(context.Background(), &knit.AuthSessionParams{
		OriginOrgID:     "acme-42",
		OriginOrgName:   "Acme Corp",
		OriginUserEmail: "ada@acme.example",
		OriginUserName:  "Ada Ops",
		Filters:         []knit.CategoryFilter{{Category: knit.CategoryHRIS, Apps: []string{"bamboohr", "workday"}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Hand sess.Token to your page's <knit-auth authsessiontoken="...">.
	fmt.Println("token issued:", sess.Token != "")

	_, err = client.AuthSessions.Create(context.Background(), &knit.AuthSessionParams{OriginOrgID: "acme-42"})
	fmt.Println(err)
	// Output:
	// token issued: true
	// knit: AuthSessions.Create: OriginOrgName is required
}

func ExampleIntegrationService_Confirm() {
	srv := knittest.NewServer()
	defer srv.Close()
	client, _ := knit.NewClient(srv.APIKey(), option.WithBaseURL(srv.URL()))
	ctx := context.Background()
	id, _ := srv.Connect(knittest.ConnectParams{OriginOrgID: "acme-42", Category: knit.CategoryATS, AppID: "workable"})

	// What the frontend posts from the UI component's onFinish event.
	body := `{"integrationDetails":{"integrationId":"` + id + `","appId":"workable","categoryId":"ATS","originOrgId":"acme-42","success":true}}`
	details, err := knit.ParseIntegrationDetails(strings.NewReader(body))
	if err != nil {
		fmt.Println(err)
		return
	}
	app, err := client.Integrations.Confirm(ctx, details)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(app.IntegrationID, app.AppID, app.IsActive)

	// A browser claiming someone else's integration is refused.
	details.OriginOrgID = "other-org"
	_, err = client.Integrations.Confirm(ctx, details)
	fmt.Println(errors.Is(err, knit.ErrIntegrationNotConfirmed))
	// Output:
	// mg_000001 workable true
	// true
}

func ExampleError() {
	srv := knittest.NewServer()
	defer srv.Close()
	client, _ := knit.NewClient(srv.APIKey(), option.WithBaseURL(srv.URL()))
	id, _ := srv.Connect(knittest.ConnectParams{OriginOrgID: "acme-42", Category: knit.CategoryATS})

	// An HRIS call on an ATS integration: the app does not support it.
	_, err := client.Integration(id).HRIS.Leave.Balances(context.Background(), "emp_1", nil)
	fmt.Println(errors.Is(err, knit.ErrNotSupported))
	var kerr *knit.Error
	if errors.As(err, &kerr) {
		fmt.Println(kerr.StatusCode, kerr.Method, kerr.IntegrationID)
	}
	// Output:
	// true
	// 404 hr.employees.leave.balance mg_000001
}

func ExampleSyncService_Start() {
	srv := knittest.NewServer()
	defer srv.Close()
	client, _ := knit.NewClient(srv.APIKey(), option.WithBaseURL(srv.URL()))
	id, _ := srv.Connect(knittest.ConnectParams{OriginOrgID: "acme-42", Category: knit.CategoryHRIS})

	// Your webhook: verifies each delivery, then counts employee records.
	var mu sync.Mutex
	employees := 0
	router := webhook.NewRouter()
	router.OnRecord(hris.DataTypeEmployee, func(_ context.Context, ev *webhook.Event) error {
		if _, err := ev.Employee(); err != nil {
			return err
		}
		mu.Lock()
		employees++
		mu.Unlock()
		return nil
	})
	hook := httptest.NewServer(webhook.NewHandler([]string{srv.APIKey()}, router.Handle))
	defer hook.Close()
	_ = srv.SetWebhookURL(knit.CategoryHRIS, hook.URL) // Knit: registered in the dashboard

	ctx := context.Background()
	job, err := client.Integration(id).Sync.Start(ctx, &knit.SyncStartParams{
		DataType: hris.DataTypeEmployee,
		SyncType: knit.SyncTypeInitial,
		Models:   []string{hris.ModelEmployeeProfile},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := srv.WaitForSync(ctx, job.SyncRunID); err != nil {
		fmt.Println(err)
		return
	}
	mu.Lock()
	fmt.Println("employees received:", employees > 0)
	mu.Unlock()

	hour := 24
	_, err = client.Integration(id).Sync.Start(ctx, &knit.SyncStartParams{DataType: hris.DataTypeEmployee, StartHour: &hour})
	fmt.Println(err)
	// Output:
	// employees received: true
	// knit: Sync.Start: StartHour must be between 0 and 23
}

func ExampleIntegrationClient_Passthrough() {
	srv := knittest.NewServer()
	defer srv.Close()
	client, _ := knit.NewClient(srv.APIKey(), option.WithBaseURL(srv.URL()))
	id, _ := srv.Connect(knittest.ConnectParams{OriginOrgID: "acme-42", Category: knit.CategoryHRIS, AppID: "bamboohr"})

	// A call to BambooHR's own API, made by Knit with the integration's credentials.
	resp, err := client.Integration(id).Passthrough(context.Background(), &knit.PassthroughRequest{
		Method: http.MethodGet,
		Path:   "/v1/meta/fields",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(resp.Body) > 0)
	// Output:
	// true
}

func ExampleMagicLinkService_Create() {
	srv := knittest.NewServer()
	defer srv.Close()
	client, _ := knit.NewClient(srv.APIKey(), option.WithBaseURL(srv.URL()))

	link, err := client.MagicLinks.Create(context.Background(), &knit.MagicLinkParams{
		OriginOrgID:     "acme-42",
		OriginOrgName:   "Acme Corp",
		OriginUserEmail: "ada@acme.example",
		OriginUserName:  "Ada Ops",
		Category:        knit.CategoryAccounting,
	})
	if errors.Is(err, knit.ErrMagicLinkUnavailable) {
		fmt.Println("create the link in the Knit dashboard instead")
		return
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	// Send link.URL to your user; opening it connects their app.
	fmt.Println(strings.HasPrefix(link.URL, "http"))
	// Output:
	// true
}
