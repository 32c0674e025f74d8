package knit_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
)

func TestPassthrough(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		data string
		body string
	}{
		{"string body", `{"response":{"body":"{\"id\":\"c1\"}","headers":{"Content-Type":"application/json","Set-Cookie":["a=1","b=2"]}}}`, `{"id":"c1"}`},
		{"double encoded", `{"response":{"body":"\"{\\\"id\\\":\\\"c1\\\"}\"","headers":{}}}`, `{"id":"c1"}`},
		{"object body", `{"response":{"body":{"id":"c1"}}}`, `{"id":"c1"}`},
		{"text body", `{"response":{"body":"plain text"}}`, `plain text`},
		{"null body", `{"response":{"body":null}}`, ``},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			f.json("passthrough", 200, `{"success":true,"data":`+tc.data+`}`)
			in := f.client().Integration("int_p")
			resp, err := in.Passthrough(bg, &knit.PassthroughRequest{
				Method:  "post",
				Path:    "/candidate.info",
				Params:  map[string]string{"k": "v"},
				Body:    []byte(`{"id":"c1"}`),
				Headers: map[string]string{"Accept": "application/json"},
			})
			require.NoError(t, err)
			assert.Equal(t, tc.body, string(resp.Body))
			assert.JSONEq(t, tc.data, string(resp.Raw))
			if tc.name == "string body" {
				assert.Equal(t, "application/json", resp.Headers.Get("content-type"))
				assert.Equal(t, []string{"a=1", "b=2"}, resp.Headers.Values("Set-Cookie"))
			}
			r := f.last()
			assert.Equal(t, http.MethodPost, r.Method)
			assert.Equal(t, "/v1.0/passthrough", r.Path)
			assert.Equal(t, "int_p", r.Header.Get("X-Knit-Integration-Id"))
			assert.JSONEq(t, `{"method":"POST","path":"/candidate.info","params":{"k":"v"},
				"body":"{\"id\":\"c1\"}","headers":{"Accept":"application/json"}}`, string(r.Body))
		})
	}
}

func TestPassthroughRetriesFollowUpstreamMethod(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.json("passthrough", 503, `{"success":false,"error":{"msg":"upstream down"}}`)
	in := f.client().Integration("int_p")

	_, err := in.Passthrough(bg, &knit.PassthroughRequest{Method: http.MethodPost, Path: "/x"})
	require.ErrorIs(t, err, knit.ErrServer)
	assert.Len(t, f.requests(), 1, "an upstream write is not repeated")

	_, err = in.Passthrough(bg, &knit.PassthroughRequest{Method: http.MethodGet, Path: "/x"})
	require.ErrorIs(t, err, knit.ErrServer)
	assert.Len(t, f.requests(), 4, "an upstream read is retried")
	assert.NotContains(t, string(f.last().Body), `"body"`, "no body field without a body")
}

func TestPassthroughValidation(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	in := f.client().Integration("int_p")
	for field, req := range map[string]*knit.PassthroughRequest{
		"req":    nil,
		"Method": {Method: "FETCH", Path: "/x"},
		"Path":   {Method: "GET"},
	} {
		_, err := in.Passthrough(bg, req)
		var pe *knit.ParamError
		require.ErrorAs(t, err, &pe, field)
		assert.Equal(t, field, pe.Field)
	}
	assert.Empty(t, f.requests())

	f.json("passthrough", 200, `{"success":true,"data":{"response":"not an object"}}`)
	_, err := in.Passthrough(bg, &knit.PassthroughRequest{Method: "GET", Path: "/x"})
	require.ErrorIs(t, err, knit.ErrMalformedResponse)
}
