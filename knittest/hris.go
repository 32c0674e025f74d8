package knittest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/knit-sdk/knit-go/basemodel"
)

// Records are copy-on-write: handlers never change a stored record in place
// (they go through update), so a response being encoded after the lock is
// released never races with a later write.

func (s *Server) hrisRoutes() map[string]route {
	get, post := http.MethodGet, http.MethodPost
	r := func(verb string, h func(*call) (any, *apiError)) route {
		return route{verb: verb, scoped: true, category: catHRIS, handler: h}
	}
	return map[string]route{
		methodPayroll:             r(get, s.handlePayroll),
		methodLeaveRequests:       r(get, s.handleLeaveRequests),
		methodLeaveBalance:        r(get, s.handleLeaveBalance),
		methodLeaveCreate:         r(post, s.handleLeaveCreate),
		methodAttendance:          r(get, s.handleAttendance),
		methodTimesheets:          r(get, s.handleTimesheets),
		methodCompensationPlans:   r(get, func(*call) (any, *apiError) { return map[string]any{keyPlans: compensationPlans}, nil }),
		methodCompensationUpdate:  r(post, s.handleCompensationUpdate),
		methodDocuments:           r(get, s.handleDocuments),
		methodDocumentUpload:      r(post, s.handleDocumentUpload),
		methodDocumentCategories:  r(get, func(*call) (any, *apiError) { return map[string]any{keyCategories: documentCategories}, nil }),
		methodEmployeeCreate:      r(post, s.handleEmployeeCreate),
		methodEmployeeUpdate:      r(post, s.handleEmployeeUpdate),
		methodEmployeeTerminate:   r(post, s.handleEmployeeTerminate),
		methodTerminationReasons:  r(get, func(*call) (any, *apiError) { return map[string]any{keyReasons: terminationReasons}, nil }),
		methodFieldValues:         r(get, s.handleFieldValues),
		methodCompanies:           r(get, s.handleCompanies),
		methodDeductionsList:      r(get, func(c *call) (any, *apiError) { return listResponse(c, keyDeductions, s.data.deductions) }),
		methodDeductionsCreate:    r(post, s.handleDeductionCreate),
		methodDeductionsUpdate:    r(post, s.handleDeductionUpdate),
		methodEmployeeDedEnroll:   r(post, s.handleEnroll),
		methodEmployeeDedUnenroll: r(post, s.handleUnenroll),
		methodEmployeeDedUpdate:   r(post, s.handleEnrollmentUpdate),
	}
}

// employeeParam resolves the employeeId query parameter (required).
func (c *call) employeeParam() (*employee, *apiError) {
	id, ae := c.required("employeeId")
	if ae != nil {
		return nil, ae
	}
	e := c.s.data.employee(id)
	if e == nil {
		return nil, errNoSuchEmployee()
	}
	return e, nil
}

// fields is a decoded JSON object body with helpers for validation.
type fields map[string]any

func (c *call) fields(required ...string) (fields, *apiError) {
	f := fields{}
	if len(strings.TrimSpace(string(c.body))) > 0 {
		dec := json.NewDecoder(bytes.NewReader(c.body))
		dec.UseNumber() // amounts stay exact decimal text
		if err := dec.Decode(&f); err != nil {
			return nil, badRequest("Invalid JSON body for %s: %v", c.method, err)
		}
	}
	for _, name := range required {
		if f.str(name) == "" {
			return nil, badRequest("%s is required", name)
		}
	}
	return f, nil
}

// str returns a string field, or a number/bool rendered as text, or "".
func (f fields) str(name string) string {
	switch v := f[name].(type) {
	case string:
		return strings.TrimSpace(v)
	case json.Number:
		return v.String()
	case bool:
		return fmt.Sprint(v)
	}
	return ""
}

// num returns a numeric field that is not money (leave amounts).
func (f fields) num(name string) (float64, bool) {
	v, ok := f[name].(json.Number)
	if !ok {
		return 0, false
	}
	n, err := v.Float64()
	return n, err == nil
}

// dec returns a money field sent as a JSON number or a string holding one;
// ok is false when the field is absent or null, and a malformed value is a
// 400 naming the field.
func (f fields) dec(name string) (d basemodel.Decimal, ok bool, ae *apiError) {
	var text string
	switch v := f[name].(type) {
	case nil:
		return d, false, nil
	case json.Number:
		text = v.String()
	case string:
		text = strings.TrimSpace(v)
	default:
		return d, false, badRequest("%s must be a number, got %v", name, v)
	}
	d, err := basemodel.NewDecimal(text)
	if err != nil {
		return d, false, badRequest("%s must be a number, got %q", name, text)
	}
	return d, true, nil
}

func (s *Server) handleLeaveBalance(c *call) (any, *apiError) {
	e, ae := c.employeeParam()
	if ae != nil {
		return nil, ae
	}
	return map[string]any{keyBalances: nonNil(s.data.balances[e.Profile.ID])}, nil
}

func (s *Server) handleLeaveRequests(c *call) (any, *apiError) {
	e, ae := c.employeeParam()
	if ae != nil {
		return nil, ae
	}
	return map[string]any{keyLeaveRequests: nonNil(e.LeaveRequests)}, nil
}

// handlePayroll answers one pay run: data is the payroll object itself
// (third-party code decodes data straight into a payroll).
func (s *Server) handlePayroll(c *call) (any, *apiError) {
	e, ae := c.employeeParam()
	if ae != nil {
		return nil, ae
	}
	m, ae := c.required("month")
	if ae != nil {
		return nil, ae
	}
	if _, err := time.Parse("2006-01", m); err != nil {
		return nil, badRequest("month must look like 2025-03, got %q", m)
	}
	for _, p := range s.data.payroll[e.Profile.ID] {
		if strings.HasPrefix(p.PayPeriodStartDate, m) {
			return p, nil
		}
	}
	return nil, notFound("No payroll found for employee %s in %s", e.Profile.ID, m)
}

// dateRange reads the required startDate/endDate query (YYYY-MM-DD), at most 93 days.
func (c *call) dateRange() (time.Time, time.Time, *apiError) {
	var out [2]time.Time
	for i, name := range []string{"startDate", "endDate"} {
		v, ae := c.required(name)
		if ae != nil {
			return out[0], out[1], ae
		}
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			return out[0], out[1], badRequest("%s must be a date like 2025-06-01, got %q", name, v)
		}
		out[i] = t
	}
	if out[1].Before(out[0]) || out[1].Sub(out[0]) > 93*24*time.Hour {
		return out[0], out[1], badRequest("endDate must be on or after startDate and at most 93 days later")
	}
	return out[0], out[1], nil
}

// perDay collects fn for each day of the range, for one employee
// (employeeId given) or all active employees.
func perDay[T any](c *call, fn func(*employee, time.Time) (T, bool)) ([]T, *apiError) {
	from, to, ae := c.dateRange()
	if ae != nil {
		return nil, ae
	}
	emps := c.s.data.employees
	if c.query.Get("employeeId") != "" {
		e, ae := c.employeeParam()
		if ae != nil {
			return nil, ae
		}
		emps = []*employee{e}
	}
	out := []T{}
	for _, e := range emps {
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			if v, ok := fn(e, d); ok {
				out = append(out, v)
			}
		}
	}
	return out, nil
}

func (s *Server) handleAttendance(c *call) (any, *apiError) {
	list, ae := perDay(c, attendanceFor)
	if ae != nil {
		return nil, ae
	}
	return listResponse(c, keyAttendance, list)
}

func (s *Server) handleTimesheets(c *call) (any, *apiError) {
	list, ae := perDay(c, timesheetFor)
	if ae != nil {
		return nil, ae
	}
	return listResponse(c, keyTimesheets, list)
}

func (s *Server) handleDocuments(c *call) (any, *apiError) {
	e, ae := c.employeeParam()
	if ae != nil {
		return nil, ae
	}
	return map[string]any{keyDocuments: nonNil(s.data.documents[e.Profile.ID])}, nil
}

func (s *Server) handleFieldValues(c *call) (any, *apiError) {
	name, ae := c.required("fieldName") // Knit documents no parameter name; a guess from its naming
	if ae != nil {
		return nil, ae
	}
	var vals []string
	switch name {
	case "department":
		vals = append([]string{"Executive"}, departments...)
	case "location":
		for _, o := range offices {
			vals = append(vals, o[0])
		}
	default:
		var ok bool
		if vals, ok = fieldValues[name]; !ok {
			return nil, badRequest("Unknown fieldName %q (known: department, location, employmentType, gender, maritalStatus)", name)
		}
	}
	out := make([]idName, len(vals))
	for i, v := range vals {
		out[i] = idName{ID: slug(v), Name: v}
	}
	return map[string]any{keyValues: out}, nil
}

func (s *Server) handleCompanies(c *call) (any, *apiError) {
	seen := map[string]bool{}
	out := []company{}
	for _, cc := range []string{"US", "GB", "IN"} {
		if co := hrisCompanies[cc]; !seen[co.ID] {
			seen[co.ID] = true
			out = append(out, co)
		}
	}
	return map[string]any{keyCompanies: out}, nil
}

func (s *Server) handleLeaveCreate(c *call) (any, *apiError) {
	f, ae := c.fields("employeeId", "leaveTypeId", "startDate", "endDate")
	if ae != nil {
		return nil, ae
	}
	id := f.str("employeeId")
	e := s.data.employee(id)
	if e == nil {
		return nil, errNoSuchEmployee()
	}
	var lt *leaveType
	for i := range leaveTypes {
		if leaveTypes[i].ID == f.str("leaveTypeId") {
			lt = &leaveTypes[i]
		}
	}
	if lt == nil {
		return nil, badRequest("Unknown leaveTypeId %q", f.str("leaveTypeId"))
	}
	from, err1 := time.Parse("2006-01-02", f.str("startDate"))
	to, err2 := time.Parse("2006-01-02", f.str("endDate"))
	if err1 != nil || err2 != nil || to.Before(from) {
		return nil, badRequest("startDate and endDate must be dates like 2025-07-01, endDate not before startDate")
	}
	amount, ok := f.num("amount")
	if !ok {
		amount = to.Sub(from).Hours()/24 + 1
	}
	unit := f.str("unit")
	if unit == "" {
		unit = "DAYS"
	}
	lr := leaveRequest{
		ID: fmt.Sprintf("LR-%s-%d", id, len(e.LeaveRequests)+100), StartDate: dateStr(from), EndDate: dateStr(to),
		RequestedOn: timeStr(c.now), Note: f.str("note"), Status: "REQUESTED", LeaveType: *lt, Unit: unit, Amount: amount, IsPaid: "TRUE",
	}
	_ = update(s.data.employees, id, employeeID, func(e *employee) { e.LeaveRequests = append(e.LeaveRequests, lr) })
	return map[string]any{"leaveRequestId": lr.ID}, nil
}

func (s *Server) handleCompensationUpdate(c *call) (any, *apiError) {
	f, ae := c.fields("employeeId")
	if ae != nil {
		return nil, ae
	}
	amount, ok, ae := f.dec("amount")
	if ae != nil {
		return nil, ae
	}
	if !ok || amount.Sign() <= 0 {
		return nil, badRequest("amount is required and must be positive")
	}
	err := update(s.data.employees, f.str("employeeId"), employeeID, func(e *employee) {
		if len(e.Compensation.Fixed) == 0 {
			e.Compensation.Fixed = []compensationItem{{Type: "SALARY", Currency: "USD", PayPeriod: "ANNUAL", Frequency: "MONTHLY"}}
		}
		item := &e.Compensation.Fixed[0]
		item.Amount = amount
		if cur := f.str("currency"); cur != "" {
			item.Currency = cur
		}
	})
	if err != nil {
		return nil, errNoSuchEmployee()
	}
	return map[string]any{"employeeId": f.str("employeeId")}, nil
}

func (s *Server) handleDocumentUpload(c *call) (any, *apiError) {
	f, ae := c.fields("employeeId", "fileName")
	if ae != nil {
		return nil, ae
	}
	id := f.str("employeeId")
	if s.data.employee(id) == nil {
		return nil, errNoSuchEmployee()
	}
	docs := s.data.documents[id]
	doc := document{ID: fmt.Sprintf("%s-DOC%d", id, len(docs)+1), Category: f.str("category"), FileName: f.str("fileName"),
		Comment: f.str("comment"), URL: "https://files.playground-inc.com/docs/" + id + "/" + f.str("fileName"), UploadedAt: timeStr(c.now)}
	s.data.documents[id] = append(append([]document(nil), docs...), doc)
	return map[string]any{"documentId": doc.ID}, nil
}

func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}
