package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/help")

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a
// long-running command and the reads of a test.
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

// lines decodes every NDJSON line.
func (s *syncBuffer) lines(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(s.String()))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var m map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &m), "stdout line %q is not JSON", sc.Text())
		out = append(out, m)
	}
	return out
}

type result struct {
	code           int
	stdout, stderr *syncBuffer
}

// knit runs the CLI in-process with env as its whole environment.
func cli(t *testing.T, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	r := result{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	r.code = run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), r.stdout, r.stderr)
	return r
}

// background starts a long-running command (mock, listen) and returns its
// ready info once it accepts connections; it is stopped at test cleanup.
func background(t *testing.T, env map[string]string, args ...string) (map[string]any, *result) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &result{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	ready := make(chan map[string]any, 1)
	a := &app{getenv: func(k string) string { return env[k] }, stdin: strings.NewReader(""), stdout: r.stdout, stderr: r.stderr,
		ready: func(info map[string]any) { ready <- info }}
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.code = a.run(ctx, args)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	select {
	case info := <-ready:
		return info, r
	case <-done:
		t.Fatalf("knit %v exited with %d before it was ready: %s", args, r.code, r.stderr.String())
	case <-time.After(20 * time.Second):
		t.Fatalf("knit %v was not ready after 20s: %s", args, r.stderr.String())
	}
	return nil, nil
}

// TestHelpGolden checks every command's --help against testdata/help.
// Run `go test -run TestHelpGolden -update` after changing a command.
func TestHelpGolden(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{}, {"mock"}, {"trigger"}, {"listen"}, {"replay"}, {"webhook"}, {"webhook", "sign"}, {"webhook", "verify"},
		{"session", "create"}, {"integrations", "list"}, {"sync", "start"}, {"call"}, {"passthrough"}, {"version"},
		{"completion"}, {"mirror"}, {"mirror", "serve"}, {"mirror", "migrate"}, {"mirror", "status"}, {"mirror", "deactivate"},
	} {
		name := strings.Join(append([]string{"knit"}, args...), "_")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := cli(t, nil, "", append(args, "--help")...)
			require.Equal(t, 0, r.code, r.stderr.String())
			path := filepath.Join("testdata", "help", name+".golden")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o750))
				require.NoError(t, os.WriteFile(path, []byte(r.stdout.String()), 0o600))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -run TestHelpGolden -update")
			assert.Equal(t, string(want), r.stdout.String())
		})
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"bogus"},
		{"mock", "--nope"},
		{"mock", "--connect", "payroll"},
		{"mock", "--webhook", "hris"},
		{"mock", "--forward-to", "not-a-url"},
		{"mock", "extra"},
		{"trigger", "record.new"},
		{"trigger", "--to", "http://127.0.0.1:1/"},
		{"trigger", "record.new", "--to", "http://127.0.0.1:1/", "--count", "0"},
		{"trigger", "record.new", "--to", "http://127.0.0.1:1/", "--data-type", "pets"},
		{"trigger", "bot.installed", "--to", "http://127.0.0.1:1/"},
		{"listen", "--respond", "flaky:2"},
		{"webhook", "sign"},
		{"webhook", "verify", "-"},
		{"session", "create"},
		{"integrations", "list", "--base-url", "http://127.0.0.1:1/v1.0"},
		{"sync", "start", "--integration-id", "x", "--data-type", "employee", "--wait"},
		{"call"},
		{"call", "x.y", "--verb", "PUT", "--base-url", "http://127.0.0.1:1/v1.0"},
		{"passthrough", "--integration-id", "x"},
		{"integrations", "list", "--org-id", "acme"}, // no key and no --base-url
	} {
		r := cli(t, nil, "", args...)
		assert.Equal(t, exitUsage, r.code, "knit %v: %s", args, r.stderr.String())
		assert.NotEmpty(t, r.stderr.String(), "knit %v says what is wrong", args)
		assert.Empty(t, r.stdout.String(), "knit %v", args)
	}
	r := cli(t, map[string]string{"KNIT_MOCK_PORT": "http"}, "", "mock")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr.String(), "KNIT_MOCK_PORT")
}

func TestVersionAndCompletion(t *testing.T) {
	t.Parallel()
	r := cli(t, nil, "", "version", "--json")
	require.Equal(t, 0, r.code, r.stderr.String())
	v := r.stdout.lines(t)
	require.Len(t, v, 1)
	assert.Equal(t, knit.Version, v[0]["sdkVersion"])
	assert.Equal(t, "(devel)", v[0]["version"], "a test binary is built from the work tree")
	assert.NotEmpty(t, v[0]["commit"])
	assert.True(t, strings.HasPrefix(v[0]["goVersion"].(string), "go"))
	assert.Equal(t, runtime.GOOS+"/"+runtime.GOARCH, v[0]["platform"])
	r = cli(t, nil, "", "version")
	require.Equal(t, 0, r.code, r.stderr.String())
	assert.Regexp(t, `^knit \(devel\), commit \S+.*, knit-go SDK `+regexp.QuoteMeta(knit.Version)+`, go\S+ `+runtime.GOOS+"/"+runtime.GOARCH+"\n$", r.stdout.String())
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		r := cli(t, nil, "", "completion", sh)
		require.Equal(t, 0, r.code, sh)
		assert.Contains(t, r.stdout.String(), "knit", sh)
	}
}

// TestSignVerify uses the vector computed outside Go in internal/signature.
func TestSignVerify(t *testing.T) {
	t.Parallel()
	env := map[string]string{"KNIT_API_KEY": "sk_test"}
	r := cli(t, env, `{"eventId":"e_1"}`, "webhook", "sign", "-")
	require.Equal(t, 0, r.code, r.stderr.String())
	assert.Equal(t, "_zAiri0Cj0GzH924GnGuRrw82bw8SvzRC58BAlH5CF0\n", r.stdout.String())
	assert.NotContains(t, r.stderr.String()+r.stdout.String(), "sk_test", "the key is never printed")

	r = cli(t, env, `{"eventId":"e_1"}`, "webhook", "verify", "-", "--signature", "_zAiri0Cj0GzH924GnGuRrw82bw8SvzRC58BAlH5CF0", "--json")
	require.Equal(t, 0, r.code, r.stderr.String())
	assert.Equal(t, true, r.stdout.lines(t)[0]["valid"])

	r = cli(t, map[string]string{"KNIT_API_KEY": "other"}, `{"eventId":"e_1"}`, "webhook", "verify", "-", "--signature", "_zAiri0Cj0GzH924GnGuRrw82bw8SvzRC58BAlH5CF0")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stdout.String(), "matches none")

	// The signature of the compact form of a body sent with whitespace.
	r = cli(t, env, "{\"eventId\": \"e_1\"}", "webhook", "verify", "-", "--signature", "_zAiri0Cj0GzH924GnGuRrw82bw8SvzRC58BAlH5CF0")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stdout.String(), "re-serialised")

	// A key given as a flag works, warns, and is not printed.
	r = cli(t, nil, `{"eventId":"e_1"}`, "webhook", "sign", "-", "--api-key", "sk_test")
	require.Equal(t, 0, r.code)
	assert.Equal(t, "_zAiri0Cj0GzH924GnGuRrw82bw8SvzRC58BAlH5CF0\n", r.stdout.String())
	assert.Contains(t, r.stderr.String(), "warning")
	assert.NotContains(t, r.stderr.String(), "sk_test")

	keyFile := filepath.Join(t.TempDir(), "key")
	require.NoError(t, os.WriteFile(keyFile, []byte("sk_test\n"), 0o600))
	r = cli(t, map[string]string{"KNIT_API_KEY": "env-loses"}, `{"eventId":"e_1"}`, "webhook", "sign", "-", "--api-key-file", keyFile)
	require.Equal(t, 0, r.code)
	assert.Equal(t, "_zAiri0Cj0GzH924GnGuRrw82bw8SvzRC58BAlH5CF0\n", r.stdout.String(), "the flag beats the environment")
	assert.Empty(t, r.stderr.String())
}
