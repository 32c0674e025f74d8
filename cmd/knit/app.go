package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/knit-sdk/knit-go/knittest"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// Environment variables read by the commands. Flags beat them; they beat
// defaults.
const (
	envAPIKey        = "KNIT_API_KEY" //nolint:gosec // the name of a variable, not a credential
	envBaseURL       = "KNIT_BASE_URL"
	envIntegrationID = "KNIT_INTEGRATION_ID"
	envMockAPIKey    = "KNIT_MOCK_API_KEY" //nolint:gosec // the name of a variable, not a credential
	envMockPort      = "KNIT_MOCK_PORT"
	envForwardTo     = "KNIT_FORWARD_TO"
)

// envAnnotation names the environment variable a flag falls back to.
const envAnnotation = "knit_env"

// usageError is a bad command line: exit code 2.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// failedError reports a failure that was already explained on stderr:
// exit code 1 without another message.
var errReported = errors.New("failed")

// app is one invocation: its environment and output streams.
type app struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	json   bool
	// tty is true when stderr is a terminal: long work then shows a live
	// progress line instead of one line per step.
	tty bool

	outMu sync.Mutex
	// ready, if set, is called by long-running commands (mock, listen) once
	// they accept connections; tests use it.
	ready func(info map[string]any)
}

// run is the whole program: main passes os.Args[1:], os.Getenv and the
// standard streams, tests call it in-process. It returns the exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr, tty: isTerminal(stderr)}
	return a.run(ctx, args)
}

func (a *app) run(ctx context.Context, args []string) int {
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	err := root.ExecuteContext(ctx)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errReported):
		return exitFailure
	case isUsage(err):
		fmt.Fprintf(a.stderr, "knit: %s\nRun 'knit --help' for usage.\n", strings.TrimPrefix(err.Error(), "knit: "))
		return exitUsage
	default:
		// SDK errors start with "knit: " already: say it once.
		fmt.Fprintf(a.stderr, "knit: %s\n", strings.TrimPrefix(err.Error(), "knit: "))
		return exitFailure
	}
}

func isUsage(err error) bool {
	var u usageError
	if errors.As(err, &u) {
		return true
	}
	// cobra's own argument errors are not typed.
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command") || strings.HasPrefix(msg, "unknown flag") ||
		strings.HasPrefix(msg, "unknown shorthand flag") || strings.Contains(msg, "arg(s), received")
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "knit",
		Short: "Knit Unified API from a shell: a local playground, signed test webhooks and API calls",
		Long: `knit is the command-line tool of the Knit Go SDK.

It serves the playground (a fake of Knit's API with generated data) for code
in any language, sends Knit-signed webhook deliveries to your endpoint,
receives and verifies them, calls the Knit API, and keeps PostgreSQL
tables of synced data up to date (knit mirror).

Conventions: knit never prompts. With --json, results are NDJSON on stdout;
progress, warnings and human-readable lines always go to stderr. Flags beat
KNIT_* environment variables, which beat defaults. API keys are never
printed; give them in KNIT_API_KEY or --api-key-file rather than --api-key.
Exit codes: 0 ok, 1 failure, 2 usage error.`,
		SilenceErrors:     true,
		SilenceUsage:      true,
		DisableAutoGenTag: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.applyEnv(cmd)
		},
	}
	root.PersistentFlags().BoolVar(&a.json, "json", false, "write results as NDJSON (one JSON object per line) to stdout")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(a.mockCmd(), a.triggerCmd(), a.listenCmd(), a.replayCmd(), a.webhookCmd(),
		a.sessionCmd(), a.integrationsCmd(), a.syncCmd(), a.callCmd(), a.passthroughCmd(), a.mirrorCmd(), a.versionCmd())
	return root
}

// applyEnv sets every flag the user did not give from its environment
// variable, if set.
func (a *app) applyEnv(cmd *cobra.Command) error {
	var err error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		env := f.Annotations[envAnnotation]
		if err != nil || f.Changed || len(env) == 0 {
			return
		}
		if v := a.getenv(env[0]); v != "" {
			if e := f.Value.Set(v); e != nil {
				err = usagef("%s=%q: %v", env[0], v, e)
			}
		}
	})
	return err
}

// withEnv marks flag name of fs as falling back to env.
func withEnv(fs *pflag.FlagSet, name, env string) {
	f := fs.Lookup(name)
	if f.Annotations == nil {
		f.Annotations = map[string][]string{}
	}
	f.Annotations[envAnnotation] = []string{env}
	f.Usage += " (env " + env + ")"
}

// keyFlags are --api-key and --api-key-file.
type keyFlags struct {
	key, file string
}

func (k *keyFlags) register(fs *pflag.FlagSet, what, env string) {
	fs.StringVar(&k.key, "api-key", "", what+"; prefer "+env+" or --api-key-file (a flag ends up in shell history and ps)")
	fs.StringVar(&k.file, "api-key-file", "", "read the "+what+" from this file")
}

// resolve returns the key from --api-key-file, --api-key, the environment
// variable env, or fallback, in that order, and where it came from. It
// warns on stderr when the key was given as a flag. The key itself is
// never printed.
func (a *app) resolveKey(k *keyFlags, env, fallback string) (key, source string, err error) {
	switch {
	case k.file != "":
		b, err := os.ReadFile(k.file)
		if err != nil {
			return "", "", usagef("--api-key-file: %v", err)
		}
		key = strings.TrimSpace(string(b))
		if key == "" {
			return "", "", usagef("--api-key-file %s is empty", k.file)
		}
		return key, "--api-key-file", nil
	case k.key != "":
		a.warnf("warning: an API key given with --api-key ends up in shell history and process listings; set %s or use --api-key-file", env)
		return strings.TrimSpace(k.key), "--api-key", nil
	case strings.TrimSpace(a.getenv(env)) != "":
		return strings.TrimSpace(a.getenv(env)), env, nil
	case fallback != "":
		return fallback, "default", nil
	}
	return "", "", usagef("no API key: set %s, or pass --api-key-file", env)
}

// withExtraKeys returns key followed by the non-empty key in each of files
// (--extra-key-file, for a key rotation).
func withExtraKeys(key string, files []string) ([]string, error) {
	keys := []string{key}
	for _, p := range files {
		b, err := os.ReadFile(p) //nolint:gosec // the user names the file on the command line
		if err != nil {
			return nil, usagef("--extra-key-file: %v", err)
		}
		if k := strings.TrimSpace(string(b)); k != "" {
			keys = append(keys, k)
		}
	}
	return keys, nil
}

// listenTCP listens on port of the loopback interface, or of every
// interface with allInterfaces.
func listenTCP(ctx context.Context, port int, allInterfaces bool) (net.Listener, error) {
	if port < 0 || port > 65535 {
		return nil, usagef("--port %d is not a port number", port)
	}
	host := "127.0.0.1"
	if allInterfaces {
		host = "0.0.0.0"
	}
	var lc net.ListenConfig
	return lc.Listen(ctx, "tcp", net.JoinHostPort(host, strconv.Itoa(port)))
}

// playgroundKeyNote says which key is used when none was given.
func (a *app) playgroundKeyNote(source string) {
	if source == "default" {
		a.warnf("note: no key given (%s, --api-key-file): using the playground's test key %s, as knit mock does", envAPIKey, knittest.DefaultAPIKey)
	}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressf rewrites the live progress line on a terminal.
func (a *app) progressf(format string, args ...any) {
	a.outMu.Lock()
	defer a.outMu.Unlock()
	fmt.Fprintf(a.stderr, "\r\033[K"+format, args...)
}

// warnf writes a human line to stderr.
func (a *app) warnf(format string, args ...any) {
	a.outMu.Lock()
	defer a.outMu.Unlock()
	fmt.Fprintf(a.stderr, format+"\n", args...)
}

// emit writes v as one NDJSON line to stdout (with --json).
func (a *app) emit(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		a.warnf("knit: encoding output: %v", err)
		return
	}
	a.outMu.Lock()
	defer a.outMu.Unlock()
	_, _ = a.stdout.Write(append(b, '\n'))
}

// result writes a command's result: NDJSON with --json, else the human
// text on stdout.
func (a *app) result(v any, human string) {
	if a.json {
		a.emit(v)
		return
	}
	a.outMu.Lock()
	defer a.outMu.Unlock()
	fmt.Fprintln(a.stdout, human)
}

// exactArgs is cobra.ExactArgs with a usage error.
func exactArgs(n int, names string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("want %d argument(s) (%s), got %d: %q", n, names, len(args), args)
		}
		return nil
	}
}
