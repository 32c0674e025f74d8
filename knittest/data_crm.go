package knittest

import (
	"fmt"
	"time"

	"github.com/knit-sdk/knit-go/basemodel"
)

// CRM records are keyed like the Event Data Keys of Knit's CRM data-model
// pages. Knit documents no CRM read/write methods and no CRM sync
// dataType, so the playground serves CRM data only through the Server's Go
// accessors (Contacts, Accounts, Deals) and passthrough-style examples.

// crmUser is the CRM user model: {id, email}.
type crmUser struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}

// contact is one CRM contact.
type contact struct {
	Info         crmContactInfo    `json:"info"`
	Addresses    []address         `json:"addresses"`
	Phones       []phone           `json:"phones"`
	Emails       []email           `json:"emails"`
	CustomFields map[string]string `json:"customFields"`
}

// crmContactInfo is the `info` model of a CRM contact.
type crmContactInfo struct {
	ID             string   `json:"id"`
	FirstName      string   `json:"firstName"`
	LastName       string   `json:"lastName"`
	Description    string   `json:"description"`
	Industry       string   `json:"industry"`
	JobTitle       string   `json:"jobTitle"`
	Owner          *crmUser `json:"owner"`
	CreatedBy      *crmUser `json:"createdBy"`
	CreatedAt      string   `json:"createdAt"`
	UpdatedAt      string   `json:"updatedAt"`
	LastActivityAt string   `json:"lastActivityAt"`
	Account        string   `json:"account"`
}

// account is one CRM account (company).
type account struct {
	Info         accountInfo   `json:"info"`
	Addresses    []address     `json:"addresses"`
	Phones       []phone       `json:"phones"`
	Contacts     []string      `json:"contacts"`
	CustomFields accountFields `json:"customFields"`
}

// accountInfo is the `info` model of a CRM account.
type accountInfo struct {
	ID                string   `json:"id"`
	Name              string   `json:"name"`
	Description       string   `json:"description"`
	Industry          string   `json:"industry"`
	Website           string   `json:"website"`
	NumberOfEmployees string   `json:"numberOfEmployees"`
	Owner             *crmUser `json:"owner"`
	CreatedBy         *crmUser `json:"createdBy"`
	SocialMediaLinks  []string `json:"socialMediaLinks"`
	CreatedAt         string   `json:"createdAt"`
	UpdatedAt         string   `json:"updatedAt"`
	LastActivityAt    string   `json:"lastActivityAt"`
	IsPersonAccount   string   `json:"isPersonAccount"`
}

// accountFields is the account `customFields` model: {fields: {...}}.
type accountFields struct {
	Fields map[string]string `json:"fields"`
}

// deal is one CRM deal.
type deal struct {
	Info     dealInfo  `json:"info"`
	Stage    dealStage `json:"stage"`
	Accounts []string  `json:"accounts"`
	Contacts []string  `json:"contacts"`
}

// dealInfo is the `info` model of a deal.
type dealInfo struct {
	ID             string            `json:"id"`
	Name           string            `json:"name"`
	Description    string            `json:"description"`
	Amount         basemodel.Decimal `json:"amount"`
	Currency       string            `json:"currency"`
	Owner          *crmUser          `json:"owner"`
	CreatedBy      *crmUser          `json:"createdBy"`
	Status         string            `json:"status"`
	CreatedAt      string            `json:"createdAt"`
	LastActivityAt string            `json:"lastActivityAt"`
}

// dealStage is a deal's pipeline stage.
type dealStage struct {
	StageID      string `json:"stageId"`
	StageName    string `json:"stageName"`
	PipelineID   string `json:"pipelineId"`
	PipelineName string `json:"pipelineName"`
}

const (
	crmContactCount = 500
	crmAccountCount = 120
	crmDealCount    = 60
)

var dealStages = []string{"Qualification", "Discovery", "Proposal", "Negotiation", "Closed Won", "Closed Lost"}

func genCRM(g *gen, d *dataset) {
	var reps []crmUser
	for _, e := range d.employees {
		if e.OrgStructure.Department == "Sales" && e.Profile.EmploymentStatus == "ACTIVE" {
			reps = append(reps, crmUser{ID: "crm_" + e.Profile.ID, Email: e.Profile.WorkEmail})
		}
	}
	rep := func() *crmUser { u := reps[g.intn(len(reps))]; return &u }
	suffixes := []string{"", " Group", " Holdings", " Labs", " Partners", " International"}
	for i := range crmAccountCount {
		name := companies[i%len(companies)] + suffixes[(i/len(companies))%len(suffixes)]
		o := offices[g.intn(len(offices))]
		created := g.daysBefore(60, 1500)
		site := "https://www." + slug(name) + ".example"
		d.accounts = append(d.accounts, &account{
			Info: accountInfo{
				ID: fmt.Sprintf("ACC%04d", 1+i), Name: name, Description: g.pick(industries) + " customer", Industry: g.pick(industries),
				Website: site, NumberOfEmployees: fmt.Sprint([]int{10, 50, 200, 1000, 5000}[g.intn(5)]), Owner: rep(), CreatedBy: rep(),
				SocialMediaLinks: []string{"https://www.linkedin.com/company/" + slug(name)}, CreatedAt: timeStr(created),
				UpdatedAt: timeStr(created.AddDate(0, 0, 30)), LastActivityAt: timeStr(g.daysBefore(0, 59)), IsPersonAccount: "FALSE",
			},
			Addresses:    []address{{AddressLine1: fmt.Sprintf("%d %s", 1+g.intn(999), g.pick(streets)), City: o[2], State: o[3], Country: o[4], ZipCode: o[5], AddressType: "WORK"}},
			Phones:       []phone{{Type: "WORK", PhoneNumber: g.phone(o[4])}},
			CustomFields: accountFields{Fields: map[string]string{"tier": g.pick([]string{"Gold", "Silver", "Bronze"})}},
		})
	}
	for i := range crmContactCount {
		first, last := g.pick(firstNames), g.pick(lastNames)
		acc := d.accounts[g.intn(len(d.accounts))]
		created := g.daysBefore(30, 1200)
		id := fmt.Sprintf("CON%05d", 1+i)
		c := &contact{
			Info: crmContactInfo{
				ID: id, FirstName: first, LastName: last, Description: "Met at " + g.pick([]string{"SaaStr", "a webinar", "a partner referral", "an inbound demo request"}),
				Industry: acc.Info.Industry, JobTitle: g.pick([]string{"CTO", "VP Engineering", "Head of People", "CFO", "Procurement Lead", "Operations Director"}),
				Owner: acc.Info.Owner, CreatedBy: rep(), CreatedAt: timeStr(created), UpdatedAt: timeStr(created.Add(36 * time.Hour)),
				LastActivityAt: timeStr(g.daysBefore(0, 29)), Account: acc.Info.ID,
			},
			Addresses:    acc.Addresses,
			Phones:       []phone{{Type: "WORK", PhoneNumber: g.phone(acc.Addresses[0].Country)}},
			Emails:       []email{{Type: "WORK", Email: slug(first) + "." + slug(last) + "@" + slug(acc.Info.Name) + ".example"}},
			CustomFields: map[string]string{"leadSource": g.pick([]string{"Web", "Event", "Referral", "Outbound"})},
		}
		if g.chance(0.2) {
			c.Phones = append(c.Phones, phone{Type: "PERSONAL", PhoneNumber: g.phone(acc.Addresses[0].Country)})
		}
		acc.Contacts = append(acc.Contacts, id)
		d.contacts = append(d.contacts, c)
	}
	for i := range crmDealCount {
		acc := d.accounts[g.intn(len(d.accounts))]
		stage := g.intn(len(dealStages))
		status := "OPEN"
		switch dealStages[stage] {
		case "Closed Won":
			status = "WON"
		case "Closed Lost":
			status = "LOST"
		}
		created := g.daysBefore(10, 400)
		deal := &deal{
			Info: dealInfo{
				ID: fmt.Sprintf("DEAL%04d", 1+i), Name: acc.Info.Name + " – " + g.pick([]string{"Annual plan", "Expansion", "Pilot", "Renewal"}),
				Description: "Playground deal", Amount: cents(g.money(5000, 250000)), Currency: "USD", Owner: acc.Info.Owner, CreatedBy: rep(),
				Status: status, CreatedAt: timeStr(created), LastActivityAt: timeStr(created.AddDate(0, 0, 7)),
			},
			Stage:    dealStage{StageID: fmt.Sprintf("stg_%d", stage+1), StageName: dealStages[stage], PipelineID: "pl_sales", PipelineName: "Sales Pipeline"},
			Accounts: []string{acc.Info.ID},
		}
		if len(acc.Contacts) > 0 {
			deal.Contacts = []string{acc.Contacts[g.intn(len(acc.Contacts))]}
		}
		d.deals = append(d.deals, deal)
	}
}
