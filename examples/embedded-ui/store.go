package main

import (
	"slices"
	"strings"
	"sync"

	knit "github.com/knit-sdk/knit-go"
)

// storedIntegration is what the backend keeps about a confirmed integration.
type storedIntegration struct {
	IntegrationID string        `json:"integrationId"`
	AppID         string        `json:"appId"`
	Category      knit.Category `json:"category"`
}

// store keeps confirmed Integration IDs per organisation, in memory. A real
// backend stores them in its database, next to the customer's record: they
// are what every later data call needs.
type store struct {
	mu    sync.Mutex
	byOrg map[string]map[string]storedIntegration
}

func newStore() *store {
	return &store{byOrg: make(map[string]map[string]storedIntegration)}
}

// put records integration in for orgID, replacing an earlier entry of the
// same ID.
func (s *store) put(orgID string, in storedIntegration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.byOrg[orgID]
	if m == nil {
		m = make(map[string]storedIntegration)
		s.byOrg[orgID] = m
	}
	m[in.IntegrationID] = in
}

// list returns orgID's integrations ordered by ID.
func (s *store) list(orgID string) []storedIntegration {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]storedIntegration, 0, len(s.byOrg[orgID]))
	for _, in := range s.byOrg[orgID] {
		out = append(out, in)
	}
	slices.SortFunc(out, func(a, b storedIntegration) int { return strings.Compare(a.IntegrationID, b.IntegrationID) })
	return out
}

// len returns how many integrations are stored across organisations.
func (s *store) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, m := range s.byOrg {
		n += len(m)
	}
	return n
}
