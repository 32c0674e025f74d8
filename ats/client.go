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

	// The services the fields point to, allocated with the Client.
	jobs         JobService
	applications ApplicationService
	candidates   CandidateService
}

func init() {
	categories.ATS = func(dst any, s transport.Scope) { dst.(*Client).bind(s) }
}

// bind points c's services at the scope.
func (c *Client) bind(s transport.Scope) {
	c.jobs, c.applications, c.candidates = JobService{s: s}, ApplicationService{s: s}, CandidateService{s: s}
	c.Jobs, c.Applications, c.Candidates = &c.jobs, &c.applications, &c.candidates
}
