package crm_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/crm"
	"github.com/knit-sdk/knit-go/option"
)

// A record.new event for a contact, as Knit posts it to your webhook.
const contactEvent = `{
  "eventId": "e_123sadasdasda",
  "eventType": "record.new",
  "eventData": {
    "info": {
      "id": "101", "firstName": "Kendall", "lastName": "Roy", "jobTitle": "CEO",
      "owner": {"id": "407425865", "email": "logan@waystarroyco.example"},
      "updatedAt": "2023-05-23T12:04:54Z", "account": "15913301322"
    },
    "emails": [{"type": "WORK", "email": "kendall@waystarroyco.example"}],
    "phones": null
  },
  "syncType": "initial_sync",
  "syncDataType": "crm_contacts_from_your_dashboard",
  "syncJobId": "sj_asda32424",
  "syncRunId": "sr_jhhkk80869",
  "recordId": "101"
}`

// Decode the eventData of a record.* event into a typed contact. In a real
// handler, verify the signature first (package webhook).
func ExampleDecodeContact() {
	var event struct {
		EventType string          `json:"eventType"`
		EventData json.RawMessage `json:"eventData"`
	}
	if err := json.Unmarshal([]byte(contactEvent), &event); err != nil {
		fmt.Println(err)
		return
	}
	contact, err := crm.DecodeContact(event.EventData)
	if err != nil {
		fmt.Println(err)
		return
	}
	updated, _ := contact.Info.UpdatedAt.Time()
	fmt.Println(event.EventType, contact.Info.ID, contact.Info.FirstName, contact.Info.LastName)
	fmt.Println("account:", contact.Info.AccountID, "owner:", contact.Info.Owner.ID)
	fmt.Println("email:", contact.Emails[0].Email, "phones:", len(contact.Phones))
	fmt.Println("updated:", updated.Format("2006-01-02"))
	// Output:
	// record.new 101 Kendall Roy
	// account: 15913301322 owner: 407425865
	// email: kendall@waystarroyco.example phones: 0
	// updated: 2023-05-23
}

// Start a sync for contacts: Knit then pushes record.* events to your
// webhook. The data type string comes from your Knit dashboard (Knit does
// not document the CRM values).
func Example_startSync() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fmt.Println(r.Method, r.URL.Path, r.Header.Get("X-Knit-Integration-Id"))
		fmt.Println(string(body))
		_, _ = io.WriteString(w, `{"success":true,"data":{"syncJobId":"sj_1","syncRunId":"sr_1"}}`)
	}))
	defer srv.Close()

	client, err := knit.NewClient("test-key", option.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	in := client.Integration("int_1")
	const dataTypeFromYourDashboard = "crm_contacts_from_your_dashboard"
	job, err := in.Sync.Start(context.Background(), &knit.SyncStartParams{
		DataType: dataTypeFromYourDashboard,
		Models:   []string{crm.ModelContactInfo, crm.ModelContactEmails},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("started", job.SyncJobID)
	// Output:
	// POST /sync.start int_1
	// {"dataType":"crm_contacts_from_your_dashboard","models":["crm_contact_info","crm_contact_emails"]}
	// started sj_1
}

// Write to the CRM: Knit documents no CRM write method, so use the generic
// call with the method name from your Knit docs, or passthrough to the CRM's
// own API.
func Example_writes() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fmt.Println(r.Method, r.URL.Path, string(body))
		switch r.URL.Path {
		case "/passthrough":
			_, _ = io.WriteString(w, `{"success":true,"data":{"response":{"body":"{\"id\":\"hs_51\"}","headers":{}}}}`)
		default:
			_, _ = io.WriteString(w, `{"success":true,"data":{"id":"51"}}`)
		}
	}))
	defer srv.Close()

	client, err := knit.NewClient("test-key", option.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	in := client.Integration("int_1")
	ctx := context.Background()

	resp, err := in.Passthrough(ctx, &knit.PassthroughRequest{
		Method: http.MethodPost,
		Path:   "/crm/v3/objects/contacts", // HubSpot's own API
		Body:   []byte(`{"properties":{"email":"ada@example.com"}}`),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("upstream said", string(resp.Body))
	// Output:
	// POST /passthrough {"path":"/crm/v3/objects/contacts","method":"POST","body":"{\"properties\":{\"email\":\"ada@example.com\"}}"}
	// upstream said {"id":"hs_51"}
}
