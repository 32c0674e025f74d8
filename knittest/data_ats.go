package knittest

import (
	"fmt"
	"strings"
	"time"
)

// job is one ATS job, keyed like the eventData of an `ats_jobs` sync and like
// the items of ats.job.list (third-party code reads list items in the same
// keyed shape).
type job struct {
	Info           jobInfo  `json:"info"`
	Departments    []idName `json:"departments"`
	Offices        []office `json:"offices"`
	HiringManagers []user   `json:"hiringManagers"`
	Recruiters     []user   `json:"recruiters"`
	Stages         []stage  `json:"stages"`
	// CustomFields is the customFields object of Knit's job sync example
	// (https://developers.getknit.dev/docs/syncing-jobs); Knit names no
	// model ID for it, so it is sent when a sync names no models.
	CustomFields map[string]string `json:"customFields"`
}

// jobInfo is the `info` model of a job.
type jobInfo struct {
	ID           string  `json:"id"`
	Title        string  `json:"title"`
	Description  string  `json:"description"`
	CreatedAt    string  `json:"createdAt"`
	UpdatedAt    string  `json:"updatedAt"`
	ClosedAt     *string `json:"closedAt"`
	Status       string  `json:"status"`
	Confidential bool    `json:"isConfidential"`
	InfoURL      string  `json:"infoUrl"`
	ApplyURL     string  `json:"applyUrl"`
}

// idName is an {id, name} pair (job departments).
type idName struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// office is a job's office.
type office struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Location string   `json:"location"`
	Address  *address `json:"address"`
}

// user is Knit's ATS user: {id, email, employeeId}.
type user struct {
	ID         string `json:"id"`
	Email      string `json:"email"`
	EmployeeID string `json:"employeeId"`
}

// stage is a hiring stage: {id, text}.
type stage struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// phone is Knit's shared phone model: {type, phoneNumber}.
type phone struct {
	Type        string `json:"type"`
	PhoneNumber string `json:"phoneNumber"`
}

// email is Knit's shared email model: {type, email}.
type email struct {
	Type  string `json:"type"`
	Email string `json:"email"`
}

// candidate is the ATS candidate model.
type candidate struct {
	ID        string   `json:"id"`
	FirstName string   `json:"firstName"`
	LastName  string   `json:"lastName"`
	Phones    []phone  `json:"phones"`
	Emails    []email  `json:"emails"`
	Links     []string `json:"links"`
	Location  string   `json:"location"`
}

// candidateRecord is one candidate keyed like the eventData of an
// `ats_candidates` sync. Knit's use-case pages name the model IDs; the Event
// Data Keys are derived from them, as Knit documents no candidate keys.
type candidateRecord struct {
	Info        candidate    `json:"info"`
	Education   []education  `json:"education"`
	Locations   []address    `json:"locations"`
	Skills      []string     `json:"skills"`
	Experiences []experience `json:"experiences"`
	Attachments []attachment `json:"attachments"`
}

// education is one degree of a candidate.
type education struct {
	ID                string `json:"id"`
	Degree            string `json:"degree"`
	Major             string `json:"major"`
	Institute         string `json:"institute"`
	CurrentlyPursuing bool   `json:"currentlyPursuing"`
}

// experience is one past position of a candidate.
type experience struct {
	Company   string `json:"company"`
	Title     string `json:"title"`
	StartDate string `json:"startDate"`
	EndDate   string `json:"endDate"`
}

// application is one job application keyed like the eventData of an
// `ats_applications` sync and like ats.application.list items.
type application struct {
	Info         applicationInfo `json:"info"`
	CurrentStage *stage          `json:"currentStage"`
	Interviews   []interview     `json:"interviews"`
	Rejection    *rejection      `json:"rejection"`
	Offers       []offer         `json:"offers"`
	Attachments  []attachment    `json:"attachments"`
}

// applicationInfo is the `info` model of an application.
type applicationInfo struct {
	ID         string    `json:"id"`
	Status     string    `json:"status"`
	Candidate  candidate `json:"candidate"`
	Origin     string    `json:"origin"`
	AppliedAt  string    `json:"appliedAt"`
	UpdatedAt  string    `json:"updatedAt"`
	JobID      string    `json:"jobId"`
	Owner      *user     `json:"owner"`
	CreditedTo *user     `json:"creditedTo"`
}

// interview is one scheduled interview.
type interview struct {
	ID             string `json:"id"`
	Subject        string `json:"subject"`
	ScheduledStart string `json:"scheduledStart"`
	ScheduledEnd   string `json:"scheduledEnd"`
	Status         string `json:"status"`
	Interviewers   []user `json:"interviewers"`
}

// rejection says why and when an application was rejected.
type rejection struct {
	ID         string `json:"id"`
	Text       string `json:"text"`
	RejectedAt string `json:"rejectedAt"`
}

// offer is a job offer.
type offer struct {
	ID            string `json:"id"`
	ApplicationID string `json:"applicationId"`
	Status        string `json:"status"`
	OfferDate     string `json:"offerDate"`
	SentAt        string `json:"sentAt"`
	StartDate     string `json:"startDate"`
}

// attachment is a file attached to an application or candidate.
type attachment struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
	URL  string `json:"url"`
}

const (
	jobCount         = 25
	applicationCount = 400
)

var stageNames = []string{"Applied", "Recruiter Screen", "Hiring Manager Interview", "Technical Assessment", "Onsite", "Offer", "Hired"}

func atsUser(e *employee) user {
	return user{ID: "usr_" + strings.ToLower(e.Profile.ID), Email: e.Profile.WorkEmail, EmployeeID: e.Profile.ID}
}

func genJobs(g *gen, d *dataset) {
	var recruiters []*employee
	for _, e := range d.employees {
		if e.OrgStructure.Department == "People" && e.Profile.EmploymentStatus == "ACTIVE" {
			recruiters = append(recruiters, e)
		}
	}
	statuses := []string{"OPEN", "OPEN", "OPEN", "OPEN", "OPEN", "OPEN", "OPEN", "CLOSED", "CLOSED", "DRAFT"}
	for i := range jobCount {
		dept := departments[g.intn(6)] // hiring happens mostly in the first six departments
		title := g.pick(designations[dept])
		o := offices[g.intn(len(offices))]
		id := fmt.Sprintf("JOB%03d", 101+i)
		created := g.daysBefore(20, 300)
		status := statuses[g.intn(len(statuses))]
		info := jobInfo{
			ID: id, Title: title, CreatedAt: timeStr(created.Add(9 * time.Hour)), UpdatedAt: timeStr(created.AddDate(0, 0, 3).Add(11 * time.Hour)),
			Description: fmt.Sprintf("We are hiring a %s to join our %s team in %s.", title, dept, o[2]),
			Status:      status, Confidential: g.chance(0.08),
			InfoURL: "https://careers.playground-inc.com/jobs/" + id, ApplyURL: "https://careers.playground-inc.com/jobs/" + id + "/apply",
		}
		if status == "CLOSED" {
			c := timeStr(created.AddDate(0, 0, 45))
			info.ClosedAt = &c
		}
		head := d.employees[1+indexOf(departments, dept)]
		j := &job{
			Info:           info,
			Departments:    []idName{{ID: "dep_" + slug(dept), Name: dept}},
			Offices:        []office{{ID: "off_" + slug(o[2]), Name: o[0], Location: o[2] + ", " + o[4], Address: &address{AddressLine1: o[1], City: o[2], State: o[3], Country: o[4], ZipCode: o[5], AddressType: "WORK"}}},
			HiringManagers: []user{atsUser(head)},
			Recruiters:     []user{atsUser(recruiters[g.intn(len(recruiters))])},
			CustomFields:   map[string]string{"requisitionId": "REQ-" + id[3:], "costCenter": "CC-" + slug(dept)},
		}
		n := 5 + g.intn(3) // 5..7 stages, always ending with Offer and Hired
		names := append(append([]string{}, stageNames[:n-2]...), "Offer", "Hired")
		for k, s := range names {
			j.Stages = append(j.Stages, stage{ID: fmt.Sprintf("%s-S%d", id, k+1), Text: s})
		}
		d.jobs = append(d.jobs, j)
	}
}

func genApplications(g *gen, d *dataset) {
	var open []*job
	for _, j := range d.jobs {
		if j.Info.Status != "DRAFT" {
			open = append(open, j)
		}
	}
	for i := range applicationCount {
		first, last := g.pick(firstNames), g.pick(lastNames)
		o := offices[g.intn(len(offices))]
		cid := fmt.Sprintf("CAN%05d", 20001+i)
		cand := candidate{
			ID: cid, FirstName: first, LastName: last,
			Phones: []phone{{Type: "PERSONAL", PhoneNumber: g.phone(o[4])}},
			Emails: []email{{Type: "PERSONAL", Email: fmt.Sprintf("%s.%s%d@example.com", slug(first), slug(last), g.intn(100))}},
			Links:  []string{fmt.Sprintf("https://www.linkedin.com/in/%s-%s-%d", slug(first), slug(last), 1000+g.intn(9000))},
			// A few candidates have no links at all, as Knit sends them (null).
			Location: o[2] + ", " + o[4],
		}
		if g.chance(0.1) {
			cand.Links = nil
		}
		resume := attachment{ID: cid + "-CV", Name: fmt.Sprintf("%s_%s_CV.pdf", first, last), Type: "RESUME", URL: "https://files.playground-inc.com/resumes/" + cid + ".pdf"}
		grad := 2000 + g.intn(24)
		rec := &candidateRecord{
			Info:        cand,
			Education:   []education{{ID: cid + "-E1", Degree: g.pick([]string{"BSc", "BA", "MSc", "MBA", "BEng"}), Major: g.pick(majors), Institute: g.pick(schools)}},
			Locations:   []address{{City: o[2], State: o[3], Country: o[4], AddressType: "HOME_PRESENT"}},
			Skills:      []string{g.pick(skillsList), g.pick(skillsList)},
			Experiences: []experience{{Company: g.pick(companies), Title: g.pick(designations[g.pick(departments)]), StartDate: fmt.Sprintf("%d-09-01", grad), EndDate: fmt.Sprintf("%d-06-30", min(grad+2+g.intn(6), 2025))}},
			Attachments: []attachment{resume},
		}
		d.candidates = append(d.candidates, rec)

		j := open[g.intn(len(open))]
		created, _ := time.Parse(time.RFC3339, j.Info.CreatedAt)
		applied := created.Add(time.Duration(1+g.intn(int(anchor.Sub(created).Hours()))) * time.Hour)
		aid := fmt.Sprintf("APP%05d", 50001+i)
		status := []string{"ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "REJECTED", "REJECTED", "REJECTED", "HIRED"}[g.intn(10)]
		stage := g.intn(len(j.Stages) - 2)
		a := &application{
			Info: applicationInfo{
				ID: aid, Status: status, Candidate: cand, AppliedAt: timeStr(applied), UpdatedAt: timeStr(applied.Add(72 * time.Hour)),
				Origin: []string{"EXTERNAL", "EXTERNAL", "EXTERNAL", "REFERRAL", "AGENCY", "NOT_SPECIFIED"}[g.intn(6)], JobID: j.Info.ID,
			},
			Attachments: []attachment{resume},
		}
		if g.chance(0.7) {
			owner := j.Recruiters[0]
			a.Info.Owner = &owner
		}
		if status == "HIRED" {
			stage = len(j.Stages) - 1
			a.Offers = []offer{{ID: aid + "-O1", ApplicationID: aid, Status: "SIGNED", OfferDate: dateStr(applied.AddDate(0, 0, 20)),
				SentAt: timeStr(applied.AddDate(0, 0, 20).Add(15 * time.Hour)), StartDate: dateStr(applied.AddDate(0, 0, 50))}}
		}
		cur := j.Stages[stage]
		a.CurrentStage = &cur
		for k := 1; k <= stage && k <= 3; k++ {
			at := applied.AddDate(0, 0, 3*k).Add(14 * time.Hour)
			a.Interviews = append(a.Interviews, interview{
				ID: fmt.Sprintf("%s-I%d", aid, k), Subject: j.Stages[k].Text + " with " + first, ScheduledStart: timeStr(at),
				ScheduledEnd: timeStr(at.Add(45 * time.Minute)), Status: "COMPLETED", Interviewers: j.HiringManagers,
			})
		}
		if status == "REJECTED" {
			a.Rejection = &rejection{ID: aid + "-R", Text: g.pick([]string{"Not enough experience", "Position filled", "Failed technical assessment", "Candidate withdrew", "Salary expectations"}),
				RejectedAt: timeStr(applied.AddDate(0, 0, 3*stage+2))}
		}
		d.applications = append(d.applications, a)
	}
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
