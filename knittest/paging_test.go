package knittest_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
)

// walk follows nextPageToken from the first page to the last and returns
// every item's raw JSON and the number of pages.
func walk(t *testing.T, srv *knittest.Server, method, integ, key string, q url.Values) ([]json.RawMessage, int) {
	t.Helper()
	var all []json.RawMessage
	token, pages := "", 0
	for {
		qq := url.Values{}
		for k, v := range q {
			qq[k] = v
		}
		if token != "" {
			qq.Set("pageToken", token)
		}
		var data map[string]json.RawMessage
		ok(t, get(t, srv, method, integ, qq), &data)
		pages++
		var items []json.RawMessage
		require.NoError(t, json.Unmarshal(data[key], &items))
		all = append(all, items...)
		require.Contains(t, data, "nextPageToken")
		if string(data["nextPageToken"]) == "null" {
			return all, pages
		}
		require.NoError(t, json.Unmarshal(data["nextPageToken"], &token))
		require.NotEmpty(t, token)
		require.Less(t, pages, 1000, "paging does not end")
	}
}

func ids(t *testing.T, items []json.RawMessage) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, it := range items {
		var v struct {
			Info struct {
				ID string `json:"id"`
			} `json:"info"`
		}
		require.NoError(t, json.Unmarshal(it, &v))
		require.NotEmpty(t, v.Info.ID)
		out[v.Info.ID] = true
	}
	return out
}

func TestPagingJobsAndApplications(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-p", knit.CategoryATS)

	apps, pages := walk(t, srv, "ats.application.list", integ, "applications", nil)
	assert.Len(t, apps, 400)
	assert.Len(t, ids(t, apps), 400, "no duplicates across pages")
	assert.Equal(t, 8, pages)

	jobs, pages := walk(t, srv, "ats.job.list", integ, "jobs", nil)
	assert.Len(t, ids(t, jobs), 25)
	assert.Equal(t, 1, pages)

	small := newServer(t, knittest.WithPageSize(10))
	integ2 := connect(t, small, "org-p", knit.CategoryATS)
	jobs, pages = walk(t, small, "ats.job.list", integ2, "jobs", nil)
	assert.Len(t, ids(t, jobs), 25)
	assert.Equal(t, 3, pages)

	// Filter by job.
	var first struct {
		Info struct {
			JobID string `json:"jobId"`
		} `json:"info"`
	}
	require.NoError(t, json.Unmarshal(apps[0], &first))
	filtered, _ := walk(t, srv, "ats.application.list", integ, "applications", url.Values{"jobId": {first.Info.JobID}})
	assert.NotEmpty(t, filtered)
	assert.Less(t, len(filtered), 400)

	msg := fails(t, get(t, srv, "ats.job.list", integ, url.Values{"pageToken": {"garbage"}}), http.StatusBadRequest)
	assert.Contains(t, msg, "pageToken")
}

func TestPagingAttendanceAcrossAllEmployees(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-a", knit.CategoryHRIS)
	// Monday 2025-06-02 .. Friday 2025-06-06: five working days per employee.
	q := url.Values{"startDate": {"2025-06-02"}, "endDate": {"2025-06-06"}}
	rows, pages := walk(t, srv, "hr.employees.attendance", integ, "attendance", q)
	assert.Greater(t, pages, 5)

	perEmployee := map[string]int{}
	for _, r := range rows {
		var a struct {
			EmployeeID string `json:"employeeId"`
			Date       string `json:"date"`
		}
		require.NoError(t, json.Unmarshal(r, &a))
		perEmployee[a.EmployeeID]++
	}
	// Every employee who had started by then is there, each at most 5 times.
	assert.Greater(t, len(perEmployee), 200)
	for id, n := range perEmployee {
		assert.LessOrEqual(t, n, 5, id)
	}

	one, _ := walk(t, srv, "hr.employees.timesheets", integ, "timesheets", url.Values{
		"startDate": {"2025-06-02"}, "endDate": {"2025-06-06"}, "employeeId": {"EMP1001"},
	})
	assert.NotEmpty(t, one)
	assert.LessOrEqual(t, len(one), 5)

	fails(t, get(t, srv, "hr.employees.attendance", integ, url.Values{"startDate": {"2025-06-02"}}), http.StatusBadRequest)
	fails(t, get(t, srv, "hr.employees.attendance", integ, url.Values{"startDate": {"2025-06-02"}, "endDate": {"2025-01-01"}}), http.StatusBadRequest)
}

func TestSameSeedSameBytesOverHTTP(t *testing.T) {
	t.Parallel()
	fetch := func(opts ...knittest.Option) string {
		srv := newServer(t, opts...)
		integ := connect(t, srv, "org", knit.CategoryATS)
		r := get(t, srv, "ats.application.list", integ, nil)
		ok(t, r, nil)
		return string(r.env.Data)
	}
	a, b := fetch(knittest.WithSeed(42)), fetch(knittest.WithSeed(42))
	assert.Equal(t, a, b)
	assert.NotEqual(t, a, fetch(knittest.WithSeed(43)))
}
