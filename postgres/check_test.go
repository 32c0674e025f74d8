package knitpostgres_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knitpostgres "github.com/knit-sdk/knit-go/postgres"
	"github.com/knit-sdk/knit-go/webhook"
)

// TestAsynchronousReplication: the test server has no synchronous
// standby, so New and NewInboxHandler log what a failover can lose, once,
// at Info level, and refuse with RequireSynchronousReplication.
func TestAsynchronousReplication(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := newPool(t, 2)
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	_, err := knitpostgres.New(ctx, pool, knitpostgres.Config{Logger: logger})
	require.NoError(t, err)
	assert.Contains(t, logs.String(), "level=INFO")
	assert.Contains(t, logs.String(), "not synchronously replicated")
	assert.Equal(t, 1, bytes.Count(logs.Bytes(), []byte("\n")), "one line")

	_, err = knitpostgres.New(ctx, pool, knitpostgres.Config{RequireSynchronousReplication: true})
	require.ErrorIs(t, err, knitpostgres.ErrNoSynchronousStandby)
	assert.Contains(t, err.Error(), `synchronous_standby_names ""`)

	fn := func(context.Context, pgx.Tx, *webhook.Event) error { return nil }
	logs.Reset()
	_, err = knitpostgres.NewInboxHandler(pool, []string{"k"}, fn, knitpostgres.InboxConfig{Logger: logger})
	require.NoError(t, err)
	assert.Contains(t, logs.String(), "not synchronously replicated")
	_, err = knitpostgres.NewInboxHandler(pool, []string{"k"}, fn, knitpostgres.InboxConfig{RequireSynchronousReplication: true})
	require.ErrorIs(t, err, knitpostgres.ErrNoSynchronousStandby)
}

// settingsDB answers the construction check as a server with the given
// settings would; nothing else is expected of it.
type settingsDB struct {
	standby       bool
	names, commit string
}

func (s settingsDB) Exec(context.Context, string, ...any) (pgconn.CommandTag, error) {
	return pgconn.NewCommandTag("SELECT 0"), nil
}

func (s settingsDB) QueryRow(context.Context, string, ...any) pgx.Row { return settingsRow(s) }

func (s settingsDB) Begin(context.Context) (pgx.Tx, error) {
	return nil, errors.New("settingsDB: no transactions")
}

type settingsRow settingsDB

func (r settingsRow) Scan(dest ...any) error {
	if len(dest) != 3 {
		return errors.New("settingsRow: want 3 columns")
	}
	*dest[0].(*bool) = r.standby
	*dest[1].(*string) = r.names
	*dest[2].(*string) = r.commit
	return nil
}

// TestStandbyAndSynchronousSettings: a standby (a reader endpoint) is
// refused by both constructors, with ErrStandby; a synchronous standby
// satisfies RequireSynchronousReplication unless synchronous_commit is off
// or local.
func TestStandbyAndSynchronousSettings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fn := func(context.Context, pgx.Tx, *webhook.Event) error { return nil }
	standby := settingsDB{standby: true, commit: "on"}
	_, err := knitpostgres.New(ctx, standby, knitpostgres.Config{})
	require.ErrorIs(t, err, knitpostgres.ErrStandby)
	assert.Contains(t, err.Error(), "pg_is_in_recovery")
	_, err = knitpostgres.NewInboxHandler(standby, []string{"k"}, fn, knitpostgres.InboxConfig{})
	require.ErrorIs(t, err, knitpostgres.ErrStandby)

	for _, commit := range []string{"on", "remote_write", "remote_apply"} {
		db := settingsDB{names: "FIRST 1 (standby1)", commit: commit}
		_, err := knitpostgres.New(ctx, db, knitpostgres.Config{RequireSynchronousReplication: true})
		require.NoError(t, err, commit)
		_, err = knitpostgres.NewInboxHandler(db, []string{"k"}, fn, knitpostgres.InboxConfig{RequireSynchronousReplication: true})
		require.NoError(t, err, commit)
	}
	for _, commit := range []string{"off", "local"} {
		db := settingsDB{names: "FIRST 1 (standby1)", commit: commit}
		_, err := knitpostgres.New(ctx, db, knitpostgres.Config{RequireSynchronousReplication: true})
		require.ErrorIs(t, err, knitpostgres.ErrNoSynchronousStandby, commit)
	}
}
