package knittest

import (
	"encoding/json"
	"fmt"
	"strings"
)

func (s *Server) handleJobList(c *call) (any, *apiError) {
	return listResponse(c, "jobs", derefAll(s.data.jobs))
}

func (s *Server) handleJobCreate(c *call) (any, *apiError) {
	f, ae := c.fields("title")
	if ae != nil {
		return nil, ae
	}
	status := orDefault(f.str("status"), "OPEN")
	id := s.nextID("JOBN")
	j := &job{
		Info: jobInfo{ID: id, Title: f.str("title"), Description: f.str("description"), CreatedAt: timeStr(c.now), UpdatedAt: timeStr(c.now),
			Status: status, InfoURL: "https://careers.playground-inc.com/jobs/" + id, ApplyURL: "https://careers.playground-inc.com/jobs/" + id + "/apply"},
		Departments: []idName{}, Offices: []office{}, HiringManagers: []user{}, Recruiters: []user{},
	}
	for k, st := range []string{"Applied", "Interview", "Offer", "Hired"} {
		j.Stages = append(j.Stages, stage{ID: fmt.Sprintf("%s-S%d", id, k+1), Text: st})
	}
	s.data.jobs = append(s.data.jobs, j)
	return map[string]any{"jobId": id}, nil
}

func (s *Server) handleApplicationList(c *call) (any, *apiError) {
	list := s.data.applications
	if jid := c.query.Get("jobId"); jid != "" { // Knit documents no filter name; the playground's choice
		list = nil
		for _, a := range s.data.applications {
			if a.Info.JobID == jid {
				list = append(list, a)
			}
		}
	}
	return listResponse(c, "applications", derefAll(list))
}

func (s *Server) handleApplicationGet(c *call) (any, *apiError) {
	aid, ae := c.required("applicationId")
	if ae != nil {
		return nil, ae
	}
	cid, ae := c.required("candidateId")
	if ae != nil {
		return nil, ae
	}
	i := find(s.data.applications, aid, applicationID)
	if i < 0 || s.data.applications[i].Info.Candidate.ID != cid {
		return nil, notFound("Application not found")
	}
	return map[string]any{"application": *s.data.applications[i]}, nil
}

// applicationCreateBody is ats.application.create: the method is on Knit's
// use-case pages, the field names are seen in third-party code.
type applicationCreateBody struct {
	JobID          string           `json:"jobId"`
	InitialStageID string           `json:"initialStageId"`
	CandidateID    string           `json:"candidateId"`
	Candidate      *candidateInput  `json:"candidate"`
	Origin         string           `json:"origin"`
	Source         string           `json:"source"`
	MetaData       json.RawMessage  `json:"metaData"`
	Answers        []map[string]any `json:"answers"`
}

type candidateInput struct {
	FirstName string   `json:"firstName"`
	LastName  string   `json:"lastName"`
	Emails    []email  `json:"emails"`
	Phones    []phone  `json:"phones"`
	Links     []string `json:"links"`
	Title     string   `json:"title"`
	Company   string   `json:"company"`
}

func (s *Server) handleApplicationCreate(c *call) (any, *apiError) {
	var b applicationCreateBody
	if ae := c.decode(&b); ae != nil {
		return nil, ae
	}
	if b.JobID == "" {
		return nil, badRequest("jobId is required")
	}
	ji := find(s.data.jobs, b.JobID, jobID)
	if ji < 0 {
		return nil, notFound("Job not found: %s", b.JobID)
	}
	job := s.data.jobs[ji]
	stage := stage{}
	if len(job.Stages) > 0 {
		stage = job.Stages[0]
	}
	if b.InitialStageID != "" {
		found := false
		for _, st := range job.Stages {
			if st.ID == b.InitialStageID {
				stage, found = st, true
			}
		}
		if !found {
			return nil, badRequest("initialStageId %q is not a stage of job %s", b.InitialStageID, b.JobID)
		}
	}
	var cand candidate
	switch {
	case b.CandidateID != "" && b.Candidate != nil:
		return nil, badRequest("send either candidateId or candidate, not both")
	case b.CandidateID != "":
		ci := find(s.data.candidates, b.CandidateID, candidateID)
		if ci < 0 {
			return nil, notFound("Candidate not found: %s", b.CandidateID)
		}
		cand = s.data.candidates[ci].Info
	case b.Candidate != nil:
		in := b.Candidate
		if strings.TrimSpace(in.FirstName) == "" {
			return nil, badRequest("candidate.firstName is required")
		}
		if len(in.Emails) == 0 || in.Emails[0].Email == "" {
			return nil, badRequest("candidate.emails is required")
		}
		cand = candidate{ID: s.nextID("CANN"), FirstName: in.FirstName, LastName: in.LastName, Emails: in.Emails, Phones: nonNil(in.Phones), Links: nonNil(in.Links)}
		rec := &candidateRecord{Info: cand, Education: []education{}, Locations: []address{}, Skills: []string{}, Experiences: []experience{}, Attachments: []attachment{}}
		if in.Company != "" || in.Title != "" {
			rec.Experiences = []experience{{Company: in.Company, Title: in.Title}}
		}
		s.data.candidates = append(s.data.candidates, rec)
	default:
		return nil, badRequest("candidateId or candidate is required")
	}
	origin := orDefault(b.Origin, orDefault(b.Source, "NOT_SPECIFIED"))
	a := &application{
		Info:         applicationInfo{ID: s.nextID("APPN"), Status: "ACTIVE", Candidate: cand, Origin: origin, AppliedAt: timeStr(c.now), UpdatedAt: timeStr(c.now), JobID: job.Info.ID},
		CurrentStage: &stage, Interviews: []interview{}, Offers: []offer{}, Attachments: []attachment{},
	}
	s.data.applications = append(s.data.applications, a)
	return map[string]any{"applicationId": a.Info.ID, "candidateId": cand.ID, "jobId": job.Info.ID}, nil
}

// attachmentAddBody is ats.application.attachment.add. Knit does not
// document the body; the playground accepts applicationId plus an attachment
// with a name and either a url or base64 content.
type attachmentAddBody struct {
	ApplicationID string `json:"applicationId"`
	Attachment    *struct {
		Name    string `json:"name"`
		Type    string `json:"type"`
		URL     string `json:"url"`
		Content string `json:"content"`
	} `json:"attachment"`
}

func (s *Server) handleAttachmentAdd(c *call) (any, *apiError) {
	var b attachmentAddBody
	if ae := c.decode(&b); ae != nil {
		return nil, ae
	}
	if b.ApplicationID == "" {
		return nil, badRequest("applicationId is required")
	}
	if b.Attachment == nil || b.Attachment.Name == "" {
		return nil, badRequest("attachment.name is required")
	}
	if b.Attachment.URL == "" && b.Attachment.Content == "" {
		return nil, badRequest("attachment.url or attachment.content is required")
	}
	var id string
	err := update(s.data.applications, b.ApplicationID, applicationID, func(a *application) {
		id = fmt.Sprintf("%s-A%d", a.Info.ID, len(a.Attachments)+1)
		url := b.Attachment.URL
		if url == "" {
			url = "https://files.playground-inc.com/attachments/" + id
		}
		a.Attachments = append(a.Attachments, attachment{ID: id, Name: b.Attachment.Name, Type: orDefault(b.Attachment.Type, "OTHER"), URL: url})
	})
	if err != nil {
		return nil, notFound("Application not found")
	}
	return map[string]any{"attachmentId": id}, nil
}

// candidateSearchBody is ats.candidates.search, as third-party code sends it.
type candidateSearchBody struct {
	FirstName string   `json:"firstName"`
	LastName  string   `json:"lastName"`
	Emails    []string `json:"emails"`
	Phones    []string `json:"phones"`
}

func (s *Server) handleCandidatesSearch(c *call) (any, *apiError) {
	var b candidateSearchBody
	if ae := c.decode(&b); ae != nil {
		return nil, ae
	}
	if b.FirstName == "" && b.LastName == "" && len(b.Emails) == 0 && len(b.Phones) == 0 {
		return nil, badRequest("At least one of firstName, lastName, emails, phones is required")
	}
	out := []candidate{}
	for _, rec := range s.data.candidates {
		if candidateMatches(rec.Info, b) {
			out = append(out, rec.Info)
		}
	}
	return map[string]any{"candidates": out}, nil
}

func candidateMatches(c candidate, b candidateSearchBody) bool {
	if b.FirstName != "" && !strings.EqualFold(c.FirstName, b.FirstName) {
		return false
	}
	if b.LastName != "" && !strings.EqualFold(c.LastName, b.LastName) {
		return false
	}
	if len(b.Emails) > 0 && !anyMatch(b.Emails, func(v string) bool {
		for _, e := range c.Emails {
			if strings.EqualFold(e.Email, v) {
				return true
			}
		}
		return false
	}) {
		return false
	}
	if len(b.Phones) > 0 && !anyMatch(b.Phones, func(v string) bool {
		for _, p := range c.Phones {
			if p.PhoneNumber == v {
				return true
			}
		}
		return false
	}) {
		return false
	}
	return true
}

func anyMatch(vals []string, fn func(string) bool) bool {
	for _, v := range vals {
		if fn(v) {
			return true
		}
	}
	return false
}
