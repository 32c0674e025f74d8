package ats

import (
	"github.com/knit-sdk/knit-go/internal/categories"
	"github.com/knit-sdk/knit-go/internal/transport"
)

// Client reaches the ATS operations of one integrated account, grouped by
// resource: in.ATS.Jobs, in.ATS.Applications, in.ATS.Candidates. Get one from
// knit.Client.Integration(id).ATS; it is immutable and safe for concurrent use.
// There is no other constructor: the client shares the knit.Client's
// transport and stamps the integration ID on every request.
type Client struct {
	// Jobs lists and creates jobs.
	Jobs *JobService
	// Applications lists, reads and creates applications and adds attachments.
	Applications *ApplicationService
	// Candidates searches candidates.
	Candidates *CandidateService
}

func init() {
	categories.ATS = func(s transport.Scope) any { return newClient(s) }
}

func newClient(s transport.Scope) *Client {
	return &Client{
		Jobs:         &JobService{s: s},
		Applications: &ApplicationService{s: s},
		Candidates:   &CandidateService{s: s},
	}
}
