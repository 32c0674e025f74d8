package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadBody(t *testing.T) {
	t.Parallel()
	body := bytes.Repeat([]byte("0123456789"), 10_000) // 100,000 bytes
	cases := []struct {
		name     string
		r        io.Reader
		size     int64
		limit    int64
		want     int
		tooLarge bool
	}{
		{name: "known size", r: bytes.NewReader(body), size: int64(len(body)), limit: 1 << 20, want: len(body)},
		{name: "unknown size", r: bytes.NewReader(body), size: -1, limit: 1 << 20, want: len(body)},
		{name: "one byte reads", r: iotest.OneByteReader(bytes.NewReader(body[:5000])), size: -1, limit: 1 << 20, want: 5000},
		{name: "size understated", r: bytes.NewReader(body), size: 10, limit: 1 << 20, want: len(body)},
		{name: "exactly the limit", r: bytes.NewReader(body), size: -1, limit: int64(len(body)), want: len(body)},
		{name: "one byte over", r: bytes.NewReader(body), size: -1, limit: int64(len(body)) - 1, tooLarge: true},
		{name: "announced over", r: bytes.NewReader(body), size: int64(len(body)), limit: 1000, tooLarge: true},
		{name: "empty", r: bytes.NewReader(nil), size: 0, limit: 1000, want: 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			bb, tooLarge, err := readBody(tc.r, tc.size, tc.limit)
			defer bb.release()
			require.NoError(t, err)
			assert.Equal(t, tc.tooLarge, tooLarge)
			if tc.tooLarge {
				assert.LessOrEqual(t, int64(len(bb.b)), tc.limit+1, "reads at most limit+1 bytes")
				return
			}
			assert.Equal(t, body[:tc.want], bb.b)
		})
	}
}

func TestReadBodyReportsReadErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("connection reset")
	bb, tooLarge, err := readBody(io.MultiReader(strings.NewReader(`{"success":`), iotest.ErrReader(boom)), -1, 1<<20)
	defer bb.release()
	require.ErrorIs(t, err, boom)
	assert.False(t, tooLarge)
}

// TestLargeBodyNotPooled checks that a buffer grown past maxPooledBody is
// not kept by the pool: a large response must not pin its memory.
func TestLargeBodyNotPooled(t *testing.T) {
	t.Parallel()
	big := bytes.Repeat([]byte("x"), 4*maxPooledBody)
	bb, tooLarge, err := readBody(bytes.NewReader(big), int64(len(big)), 64<<20)
	require.NoError(t, err)
	require.False(t, tooLarge)
	require.Len(t, bb.b, len(big))
	bb.release()
	for range 100 {
		slot := bodyPool.Get().(*[]byte)
		assert.LessOrEqual(t, cap(*slot), maxPooledBody)
		bodyPool.Put(slot)
	}
}

// TestDecodedValuesDoNotAliasTheBuffer checks that what a call decodes
// survives the reuse of its body buffer by later calls.
func TestDecodedValuesDoNotAliasTheBuffer(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		n := r.URL.Query().Get("n")
		writeJSON(w, 200, `{"success":true,"data":{"s":"first-`+n+`","raw":{"k":"raw-`+n+`"},"m":{"a":["m-`+n+`"]}}}`)
	})
	c := srv.client(t)
	type out struct {
		S   string                     `json:"s"`
		Raw json.RawMessage            `json:"raw"`
		M   map[string]json.RawMessage `json:"m"`
	}
	var results []out
	for _, n := range []string{"1", "2", "3", "4"} {
		var o out
		require.NoError(t, c.Integration("int_1").Get(context.Background(), "x.y", map[string]string{"n": n}, &o, nil))
		results = append(results, o)
	}
	for i, o := range results {
		n := string(rune('1' + i))
		assert.Equal(t, "first-"+n, o.S)
		assert.JSONEq(t, `{"k":"raw-`+n+`"}`, string(o.Raw))
		assert.JSONEq(t, `["m-`+n+`"]`, string(o.M["a"]))
	}
}
