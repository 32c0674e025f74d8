package knit_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/option"
)

func TestNewClientValidation(t *testing.T) {
	t.Parallel()
	_, err := knit.NewClient("")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "API key is empty")

	_, err = knit.NewClient("k", option.WithBaseURL("http://api.getknit.dev/v1.0"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "only https")

	_, err = knit.NewClient("k", option.WithBaseURL("::bad"))
	require.Error(t, err)

	_, err = knit.NewClient("k", option.WithRetryWait(2, 1))
	require.Error(t, err)
	_, err = knit.NewClient("k", option.WithMaxRetries(-1))
	require.Error(t, err)
	_, err = knit.NewClient("k", option.WithHeader("Authorization", "x"))
	require.Error(t, err)
	_, err = knit.NewClient("k", option.WithHTTPClient(nil))
	require.Error(t, err)

	c, err := knit.NewClient("k", option.WithBaseURL(knit.SandboxBaseURL))
	require.NoError(t, err)
	assert.NotNil(t, c.AuthSessions)
}

func TestClientDo(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.json("apps.list", 200, `{"success":true,"data":{"apps":["bamboohr"]}}`)
	c := f.client(option.WithHeader("X-Trace", "t1"))

	var out struct{ Apps []string }
	require.NoError(t, c.Do(bg, http.MethodGet, "apps.list", url.Values{"category": {"HRIS"}}, &out))
	assert.Equal(t, []string{"bamboohr"}, out.Apps)
	r := f.last()
	assert.Equal(t, "category=HRIS", r.Query)
	assert.Empty(t, r.Header.Values("X-Knit-Integration-Id"))
	assert.Equal(t, "t1", r.Header.Get("X-Trace"))

	err := c.Do(bg, http.MethodDelete, "apps.list", nil, nil)
	require.ErrorIs(t, err, knit.ErrInvalidParams)
	var pe *knit.ParamError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "httpMethod", pe.Field)
}

// An integration handle is made per request in most servers: it and every
// category client and service in it are one allocation.
func TestIntegrationHandleIsOneAllocation(t *testing.T) {
	c := newFake(t).client()
	var in *knit.IntegrationClient
	allocs := testing.AllocsPerRun(100, func() { in = c.Integration("mg_abc") })
	assert.InDelta(t, 1.0, allocs, 0.001)
	assert.Equal(t, "mg_abc", in.ID())
	assert.NotNil(t, in.HRIS.Deductions)
	assert.NotNil(t, in.ATS.Candidates)
	assert.NotNil(t, in.Accounting.Invoices)
	assert.NotNil(t, in.Sync)
}

func TestIntegrationHandle(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.json("integration.deactivate", 200, `{"success":true,"data":null}`)
	f.json("hr.custom.thing", 200, `{"success":true,"data":{"x":1}}`)
	c := f.client()

	in := c.Integration("mg_abc")
	assert.Equal(t, "mg_abc", in.ID())
	require.NoError(t, in.Deactivate(bg))
	r := f.last()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/v1.0/integration.deactivate", r.Path)
	assert.Equal(t, "mg_abc", r.Header.Get("X-Knit-Integration-Id"))
	assert.JSONEq(t, `{}`, string(r.Body))

	var out map[string]int
	require.NoError(t, in.Do(bg, http.MethodPost, "hr.custom.thing", map[string]string{"k": "v"}, &out))
	assert.Equal(t, 1, out["x"])
	assert.JSONEq(t, `{"k":"v"}`, string(f.last().Body))

	n := len(f.requests())
	err := c.Integration("").Deactivate(bg)
	require.ErrorIs(t, err, knit.ErrIntegrationRequired)
	assert.Len(t, f.requests(), n, "nothing sent without an integration ID")

	err = in.Do(bg, http.MethodGet, "no.such.method", nil, nil)
	var kerr *knit.Error
	require.ErrorAs(t, err, &kerr)
	assert.Equal(t, "mg_abc", kerr.IntegrationID)
	assert.Equal(t, "no.such.method", kerr.Method)
	assert.Equal(t, "exec_test", kerr.ExecutionID)
	assert.ErrorIs(t, err, knit.ErrNotFound)
}

func TestResponseIntoOption(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.json("integration.deactivate", 200, `{"success":true,"data":null}`)
	var resp knit.Response
	require.NoError(t, f.client().Integration("i").Deactivate(bg, option.WithResponseInto(&resp)))
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "exec_test", resp.ExecutionID)
}

func TestSentinelsAreDistinct(t *testing.T) {
	t.Parallel()
	all := []error{knit.ErrUnauthorized, knit.ErrForbidden, knit.ErrNotFound, knit.ErrNotSupported,
		knit.ErrRateLimited, knit.ErrServer, knit.ErrIntegrationRequired, knit.ErrMalformedResponse,
		knit.ErrInvalidParams, knit.ErrMagicLinkUnavailable, knit.ErrIntegrationNotConfirmed}
	for i, a := range all {
		for j, b := range all {
			assert.Equal(t, i == j, errors.Is(a, b), "%v vs %v", a, b)
		}
	}
}

// payment is a caller's own type, written for encoding/json: a json.Number
// amount, `,string` fields, numbers in an interface{}, a promoted embedded
// struct and a field that a JSON null leaves alone.
type payment struct {
	Amount  json.Number    `json:"amount"`
	Cents   json.Number    `json:"cents,string"`
	Count   int            `json:"count,string"`
	Paid    bool           `json:"paid,string"`
	Meta    any            `json:"meta"`
	Lines   map[string]any `json:"lines"`
	Default int            `json:"default"`
	Payee
}

// Payee is embedded in payment.
type Payee struct {
	Name string `json:"name"`
}

// TestDoDecodesLikeEncodingJSON: Client.Do and IntegrationClient.Do fill
// the caller's own type exactly as encoding/json.Unmarshal fills it from
// the same data, in every build.
func TestDoDecodesLikeEncodingJSON(t *testing.T) {
	t.Parallel()
	const data = `{"amount":185000.10,"cents":"18500010","count":"3","paid":"true",` +
		`"meta":{"big":12345678901234567890,"list":[1,2.5]},"lines":{"n":7},"default":null,` +
		`"NAME":"Zoë"}`
	f := newFake(t)
	f.json("pay.get", 200, `{"success":true,"data":`+data+`}`)
	f.json("pay.bad", 200, `{"success":true,"data":{"amount":"12abc"}}`)
	f.json("pay.refused", 200, `{"success":false,"data":{"amount":"12abc"},"error":{"msg":"no such payment"}}`)
	c := f.client()

	want := payment{Default: 5}
	require.NoError(t, json.Unmarshal([]byte(data), &want))
	require.Equal(t, "185000.10", want.Amount.String())

	for name, do := range map[string]func(string, any) error{
		"Client.Do": func(m string, out any) error { return c.Do(bg, http.MethodGet, m, nil, out) },
		"IntegrationClient.Do": func(m string, out any) error {
			return c.Integration("mg_abc").Do(bg, http.MethodPost, m, nil, out)
		},
	} {
		got := payment{Default: 5}
		require.NoError(t, do("pay.get", &got), name)
		assert.Equal(t, want, got, name)

		// A number that is no number: malformed, naming the field.
		err := do("pay.bad", &got)
		require.ErrorIs(t, err, knit.ErrMalformedResponse, name)
		assert.Contains(t, err.Error(), "payment.amount", name)
		var typeErr *json.UnmarshalTypeError
		require.ErrorAs(t, err, &typeErr, "encoding/json's own error type, %s", name)
		assert.Equal(t, "amount", typeErr.Field, name)
		require.Error(t, json.Unmarshal([]byte(`{"amount":"12abc"}`), &got), "encoding/json refuses it too")

		// A refusal keeps Knit's message even when its data does not fit.
		err = do("pay.refused", &got)
		var kerr *knit.Error
		require.ErrorAs(t, err, &kerr, name)
		assert.Equal(t, "no such payment", kerr.Message, name)
		assert.NotErrorIs(t, err, knit.ErrMalformedResponse, name)
	}
}
