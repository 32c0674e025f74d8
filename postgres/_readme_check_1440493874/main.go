package main

import (
	"context"
	"log"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	knitpostgres "github.com/knit-sdk/knit-go/postgres"
	"github.com/knit-sdk/knit-go/webhook"
)

func main() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	if err := knitpostgres.Migrate(ctx, pool); err != nil { // or apply postgres/migrations/*.sql yourself
		log.Fatal(err)
	}
	inbox, err := knitpostgres.NewInboxHandler(pool, []string{os.Getenv("KNIT_API_KEY")},
		func(ctx context.Context, tx pgx.Tx, ev *webhook.Event) error {
			if ev.EventType != webhook.EventRecordNew && ev.EventType != webhook.EventRecordModified {
				return nil
			}
			emp, err := ev.Employee()
			if err != nil {
				return err
			}
			// Commits with the inbox row, or not at all: exactly once.
			_, err = tx.Exec(ctx, `INSERT INTO employees (id, first_name) VALUES ($1, $2)
				ON CONFLICT (id) DO UPDATE SET first_name = EXCLUDED.first_name`, emp.ID(), emp.Profile.FirstName)
			return err
		}, knitpostgres.InboxConfig{}, webhook.WithLogger(slog.Default()))
	if err != nil {
		log.Fatal(err)
	}
	go func() { // delete what is older than the 5-day TTL
		for range time.Tick(24 * time.Hour) {
			if _, err := knitpostgres.Prune(ctx, pool, 0); err != nil {
				slog.Error("pruning knit webhook rows", "error", err)
			}
		}
	}()
	http.Handle("/knit/webhook", inbox)
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute}
	log.Fatal(srv.ListenAndServe())
}
