package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// span is the part of stdouttrace's JSON the test reads.
type span struct {
	Name        string
	SpanKind    int
	SpanContext struct{ SpanID string }
	Parent      struct{ SpanID string }
	Attributes  []struct {
		Key   string
		Value struct{ Value any }
	}
}

func (s span) attr(key string) any {
	for _, a := range s.Attributes {
		if a.Key == key {
			return a.Value.Value
		}
	}
	return nil
}

func TestRunPrintsTheSpansOfOneSync(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out, summary bytes.Buffer
	require.NoError(t, run(ctx, &out, &summary))
	m := regexp.MustCompile(`^sync run \S+: (\d+) events delivered, (\d+) employees stored\n$`).FindStringSubmatch(summary.String())
	require.NotNil(t, m, summary.String())
	delivered, err := strconv.Atoi(m[1])
	require.NoError(t, err)
	stored, err := strconv.Atoi(m[2])
	require.NoError(t, err)
	assert.Equal(t, delivered-2, stored, "every event but sync.events.processed and allConsumed is an employee")

	var spans []span
	dec := json.NewDecoder(&out)
	for {
		var s span
		err := dec.Decode(&s)
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		spans = append(spans, s)
	}
	byID := map[string]span{}
	for _, s := range spans {
		byID[s.SpanContext.SpanID] = s
	}
	var start span
	var attempts, deliveries, stores int
	for _, s := range spans {
		switch {
		case s.Name == "sync.start":
			start = s
		case s.Name == "POST" && byID[s.Parent.SpanID].Name == "sync.start":
			attempts++
		case s.Name == "knit.webhook record.new":
			deliveries++
			assert.Equal(t, "processed", s.attr("knit.webhook.outcome"))
		case s.Name == "store record.new":
			stores++
			assert.Equal(t, "knit.webhook record.new", byID[s.Parent.SpanID].Name, "the callback's span is a child of the delivery span")
		}
	}
	require.NotEmpty(t, start.Name, "no sync.start span")
	assert.EqualValues(t, 2, start.attr("knit.attempts"))
	assert.Equal(t, 2, attempts, "a rate-limited attempt and its resend")
	assert.Positive(t, deliveries)
	assert.Equal(t, deliveries, stores)
}
