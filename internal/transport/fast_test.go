package transport

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/internal/fastjson"
)

// fastProbe is a result type with a fast decoder, for these tests.
type fastProbe struct {
	Items []string `json:"items"`
	Next  string   `json:"next"`
}

var fastProbeCalls atomic.Int32

func init() {
	RegisterFastDecoder(func(d *fastjson.Decoder, p *fastProbe) bool {
		fastProbeCalls.Add(1)
		return fastjson.Struct(d, p, []fastjson.Field[fastProbe]{
			fastjson.F("items", func(d *fastjson.Decoder, p *fastProbe) bool {
				return fastjson.Slice(d, &p.Items, fastjson.String)
			}),
			fastjson.F("next", func(d *fastjson.Decoder, p *fastProbe) bool { return fastjson.String(d, &p.Next) }),
		})
	})
}

// TestFastDecoderEnvelope checks when the transport's fast path answers and
// that every answer, fast or not, is encoding/json's.
func TestFastDecoderEnvelope(t *testing.T) {
	// Not parallel: it counts the fast decoder's calls.
	cases := []struct {
		name, body string
		fast       bool // answered by the fast path
		want       fastProbe
		err        string
	}{
		{name: "plain success", body: `{"success":true,"data":{"items":["a","b"],"next":"n"}}`, fast: true, want: fastProbe{Items: []string{"a", "b"}, Next: "n"}},
		{name: "data first, other keys skipped", body: `{"data":{"items":[]},"msg":{"x":[1]},"error":null,"success":true}`, fast: true, want: fastProbe{Items: []string{}}},
		{name: "null data leaves out as it was", body: `{"success":true,"data":null}`, fast: true, want: fastProbe{Items: []string{}}},
		{name: "a case variant of success", body: `{"Success":true,"data":{"items":["a"]}}`, want: fastProbe{Items: []string{"a"}}},
		{name: "a case variant in the data", body: `{"success":true,"data":{"Items":["a"]}}`, want: fastProbe{Items: []string{"a"}}},
		{name: "success false after the data", body: `{"data":{"items":["a"]},"success":false,"error":{"msg":"nope"}}`, err: "nope"},
		{name: "no success", body: `{"data":{"items":["a"]}}`, err: `no "success" field`},
		{name: "trailing garbage", body: `{"success":true,"data":{"items":["a"]}} x`, err: "malformed"},
		{name: "wrong type in the data", body: `{"success":true,"data":{"items":[1]}}`, err: "malformed"},
		{name: "data twice", body: `{"success":true,"data":{"items":["a","b"]},"data":{"next":"n"}}`, want: fastProbe{Items: []string{"a", "b"}, Next: "n"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, 200, tc.body) })
			c := s.client(t, func(c *Config) error { c.MaxRetries = 0; return nil })
			before := fastProbeCalls.Load()
			// Capacity, as a page-size hint gives it: a failed fast
			// attempt must not leave its elements behind.
			out := fastProbe{Items: make([]string, 0, 4)}
			err := c.Integration("int_1").Get(context.Background(), "test.method", nil, &out, nil)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, out)
			if tc.fast {
				assert.Equal(t, before+1, fastProbeCalls.Load(), "answered by the fast path")
			}
		})
	}
}
