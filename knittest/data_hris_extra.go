package knittest

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"

	"github.com/knit-sdk/knit-go/basemodel"
)

// document is one employee document, in the shape of Knit's file data seen
// in third-party code.
type document struct {
	ID         string `json:"id"`
	Category   string `json:"category"`
	FileName   string `json:"fileName"`
	Comment    string `json:"comment"`
	URL        string `json:"url"`
	UploadedAt string `json:"uploadedAt"`
}

// deduction is a company-wide benefit or deduction. Knit does not document
// its shape; this one is the playground's.
type deduction struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description string `json:"description"`
}

// employeeDeduction is an employee's enrollment in a Deduction.
type employeeDeduction struct {
	DeductionID string            `json:"deductionId"`
	EmployeeID  string            `json:"employeeId"`
	Amount      basemodel.Decimal `json:"amount"`
	Percentage  basemodel.Decimal `json:"percentage"`
	StartDate   string            `json:"startDate"`
}

// attendance is one day of an employee's attendance, in the shape seen in
// third-party code.
type attendance struct {
	EmployeeID     string  `json:"employeeId"`
	Date           string  `json:"date"`
	ShiftStartTime string  `json:"shiftStartTime"`
	ShiftEndTime   string  `json:"shiftEndTime"`
	TotalHours     float64 `json:"totalHours"`
	BreakHours     float64 `json:"breakHours"`
	EffectiveHours float64 `json:"effectiveHours"`
	FirstInTime    string  `json:"firstInTime"`
	LastOutTime    string  `json:"lastOutTime"`
	Status         string  `json:"status"`
}

// timesheet is one time log entry, with the fields of Knit's use-case pages.
type timesheet struct {
	EmployeeID string  `json:"employeeId"`
	TimeLogID  string  `json:"timeLogId"`
	Date       string  `json:"date"`
	StartTime  string  `json:"startTime"`
	EndTime    string  `json:"endTime"`
	TotalHours float64 `json:"totalHours"`
	ProjectID  string  `json:"projectId"`
	EntryType  string  `json:"entryType"`
	Status     string  `json:"status"`
}

// Static HRIS reference lists.
var (
	documentCategories = []idName{{ID: "dc_contract", Name: "Employment Contract"}, {ID: "dc_id", Name: "Identity Proof"}, {ID: "dc_tax", Name: "Tax Forms"}, {ID: "dc_review", Name: "Performance Review"}}
	terminationReasons = []idName{{ID: "tr_resign", Name: "Resignation"}, {ID: "tr_layoff", Name: "Layoff"}, {ID: "tr_perf", Name: "Performance"}, {ID: "tr_contract_end", Name: "End of Contract"}, {ID: "tr_retire", Name: "Retirement"}}
	compensationPlans  = []map[string]string{
		{"id": "cp_eng", "name": "Engineering Salary Bands", "type": "SALARY"}, {"id": "cp_sales", "name": "Sales Commission Plan", "type": "COMMISSION"},
		{"id": "cp_bonus", "name": "Annual Bonus Plan", "type": "BONUS"}, {"id": "cp_equity", "name": "Employee Stock Options", "type": "STOCK"},
	}
	fieldValues = map[string][]string{
		"employmentType": {"FULL_TIME", "PART_TIME", "CONTRACT"},
		"gender":         {"MALE", "FEMALE", "NON_BINARY", "NOT_SPECIFIED"},
		"maritalStatus":  {"SINGLE", "MARRIED", "DIVORCED", "SEPARATED", "WIDOWED"},
	}
)

func genHRISExtras(g *gen, d *dataset) {
	d.deductions = []deduction{
		{ID: "ded_401k", Name: "401(k) Retirement Plan", Type: "RETIREMENT", Description: "Pre-tax retirement savings"},
		{ID: "ded_medical", Name: "Medical Insurance", Type: "HEALTH", Description: "Company medical plan"},
		{ID: "ded_dental", Name: "Dental Insurance", Type: "HEALTH", Description: "Company dental plan"},
		{ID: "ded_commuter", Name: "Commuter Benefit", Type: "COMMUTER", Description: "Pre-tax transit"},
	}
	for _, e := range d.employees {
		id := e.Profile.ID
		d.documents[id] = []document{{
			ID: id + "-DOC1", Category: documentCategories[0].Name, FileName: "employment_contract_" + id + ".pdf",
			Comment: "Signed contract", URL: "https://files.playground-inc.com/docs/" + id + "/contract.pdf", UploadedAt: e.Profile.StartDate + "T09:00:00Z",
		}}
		if g.chance(0.5) {
			d.documents[id] = append(d.documents[id], document{ID: id + "-DOC2", Category: documentCategories[2].Name, FileName: "tax_form_2024.pdf",
				URL: "https://files.playground-inc.com/docs/" + id + "/tax_2024.pdf", UploadedAt: "2025-01-15T09:00:00Z"})
		}
		if e.Locations.WorkAddress != nil && e.Locations.WorkAddress.Country == "US" && g.chance(0.7) {
			d.enrollments[id] = append(d.enrollments[id], employeeDeduction{DeductionID: "ded_401k", EmployeeID: id, Percentage: basemodel.DecimalFromInt(int64(3 + g.intn(5))), StartDate: e.Profile.StartDate})
		}
		if g.chance(0.6) {
			d.enrollments[id] = append(d.enrollments[id], employeeDeduction{DeductionID: "ded_medical", EmployeeID: id, Amount: cents(g.money(80, 400)), StartDate: e.Profile.StartDate})
		}
	}
}

// dayRand is a generator seeded by an employee and a day, so attendance and
// timesheets are computed on the fly and still deterministic.
func dayRand(empID string, day time.Time) *rand.Rand {
	h := fnv.New64a()
	_, _ = h.Write([]byte(empID + day.Format("2006-01-02")))
	return rand.New(rand.NewPCG(h.Sum64(), 7)) //nolint:gosec // deterministic test data
}

func attendanceFor(e *employee, day time.Time) (attendance, bool) {
	if day.Weekday() == time.Saturday || day.Weekday() == time.Sunday || dateStr(day) < e.Profile.StartDate {
		return attendance{}, false
	}
	r := dayRand(e.Profile.ID, day)
	a := attendance{EmployeeID: e.Profile.ID, Date: dateStr(day), Status: "PRESENT"}
	start := day.Add(time.Duration(8*60+r.IntN(90)) * time.Minute)
	end := start.Add(time.Duration(8*60+r.IntN(120)) * time.Minute)
	if r.IntN(20) == 0 {
		a.Status = "ABSENT"
		return a, true
	}
	a.ShiftStartTime, a.ShiftEndTime = timeStr(day.Add(9*time.Hour)), timeStr(day.Add(17*time.Hour+30*time.Minute))
	a.FirstInTime, a.LastOutTime = timeStr(start), timeStr(end)
	a.TotalHours = round2(end.Sub(start).Hours())
	a.BreakHours = 0.5
	a.EffectiveHours = round2(a.TotalHours - a.BreakHours)
	return a, true
}

func timesheetFor(e *employee, day time.Time) (timesheet, bool) {
	a, ok := attendanceFor(e, day)
	if !ok || a.Status != "PRESENT" {
		return timesheet{}, false
	}
	r := dayRand(e.Profile.ID+"ts", day)
	t := timesheet{
		EmployeeID: e.Profile.ID, TimeLogID: fmt.Sprintf("TL-%s-%s", e.Profile.ID, day.Format("20060102")), Date: a.Date,
		StartTime: a.FirstInTime, EndTime: a.LastOutTime, TotalHours: a.EffectiveHours,
		ProjectID: fmt.Sprintf("PRJ-%02d", 1+r.IntN(12)), EntryType: "REGULAR", Status: []string{"APPROVED", "APPROVED", "PENDING"}[r.IntN(3)],
	}
	if t.TotalHours > 8.5 {
		t.EntryType = "OVERTIME"
	}
	return t, true
}
