package ats_test

import (
	"testing"

	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/internal/fuzzcheck"
)

// FuzzDecodeJob fuzzes ats.DecodeJob (ats_jobs sync events); seeds are the package's fixtures
// in testdata/fuzz/FuzzDecodeJob.
func FuzzDecodeJob(f *testing.F) {
	fuzzcheck.Decoder(f, "ats.Job", ats.DecodeJob)
}

// FuzzDecodeApplication fuzzes ats.DecodeApplication (ats_applications sync events); seeds are the package's fixtures
// in testdata/fuzz/FuzzDecodeApplication.
func FuzzDecodeApplication(f *testing.F) {
	fuzzcheck.Decoder(f, "ats.Application", ats.DecodeApplication)
}

// FuzzDecodeCandidate fuzzes ats.DecodeCandidate (ats_candidates sync events); seeds are the package's fixtures
// in testdata/fuzz/FuzzDecodeCandidate.
func FuzzDecodeCandidate(f *testing.F) {
	fuzzcheck.Decoder(f, "ats.Candidate", ats.DecodeCandidate)
}
