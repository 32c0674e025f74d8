package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/webhook"
)

// Realistic payloads: text as HR and ATS systems send it, with non-ASCII
// names, and descriptions that hold newlines, quotes and \u escapes.

// people are names as HR systems hold them.
var people = [...][2]string{
	{"Zoë", "Ørsted"}, {"José", "Müller-Łukasiewicz"}, {"Ngọc Anh", "Trần"}, {"Søren", "Ærø"},
	{"Aiyana", "O'Brien"}, {"Chloé", "Dubois"}, {"Ólafur", "Þórsson"}, {"Łucja", "Wiśniewska"},
}

// quote returns s as a JSON string literal.
func quote(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// description returns a job description of about n bytes of text: HTML
// with newlines, quotes, non-ASCII letters and typographic punctuation.
func description(i, n int) string {
	const para = "<p>We’re hiring a “Senior Backend Engineer” for our Zürich & São Paulo teams.\n" +
		"You will own APIs used by thousands of companies — Go, Postgres, Kafka — and mentor others.</p>\n" +
		"<ul>\n\t<li>5+ years of backend experience (\"distributed systems\")</li>\n\t<li>Fluent English; Deutsch or Português a plus</li>\n</ul>\n"
	var b strings.Builder
	fmt.Fprintf(&b, "<h2>Role %d</h2>\n", i)
	for b.Len() < n {
		b.WriteString(para)
	}
	return b.String()
}

// realisticJobJSON is jobJSON with realistic text: a description of about
// descLen bytes, non-ASCII names and offices.
func realisticJobJSON(i, descLen int) string {
	hm, rc := people[i%len(people)], people[(i+3)%len(people)]
	return fmt.Sprintf(`{"info":{"id":"job-%[1]d","title":%[3]s,`+
		`"description":%[4]s,`+
		`"createdAt":"2024-11-16T17:20:38Z","updatedAt":"2024-11-18T09:02:11Z","closedAt":null,"status":"OPEN","isConfidential":false,`+
		`"infoUrl":"https://ats.example/jobs/%[1]d","applyUrl":"https://ats.example/jobs/%[1]d/apply"},`+
		`"departments":[{"id":"d-%[2]d","name":"Ingeniería y Tecnología"}],`+
		`"offices":[{"id":"o1","name":"Zürich Büro","location":"Zürich, Schweiz","address":{"addressLine1":"Bahnhofstraße 1","city":"Zürich","state":"ZH","country":"CH","zipCode":"8001","addressType":"WORK"}}],`+
		`"hiringManagers":[{"id":"hm-%[2]d","firstName":%[5]s,"lastName":%[6]s,"email":"hm%[2]d@example.com","employeeId":"e-%[2]d"}],`+
		`"recruiters":[{"id":"r-%[2]d","firstName":%[7]s,"lastName":%[8]s,"email":"r%[2]d@example.com","employeeId":"e-9%[2]d"}],`+
		`"stages":[{"id":"s1","text":"Revisión de candidatura"},{"id":"s2","text":"Téléphone"},{"id":"s3","text":"Vor-Ort-Gespräch"},{"id":"s4","text":"Offer"}],`+
		`"rawValues":{"status":"open","descriptions":[]},"unknownField":{"future":true}}`,
		i, i%7, quote(fmt.Sprintf("Ingénieur·e Backend Senior – Zürich %d", i)), quote(description(i, descLen)),
		quote(hm[0]), quote(hm[1]), quote(rc[0]), quote(rc[1]))
}

// realisticPage returns the envelope of one page of 100 realistic jobs.
// With unusual, the last job's "title" is sent as "Title" and its "status"
// with an escape ("stat\u0075s"): valid JSON that matches the same fields.
func realisticPage(descLen int, unusual bool) []byte {
	var b bytes.Buffer
	b.WriteString(`{"success":true,"data":{"jobs":[`)
	for i := range pageSize {
		if i > 0 {
			b.WriteByte(',')
		}
		job := realisticJobJSON(i, descLen)
		if unusual && i == pageSize-1 {
			job = strings.Replace(job, `"title":`, `"Title":`, 1)
			job = strings.Replace(job, `"status":"OPEN"`, `"stat\u0075s":"OPEN"`, 1)
		}
		b.WriteString(job)
	}
	b.WriteString(`],"nextPageToken":"tok-2"}}`)
	return b.Bytes()
}

// pagePayloads are the page bodies of BenchmarkPage.
func pagePayloads() []struct {
	name string
	body []byte
} {
	return []struct {
		name string
		body []byte
	}{
		{"ascii", pageJSON(0, pageSize, "tok-2")},
		{"realistic", realisticPage(600, false)},
		{"desc8k", realisticPage(8<<10, false)},
		{"unusual", realisticPage(600, true)},
	}
}

// BenchmarkPage fetches one page of 100 jobs over loopback HTTP: the SDK's
// Jobs.List against the NewDecoder baseline (listJobs) and against the
// same client reading the body whole and calling json.Unmarshal
// (variant=unmarshal), both into the baseline's own types; variant=do is
// the SDK's generic IntegrationClient.Do into those same types (decoded
// like encoding/json, knitjson.UnmarshalCaller). Targets (CPU):
// realistic and desc8k ≤ 0.4× baseline; unusual ≤ 1.1× unmarshal;
// allocations ≤ 1.0× baseline.
func BenchmarkPage(b *testing.B) {
	hc := sharedHTTPClient(b)
	ctx := context.Background()
	for _, p := range pagePayloads() {
		srv := staticServer(b, p.body)
		bl := &baseline{hc: hc, baseURL: srv.URL + "/v1.0", key: benchKey}
		b.Run("payload="+p.name+"/variant=sdk", func(b *testing.B) {
			in := sdkClient(b, srv, hc).Integration(benchIntegration)
			b.SetBytes(int64(len(p.body)))
			b.ReportAllocs()
			cpu := startCPU()
			for b.Loop() {
				page, err := in.ATS.Jobs.List(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}
				if len(page.Jobs) != pageSize || page.Jobs[pageSize-1].Info.Title == "" {
					b.Fatalf("got %d jobs", len(page.Jobs))
				}
			}
			cpu.report(b)
		})
		b.Run("payload="+p.name+"/variant=do", func(b *testing.B) {
			in := sdkClient(b, srv, hc).Integration(benchIntegration)
			b.SetBytes(int64(len(p.body)))
			b.ReportAllocs()
			cpu := startCPU()
			for b.Loop() {
				var env jobPageEnvelope
				if err := in.Do(ctx, http.MethodGet, "ats.job.list", nil, &env.Data); err != nil {
					b.Fatal(err)
				}
				if len(env.Data.Jobs) != pageSize {
					b.Fatalf("got %d jobs", len(env.Data.Jobs))
				}
			}
			cpu.report(b)
		})
		b.Run("payload="+p.name+"/variant=baseline", func(b *testing.B) {
			b.SetBytes(int64(len(p.body)))
			b.ReportAllocs()
			cpu := startCPU()
			for b.Loop() {
				var env jobPageEnvelope
				if err := bl.listJobs(ctx, benchIntegration, "", &env); err != nil {
					b.Fatal(err)
				}
				if len(env.Data.Jobs) != pageSize {
					b.Fatalf("got %d jobs", len(env.Data.Jobs))
				}
			}
			cpu.report(b)
		})
		b.Run("payload="+p.name+"/variant=unmarshal", func(b *testing.B) {
			b.SetBytes(int64(len(p.body)))
			b.ReportAllocs()
			cpu := startCPU()
			for b.Loop() {
				var env jobPageEnvelope
				if err := bl.listJobsUnmarshal(ctx, &env); err != nil {
					b.Fatal(err)
				}
				if len(env.Data.Jobs) != pageSize {
					b.Fatalf("got %d jobs", len(env.Data.Jobs))
				}
			}
			cpu.report(b)
		})
	}
}

// listJobsUnmarshal is listJobs reading the body whole first, then one
// json.Unmarshal: plain encoding/json at its fastest.
func (bl *baseline) listJobsUnmarshal(ctx context.Context, env *jobPageEnvelope) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, bl.baseURL+"/ats.job.list", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+bl.key)
	req.Header.Set("X-Knit-Integration-Id", benchIntegration)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	resp, err := bl.hc.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("ats.job.list: HTTP %d", resp.StatusCode)
	}
	if err := json.Unmarshal(body, env); err != nil {
		return fmt.Errorf("ats.job.list: %w", err)
	}
	if !env.Success {
		return fmt.Errorf("ats.job.list: success false")
	}
	return nil
}

// TestPageBaselinesEquivalent checks that the SDK and both baselines read
// the same jobs from every page payload, the unusual keys included.
func TestPageBaselinesEquivalent(t *testing.T) {
	t.Parallel()
	hc := sharedHTTPClient(t)
	for _, p := range pagePayloads() {
		srv := staticServer(t, p.body)
		page, err := sdkClient(t, srv, hc).Integration(benchIntegration).ATS.Jobs.List(t.Context(), nil)
		require.NoError(t, err, p.name)
		bl := &baseline{hc: hc, baseURL: srv.URL + "/v1.0", key: benchKey}
		var a, u jobPageEnvelope
		require.NoError(t, bl.listJobs(t.Context(), benchIntegration, "", &a), p.name)
		require.NoError(t, bl.listJobsUnmarshal(t.Context(), &u), p.name)
		require.Len(t, page.Jobs, pageSize, p.name)
		assert.Equal(t, a, u, p.name)
		for i, j := range page.Jobs {
			want := a.Data.Jobs[i]
			assert.Equal(t, want.Info.Title, j.Info.Title, p.name)
			assert.Equal(t, want.Info.Description, j.Info.Description, p.name)
			assert.Equal(t, want.Info.Status, string(j.Info.Status), p.name)
			assert.Equal(t, want.HiringManagers[0].Email, j.HiringManagers[0].Email, p.name)
		}
		assert.NotEmpty(t, page.Jobs[pageSize-1].Info.Title, p.name)
	}
}

// employeeEventOf returns a record.modified employee event in Knit's key
// order (eventData before syncDataType) with realistic text: leaves leave
// requests with multi-line notes and fields custom fields.
func employeeEventOf(leaves, fields int) []byte {
	var b bytes.Buffer
	p := people[2]
	b.WriteString(`{"eventId":"evt_01JBENCHEMP","eventType":"record.modified","eventData":{` +
		`"profile":{"id":"emp_1","firstName":` + quote(p[0]) + `,"lastName":` + quote(p[1]) + `,"employeeNumber":"E-1","workEmail":"ngoc.anh@example.com",` +
		`"startDate":"2023-05-23T12:04:54Z","birthDate":"1990-12-10","employmentStatus":"ACTIVE","maritalStatus":"SINGLE","gender":"FEMALE","employmentType":"FULL_TIME"},` +
		`"contactInfo":{"personalEmails":["ngoc.anh@home.example"],"phones":[{"type":"WORK","number":"+84 28 3822 0100"},{"type":"PERSONAL","number":"+84 90 123 4567"}]},` +
		`"orgStructure":{"designation":"Kỹ sư phần mềm","department":"Ingeniería","manager":{"id":"emp_0","firstName":"Søren","lastName":"Ærø","workEmail":"soren@example.com"}},` +
		`"locations":{"workAddress":{"addressLine1":"Bahnhofstraße 1","city":"Zürich","state":"ZH","country":"CH","zipCode":"8001","addressType":"WORK"},` +
		`"presentAddress":{"addressLine1":"12 Nguyễn Huệ","addressLine2":"Phường Bến Nghé","city":"Thành phố Hồ Chí Minh","country":"VN","zipCode":"700000","addressType":"HOME"}},` +
		`"rawValues":{"employmentStatus":"Active","gender":"F","notes":` + quote("Joined from the “Saigon” office.\nPrefers Tiếng Việt.") + `}`)
	b.WriteString(`,"leaveRequests":[`)
	for i := range leaves {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"lr_%d","startDate":"2024-%02d-03","endDate":"2024-%02d-05","requestedOn":"2024-%02d-01T09:00:00Z",`+
			`"note":%s,"status":"APPROVED","leaveType":{"id":"lt_1","name":"Urlaub (Jahresurlaub)","type":"VACATION"},"unit":"DAYS","amount":2.5,"isPaid":"TRUE"}`,
			i, i%12+1, i%12+1, i%12+1, quote(fmt.Sprintf("Urlaub in München – %d Tage.\nVertretung: Zoë Ørsted (\"on call\").", i%5+1)))
	}
	b.WriteString(`],"customFields":{`)
	for i := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"field_%d":{"value":%s,"type":"STRING"}`, i, quote(fmt.Sprintf("Größe %d — “free text”\nline two", i)))
	}
	b.WriteString(`}},"syncType":"delta_sync","syncDataType":"employee","syncJobId":"sj_1","syncRunId":"sr_1",` +
		`"recordId":"emp_1","triggeredAt":"1765500000000"}`)
	return b.Bytes()
}

// employeePayloads are the employee events of the webhook benchmarks: a
// typical event of about 3 KiB, a leave-heavy one and a custom-field-heavy
// one (as one that carries a tenant's whole custom schema).
func employeePayloads() []struct {
	name    string
	payload []byte
} {
	return []struct {
		name    string
		payload []byte
	}{
		{"typical", employeeEventOf(4, 6)},
		{"leaveheavy", employeeEventOf(120, 6)},
		{"customheavy", employeeEventOf(2, 1500)},
	}
}

// TestEmployeePayloadSizes pins the sizes bench/README.md states.
func TestEmployeePayloadSizes(t *testing.T) {
	t.Parallel()
	sizes := map[string][2]int{"typical": {2800, 3400}, "leaveheavy": {30 << 10, 40 << 10}, "customheavy": {120 << 10, 140 << 10}}
	for _, p := range employeePayloads() {
		require.True(t, json.Valid(p.payload), p.name)
		s := sizes[p.name]
		assert.True(t, len(p.payload) >= s[0] && len(p.payload) <= s[1], "%s is %d bytes", p.name, len(p.payload))
	}
}

// blLeaveRequest is the baseline's own leave request.
type blLeaveRequest struct {
	ID          string `json:"id"`
	StartDate   string `json:"startDate"`
	EndDate     string `json:"endDate"`
	RequestedOn string `json:"requestedOn"`
	Note        string `json:"note"`
	Status      string `json:"status"`
	LeaveType   struct {
		ID   string `json:"id"`
		Name string `json:"name"`
		Type string `json:"type"`
	} `json:"leaveType"`
	Unit   string  `json:"unit"`
	Amount float64 `json:"amount"`
	IsPaid string  `json:"isPaid"`
}

// blEmployeeFull is blEmployeeEvent with leave requests and the present
// address: the baseline's typed envelope for employeePayloads.
type blEmployeeFull struct {
	blEmployeeEvent
	EventData struct {
		blEmployee
		Locations *struct {
			WorkAddress    *blAddress `json:"workAddress"`
			PresentAddress *blAddress `json:"presentAddress"`
		} `json:"locations"`
		LeaveRequests []blLeaveRequest `json:"leaveRequests"`
	} `json:"eventData"`
}

// BenchmarkWebhookRoute is a receiver that verifies, reads the envelope to
// route by type, and acknowledges: webhook.Verify + webhook.Parse against
// crypto/hmac + json.Unmarshal of the envelope with eventData raw
// (baselineVerifyParse). Target (CPU): ≤ 0.6× on every payload.
func BenchmarkWebhookRoute(b *testing.B) {
	payloads := append(employeePayloads(), struct {
		name    string
		payload []byte
	}{"jobs64k", webhookEvent(64 << 10)})
	for _, p := range payloads {
		sig := webhook.Sign(p.payload, webhookKey)
		b.Run("payload="+p.name+"/variant=sdk", func(b *testing.B) {
			b.SetBytes(int64(len(p.payload)))
			b.ReportAllocs()
			cpu := startCPU()
			for b.Loop() {
				if err := webhook.Verify(p.payload, sig, webhookKey); err != nil {
					b.Fatal(err)
				}
				ev, err := webhook.Parse(p.payload)
				if err != nil || !ev.EventType.IsRecord() {
					b.Fatal(err)
				}
			}
			cpu.report(b)
		})
		b.Run("payload="+p.name+"/variant=baseline", func(b *testing.B) {
			b.SetBytes(int64(len(p.payload)))
			b.ReportAllocs()
			cpu := startCPU()
			for b.Loop() {
				ev, err := baselineVerifyParse(p.payload, sig, webhookKey)
				if err != nil || ev.EventType != "record.modified" {
					b.Fatal(err)
				}
			}
			cpu.report(b)
		})
	}
}

// BenchmarkWebhookTyped verifies, parses and reads the employee record:
// webhook.Verify + webhook.Parse + Event.Employee() against crypto/hmac +
// one json.Unmarshal into the baseline's own typed envelope. Targets (CPU):
// ≤ 0.6× on typical and leaveheavy, ≤ 0.5× on customheavy.
func BenchmarkWebhookTyped(b *testing.B) {
	for _, p := range employeePayloads() {
		sig := webhook.Sign(p.payload, webhookKey)
		b.Run("payload="+p.name+"/variant=sdk", func(b *testing.B) {
			b.SetBytes(int64(len(p.payload)))
			b.ReportAllocs()
			cpu := startCPU()
			for b.Loop() {
				if err := webhook.Verify(p.payload, sig, webhookKey); err != nil {
					b.Fatal(err)
				}
				ev, err := webhook.Parse(p.payload)
				if err != nil {
					b.Fatal(err)
				}
				emp, err := ev.Employee()
				if err != nil || emp.ID() != "emp_1" {
					b.Fatal(err)
				}
			}
			cpu.report(b)
		})
		b.Run("payload="+p.name+"/variant=baseline", func(b *testing.B) {
			b.SetBytes(int64(len(p.payload)))
			b.ReportAllocs()
			cpu := startCPU()
			for b.Loop() {
				ev, err := baselineVerifyTyped(p.payload, sig, webhookKey)
				if err != nil || ev.EventData.Profile.ID != "emp_1" {
					b.Fatal(err)
				}
			}
			cpu.report(b)
		})
	}
}

// baselineVerifyTyped is a hand-written verify + one typed unmarshal.
func baselineVerifyTyped(payload []byte, sig, key string) (*blEmployeeFull, error) {
	if err := baselineVerify(payload, sig, key); err != nil {
		return nil, err
	}
	var ev blEmployeeFull
	if err := json.Unmarshal(payload, &ev); err != nil {
		return nil, err
	}
	return &ev, nil
}

// TestWebhookTypedBaselineEquivalent checks that both variants of
// BenchmarkWebhookTyped read the same employee.
func TestWebhookTypedBaselineEquivalent(t *testing.T) {
	t.Parallel()
	for _, p := range employeePayloads() {
		sig := webhook.Sign(p.payload, webhookKey)
		ev, err := webhook.Parse(p.payload)
		require.NoError(t, err)
		emp, err := ev.Employee()
		require.NoError(t, err)
		bl, err := baselineVerifyTyped(p.payload, sig, webhookKey)
		require.NoError(t, err)
		assert.Equal(t, bl.EventData.Profile.LastName, emp.Profile.LastName, p.name)
		assert.Equal(t, bl.EventData.Locations.PresentAddress.City, emp.Locations.PresentAddress.City, p.name)
		require.Len(t, emp.LeaveRequests, len(bl.EventData.LeaveRequests), p.name)
		for i, lr := range emp.LeaveRequests {
			assert.Equal(t, bl.EventData.LeaveRequests[i].Note, lr.Note, p.name)
		}
		assert.Len(t, emp.CustomFields, len(bl.EventData.CustomFields), p.name)
		_, err = baselineVerifyTyped(p.payload, webhook.Sign(p.payload, "other"), webhookKey)
		require.ErrorIs(t, err, errBadSignature, "the baseline really verifies")
	}
}

// BenchmarkHandler64 delivers the typical employee event to an
// http.Handler from 64 goroutines at once (b.RunParallel): webhook.NewHandler
// routing by type without dedupe, against a hand-written handler (read the
// body, verify, unmarshal the envelope with eventData raw, switch on the
// type, 200). Target: throughput ≥ 1.2×, i.e. ns/op ≤ 0.83×.
func BenchmarkHandler64(b *testing.B) {
	payload := employeeEventOf(4, 6)
	sig := webhook.Sign(payload, webhookKey)
	router := webhook.NewRouter()
	router.OnRecord("employee", func(context.Context, *webhook.Event) error { return nil })
	handlers := []struct {
		name string
		h    http.Handler
	}{
		{"sdk", webhook.NewHandler([]string{webhookKey}, router.Handle, webhook.WithDeduper(nil))},
		{"baseline", http.HandlerFunc(baselineHandler)},
	}
	for _, h := range handlers {
		b.Run("variant="+h.name, func(b *testing.B) {
			b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
			b.SetBytes(int64(len(payload)))
			b.ReportAllocs()
			cpu := startCPU()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req := httptest.NewRequest(http.MethodPost, "/knit", bytes.NewReader(payload))
					req.Header.Set(webhook.HeaderSignature, sig)
					w := httptest.NewRecorder()
					h.h.ServeHTTP(w, req)
					if w.Code != http.StatusOK {
						b.Errorf("status %d: %s", w.Code, w.Body)
						return
					}
				}
			})
			cpu.report(b)
		})
	}
}

// baselineHandler is the hand-written receiver of BenchmarkHandler64.
func baselineHandler(w http.ResponseWriter, r *http.Request) {
	payload, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "read", http.StatusBadRequest)
		return
	}
	ev, err := baselineVerifyParse(payload, r.Header.Get(webhook.HeaderSignature), webhookKey)
	if err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	switch {
	case ev.EventID == "":
		http.Error(w, "no eventId", http.StatusBadRequest)
	case ev.EventType == "record.new" || ev.EventType == "record.modified":
		w.WriteHeader(http.StatusOK)
	default:
		w.WriteHeader(http.StatusOK)
	}
}
