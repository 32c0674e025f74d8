package webhooktest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/knit-sdk/knit-go/webhook"
)

// testLease is short, to keep these tests quick; runTimed absorbs the
// stalls a loaded machine adds to it.
const testLease = 300 * time.Millisecond

func memoryDeduper(t *testing.T) *webhook.MemoryDeduper {
	t.Helper()
	d, err := webhook.NewMemoryDeduper(webhook.MemoryDeduperConfig{Lease: testLease})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// slowRenewer stalls its second Renew call past the lease, as a loaded
// machine might.
type slowRenewer struct {
	*webhook.MemoryDeduper
	calls atomic.Int32
}

func (s *slowRenewer) Renew(ctx context.Context, id, token string) error {
	if s.calls.Add(1) == 2 {
		time.Sleep(testLease + testLease/2)
	}
	return s.MemoryDeduper.Renew(ctx, id, token)
}

func TestStallRunsTheScenarioAgain(t *testing.T) {
	t.Parallel()
	d := &slowRenewer{MemoryDeduper: memoryDeduper(t)}
	attempts := 0
	runTimed(t, d, testLease, func(c checker) {
		attempts++
		testRenew(c, d)
	})
	if attempts < 2 {
		t.Fatalf("the scenario ran %d times; the stalled Renew should have made it run again", attempts)
	}
}

// lossyRenewer loses every claim it is asked to renew, at once: a broken
// store, not a stalled machine.
type lossyRenewer struct{ *webhook.MemoryDeduper }

func (lossyRenewer) Renew(context.Context, string, string) error { return webhook.ErrClaimLost }

const helperEnv = "KNIT_WEBHOOKTEST_LOSSY_HELPER"

// TestHelperLossyRenew runs only in the subprocess of
// TestLostClaimWithinLeaseFails, where it must fail.
func TestHelperLossyRenew(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		t.Skip("runs as the subprocess of TestLostClaimWithinLeaseFails")
	}
	d := lossyRenewer{memoryDeduper(t)}
	runTimed(t, d, testLease, func(c checker) { testRenew(c, d) })
}

func TestLostClaimWithinLeaseFails(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-test.run", "^TestHelperLossyRenew$", "-test.v")
	cmd.Env = append(os.Environ(), helperEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("a Renew that loses a claim within its lease passed the suite:\n%s", out)
	}
	if !strings.Contains(string(out), "within the lease: Renew(") {
		t.Fatalf("the failure does not name the lost renewal:\n%s", out)
	}
	if strings.Contains(string(out), "attempt") {
		t.Fatalf("a fault within the lease was taken for a stall:\n%s", out)
	}
}
