package knittest

import (
	"fmt"
	"math"
	"time"

	"github.com/knit-sdk/knit-go/basemodel"
)

// employee is one HRIS employee, keyed like the eventData of an `employee`
// sync (Event Data Keys from https://developers.getknit.dev/reference/employee-data-model-4;
// the compensation shape is the playground's choice).
type employee struct {
	Profile        employeeProfile     `json:"profile"`
	ContactInfo    employeeContactInfo `json:"contactInfo"`
	OrgStructure   orgStructure        `json:"orgStructure"`
	Locations      locations           `json:"locations"`
	Dependents     []dependent         `json:"dependents"`
	BankAccounts   []bankAccount       `json:"bankAccounts"`
	Identification []identification    `json:"employeeIdentificationData"`
	Compensation   compensation        `json:"compensation"`
	Company        company             `json:"company"`
	RawValues      map[string]string   `json:"rawValues"`
	LeaveRequests  []leaveRequest      `json:"leaveRequests"`
	CustomFields   map[string]string   `json:"customFields"`
}

// employeeProfile is the `profile` model.
type employeeProfile struct {
	ID               string  `json:"id"`
	FirstName        string  `json:"firstName"`
	LastName         string  `json:"lastName"`
	EmployeeNumber   string  `json:"employeeNumber"`
	WorkEmail        string  `json:"workEmail"`
	BirthDate        string  `json:"birthDate"`
	StartDate        string  `json:"startDate"`
	TerminationDate  *string `json:"terminationDate"`
	EmploymentStatus string  `json:"employmentStatus"`
	EmploymentType   string  `json:"employmentType"`
	MaritalStatus    string  `json:"maritalStatus"`
	Gender           string  `json:"gender"`
}

// employeeContactInfo is the `contactInfo` model. Phones use the HRIS shape
// {type, number}, as seen in third-party code.
type employeeContactInfo struct {
	PersonalEmails []string        `json:"personalEmails"`
	Phones         []employeePhone `json:"phones"`
}

// employeePhone is an HRIS phone number.
type employeePhone struct {
	Type   string `json:"type"`
	Number string `json:"number"`
}

// orgStructure is the `orgStructure` model; Manager is nil at the top.
type orgStructure struct {
	Designation string      `json:"designation"`
	Department  string      `json:"department"`
	Manager     *managerRef `json:"manager"`
}

// managerRef points at an employee's manager.
type managerRef struct {
	ID        string `json:"id"`
	WorkEmail string `json:"workEmail"`
}

// locations is the `locations` model.
type locations struct {
	WorkAddress      *address `json:"workAddress"`
	PresentAddress   *address `json:"presentAddress"`
	PermanentAddress *address `json:"permanentAddress"`
}

// address is Knit's shared address model.
type address struct {
	AddressLine1 string `json:"addressLine1"`
	AddressLine2 string `json:"addressLine2"`
	City         string `json:"city"`
	State        string `json:"state"`
	Country      string `json:"country"`
	ZipCode      string `json:"zipCode"`
	AddressType  string `json:"addressType"`
}

// dependent is one entry of the `dependents` model.
type dependent struct {
	ID        string `json:"id"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	Relation  string `json:"relation"`
	BirthDate string `json:"birthDate"`
	Gender    string `json:"gender"`
}

// bankAccount is one entry of the `bankAccounts` model.
type bankAccount struct {
	AccountNumber string        `json:"accountNumber"`
	AccountType   string        `json:"accountType"`
	BankName      string        `json:"bankName"`
	RoutingInfo   []routingInfo `json:"routingInfo"`
	PayTypes      []string      `json:"payTypes"`
}

// routingInfo is a bank routing number of some type (IBAN, ROUTING_NUMBER…).
type routingInfo struct {
	Type   string `json:"type"`
	Number string `json:"number"`
}

// identification is one entry of the `employeeIdentificationData` model.
type identification struct {
	Type                 string `json:"type"`
	SubType              string `json:"subType"`
	IdentificationNumber string `json:"identificationNumber"`
}

// compensation is the `compensation` model. Knit documents the model but
// not its fields; this shape is the playground's.
type compensation struct {
	Fixed    []compensationItem `json:"fixed"`
	Variable []compensationItem `json:"variable"`
}

// compensationItem is one pay component.
type compensationItem struct {
	Type      string            `json:"type"`
	Amount    basemodel.Decimal `json:"amount"`
	Currency  string            `json:"currency"`
	PayPeriod string            `json:"payPeriod"`
	Frequency string            `json:"frequency"`
}

// company is the `company` model and an entry of hr.companies.list.
type company struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// leaveType describes a kind of leave.
type leaveType struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
}

// leaveRequest is one leave request, in the shape seen in third-party code.
type leaveRequest struct {
	ID          string    `json:"id"`
	StartDate   string    `json:"startDate"`
	EndDate     string    `json:"endDate"`
	RequestedOn string    `json:"requestedOn"`
	Note        string    `json:"note"`
	Status      string    `json:"status"`
	LeaveType   leaveType `json:"leaveType"`
	Unit        string    `json:"unit"`
	Amount      float64   `json:"amount"`
	IsPaid      string    `json:"isPaid"`
}

// leaveBalance is one entry of hr.employees.leave.balance: the fields Knit
// documents plus isPaid and isEligible, seen in third-party code.
type leaveBalance struct {
	LeaveType  leaveType `json:"leaveType"`
	Unit       string    `json:"unit"`
	Balance    float64   `json:"balance"`
	Used       float64   `json:"used"`
	IsPaid     string    `json:"isPaid"`
	IsEligible string    `json:"isEligible"`
}

// payroll is one pay run of an employee, in the shape seen in third-party
// code.
type payroll struct {
	EmployeeID         string            `json:"employeeId"`
	GrossPay           basemodel.Decimal `json:"grossPay"`
	NetPay             basemodel.Decimal `json:"netPay"`
	Earnings           []payItem         `json:"earnings"`
	Contributions      []payItem         `json:"contributions"`
	Deductions         []payItem         `json:"deductions"`
	ProcessedDate      string            `json:"processedDate"`
	PayDate            string            `json:"payDate"`
	PayPeriodStartDate string            `json:"payPeriodStartDate"`
	PayPeriodEndDate   string            `json:"payPeriodEndDate"`
}

// payItem is one earning, contribution or deduction line.
type payItem struct {
	Type   string            `json:"type"`
	Amount basemodel.Decimal `json:"amount"`
}

var (
	leaveTypes = []leaveType{
		{ID: "lt_vacation", Name: "Annual Leave", Type: "VACATION"},
		{ID: "lt_sick", Name: "Sick Leave", Type: "SICK"},
		{ID: "lt_personal", Name: "Personal Day", Type: "PERSONAL"},
		{ID: "lt_bereavement", Name: "Bereavement Leave", Type: "BEREAVEMENT"},
	}
	hrisCompanies = map[string]company{
		"US": {ID: "co_us", Name: "Playground Inc."}, "CA": {ID: "co_us", Name: "Playground Inc."},
		"GB": {ID: "co_eu", Name: "Playground Europe Ltd."}, "DE": {ID: "co_eu", Name: "Playground Europe Ltd."},
		"IN": {ID: "co_in", Name: "Playground India Pvt. Ltd."},
	}
	// weightedDepartments makes engineering and sales the biggest teams.
	weightedDepartments = append(append(append([]string{}, departments...), departments[:4]...), "Engineering", "Engineering", "Sales")
	weightedOffices     = []int{0, 0, 0, 1, 1, 2, 3, 4, 5, 5, 6}
	// salaryFX converts a USD salary, in basis points (GBP 0.8, INR 30).
	salaryFX = map[string]int64{"USD": 10000, "GBP": 8000, "EUR": 9200, "INR": 300000, "CAD": 13500}
)

// employeeCount and friends size the playground dataset.
const (
	employeeCount = 250
	payrollMonths = 6 // January–June 2025
)

func genEmployees(g *gen, d *dataset) {
	emails := map[string]int{}
	var byDept = map[string][]int{}
	for i := range employeeCount {
		first, last := g.pick(firstNames), g.pick(lastNames)
		local := slug(first) + "." + slug(last)
		emails[local]++
		if n := emails[local]; n > 1 {
			local = fmt.Sprintf("%s%d", local, n)
		}
		e := &employee{}
		p := &e.Profile
		p.ID = fmt.Sprintf("EMP%04d", 1001+i)
		p.FirstName, p.LastName = first, last
		p.EmployeeNumber = fmt.Sprintf("%d", 1001+i)
		p.WorkEmail = local + "@playground-inc.com"
		p.BirthDate = dateStr(g.daysBefore(22*365, 62*365))
		p.Gender = []string{"MALE", "FEMALE", "FEMALE", "MALE", "NON_BINARY", "NOT_SPECIFIED"}[g.intn(6)]
		p.MaritalStatus = []string{"SINGLE", "MARRIED", "MARRIED", "DIVORCED", "SEPARATED", "WIDOWED", "NOT_SPECIFIED"}[g.intn(7)]
		p.EmploymentType = "FULL_TIME"
		if r := g.intn(100); r < 7 {
			p.EmploymentType = "PART_TIME"
		} else if r < 15 {
			p.EmploymentType = "CONTRACT"
		}
		p.EmploymentStatus = "ACTIVE"

		var dept, title string
		var start time.Time
		var mgr *employee
		switch {
		case i == 0:
			dept, title, start = "Executive", "Chief Executive Officer", time.Date(2016, 1, 4, 0, 0, 0, 0, time.UTC)
		case i <= len(departments):
			dept = departments[i-1]
			title, start, mgr = "Head of "+dept, g.daysBefore(6*365, 9*365), d.employees[0]
		default:
			dept = g.pick(weightedDepartments)
			title, start = g.pick(designations[dept]), g.daysBefore(20, 8*365)
			team := byDept[dept]
			mgr = d.employees[team[0]]
			if len(team) > 3 && g.chance(0.3) {
				mgr = d.employees[team[1+g.intn(len(team)-1)]]
			}
			if g.chance(0.05) {
				end := start.AddDate(0, 0, 30+g.intn(int(anchor.Sub(start).Hours()/24)+1))
				if end.After(anchor) {
					end = anchor.AddDate(0, 0, -1)
				}
				s := dateStr(end)
				p.TerminationDate, p.EmploymentStatus = &s, "INACTIVE"
			}
		}
		byDept[dept] = append(byDept[dept], i)
		p.StartDate = dateStr(start)
		e.OrgStructure = orgStructure{Designation: title, Department: dept}
		if mgr != nil {
			e.OrgStructure.Manager = &managerRef{ID: mgr.Profile.ID, WorkEmail: mgr.Profile.WorkEmail}
		}

		o := offices[weightedOffices[g.intn(len(weightedOffices))]]
		country, currency := o[4], o[6]
		work := &address{AddressLine1: o[1], City: o[2], State: o[3], Country: country, ZipCode: o[5], AddressType: "WORK"}
		home := &address{
			AddressLine1: fmt.Sprintf("%d %s", 10+g.intn(990), g.pick(streets)), AddressLine2: fmt.Sprintf("Apt %d", 1+g.intn(40)),
			City: o[2], State: o[3], Country: country, ZipCode: o[5], AddressType: "HOME_PRESENT",
		}
		perm := *home
		perm.AddressType = "HOME_PERMANENT"
		e.Locations = locations{WorkAddress: work, PresentAddress: home, PermanentAddress: &perm}
		e.ContactInfo = employeeContactInfo{
			PersonalEmails: []string{fmt.Sprintf("%s%d@example.com", slug(first), 10+g.intn(90))},
			Phones:         []employeePhone{{Type: "PERSONAL", Number: g.phone(country)}},
		}
		if g.chance(0.4) {
			e.ContactInfo.Phones = append(e.ContactInfo.Phones, employeePhone{Type: "WORK", Number: g.phone(country)})
		}
		e.Company = hrisCompanies[country]
		e.Dependents = genDependents(g, p, last)
		e.BankAccounts = []bankAccount{genBankAccount(g, country)}
		e.Identification = []identification{genIdentification(g, country)}
		e.Compensation = genCompensation(g, title, currency)
		e.RawValues = map[string]string{
			"employmentStatus": map[string]string{"ACTIVE": "Active", "INACTIVE": "Terminated"}[p.EmploymentStatus],
			"employmentType":   map[string]string{"FULL_TIME": "Full-Time", "PART_TIME": "Part-Time", "CONTRACT": "Contractor"}[p.EmploymentType],
			"gender":           p.Gender, "maritalStatus": p.MaritalStatus,
		}
		e.CustomFields = map[string]string{
			"costCenter": fmt.Sprintf("CC-%03d", 100+len(dept)*7), "tShirtSize": g.pick([]string{"S", "M", "L", "XL"}),
		}
		e.LeaveRequests = genLeaveRequests(g, p.ID)
		d.employees = append(d.employees, e)
		d.balances[p.ID] = genBalances(g, e.LeaveRequests)
		d.payroll[p.ID] = genPayroll(g, e)
	}
}

func genDependents(g *gen, p *employeeProfile, last string) []dependent {
	var out []dependent
	if p.MaritalStatus == "MARRIED" {
		out = append(out, dependent{ID: p.ID + "-D1", FirstName: g.pick(firstNames), LastName: last, Relation: "SPOUSE",
			BirthDate: dateStr(g.daysBefore(25*365, 60*365)), Gender: g.pick([]string{"MALE", "FEMALE"})})
	}
	for k := range g.intn(3) {
		out = append(out, dependent{ID: fmt.Sprintf("%s-D%d", p.ID, k+2), FirstName: g.pick(firstNames), LastName: last,
			Relation: g.pick([]string{"SON", "DAUGHTER", "CHILD"}), BirthDate: dateStr(g.daysBefore(365, 18*365)), Gender: g.pick([]string{"MALE", "FEMALE"})})
	}
	return out
}

func genBankAccount(g *gen, country string) bankAccount {
	b := bankAccount{AccountNumber: fmt.Sprintf("%010d", g.r.Int64N(1e10)), AccountType: g.pick([]string{"CHECKING", "SAVINGS"}),
		BankName: g.pick(banks), PayTypes: []string{"ALL"}}
	switch country {
	case "GB", "DE":
		b.AccountType = "CURRENT"
		b.RoutingInfo = []routingInfo{{Type: "IBAN", Number: fmt.Sprintf("%s%02d%018d", country, g.intn(100), g.r.Int64N(1e18))}}
	case "IN":
		b.RoutingInfo = []routingInfo{{Type: "IFSC_CODE", Number: fmt.Sprintf("HDFC0%06d", g.intn(1e6))}}
	default:
		b.RoutingInfo = []routingInfo{{Type: "ROUTING_NUMBER", Number: fmt.Sprintf("%09d", g.intn(1e9))}}
	}
	return b
}

func genIdentification(g *gen, country string) identification {
	switch country {
	case "IN":
		return identification{Type: "NATIONAL_ID", SubType: "PAN", IdentificationNumber: fmt.Sprintf("ABCPE%04dK", g.intn(1e4))}
	case "GB":
		return identification{Type: "NATIONAL_ID", SubType: "NINO", IdentificationNumber: fmt.Sprintf("QQ%06dC", g.intn(1e6))}
	case "US":
		return identification{Type: "NATIONAL_ID", SubType: "SSN", IdentificationNumber: fmt.Sprintf("9%02d-%02d-%04d", g.intn(100), g.intn(100), g.intn(1e4))}
	default:
		return identification{Type: "PASSPORT", SubType: "", IdentificationNumber: fmt.Sprintf("P%08d", g.intn(1e8))}
	}
}

func genCompensation(g *gen, title, currency string) compensation {
	base := 60000 + int64(g.intn(70000)) // USD per year
	switch {
	case title == "Chief Executive Officer":
		base = 320000
	case len(title) > 8 && title[:8] == "Head of ":
		base = 190000 + int64(g.intn(60000))
	}
	annual := mulDiv(base, salaryFX[currency], 10000*100) * 100 // whole hundreds
	c := compensation{Fixed: []compensationItem{{Type: "SALARY", Amount: cents(annual * 100), Currency: currency, PayPeriod: "ANNUAL", Frequency: "MONTHLY"}}}
	if g.chance(0.5) {
		c.Variable = []compensationItem{{Type: "BONUS", Amount: cents(mulDiv(annual, 1, 10) * 100), Currency: currency, PayPeriod: "ANNUAL", Frequency: "ANNUAL"}}
	}
	return c
}

func genLeaveRequests(g *gen, empID string) []leaveRequest {
	var out []leaveRequest
	for k := range g.intn(5) {
		lt := leaveTypes[[]int{0, 0, 0, 1, 1, 2, 3}[g.intn(7)]]
		start := g.daysBefore(0, 330).AddDate(0, 0, 20)
		days := 1 + g.intn(5)
		status := []string{"APPROVED", "APPROVED", "APPROVED", "REQUESTED", "DECLINED", "CANCELLED"}[g.intn(6)]
		out = append(out, leaveRequest{
			ID: fmt.Sprintf("LR-%s-%d", empID, k+1), StartDate: dateStr(start), EndDate: dateStr(start.AddDate(0, 0, days-1)),
			RequestedOn: timeStr(start.AddDate(0, 0, -14).Add(9 * time.Hour)), Note: g.pick([]string{"Family trip", "Doctor's appointment", "Moving house", "Vacation", ""}),
			Status: status, LeaveType: lt, Unit: "DAYS", Amount: float64(days), IsPaid: "TRUE",
		})
	}
	return out
}

func genBalances(g *gen, reqs []leaveRequest) []leaveBalance {
	out := make([]leaveBalance, 0, len(leaveTypes))
	for _, lt := range leaveTypes {
		used := 0.0
		for _, r := range reqs {
			if r.LeaveType.ID == lt.ID && r.Status == "APPROVED" {
				used += r.Amount
			}
		}
		entitled := map[string]float64{"VACATION": 20, "SICK": 10, "PERSONAL": 3, "BEREAVEMENT": 5}[lt.Type]
		entitled += float64(g.intn(3))
		out = append(out, leaveBalance{LeaveType: lt, Unit: "DAYS", Balance: entitled - used, Used: used, IsPaid: "TRUE", IsEligible: "TRUE"})
	}
	return out
}

func genPayroll(g *gen, e *employee) []payroll {
	fixed := e.Compensation.Fixed[0]
	var out []payroll
	for m := range payrollMonths {
		from := time.Date(2025, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
		to := from.AddDate(0, 1, -1)
		if from.Format("2006-01-02") < e.Profile.StartDate || (e.Profile.TerminationDate != nil && *e.Profile.TerminationDate < dateStr(from)) {
			continue
		}
		// Amounts are integer cents. Monthly pay is annual/12: basic 60 %,
		// special allowance 40 %, sometimes overtime 5 %.
		annual := centsOf(fixed.Amount)
		basic := mulDiv(annual, 6, 120)
		earn := []payLine{{"BASIC", basic}, {"SPECIAL_ALLOWANCE", mulDiv(annual, 4, 120)}}
		if g.chance(0.15) {
			earn = append(earn, payLine{"OVERTIME", mulDiv(annual, 5, 1200)})
		}
		var gross int64
		for _, x := range earn {
			gross += x.cents
		}
		var ded, con []payLine
		switch fixed.Currency {
		case "INR":
			ded = []payLine{{"TDS", mulDiv(gross, 10, 100)}, {"PROF_TAX", 20000}}
			con = []payLine{{"PF", mulDiv(basic, 12, 100)}}
		case "USD", "CAD":
			ded = []payLine{{"FEDERAL_TAX", mulDiv(gross, 18, 100)}, {"STATE_TAX", mulDiv(gross, 5, 100)}}
			con = []payLine{{"401k", mulDiv(gross, 4, 100)}, {"MEDICAL_INSURANCE", 31000}}
		default:
			ded = []payLine{{"TAX", mulDiv(gross, 25, 100)}}
			con = []payLine{{"MEDICAL_INSURANCE", 12000}}
		}
		net := gross
		for _, x := range ded {
			net -= x.cents
		}
		out = append(out, payroll{
			EmployeeID: e.Profile.ID, GrossPay: cents(gross), NetPay: cents(net), Earnings: payItems(earn), Contributions: payItems(con), Deductions: payItems(ded),
			ProcessedDate: timeStr(to.AddDate(0, 0, -3).Add(10 * time.Hour)), PayDate: dateStr(to),
			PayPeriodStartDate: dateStr(from), PayPeriodEndDate: dateStr(to),
		})
	}
	return out
}

// payLine is a pay item in cents.
type payLine struct {
	typ   string
	cents int64
}

func payItems(ls []payLine) []payItem {
	out := make([]payItem, len(ls))
	for i, l := range ls {
		out[i] = payItem{Type: l.typ, Amount: cents(l.cents)}
	}
	return out
}

// round2 rounds hours (never money) to two decimals.
func round2(f float64) float64 { return math.Round(f*100) / 100 }
