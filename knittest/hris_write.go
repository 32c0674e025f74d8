package knittest

import (
	"encoding/json"
	"strings"

	"github.com/knit-sdk/knit-go/basemodel"
)

// Knit does not document the request bodies of the HRIS write methods beyond
// a few field names (add-employee: emails, workAddress, positionId…); Knit's
// Oracle HCM and Zoho People guides nest the position as
// "employment": {"positionId": ...}, which the playground requires. It
// accepts flat profile fields and requires what any HRIS needs.

// employeeCreateBody holds the hr.employee.create keys of Knit's documented
// examples (https://developers.getknit.dev/docs/creating-contingent-worker-in-workday)
// that the playground keeps on the new employee.
type employeeCreateBody struct {
	Employment struct {
		Designation string `json:"designation"`
	} `json:"employment"`
	PersonalEmails []string `json:"personalEmails"`
	Phones         []struct {
		Type        string `json:"type"`
		PhoneNumber string `json:"phoneNumber"`
	} `json:"phones"`
	WorkAddress    *address `json:"workAddress"`
	PresentAddress *address `json:"presentAddress"`
}

func (s *Server) handleEmployeeCreate(c *call) (any, *apiError) {
	f, ae := c.fields("firstName", "lastName")
	if ae != nil {
		return nil, ae
	}
	// employment.positionId: Knit documents it as required (a dummy is fine).
	if emp, _ := f["employment"].(map[string]any); fields(emp).str("positionId") == "" {
		return nil, badRequest("employment.positionId is required")
	}
	var body employeeCreateBody
	if err := json.Unmarshal(c.body, &body); err != nil {
		return nil, badRequest("hr.employee.create: %v", err)
	}
	id := s.nextID("EMPN")
	start := f.str("startDate")
	if start == "" {
		start = dateStr(c.now)
	}
	email := f.str("workEmail")
	if email == "" {
		email = slug(f.str("firstName")) + "." + slug(f.str("lastName")) + "@playground-inc.com"
	}
	phones := make([]employeePhone, 0, len(body.Phones))
	for _, p := range body.Phones {
		phones = append(phones, employeePhone{Type: p.Type, Number: p.PhoneNumber})
	}
	if a := body.WorkAddress; a != nil && a.AddressType == "" {
		a.AddressType = "WORK"
	}
	if a := body.PresentAddress; a != nil && a.AddressType == "" {
		a.AddressType = "HOME_PRESENT"
	}
	e := &employee{
		Profile: employeeProfile{
			ID: id, FirstName: f.str("firstName"), LastName: f.str("lastName"),
			EmployeeNumber: orDefault(f.str("employeeNumber"), strings.TrimPrefix(id, "EMP")),
			WorkEmail:      email, BirthDate: f.str("birthDate"), StartDate: start, EmploymentStatus: "ACTIVE",
			EmploymentType: orDefault(f.str("employmentType"), "FULL_TIME"), MaritalStatus: orDefault(f.str("maritalStatus"), "NOT_SPECIFIED"),
			Gender: orDefault(f.str("gender"), "NOT_SPECIFIED"),
		},
		ContactInfo:  employeeContactInfo{PersonalEmails: body.PersonalEmails, Phones: phones},
		OrgStructure: orgStructure{Designation: orDefault(body.Employment.Designation, f.str("designation")), Department: f.str("department")},
		Locations:    locations{WorkAddress: body.WorkAddress, PresentAddress: body.PresentAddress},
		Company:      hrisCompanies["US"],
		RawValues:    map[string]string{},
		CustomFields: map[string]string{},
	}
	s.data.employees = append(s.data.employees, e)
	s.data.balances[id] = genBalances(newGen(int64(len(s.data.employees)), 9), nil)
	return map[string]any{"employeeId": id}, nil
}

// updatableProfile lists the profile fields hr.employee.update accepts.
var updatableProfile = map[string]func(*employeeProfile, string){
	"firstName":      func(p *employeeProfile, v string) { p.FirstName = v },
	"lastName":       func(p *employeeProfile, v string) { p.LastName = v },
	"workEmail":      func(p *employeeProfile, v string) { p.WorkEmail = v },
	"birthDate":      func(p *employeeProfile, v string) { p.BirthDate = v },
	"employmentType": func(p *employeeProfile, v string) { p.EmploymentType = v },
	"maritalStatus":  func(p *employeeProfile, v string) { p.MaritalStatus = v },
	"gender":         func(p *employeeProfile, v string) { p.Gender = v },
}

func (s *Server) handleEmployeeUpdate(c *call) (any, *apiError) {
	f, ae := c.fields("employeeId")
	if ae != nil {
		return nil, ae
	}
	changed := 0
	err := update(s.data.employees, f.str("employeeId"), employeeID, func(e *employee) {
		for k, set := range updatableProfile {
			if v := f.str(k); v != "" {
				set(&e.Profile, v)
				changed++
			}
		}
		if v := f.str("designation"); v != "" {
			e.OrgStructure.Designation = v
			changed++
		}
		if v := f.str("department"); v != "" {
			e.OrgStructure.Department = v
			changed++
		}
	})
	if err != nil {
		return nil, errNoSuchEmployee()
	}
	if changed == 0 {
		return nil, badRequest("Nothing to update: send at least one of firstName, lastName, workEmail, birthDate, employmentType, maritalStatus, gender, designation, department")
	}
	return map[string]any{"employeeId": f.str("employeeId")}, nil
}

func (s *Server) handleEmployeeTerminate(c *call) (any, *apiError) {
	f, ae := c.fields("employeeId")
	if ae != nil {
		return nil, ae
	}
	if r := f.str("reasonId"); r != "" && !hasID(terminationReasons, r) {
		return nil, badRequest("Unknown reasonId %q", r)
	}
	day := f.str("terminationDate")
	if day == "" {
		day = dateStr(c.now)
	}
	err := update(s.data.employees, f.str("employeeId"), employeeID, func(e *employee) {
		e.Profile.TerminationDate = &day
		e.Profile.EmploymentStatus = "INACTIVE"
		if e.RawValues != nil {
			e.RawValues["employmentStatus"] = "Terminated"
		}
	})
	if err != nil {
		return nil, errNoSuchEmployee()
	}
	return map[string]any{"employeeId": f.str("employeeId")}, nil
}

func (s *Server) handleDeductionCreate(c *call) (any, *apiError) {
	f, ae := c.fields("name", "type")
	if ae != nil {
		return nil, ae
	}
	d := deduction{ID: s.nextID("ded_"), Name: f.str("name"), Type: f.str("type"), Description: f.str("description")}
	s.data.deductions = append(append([]deduction(nil), s.data.deductions...), d)
	return map[string]any{"deductionId": d.ID}, nil
}

func (s *Server) handleDeductionUpdate(c *call) (any, *apiError) {
	f, ae := c.fields("deductionId")
	if ae != nil {
		return nil, ae
	}
	list := append([]deduction(nil), s.data.deductions...)
	for i := range list {
		if list[i].ID == f.str("deductionId") {
			list[i].Name = orDefault(f.str("name"), list[i].Name)
			list[i].Type = orDefault(f.str("type"), list[i].Type)
			list[i].Description = orDefault(f.str("description"), list[i].Description)
			s.data.deductions = list
			return map[string]any{"deductionId": list[i].ID}, nil
		}
	}
	return nil, notFound("No such deduction exists: %s", f.str("deductionId"))
}

// enrollment validates employeeId and deductionId and returns the
// employee's enrollments and the index of deductionId among them (-1).
func (s *Server) enrollment(c *call) (fields, []employeeDeduction, int, *apiError) {
	f, ae := c.fields("employeeId", "deductionId")
	if ae != nil {
		return nil, nil, -1, ae
	}
	if s.data.employee(f.str("employeeId")) == nil {
		return nil, nil, -1, errNoSuchEmployee()
	}
	known := false
	for _, d := range s.data.deductions {
		known = known || d.ID == f.str("deductionId")
	}
	if !known {
		return nil, nil, -1, notFound("No such deduction exists: %s", f.str("deductionId"))
	}
	list := append([]employeeDeduction(nil), s.data.enrollments[f.str("employeeId")]...)
	for i, e := range list {
		if e.DeductionID == f.str("deductionId") {
			return f, list, i, nil
		}
	}
	return f, list, -1, nil
}

func (s *Server) handleEnroll(c *call) (any, *apiError) {
	f, list, i, ae := s.enrollment(c)
	if ae != nil {
		return nil, ae
	}
	if i >= 0 {
		return nil, badRequest("Employee %s is already enrolled in %s", f.str("employeeId"), f.str("deductionId"))
	}
	amt, _, ae := f.dec("amount")
	if ae != nil {
		return nil, ae
	}
	pct, _, ae := f.dec("percentage")
	if ae != nil {
		return nil, ae
	}
	list = append(list, employeeDeduction{DeductionID: f.str("deductionId"), EmployeeID: f.str("employeeId"), Amount: amt, Percentage: pct,
		StartDate: orDefault(f.str("startDate"), dateStr(c.now))})
	s.data.enrollments[f.str("employeeId")] = list
	return map[string]any{"employeeId": f.str("employeeId"), "deductionId": f.str("deductionId")}, nil
}

func (s *Server) handleUnenroll(c *call) (any, *apiError) {
	f, list, i, ae := s.enrollment(c)
	if ae != nil {
		return nil, ae
	}
	if i < 0 {
		return nil, notFound("Employee %s is not enrolled in %s", f.str("employeeId"), f.str("deductionId"))
	}
	s.data.enrollments[f.str("employeeId")] = append(list[:i:i], list[i+1:]...)
	return map[string]any{"employeeId": f.str("employeeId"), "deductionId": f.str("deductionId")}, nil
}

func (s *Server) handleEnrollmentUpdate(c *call) (any, *apiError) {
	f, list, i, ae := s.enrollment(c)
	if ae != nil {
		return nil, ae
	}
	if i < 0 {
		return nil, notFound("Employee %s is not enrolled in %s", f.str("employeeId"), f.str("deductionId"))
	}
	for name, dst := range map[string]*basemodel.Decimal{"amount": &list[i].Amount, "percentage": &list[i].Percentage} {
		v, ok, ae := f.dec(name)
		if ae != nil {
			return nil, ae
		}
		if ok {
			*dst = v
		}
	}
	s.data.enrollments[f.str("employeeId")] = list
	return map[string]any{"employeeId": f.str("employeeId"), "deductionId": f.str("deductionId")}, nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func hasID(list []idName, id string) bool {
	for _, x := range list {
		if x.ID == id {
			return true
		}
	}
	return false
}
