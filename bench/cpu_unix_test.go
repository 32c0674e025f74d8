//go:build unix

package bench_test

import (
	"syscall"
	"time"
)

// processCPU returns the user+system CPU time this process has used. On a
// shared machine it is steadier than wall time: other processes' load
// slows the wall clock but does not add to this process's CPU time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
