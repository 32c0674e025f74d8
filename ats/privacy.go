package ats

import (
	"fmt"
	"log/slog"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/privacy"
)

// A candidate's contact details are personal data: CandidateInfo,
// Candidate, ApplicationInfo and Application print them masked through fmt
// (every verb) and log them masked as slog values (e-mail addresses as
// "****@domain", phone numbers as "****" plus the last four digits, the
// free-text location and the locations model as [REDACTED]); package
// logmask applies the same to values nested in containers. encoding/json is
// left alone so that records can be stored.

type candidateInfoView CandidateInfo

func (c CandidateInfo) masked() CandidateInfo {
	c.Phones = privacy.Slice(c.Phones, basemodel.Phone.Masked)
	c.Emails = privacy.Slice(c.Emails, basemodel.Email.Masked)
	c.Location = privacy.MaskText(c.Location)
	return c
}

// Format prints c with its contact details masked.
func (c CandidateInfo) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "ats.CandidateInfo", candidateInfoView(c.masked()))
}

// LogValue returns c with its contact details masked.
func (c CandidateInfo) LogValue() slog.Value { return slog.AnyValue(candidateInfoView(c.masked())) }

type candidateView Candidate

func (c Candidate) masked() Candidate {
	c.Info = c.Info.masked()
	c.Locations = privacy.MaskRaw(c.Locations)
	return c
}

// Format prints c with its contact details and locations masked.
func (c Candidate) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "ats.Candidate", candidateView(c.masked()))
}

// LogValue returns c with its contact details and locations masked.
func (c Candidate) LogValue() slog.Value { return slog.AnyValue(candidateView(c.masked())) }

type applicationInfoView ApplicationInfo

// Format prints a with the candidate's contact details masked.
func (a ApplicationInfo) Format(f fmt.State, verb rune) {
	a.Candidate = a.Candidate.masked()
	privacy.Format(f, verb, "ats.ApplicationInfo", applicationInfoView(a))
}

// LogValue returns a with the candidate's contact details masked.
func (a ApplicationInfo) LogValue() slog.Value {
	a.Candidate = a.Candidate.masked()
	return slog.AnyValue(applicationInfoView(a))
}

type applicationView Application

// Format prints a with the candidate's contact details masked.
func (a Application) Format(f fmt.State, verb rune) {
	a.Info.Candidate = a.Info.Candidate.masked()
	privacy.Format(f, verb, "ats.Application", applicationView(a))
}

// LogValue returns a with the candidate's contact details masked.
func (a Application) LogValue() slog.Value {
	a.Info.Candidate = a.Info.Candidate.masked()
	return slog.AnyValue(applicationView(a))
}
