package webhook_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/webhook"
)

// The API key doubles as the webhook signing key.
const apiKey = "knit-api-key"

const employeeEvent = `{"eventId":"e_1","eventType":"record.new","syncType":"initial_sync",` +
	`"syncDataType":"employee","syncJobId":"sj_1","syncRunId":"sr_1","recordId":"emp_1",` +
	`"triggeredAt":"1765500000000",` +
	`"eventData":{"profile":{"id":"emp_1","firstName":"Ada","lastName":"Lovelace"}}}`

// post delivers payload to srv as Knit would (signed with key) and returns
// the status code.
func post(srv *httptest.Server, payload []byte, key string) int {
	req, err := webhook.NewSignedRequest(context.Background(), srv.URL, payload, key)
	if err != nil {
		return 0
	}
	req.Header.Set(webhook.HeaderIntegrationID, "int_1")
	resp, err := srv.Client().Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

// A plain net/http handler that verifies and decodes deliveries itself.
func ExampleParseRequest() {
	receive := func(w http.ResponseWriter, r *http.Request) {
		ev, err := webhook.ParseRequest(r, apiKey)
		switch {
		case errors.Is(err, webhook.ErrMissingSignature), errors.Is(err, webhook.ErrInvalidSignature):
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		case err != nil:
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		fmt.Println("received", ev.EventType, ev.SyncDataType, ev.RecordID,
			"for", ev.IntegrationID, "at", ev.TriggeredAt.Format("2006-01-02 15:04"))
		w.WriteHeader(http.StatusOK) // exactly 200, or Knit redelivers
	}
	srv := httptest.NewServer(http.HandlerFunc(receive))
	defer srv.Close()

	fmt.Println(post(srv, []byte(employeeEvent), apiKey))
	fmt.Println(post(srv, []byte(employeeEvent), "someone-else"))
	// Output:
	// received record.new employee emp_1 for int_1 at 2025-12-12 00:40
	// 200
	// 401
}

// NewHandler with a Router: verification, deduplication and status codes
// are taken care of.
func ExampleNewHandler() {
	router := webhook.NewRouter()
	router.OnRecord(hris.DataTypeEmployee, func(_ context.Context, ev *webhook.Event) error {
		emp, err := ev.Employee()
		if err != nil {
			return err // 500: Knit redelivers it later
		}
		fmt.Println(ev.EventType, "employee", emp.Profile.ID, emp.Profile.FirstName, "from", ev.IntegrationID)
		return nil
	})
	router.OnEvent(webhook.EventSyncEventsProcessed, func(_ context.Context, ev *webhook.Event) error {
		fmt.Println("sync run", ev.SyncRunID, "done")
		return nil
	})
	srv := httptest.NewServer(webhook.NewHandler([]string{apiKey}, router.Handle))
	defer srv.Close()

	fmt.Println(post(srv, []byte(employeeEvent), apiKey))
	fmt.Println(post(srv, []byte(employeeEvent), apiKey), "(redelivery: not processed twice)")
	fmt.Println(post(srv, []byte(`{"eventId":"e_2","eventType":"sync.events.processed","syncRunId":"sr_1","eventData":{}}`), apiKey))
	fmt.Println(post(srv, []byte(`{"eventId":"e_3","eventType":"bot.installed"}`), apiKey), "(no route: acknowledged)")
	// Output:
	// record.new employee emp_1 Ada from int_1
	// 200
	// 200 (redelivery: not processed twice)
	// sync run sr_1 done
	// 200
	// 200 (no route: acknowledged)
}

func ExampleVerify() {
	body := []byte(`{"eventId":"e_1","eventType":"record.new"}`)
	header := webhook.Sign(body, apiKey) // what Knit sends in X-Knit-Signature

	// During a key rotation, pass both keys.
	fmt.Println(webhook.Verify(body, header, "new-api-key", apiKey))
	fmt.Println(errors.Is(webhook.Verify(body, header, "new-api-key"), webhook.ErrInvalidSignature))
	fmt.Println(errors.Is(webhook.Verify(body, "", apiKey), webhook.ErrMissingSignature))
	// Output:
	// <nil>
	// true
	// true
}

func ExampleSign() {
	fmt.Println(webhook.Sign([]byte(`{"eventId":"e_1","eventType":"record.new"}`), "test-key"))
	// Output:
	// 5mpdOg17HPUurdf7rD5QP1Xn_L70juQQKMB9namRbdw
}

// A record.deleted event carries the deleted record's identifiers, not its
// models (this is Knit's own example from its employee sync guide).
func ExampleEvent_DeletedEmployee() {
	ev, err := webhook.Parse([]byte(`{"eventId":"ev_jLPn5iJNhvhDBh91xtb8kc",
		"eventData":{"employeeId":"omLAR353IjXZ4Mt","workEmail":"ada@example.com"},
		"eventType":"record.deleted","syncType":"delta_sync","syncDataType":"employee",
		"syncJobId":"sj_rJWQawZYVS8IqgtXkSJ8BQ","syncRunId":"sn_NHXHC2Hn6oOaLrCfsaqGOM","recordId":"omLAR353IjXZ4Mt"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	del, err := ev.DeletedEmployee()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ev.IsDeleted(), del.EmployeeID, del.WorkEmail)
	_, err = ev.Employee()
	fmt.Println(errors.Is(err, webhook.ErrDeletedRecord))
	// Output:
	// true omLAR353IjXZ4Mt ada@example.com
	// true
}

// sync.events.processed reports how many records a run read and how many
// events it sent (Knit's example from its jobs sync guide).
func ExampleEvent_SyncRun() {
	ev, err := webhook.Parse([]byte(`{"eventId":"ev_UFrXyD8d5yneJ6UnfxAoJ7",
		"eventData":{"status":"processed","processed":200,"emitted":0,
			"startedAt":"1676292064383","processedAt":"1676292068616","complete":false},
		"eventType":"sync.events.processed","syncType":"delta_sync","syncDataType":"ats_jobs",
		"syncJobId":"sj_rJWQawZYVS8IqgtXkSJ8BQ","syncRunId":"sn_agQO87vjVs6tMe9CEsPkBk"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	run, err := ev.SyncRun()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(run.Status, run.Processed, run.Emitted, run.ProcessedAt.Sub(run.StartedAt))
	// Output: processed 200 0 4.233s
}
