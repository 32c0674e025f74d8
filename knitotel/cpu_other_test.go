//go:build !unix

package knitotel_test

import "time"

// processCPU is not measured on this platform; the CPU ratio reads 0.
func processCPU() time.Duration { return 0 }
