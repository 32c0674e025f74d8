-- Tables of github.com/knit-sdk/knit-go/postgres (package knitpostgres).
-- Run it with knitpostgres.Migrate, or with your own migration tool: every
-- statement is idempotent. Times are the database's (now()), never a
-- replica's clock.

-- The Deduper's claims and processed events. A live claim has a token and a
-- lease_until in the future; a processed event has processed_at and no
-- token. Rows older than the TTL are removed by knitpostgres.Prune.
CREATE TABLE IF NOT EXISTS knit_webhook_claims (
    event_id     text PRIMARY KEY,
    token        text,
    lease_until  timestamptz,
    processed_at timestamptz
);
CREATE INDEX IF NOT EXISTS knit_webhook_claims_processed_at ON knit_webhook_claims (processed_at);
CREATE INDEX IF NOT EXISTS knit_webhook_claims_lease_until ON knit_webhook_claims (lease_until) WHERE processed_at IS NULL;

-- The transactional inbox: one row per event, inserted in the same
-- transaction as the receiver's own writes.
CREATE TABLE IF NOT EXISTS knit_webhook_inbox (
    event_id    text PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS knit_webhook_inbox_received_at ON knit_webhook_inbox (received_at);
