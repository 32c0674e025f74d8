package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/option"
)

const (
	benchKey         = "sk_bench_SECRET"
	benchIntegration = "int_bench"
	methodJobList    = "/v1.0/" + "ats.job.list"
	pageSize         = 100
	userAgent        = "knit-go-bench-baseline/1"
)

// jobJSON returns one realistic ATS job as Knit's ats.job.list sends it:
// every modelled key filled, a paragraph of HTML description, raw values and
// a key the SDK does not know.
func jobJSON(i int) string {
	return fmt.Sprintf(`{"info":{"id":"job-%[1]d","title":"Senior Backend Engineer %[1]d",`+
		`"description":"<p>We are looking for an engineer to build and run the services behind our hiring platform. You will own APIs used by thousands of companies, work with Go, Postgres and Kafka, and mentor other engineers.</p><ul><li>5+ years of backend experience</li><li>Distributed systems</li></ul>",`+
		`"createdAt":"2024-11-16T17:20:38Z","updatedAt":"2024-11-18T09:02:11Z","closedAt":null,"status":"OPEN","isConfidential":false,`+
		`"infoUrl":"https://ats.example/jobs/%[1]d","applyUrl":"https://ats.example/jobs/%[1]d/apply"},`+
		`"departments":[{"id":"d-%[2]d","name":"Engineering"}],`+
		`"offices":[{"id":"o1","name":"HQ","location":"San Francisco, CA","address":{"addressLine1":"1 Market St","city":"San Francisco","state":"CA","country":"US","zipCode":"94105","addressType":"WORK"}}],`+
		`"hiringManagers":[{"id":"hm-%[2]d","firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","employeeId":"e-%[2]d"}],`+
		`"recruiters":[{"id":"r-%[2]d","firstName":"Grace","lastName":"Hopper","email":"grace@example.com","employeeId":"e-9%[2]d"}],`+
		`"stages":[{"id":"s1","text":"Application review"},{"id":"s2","text":"Phone screen"},{"id":"s3","text":"Onsite"},{"id":"s4","text":"Offer"}],`+
		`"rawValues":{"status":"open","descriptions":[]},"unknownField":{"future":true}}`, i, i%7)
}

// pageJSON returns the envelope of one page of n jobs starting at first,
// with next as the nextPageToken ("" on the last page).
func pageJSON(first, n int, next string) []byte {
	var b bytes.Buffer
	b.WriteString(`{"success":true,"data":{"jobs":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(jobJSON(first + i))
	}
	b.WriteString(`],"nextPageToken":`)
	tok, _ := json.Marshal(next)
	b.Write(tok)
	b.WriteString(`}}`)
	return b.Bytes()
}

// pagedServer answers ats.job.list with total jobs in pages of pageSize.
// Page k (0-based) is requested with pageToken "p<k>"; the first page has no
// token. The page bodies differ only in their token, so the jobs array is
// rendered once and reused.
type pagedServer struct {
	srv   *httptest.Server
	pages int
	jobs  []byte // the rendered jobs array, without brackets
}

func newPagedServer(tb testing.TB, total int) *pagedServer {
	tb.Helper()
	require.Zero(tb, total%pageSize, "total must be a multiple of the page size")
	p := &pagedServer{pages: total / pageSize}
	full := pageJSON(0, pageSize, "")
	start := bytes.IndexByte(full, '[') + 1
	end := bytes.LastIndexByte(full, ']')
	p.jobs = full[start:end]
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	tb.Cleanup(p.srv.Close)
	return p
}

func (p *pagedServer) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != methodJobList || r.Header.Get("Authorization") != "Bearer "+benchKey ||
		r.Header.Get("X-Knit-Integration-Id") == "" {
		http.Error(w, `{"success":false,"error":{"msg":"bad request"}}`, http.StatusBadRequest)
		return
	}
	page := 0
	if tok := r.URL.Query().Get("pageToken"); tok != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(tok, "p"))
		if err != nil || n <= 0 || n >= p.pages {
			http.Error(w, `{"success":false,"error":{"msg":"bad pageToken"}}`, http.StatusBadRequest)
			return
		}
		page = n
	}
	next := ""
	if page+1 < p.pages {
		next = "p" + strconv.Itoa(page+1)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Knit-Execution-Id", "exec_bench")
	_, _ = io.WriteString(w, `{"success":true,"data":{"jobs":[`)
	_, _ = w.Write(p.jobs)
	_, _ = io.WriteString(w, `],"nextPageToken":"`+next+`"}}`)
}

// staticServer answers ats.job.list with body, whatever the token.
func staticServer(tb testing.TB, body []byte) *httptest.Server {
	tb.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != methodJobList || r.Header.Get("Authorization") != "Bearer "+benchKey ||
			r.Header.Get("X-Knit-Integration-Id") == "" {
			http.Error(w, `{"success":false,"error":{"msg":"bad request"}}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Knit-Execution-Id", "exec_bench")
		_, _ = w.Write(body)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// countingServer is staticServer that also counts the connections opened
// to it.
func countingServer(tb testing.TB, body []byte) (*httptest.Server, *atomic.Int64) {
	tb.Helper()
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != methodJobList || r.Header.Get("Authorization") != "Bearer "+benchKey {
			http.Error(w, `{"success":false,"error":{"msg":"bad request"}}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	tb.Cleanup(srv.Close)
	return srv, &conns
}

// sharedHTTPClient is the one *http.Client both variants use: a private
// transport with enough idle connections per host for 64 goroutines.
func sharedHTTPClient(tb testing.TB) *http.Client {
	tb.Helper()
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        256,
		MaxIdleConnsPerHost: 128,
		IdleConnTimeout:     90 * time.Second,
		ForceAttemptHTTP2:   false,
	}
	tb.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

// sdkClient returns a knit client for srv that uses hc.
func sdkClient(tb testing.TB, srv *httptest.Server, hc *http.Client) *knit.Client {
	tb.Helper()
	c, err := knit.NewClient(benchKey, option.WithBaseURL(srv.URL+"/v1.0"), option.WithHTTPClient(hc))
	require.NoError(tb, err)
	return c
}

// baseline is the hand-written client: net/http and encoding/json, the
// same URL, headers and envelope as the SDK, decoding the response stream
// into its own types (blJob).
type baseline struct {
	hc      *http.Client
	baseURL string
	key     string
}

// The baseline's own types: what a user writing against Knit's docs would
// declare for ats.job.list, with dates as strings and the raw sections as
// json.RawMessage. They do not use the SDK's models.
type (
	blUser struct {
		ID         string `json:"id"`
		FirstName  string `json:"firstName"`
		LastName   string `json:"lastName"`
		Email      string `json:"email"`
		EmployeeID string `json:"employeeId"`
	}
	blAddress struct {
		AddressLine1 string `json:"addressLine1"`
		AddressLine2 string `json:"addressLine2"`
		City         string `json:"city"`
		State        string `json:"state"`
		Country      string `json:"country"`
		ZipCode      string `json:"zipCode"`
		AddressType  string `json:"addressType"`
	}
	blJob struct {
		Info struct {
			ID           string `json:"id"`
			Title        string `json:"title"`
			Description  string `json:"description"`
			CreatedAt    string `json:"createdAt"`
			UpdatedAt    string `json:"updatedAt"`
			ClosedAt     string `json:"closedAt"`
			Status       string `json:"status"`
			Confidential *bool  `json:"isConfidential"`
			InfoURL      string `json:"infoUrl"`
			ApplyURL     string `json:"applyUrl"`
		} `json:"info"`
		Departments []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"departments"`
		Offices []struct {
			ID       string    `json:"id"`
			Name     string    `json:"name"`
			Location string    `json:"location"`
			Address  blAddress `json:"address"`
		} `json:"offices"`
		HiringManagers []blUser `json:"hiringManagers"`
		Recruiters     []blUser `json:"recruiters"`
		Stages         []struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		} `json:"stages"`
		RawValues json.RawMessage `json:"rawValues"`
	}
)

// jobPageEnvelope is the {"success","data"} envelope of ats.job.list.
type jobPageEnvelope struct {
	Success bool `json:"success"`
	Data    struct {
		Jobs          []blJob `json:"jobs"`
		NextPageToken string  `json:"nextPageToken"`
	} `json:"data"`
	Error *struct {
		Msg string `json:"msg"`
	} `json:"error"`
}

// listJobs fetches one page the way a user would without the SDK.
func (bl *baseline) listJobs(ctx context.Context, integrationID, token string, env *jobPageEnvelope) error {
	u := bl.baseURL + "/" + "ats.job.list"
	if token != "" {
		u += "?pageToken=" + token // tokens in these benchmarks need no escaping
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+bl.key)
	req.Header.Set("X-Knit-Integration-Id", integrationID)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	resp, err := bl.hc.Do(req)
	if err != nil {
		return err
	}
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("ats.job.list: HTTP %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(env); err != nil {
		return fmt.Errorf("ats.job.list: %w", err)
	}
	if !env.Success {
		msg := ""
		if env.Error != nil {
			msg = env.Error.Msg
		}
		return fmt.Errorf("ats.job.list: success false: %s", msg)
	}
	return nil
}

// cpuMeter reports cpu-ns/op: the process's CPU time (client, loopback
// server and GC together) per operation, next to the wall-clock ns/op.
type cpuMeter struct{ start time.Duration }

func startCPU() cpuMeter { return cpuMeter{start: processCPU()} }

func (m cpuMeter) report(b *testing.B) {
	if b.N > 0 {
		b.ReportMetric(float64(processCPU()-m.start)/float64(b.N), "cpu-ns/op")
	}
}
