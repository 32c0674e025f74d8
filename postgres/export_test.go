package knitpostgres

// QueuedEvents returns how many of m's deliveries wait for a group.
func QueuedEvents(m *Mirror) int {
	m.groups.mu.Lock()
	defer m.groups.mu.Unlock()
	return len(m.groups.queue)
}

// GroupLockTimeout returns the lock_timeout of m's group transactions.
func GroupLockTimeout(m *Mirror) string { return m.groups.lockTimeout }
