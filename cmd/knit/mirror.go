package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/knit-sdk/knit-go/webhook"

	knitpostgres "github.com/knit-sdk/knit-go/postgres"
)

// Environment variables of knit mirror.
const (
	envMirrorPostgres = "KNIT_MIRROR_POSTGRES_URL"
	envMirrorPort     = "KNIT_MIRROR_PORT"
)

// defaultMirrorPort is where knit mirror serve listens unless --port.
const defaultMirrorPort = 12113

// Paths of knit mirror serve.
const (
	mirrorWebhookPath = "/knit/webhook"
	mirrorHealthPath  = "/healthz"
	mirrorReadyPath   = "/readyz"
)

// dbFlags is --postgres and --max-conns.
type dbFlags struct {
	url      string
	maxConns int32
}

func (d *dbFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&d.url, "postgres", "", "PostgreSQL URL, e.g. postgres://user@host:5432/db (a password is better in PGPASSWORD or ~/.pgpass than in the URL)")
	withEnv(fs, "postgres", envMirrorPostgres)
	fs.Int32Var(&d.maxConns, "max-conns", 10, "most database connections to hold open")
}

// open connects a pool and checks that the database answers.
func (d *dbFlags) open(ctx context.Context) (*pgxpool.Pool, error) {
	if d.url == "" {
		return nil, usagef("no database: pass --postgres URL or set %s", envMirrorPostgres)
	}
	if d.maxConns < 1 {
		return nil, usagef("--max-conns %d: want at least 1", d.maxConns)
	}
	cfg, err := pgxpool.ParseConfig(d.url)
	if err != nil {
		// pgx's message can quote the URL, password included.
		return nil, usagef("--postgres: not a PostgreSQL URL or connection string")
	}
	cfg.MaxConns = d.maxConns
	if cfg.ConnConfig.RuntimeParams["application_name"] == "" {
		cfg.ConnConfig.RuntimeParams["application_name"] = "knit mirror"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres %s:%d: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, err)
	}
	return pool, nil
}

func (a *app) mirrorCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "mirror",
		Short: "Keep PostgreSQL tables of synced data up to date from Knit's webhooks",
		Long: `knit mirror keeps one PostgreSQL table per synced data type (employees,
jobs, applications, candidates, invoices, ...) up to date from Knit's sync
events, for code in any language: record.new and record.modified write the
record, record.deleted marks it deleted, in order and exactly once, per
connected account, across any number of replicas. It is the Go SDK's
knitpostgres.Mirror; the README's "Mirror" section documents the schema and
its guarantees.

  knit mirror migrate     creates or upgrades the tables
  knit mirror serve       receives Knit's webhooks and writes the tables
  knit mirror status      shows an account's sync runs
  knit mirror deactivate  stops (and with --purge deletes) an account`,
		Args: exactArgs(0, "a subcommand"),
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.mirrorMigrateCmd(), a.mirrorServeCmd(), a.mirrorStatusCmd(), a.mirrorDeactivateCmd())
	return cmd
}

func (a *app) mirrorMigrateCmd() *cobra.Command {
	var db dbFlags
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Create or upgrade the mirror's tables (safe to run again and from several places at once)",
		Args:  exactArgs(0, "none"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			pool, err := db.open(ctx)
			if err != nil {
				return err
			}
			defer pool.Close()
			if err := knitpostgres.Migrate(ctx, pool); err != nil {
				return err
			}
			a.result(map[string]any{"event": "migrated", "schemaVersion": knitpostgres.SchemaVersion},
				fmt.Sprintf("schema at version %d", knitpostgres.SchemaVersion))
			return nil
		},
	}
	db.register(cmd.Flags())
	return cmd
}

type mirrorServeFlags struct {
	db            dbFlags
	port          int
	allInterfaces bool
	keys          keyFlags
	extraKeyFiles []string
	dataTypes     []string
	logLevel      string
}

func (a *app) mirrorServeCmd() *cobra.Command {
	var f mirrorServeFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Receive Knit's webhooks and keep the mirror's tables up to date",
		Long: `Serve the mirror on 127.0.0.1:` + strconv.Itoa(defaultMirrorPort) + `:

  POST ` + mirrorWebhookPath + `  Knit's webhook deliveries (register this URL in Knit's dashboard)
  GET  ` + mirrorHealthPath + `       200 while the process runs
  GET  ` + mirrorReadyPath + `        200 when the database answers and has the current schema, else 503

Deliveries are verified under the webhook key (your Knit API key: ` + envAPIKey + `
or --api-key-file, plus every --extra-key-file during a rotation) and answered
200 only after the event's rows committed. Run knit mirror migrate first.
Logs are JSON lines (log/slog) on stderr. Run as many replicas as you like
against one database.`,
		Example: `  KNIT_API_KEY=... knit mirror serve --postgres postgres://mirror@db:5432/knit --all-interfaces
  knit mirror serve --api-key-file /run/secrets/knit --data-type my_contacts=knit_mirror_accounting_contacts`,
		Args: exactArgs(0, "none"),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.mirrorServe(cmd.Context(), &f) },
	}
	fs := cmd.Flags()
	f.db.register(fs)
	fs.IntVar(&f.port, "port", defaultMirrorPort, "port to listen on (0 picks a free one)")
	withEnv(fs, "port", envMirrorPort)
	fs.BoolVar(&f.allInterfaces, "all-interfaces", false, "listen on every network interface instead of loopback only")
	f.keys.register(fs, "webhook key (your Knit API key)", envAPIKey)
	fs.StringArrayVar(&f.extraKeyFiles, "extra-key-file", nil, "also accept signatures under the key in this file (repeatable; for key rotation)")
	fs.StringArrayVar(&f.dataTypes, "data-type", nil, "DATATYPE=TABLE: write records of this syncDataType to this table (repeatable; for data types whose string Knit does not document)")
	fs.StringVar(&f.logLevel, "log-level", "info", "debug, info, warn or error")
	return cmd
}

// parseDataTypes reads --data-type DATATYPE=TABLE values.
func parseDataTypes(values []string) (map[string]knitpostgres.Table, error) {
	out := map[string]knitpostgres.Table{}
	for _, v := range values {
		dt, table, ok := strings.Cut(v, "=")
		if !ok || dt == "" || table == "" {
			return nil, usagef("--data-type %q: want DATATYPE=TABLE, e.g. my_contacts=%s", v, knitpostgres.TableAccountingContacts)
		}
		out[dt] = knitpostgres.Table(table)
	}
	return out, nil
}

func (a *app) mirrorServe(ctx context.Context, f *mirrorServeFlags) error {
	key, _, err := a.resolveKey(&f.keys, envAPIKey, "")
	if err != nil {
		return err
	}
	keys, err := withExtraKeys(key, f.extraKeyFiles)
	if err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(f.logLevel)); err != nil {
		return usagef("--log-level %q: want debug, info, warn or error", f.logLevel)
	}
	if f.port < 0 || f.port > 65535 {
		return usagef("--port %d is not a port number", f.port) // before connecting to the database
	}
	dataTypes, err := parseDataTypes(f.dataTypes)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(a.stderr, &slog.HandlerOptions{Level: level}))
	pool, err := f.db.open(ctx)
	if err != nil {
		return err
	}
	defer pool.Close()
	mirror, err := knitpostgres.NewMirror(pool, knitpostgres.MirrorConfig{DataTypes: dataTypes, Logger: log})
	if err != nil {
		return usageError{err}
	}
	if err := knitpostgres.CheckSchema(ctx, pool); err != nil {
		log.Warn("knit mirror: not ready until the schema is current", "err", err.Error())
	}
	hook, err := mirror.Handler(keys, webhook.WithLogger(log))
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle(mirrorWebhookPath, hook)
	mux.HandleFunc("GET "+mirrorHealthPath, func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET "+mirrorReadyPath, func(w http.ResponseWriter, r *http.Request) {
		rctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		err := pool.Ping(rctx)
		if err == nil {
			err = knitpostgres.CheckSchema(rctx, pool)
		}
		if err != nil {
			log.Warn("knit mirror: not ready", "err", err.Error())
			http.Error(w, "not ready: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})

	ln, err := listenTCP(ctx, f.port, f.allInterfaces)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	url := "http://" + ln.Addr().String()
	info := map[string]any{"event": "ready", "url": url, "webhook": url + mirrorWebhookPath, "keys": len(keys)}
	log.Info("knit mirror serving", "webhook", url+mirrorWebhookPath, "health", url+mirrorHealthPath,
		"ready", url+mirrorReadyPath, "keys", len(keys))
	if a.json {
		a.emit(info)
	}
	if a.ready != nil {
		a.ready(info)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	err = srv.Shutdown(sctx)
	log.Info("knit mirror stopped")
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

func (a *app) mirrorStatusCmd() *cobra.Command {
	var db dbFlags
	var integ string
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show an account's sync runs and whether each data type's initial sync is complete",
		Long: `Show the sync runs the mirror recorded for one account (from
sync.events.processed and sync.events.allConsumed), newest first, and, per
data type, whether its initial sync is complete: every event of an
initial_sync run was acknowledged, so every record is in the tables.`,
		Args: exactArgs(0, "none"),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.mirrorStatus(cmd.Context(), &db, integ) },
	}
	db.register(cmd.Flags())
	cmd.Flags().StringVar(&integ, "integration-id", "", "the account's integration ID")
	withEnv(cmd.Flags(), "integration-id", envIntegrationID)
	return cmd
}

// mirrorRun is one row of knit_mirror_sync_runs, as knit mirror status prints it.
type mirrorRun struct {
	SyncRunID     string     `json:"syncRunId"`
	SyncJobID     string     `json:"syncJobId"`
	DataType      string     `json:"dataType"`
	SyncType      string     `json:"syncType"`
	Emitted       *int64     `json:"emitted"`
	Consumed      *int64     `json:"consumed"`
	ProcessedAt   *time.Time `json:"processedAt"`
	AllConsumedAt *time.Time `json:"allConsumedAt"`
}

func (a *app) mirrorStatus(ctx context.Context, db *dbFlags, integ string) error {
	if integ == "" {
		return usagef("--integration-id is required (or %s)", envIntegrationID)
	}
	pool, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := knitpostgres.CheckSchema(ctx, pool); err != nil {
		return err
	}
	rows, err := pool.Query(ctx, `SELECT sync_run_id, sync_job_id, data_type, sync_type, emitted, consumed, processed_at, all_consumed_at
FROM knit_mirror_sync_runs WHERE integration_id = $1 ORDER BY coalesce(processed_at, all_consumed_at, mirrored_at) DESC, sync_run_id`, integ)
	if err != nil {
		return err
	}
	var runs []mirrorRun
	for rows.Next() {
		var r mirrorRun
		if err := rows.Scan(&r.SyncRunID, &r.SyncJobID, &r.DataType, &r.SyncType, &r.Emitted, &r.Consumed, &r.ProcessedAt, &r.AllConsumedAt); err != nil {
			rows.Close()
			return err
		}
		runs = append(runs, r)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	complete := map[string]bool{}
	for _, r := range runs {
		complete[r.DataType] = complete[r.DataType] || (r.SyncType == string(webhook.SyncTypeInitial) && r.AllConsumedAt != nil)
	}
	var dataTypes []string
	for dt := range complete {
		dataTypes = append(dataTypes, dt)
	}
	sort.Strings(dataTypes)
	if a.json {
		for _, dt := range dataTypes {
			a.emit(map[string]any{"event": "dataType", "integrationId": integ, "dataType": dt, "initialSyncComplete": complete[dt]})
		}
		for _, r := range runs {
			a.emit(map[string]any{"event": "syncRun", "integrationId": integ, "run": r})
		}
		return nil
	}
	var b strings.Builder
	if len(runs) == 0 {
		fmt.Fprintf(&b, "%s: no sync runs recorded", integ)
	}
	for _, dt := range dataTypes {
		state := "initial sync not complete"
		if complete[dt] {
			state = "initial sync complete"
		}
		fmt.Fprintf(&b, "%s %s: %s\n", integ, dt, state)
	}
	for _, r := range runs {
		consumed := "not all consumed"
		if r.AllConsumedAt != nil {
			consumed = "all consumed " + r.AllConsumedAt.UTC().Format(time.RFC3339)
		}
		emitted := "?"
		if r.Emitted != nil {
			emitted = strconv.FormatInt(*r.Emitted, 10)
		}
		fmt.Fprintf(&b, "  %s %s %s: %s events, %s\n", r.SyncRunID, r.DataType, r.SyncType, emitted, consumed)
	}
	a.result(nil, strings.TrimRight(b.String(), "\n"))
	return nil
}

func (a *app) mirrorDeactivateCmd() *cobra.Command {
	var db dbFlags
	var integ string
	var purge bool
	cmd := &cobra.Command{
		Use:   "deactivate",
		Short: "Stop mirroring an account; with --purge, delete its rows",
		Long: `Stop applying an account's events (later deliveries are answered 200
and change nothing) and, with --purge, delete its rows from every mirror
table. Knit documents no webhook event for a deactivated account: run this
when you deactivate one (integration.deactivate) or your Auth UI reports it.`,
		Args: exactArgs(0, "none"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if integ == "" {
				return usagef("--integration-id is required (or %s)", envIntegrationID)
			}
			ctx := cmd.Context()
			pool, err := db.open(ctx)
			if err != nil {
				return err
			}
			defer pool.Close()
			m, err := knitpostgres.NewMirror(pool, knitpostgres.MirrorConfig{PurgeOnDeactivate: purge})
			if err != nil {
				return err
			}
			n, err := m.Deactivate(ctx, integ)
			if err != nil {
				return err
			}
			human := integ + ": deactivated; rows kept"
			if purge {
				human = fmt.Sprintf("%s: deactivated; %d rows deleted", integ, n)
			}
			a.result(map[string]any{"event": "deactivated", "integrationId": integ, "purged": purge, "rowsDeleted": n}, human)
			return nil
		},
	}
	db.register(cmd.Flags())
	cmd.Flags().StringVar(&integ, "integration-id", "", "the account's integration ID")
	withEnv(cmd.Flags(), "integration-id", envIntegrationID)
	cmd.Flags().BoolVar(&purge, "purge", false, "also delete the account's rows")
	return cmd
}
