package eventdata

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecode(t *testing.T) {
	t.Parallel()
	type rec struct {
		Info struct {
			ID string `json:"id"`
		} `json:"info"`
		Tags []string `json:"tags"`
	}
	got, err := Decode[rec]("x.Rec", []byte(` {"info":{"id":"1"},"tags":null,"extra":true} `))
	require.NoError(t, err)
	assert.Equal(t, "1", got.Info.ID)
	assert.Nil(t, got.Tags)

	for in, want := range map[string]string{
		"":                                   "x.Rec: eventData is empty",
		"  ":                                 "eventData is empty",
		"[1,2]":                              `not a JSON object (starts with "[1,2]")`,
		`"` + string(make([]byte, 40)) + `"`: "…",
		// go-json-experiment picks "cannot" or "unable to" once per process, at
		// random, so that nobody depends on the wording: match around it.
		`{"info":5}`: `unmarshal JSON number into Go struct`,
		`{"info":`:   "unexpected EOF within \"/info\"",
	} {
		_, err := Decode[rec]("x.Rec", []byte(in))
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), want, in)
	}
}
