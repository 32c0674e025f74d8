package main

import (
	"bytes"
	"context"
	"flag"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/knittest"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// env returns a getenv that knows only vars.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// startReceiver runs the receiver on a free loopback port until the test
// ends, checks that it shut down cleanly, and returns its webhook URL and log.
func startReceiver(t *testing.T, getenv func(string) string, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs := new(syncBuffer)
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), getenv, logs, func(a string) { addrc <- a })
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			assert.NoError(t, err, "receiver shutdown")
		case <-time.After(5 * time.Second):
			t.Error("receiver did not shut down")
		}
	})
	select {
	case addr := <-addrc:
		return "http://" + addr + webhookPath, logs
	case err := <-done:
		require.NoError(t, err, "receiver stopped before listening")
		t.FailNow()
	case <-time.After(5 * time.Second):
		t.Fatal("receiver did not start")
	}
	return "", nil
}

func TestSendTestDemoMode(t *testing.T) {
	t.Parallel()
	url, logs := startReceiver(t, env(nil), "-demo")

	var out bytes.Buffer
	err := run(context.Background(), []string{"-demo", "-send-test", url, "-integration-id", "int_42"}, env(nil), &out, nil)
	require.NoError(t, err)
	assert.Contains(t, out.String(), "200 OK")

	log := logs.String()
	assert.Contains(t, log, "DEMO MODE")
	assert.Contains(t, log, "receiving Knit webhooks")
	line := lineWith(log, `msg="employee record"`)
	require.NotEmpty(t, line, "no employee log line in:\n%s", log)
	for _, want := range []string{
		"event_type=record.new", "data_type=employee", "integration_id=int_42",
		"employee_id=emp_test_1", `name="Ada Lovelace"`, "department=Engineering",
	} {
		assert.Contains(t, line, want)
	}
	// Only IDs and names: no key, no contact data, no whole record.
	assert.NotContains(t, log, demoKey)
	assert.NotContains(t, log, "ada@example.com")
	assert.NotContains(t, log, "eventData")
}

func TestSendTestWrongKeyIsRejected(t *testing.T) {
	t.Parallel()
	url, logs := startReceiver(t, env(map[string]string{envAPIKey: "receiver-key"}))

	var out bytes.Buffer
	err := run(context.Background(), []string{"-send-test", url}, env(map[string]string{envAPIKey: "someone-else"}), &out, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "401")
	assert.Contains(t, out.String(), "401 Unauthorized")
	assert.NotContains(t, logs.String(), "employee record", "a forged event reached the router")
	assert.NotContains(t, logs.String(), "receiver-key")

	// The right key is accepted by the same receiver.
	out.Reset()
	err = run(context.Background(), []string{"-send-test", url}, env(map[string]string{envAPIKey: "receiver-key"}), &out, nil)
	require.NoError(t, err)
	assert.Contains(t, out.String(), "200 OK")
	assert.Contains(t, logs.String(), "employee record")
}

// TestPlaygroundSync points the playground's webhooks at the receiver and
// runs real syncs: every record, then the two sync events, arrive verified.
func TestPlaygroundSync(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer(knittest.WithT(t))
	url, logs := startReceiver(t, env(map[string]string{envAPIKey: srv.APIKey()}))
	client, err := srv.Client()
	require.NoError(t, err)
	ctx := t.Context()

	for _, tc := range []struct {
		category         knit.Category
		dataType, logMsg string
	}{
		{knit.CategoryHRIS, hris.DataTypeEmployee, `msg="employee record"`},
		{knit.CategoryATS, ats.DataTypeJobs, `msg="job record"`},
		{knit.CategoryATS, ats.DataTypeApplications, `msg="application record"`},
	} {
		require.NoError(t, srv.SetWebhookURL(tc.category, url))
		id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "acme-" + tc.dataType, Category: tc.category, Production: true})
		require.NoError(t, err)
		job, err := client.Integration(id).Sync.Start(ctx, &knit.SyncStartParams{DataType: tc.dataType})
		require.NoError(t, err)
		require.NoError(t, srv.WaitForSync(ctx, job.SyncRunID), tc.dataType)

		res, ok := srv.SyncResult(job.SyncRunID)
		require.True(t, ok)
		assert.Equal(t, res.Events, res.Delivered, "every event answered 200")
		records := res.Events - 2 // then sync.events.processed and sync.events.allConsumed
		assert.Greater(t, records, 10, tc.dataType)

		log := logs.String()
		assert.Equal(t, records, strings.Count(log, tc.logMsg), tc.dataType)
		processed := lineWith(log, `msg="sync run processed"`+" ", "sync_run_id="+job.SyncRunID)
		assert.Contains(t, processed, "integration_id="+id)
		assert.Contains(t, processed, " emitted="+strconv.Itoa(records), "the documented counts are logged")
		assert.NotEmpty(t, lineWith(log, `msg="sync run consumed"`, "sync_run_id="+job.SyncRunID))
	}
	assert.NotContains(t, logs.String(), "level=ERROR")
	assert.NotContains(t, logs.String(), srv.APIKey())
}

func TestConfigErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"no key without demo", []string{"-addr", "127.0.0.1:0"}, nil, "KNIT_API_KEY is not set"},
		{"blank key without demo", []string{"-addr", "127.0.0.1:0"}, map[string]string{envAPIKey: "  "}, "pass -demo"},
		{"bad send-test URL", []string{"-demo", "-send-test", "not a url"}, nil, "not an absolute http(s) URL"},
		{"stray argument", []string{"-demo", "extra"}, nil, "unexpected arguments"},
		{"unknown flag", []string{"-nope"}, nil, "flag provided but not defined"},
		{"bad address", []string{"-demo", "-addr", "127.0.0.1:99999"}, nil, "listen on"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			err := run(t.Context(), tc.args, env(tc.env), &out, nil)
			require.Error(t, err)
			assert.Contains(t, err.Error()+out.String(), tc.want)
		})
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	err := run(t.Context(), []string{"-h"}, env(nil), &out, nil)
	require.ErrorIs(t, err, flag.ErrHelp)
	assert.Contains(t, out.String(), "-send-test")
}

func TestSendTestNoReceiver(t *testing.T) {
	t.Parallel()
	// Grab a free port, then close it so nothing listens there.
	url := startReceiverClosed(t)
	err := run(t.Context(), []string{"-demo", "-send-test", url}, env(nil), new(bytes.Buffer), nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "send test event")
}

// startReceiverClosed returns the URL of a receiver that has already shut down.
func startReceiverClosed(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-demo", "-addr", "127.0.0.1:0"}, env(nil), new(syncBuffer), func(a string) { addrc <- a })
	}()
	var addr string
	select {
	case addr = <-addrc:
	case err := <-done:
		t.Fatalf("receiver stopped early: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("receiver did not start")
	}
	cancel()
	require.NoError(t, <-done, "shutdown")
	return "http://" + addr + webhookPath
}

// lineWith returns the first log line containing every one of parts.
func lineWith(log string, parts ...string) string {
	for line := range strings.Lines(log) {
		ok := true
		for _, p := range parts {
			if !strings.Contains(line, p) {
				ok = false
				break
			}
		}
		if ok {
			return line
		}
	}
	return ""
}
