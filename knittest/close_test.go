package knittest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNoDeliveryStartsAfterClose: a sync.start handler still in flight when
// Close runs reaches startDelivery after Close has waited for deliveries;
// it must start nothing (the goroutine would outlive Close) and finish the
// run at once with errClosed.
func TestNoDeliveryStartsAfterClose(t *testing.T) {
	t.Parallel()
	s := NewServer()
	s.Close()

	run := &syncRun{id: "sr_1", url: "http://127.0.0.1:1/hook", records: [][]byte{[]byte(`{}`)}, done: make(chan struct{})}
	s.mu.Lock()
	s.startDelivery(run)
	s.mu.Unlock()
	select {
	case <-run.done:
	default:
		require.Fail(t, "startDelivery after Close left the run to a goroutine")
	}
	assert.ErrorIs(t, run.result.Err, errClosed)
}
