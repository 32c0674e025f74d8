package knittest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/knit-sdk/knit-go/internal/signature"
)

// startDelivery posts the run's events in a goroutine the server tracks;
// Close cancels it and waits. Once Close has begun it starts nothing (a
// sync.start still in flight would otherwise leave a goroutine running
// after Close returned) and ends the run with errClosed. Callers hold s.mu.
func (s *Server) startDelivery(run *syncRun) {
	if s.closing {
		run.result.Err = errClosed
		close(run.done)
		return
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(run.done)
		s.deliver(run)
	}()
}

// deliver posts every event in order, then sync.events.allConsumed (sync
// runs only) if all of them were answered 200, as Knit does.
func (s *Server) deliver(run *syncRun) {
	allOK := true
	for _, ev := range run.records {
		if err := s.post(run, ev); err != nil {
			allOK = false
			if s.ctx.Err() != nil {
				s.setErr(run, errClosed)
				return
			}
		}
	}
	if allOK && run.allConsumed != nil {
		if err := s.post(run, run.allConsumed); err != nil && s.ctx.Err() != nil {
			s.setErr(run, errClosed)
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if n := len(run.result.Failed); n > 0 && run.result.Err == nil {
		run.result.Err = fmt.Errorf("knittest: sync run %s: %d of %d events were not acknowledged with 200 after %d attempts each (first: %s)",
			run.id, n, run.result.Events, s.cfg.retryAttempts, run.result.Failed[0])
	}
}

func (s *Server) setErr(run *syncRun, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	run.result.Err = err
}

// post delivers one event, retrying anything but exactly 200.
func (s *Server) post(run *syncRun, body []byte) error {
	var ev struct {
		EventID string `json:"eventId"`
	}
	_ = json.Unmarshal(body, &ev)
	sig := signature.Sign(body, s.cfg.apiKey)
	var last error
	for attempt := 1; attempt <= s.cfg.retryAttempts; attempt++ {
		if attempt > 1 {
			t := time.NewTimer(s.cfg.retryWait)
			select {
			case <-t.C:
			case <-s.ctx.Done():
				t.Stop()
				return s.ctx.Err()
			}
		}
		s.mu.Lock()
		run.result.Attempts++
		exec := s.nextID("exec_")
		s.mu.Unlock()
		last = s.postOnce(run, body, sig, exec)
		if last == nil {
			s.mu.Lock()
			run.result.Delivered++
			s.mu.Unlock()
			return nil
		}
		if s.ctx.Err() != nil {
			return s.ctx.Err()
		}
		if s.cfg.t != nil && attempt < s.cfg.retryAttempts {
			s.cfg.t.Logf("knittest: event %s to %s, attempt %d of %d: %v; delivering it again", ev.EventID, run.url, attempt, s.cfg.retryAttempts, last)
		}
	}
	s.mu.Lock()
	run.result.Failed = append(run.result.Failed, ev.EventID)
	s.mu.Unlock()
	if s.cfg.t != nil {
		s.cfg.t.Logf("knittest: giving up on event %s to %s: %v", ev.EventID, run.url, last)
	}
	return last
}

func (s *Server) postOnce(run *syncRun, body []byte, sig, exec string) error {
	ctx, cancel := context.WithTimeout(s.ctx, deliveryTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, run.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set(headerContentType, contentTypeJSON)
	req.Header.Set(headerSignature, sig)
	req.Header.Set(headerIntegrationID, run.integrationID)
	req.Header.Set(headerExecutionID, exec)
	resp, err := s.hooks.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("webhook answered %d, want exactly 200", resp.StatusCode)
	}
	return nil
}
