package bench_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/webhook"
)

// employeeEvent returns a record.modified employee event of at least size
// bytes, in the order of Knit's documented payload (eventData before
// syncDataType): a realistic employee plus custom fields up to the size.
func employeeEvent(size int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"eventId":"evt_01JBENCHEMP","eventType":"record.modified","eventData":{` +
		`"profile":{"id":"emp_1","firstName":"Ada","lastName":"Lovelace","employeeNumber":"E-1","workEmail":"ada@example.com",` +
		`"startDate":"2023-05-23T12:04:54Z","birthDate":"1990-12-10","employmentStatus":"ACTIVE","maritalStatus":"SINGLE","gender":"FEMALE","employmentType":"FULL_TIME"},` +
		`"contactInfo":{"personalEmails":["ada@home.example"],"phones":[{"type":"WORK","number":"+1-555-0100"}]},` +
		`"orgStructure":{"designation":"Engineer","department":"Engineering","manager":{"id":"emp_0","workEmail":"boss@example.com"}},` +
		`"locations":{"workAddress":{"addressLine1":"1 Market St","city":"San Francisco","state":"CA","country":"US","zipCode":"94105","addressType":"WORK"}},` +
		`"rawValues":{"employmentStatus":"Active","gender":"F"},"customFields":{`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"field_%d":{"value":"free text value number %d","type":"STRING"}`, i, i)
	}
	b.WriteString(`}},"syncType":"delta_sync","syncDataType":"employee","syncJobId":"sj_1","syncRunId":"sr_1",` +
		`"recordId":"emp_1","triggeredAt":"1765500000000"}`)
	return b.Bytes()
}

// The hand-written typed envelope of an employee event: the baseline's own
// types, decoded with one json.Unmarshal.
type (
	blEmployee struct {
		Profile *struct {
			ID               string `json:"id"`
			FirstName        string `json:"firstName"`
			LastName         string `json:"lastName"`
			EmployeeNumber   string `json:"employeeNumber"`
			WorkEmail        string `json:"workEmail"`
			StartDate        string `json:"startDate"`
			BirthDate        string `json:"birthDate"`
			EmploymentStatus string `json:"employmentStatus"`
			MaritalStatus    string `json:"maritalStatus"`
			Gender           string `json:"gender"`
			EmploymentType   string `json:"employmentType"`
		} `json:"profile"`
		ContactInfo *struct {
			PersonalEmails []string `json:"personalEmails"`
			Phones         []struct {
				Type   string `json:"type"`
				Number string `json:"number"`
			} `json:"phones"`
		} `json:"contactInfo"`
		OrgStructure *struct {
			Designation string `json:"designation"`
			Department  string `json:"department"`
			Manager     *struct {
				ID        string `json:"id"`
				WorkEmail string `json:"workEmail"`
			} `json:"manager"`
		} `json:"orgStructure"`
		Locations *struct {
			WorkAddress *blAddress `json:"workAddress"`
		} `json:"locations"`
		RawValues    map[string]json.RawMessage `json:"rawValues"`
		CustomFields map[string]json.RawMessage `json:"customFields"`
	}
	blEmployeeEvent struct {
		EventID      string     `json:"eventId"`
		EventType    string     `json:"eventType"`
		SyncType     string     `json:"syncType"`
		SyncDataType string     `json:"syncDataType"`
		SyncJobID    string     `json:"syncJobId"`
		SyncRunID    string     `json:"syncRunId"`
		RecordID     string     `json:"recordId"`
		TriggeredAt  string     `json:"triggeredAt"`
		EventData    blEmployee `json:"eventData"`
	}
)

// baselineVerifyEmployee is a hand-written verify + one typed unmarshal.
func baselineVerifyEmployee(payload []byte, sig, key string) (*blEmployeeEvent, error) {
	if err := baselineVerify(payload, sig, key); err != nil {
		return nil, err
	}
	var ev blEmployeeEvent
	if err := json.Unmarshal(payload, &ev); err != nil {
		return nil, err
	}
	return &ev, nil
}

// BenchmarkWebhookEmployee is the typed webhook path: webhook.Verify +
// webhook.Parse + Event.Employee() of a 64 KiB employee event against a
// hand-written verify + one json.Unmarshal into its own typed envelope.
// Target: time ≤ 1.0×.
func BenchmarkWebhookEmployee(b *testing.B) {
	payload := employeeEvent(64 << 10)
	sig := webhook.Sign(payload, webhookKey)

	b.Run("variant=sdk", func(b *testing.B) {
		b.SetBytes(int64(len(payload)))
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			if err := webhook.Verify(payload, sig, webhookKey); err != nil {
				b.Fatal(err)
			}
			ev, err := webhook.Parse(payload)
			if err != nil {
				b.Fatal(err)
			}
			emp, err := ev.Employee()
			if err != nil {
				b.Fatal(err)
			}
			if emp.ID() != "emp_1" || len(emp.CustomFields) < 100 {
				b.Fatalf("decoded %+v", emp.Profile)
			}
		}
		cpu.report(b)
	})
	b.Run("variant=baseline", func(b *testing.B) {
		b.SetBytes(int64(len(payload)))
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			ev, err := baselineVerifyEmployee(payload, sig, webhookKey)
			if err != nil {
				b.Fatal(err)
			}
			if ev.EventData.Profile == nil || ev.EventData.Profile.ID != "emp_1" || len(ev.EventData.CustomFields) < 100 {
				b.Fatalf("decoded %+v", ev.EventData.Profile)
			}
		}
		cpu.report(b)
	})
}

// TestWebhookEmployeeBaselineEquivalent checks that both variants of
// BenchmarkWebhookEmployee decode the same record.
func TestWebhookEmployeeBaselineEquivalent(t *testing.T) {
	t.Parallel()
	payload := employeeEvent(64 << 10)
	require.GreaterOrEqual(t, len(payload), 64<<10)
	require.True(t, json.Valid(payload))
	sig := webhook.Sign(payload, webhookKey)

	require.NoError(t, webhook.Verify(payload, sig, webhookKey))
	ev, err := webhook.Parse(payload)
	require.NoError(t, err)
	emp, err := ev.Employee()
	require.NoError(t, err)
	bl, err := baselineVerifyEmployee(payload, sig, webhookKey)
	require.NoError(t, err)

	assert.Equal(t, bl.EventID, ev.EventID)
	assert.Equal(t, bl.SyncDataType, ev.SyncDataType)
	p := bl.EventData.Profile
	assert.Equal(t, p.ID, emp.Profile.ID)
	assert.Equal(t, p.StartDate, string(emp.Profile.StartDate))
	assert.Equal(t, string(p.Gender), string(emp.Profile.Gender))
	assert.Equal(t, bl.EventData.OrgStructure.Manager.ID, emp.OrgStructure.Manager.ID)
	assert.Equal(t, bl.EventData.Locations.WorkAddress.City, emp.Locations.WorkAddress.City)
	assert.Len(t, emp.CustomFields, len(bl.EventData.CustomFields))
	assert.Equal(t, bl.EventData.CustomFields["field_7"], emp.CustomFields["field_7"])
}
