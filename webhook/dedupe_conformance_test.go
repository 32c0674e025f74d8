package webhook_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/webhook"
	"github.com/knit-sdk/knit-go/webhook/webhooktest"
)

func TestMemoryDeduperConformance(t *testing.T) {
	t.Parallel()
	webhooktest.RunDeduper(t, func(_ *testing.T, cfg webhooktest.Config) (webhook.Deduper, error) {
		return webhook.NewMemoryDeduper(webhook.MemoryDeduperConfig{Lease: cfg.Lease, TTL: cfg.TTL})
	})
}

// TestMemoryDeduperReplicas shares one MemoryDeduper between three
// handlers, as three replicas share a store. 1,000 events keep the core
// suite quick; the Redis and Postgres modules run 5,000.
func TestMemoryDeduperReplicas(t *testing.T) {
	t.Parallel()
	shared, err := webhook.NewMemoryDeduper(webhook.MemoryDeduperConfig{Lease: 2 * time.Second})
	require.NoError(t, err)
	webhooktest.RunReplicas(t, func(*testing.T, webhooktest.Config) (webhook.Deduper, error) {
		return shared, nil
	}, webhooktest.ReplicaConfig{Events: 1000, StallEvery: 100})
}
