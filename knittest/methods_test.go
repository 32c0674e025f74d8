package knittest_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
)

func TestHRISMethods(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-hr", knit.CategoryHRIS)
	emp := url.Values{"employeeId": {"EMP1010"}}

	// Required inputs, as Knit would reject them.
	assert.Contains(t, fails(t, get(t, srv, "hr.employees.leave.balance", integ, nil), 400), "employeeId")
	// An unknown employee answers with Knit's documented error body, word for word.
	missing := get(t, srv, "hr.employees.leave.balance", integ, url.Values{"employeeId": {"EMP0"}})
	fails(t, missing, 404)
	assert.JSONEq(t, readFixture(t, "error_no_such_employee.json"), string(missing.raw))
	for _, r := range []result{
		post(t, srv, "hr.employee.update", integ, map[string]any{"employeeId": "EMP0", "lastName": "X"}),
		post(t, srv, "hr.employee.terminate", integ, map[string]any{"employeeId": "EMP0"}),
		get(t, srv, "hr.employees.payroll.get", integ, url.Values{"employeeId": {"EMP0"}, "month": {"2025-02"}}),
	} {
		assert.Equal(t, "No such employee exists", fails(t, r, 404))
	}
	assert.Contains(t, fails(t, get(t, srv, "hr.employees.payroll.get", integ, emp), 400), "month")
	fails(t, get(t, srv, "hr.employees.payroll.get", integ, url.Values{"employeeId": {"EMP1010"}, "month": {"March"}}), 400)
	fails(t, get(t, srv, "hr.employees.payroll.get", integ, url.Values{"employeeId": {"EMP1010"}, "month": {"2030-01"}}), 404)

	var bal struct {
		Balances []knittest.LeaveBalance `json:"balances"`
	}
	ok(t, get(t, srv, "hr.employees.leave.balance", integ, emp), &bal)
	assert.Equal(t, srv.LeaveBalanceRecords("EMP1010"), bal.Balances)

	var pay knittest.Payroll
	ok(t, get(t, srv, "hr.employees.payroll.get", integ, url.Values{"employeeId": {"EMP1001"}, "month": {"2025-02"}}), &pay)
	assert.Equal(t, "2025-02-01", pay.PayPeriodStartDate)
	assert.Positive(t, pay.GrossPay.Cmp(pay.NetPay), "gross %s > net %s", pay.GrossPay, pay.NetPay)

	// A leave request filed through the API shows up in the list.
	fails(t, post(t, srv, "hr.employees.leave.create", integ, map[string]any{"employeeId": "EMP1010"}), 400)
	fails(t, post(t, srv, "hr.employees.leave.create", integ, map[string]any{"employeeId": "EMP1010", "leaveTypeId": "lt_nope", "startDate": "2025-08-01", "endDate": "2025-08-02"}), 400)
	var created struct {
		LeaveRequestID string `json:"leaveRequestId"`
	}
	ok(t, post(t, srv, "hr.employees.leave.create", integ, map[string]any{
		"employeeId": "EMP1010", "leaveTypeId": "lt_vacation", "startDate": "2025-08-04", "endDate": "2025-08-08", "note": "Summer",
	}), &created)
	var reqs struct {
		Requests []knittest.LeaveRequest `json:"requests"`
	}
	ok(t, get(t, srv, "hr.employees.leave.requests", integ, emp), &reqs)
	last := reqs.Requests[len(reqs.Requests)-1]
	assert.Equal(t, created.LeaveRequestID, last.ID)
	assert.InDelta(t, 5.0, last.Amount, 0)
	assert.Equal(t, "REQUESTED", last.Status)

	// Employee writes.
	assert.Contains(t, fails(t, post(t, srv, "hr.employee.create", integ, map[string]any{"firstName": "A", "lastName": "B", "positionId": "p"}), 400), "employment.positionId")
	fails(t, post(t, srv, "hr.employee.update", integ, map[string]any{"employeeId": "EMP1010"}), 400)
	fails(t, post(t, srv, "hr.employee.update", integ, map[string]any{"employeeId": "EMP0", "lastName": "X"}), 404)
	ok(t, post(t, srv, "hr.employee.update", integ, map[string]any{"employeeId": "EMP1010", "lastName": "Okafor-Smith"}), nil)
	ok(t, post(t, srv, "hr.employee.terminate", integ, map[string]any{"employeeId": "EMP1011", "terminationDate": "2025-07-31", "reasonId": "tr_resign"}), nil)
	fails(t, post(t, srv, "hr.employee.terminate", integ, map[string]any{"employeeId": "EMP1011", "reasonId": "nope"}), 400)
	ok(t, post(t, srv, "hr.employee.compensation.update", integ, map[string]any{"employeeId": "EMP1012", "amount": 150000}), nil)
	fails(t, post(t, srv, "hr.employee.compensation.update", integ, map[string]any{"employeeId": "EMP1012"}), 400)
	emps := srv.EmployeeRecords()
	assert.Equal(t, "Okafor-Smith", emps[9].Profile.LastName)
	assert.Equal(t, "INACTIVE", emps[10].Profile.EmploymentStatus)
	require.NotNil(t, emps[10].Profile.TerminationDate)
	assert.Equal(t, "2025-07-31", *emps[10].Profile.TerminationDate)
	assert.Equal(t, "150000", emps[11].Compensation.Fixed[0].Amount.String())
	// Amounts are kept exactly as sent, as a number or a string holding one.
	ok(t, post(t, srv, "hr.employee.compensation.update", integ, jsonRaw(t, `{"employeeId": "EMP1012", "amount": 98765.4321}`)), nil)
	assert.Equal(t, "98765.4321", srv.EmployeeRecords()[11].Compensation.Fixed[0].Amount.String())
	ok(t, post(t, srv, "hr.employee.compensation.update", integ, map[string]any{"employeeId": "EMP1012", "amount": "0.10"}), nil)
	assert.Equal(t, "0.10", srv.EmployeeRecords()[11].Compensation.Fixed[0].Amount.String())
	assert.Contains(t, fails(t, post(t, srv, "hr.employee.compensation.update", integ, map[string]any{"employeeId": "EMP1012", "amount": "12,5"}), 400), "amount")
	assert.Contains(t, fails(t, post(t, srv, "hr.employee.compensation.update", integ, map[string]any{"employeeId": "EMP1012", "amount": true}), 400), "amount")

	// Documents.
	fails(t, post(t, srv, "hr.employees.document.upload", integ, map[string]any{"employeeId": "EMP1010"}), 400)
	ok(t, post(t, srv, "hr.employees.document.upload", integ, map[string]any{"employeeId": "EMP1010", "fileName": "offer.pdf", "category": "Employment Contract"}), nil)
	var docs struct {
		Documents []knittest.Document `json:"documents"`
	}
	ok(t, get(t, srv, "hr.employees.documents", integ, emp), &docs)
	assert.Equal(t, "offer.pdf", docs.Documents[len(docs.Documents)-1].FileName)

	// Reference lists.
	for method, key := range map[string]string{
		"hr.compensation.plans": "plans", "hr.documents.categories": "categories", "hr.termination.reasons": "reasons",
		"hr.companies.list": "companies", "hr.deductions.list": "deductions",
	} {
		var data map[string][]map[string]any
		ok(t, get(t, srv, method, integ, nil), &data)
		assert.NotEmpty(t, data[key], method)
	}
	var vals struct {
		Values []knittest.IDName `json:"values"`
	}
	ok(t, get(t, srv, "hr.employees.field.values", integ, url.Values{"fieldName": {"department"}}), &vals)
	assert.Len(t, vals.Values, 11)
	fails(t, get(t, srv, "hr.employees.field.values", integ, nil), 400)
	fails(t, get(t, srv, "hr.employees.field.values", integ, url.Values{"fieldName": {"shoeSize"}}), 400)

	// Deductions.
	var ded struct {
		DeductionID string `json:"deductionId"`
	}
	ok(t, post(t, srv, "hr.deductions.create", integ, map[string]any{"name": "Gym", "type": "WELLNESS"}), &ded)
	ok(t, post(t, srv, "hr.deductions.update", integ, map[string]any{"deductionId": ded.DeductionID, "name": "Gym+"}), nil)
	fails(t, post(t, srv, "hr.deductions.update", integ, map[string]any{"deductionId": "nope"}), 404)
	enroll := map[string]any{"employeeId": "EMP1010", "deductionId": ded.DeductionID, "amount": 30}
	ok(t, post(t, srv, "hr.employee.deductions.enroll", integ, enroll), nil)
	fails(t, post(t, srv, "hr.employee.deductions.enroll", integ, enroll), 400)
	ok(t, post(t, srv, "hr.employee.deductions.update", integ, map[string]any{"employeeId": "EMP1010", "deductionId": ded.DeductionID, "amount": 45}), nil)
	assert.Contains(t, fails(t, post(t, srv, "hr.employee.deductions.update", integ, map[string]any{"employeeId": "EMP1010", "deductionId": ded.DeductionID, "percentage": "five"}), 400), "percentage")
	ok(t, post(t, srv, "hr.employee.deductions.unenroll", integ, enroll), nil)
	fails(t, post(t, srv, "hr.employee.deductions.unenroll", integ, enroll), 404)
}

func TestATSMethods(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-ats", knit.CategoryATS)

	var job struct {
		JobID string `json:"jobId"`
	}
	fails(t, post(t, srv, "ats.job.create", integ, map[string]any{"description": "x"}), 400)
	ok(t, post(t, srv, "ats.job.create", integ, map[string]any{"title": "Go Developer"}), &job)
	assert.Equal(t, "Go Developer", srv.JobRecords()[25].Info.Title)

	for body, status := range map[string]int{
		`{}`: 400, `{"jobId":"JOB000"}`: 404, `{"jobId":"JOB101"}`: 400,
		`{"jobId":"JOB101","candidateId":"CAN0"}`:                                   404,
		`{"jobId":"JOB101","candidate":{"firstName":"A"}}`:                          400,
		`{"jobId":"JOB101","initialStageId":"nope","candidateId":"CAN20001"}`:       400,
		`{"jobId":"JOB101","candidateId":"CAN20001","candidate":{"firstName":"A"}}`: 400,
	} {
		r := do(t, srv, srv.APIKey(), http.MethodPost, "ats.application.create", integ, nil, jsonRaw(t, body))
		fails(t, r, status)
	}
	var created struct {
		ApplicationID string `json:"applicationId"`
		CandidateID   string `json:"candidateId"`
		JobID         string `json:"jobId"`
	}
	ok(t, post(t, srv, "ats.application.create", integ, map[string]any{
		"jobId": job.JobID, "candidate": map[string]any{"firstName": "Grace", "lastName": "Hopper", "emails": []map[string]string{{"type": "PERSONAL", "email": "grace@example.com"}}},
		"origin": "REFERRAL",
	}), &created)
	assert.Equal(t, job.JobID, created.JobID)

	var got struct {
		Application knittest.Application `json:"application"`
	}
	ok(t, get(t, srv, "ats.application.get", integ, url.Values{"applicationId": {created.ApplicationID}, "candidateId": {created.CandidateID}}), &got)
	assert.Equal(t, "Grace", got.Application.Info.Candidate.FirstName)
	assert.Equal(t, "REFERRAL", got.Application.Info.Origin)
	assert.Equal(t, "Applied", got.Application.CurrentStage.Text)
	fails(t, get(t, srv, "ats.application.get", integ, url.Values{"applicationId": {created.ApplicationID}}), 400)
	assert.Equal(t, "Application not found", fails(t, get(t, srv, "ats.application.get", integ, url.Values{"applicationId": {created.ApplicationID}, "candidateId": {"CAN20001"}}), 404))

	var att struct {
		AttachmentID string `json:"attachmentId"`
	}
	fails(t, post(t, srv, "ats.application.attachment.add", integ, map[string]any{"applicationId": created.ApplicationID, "attachment": map[string]any{"name": "cv.pdf"}}), 400)
	ok(t, post(t, srv, "ats.application.attachment.add", integ, map[string]any{"applicationId": created.ApplicationID, "attachment": map[string]any{"name": "cv.pdf", "url": "https://x/cv.pdf", "type": "RESUME"}}), &att)
	assert.NotEmpty(t, att.AttachmentID)
	fails(t, post(t, srv, "ats.application.attachment.add", integ, map[string]any{"applicationId": "nope", "attachment": map[string]any{"name": "cv.pdf", "url": "u"}}), 404)

	var found struct {
		Candidates []knittest.Candidate `json:"candidates"`
	}
	ok(t, post(t, srv, "ats.candidates.search", integ, map[string]any{"emails": []string{"GRACE@example.com"}}), &found)
	require.Len(t, found.Candidates, 1)
	assert.Equal(t, created.CandidateID, found.Candidates[0].ID)
	fails(t, post(t, srv, "ats.candidates.search", integ, map[string]any{}), 400)
}

func TestInvoiceCreate(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	integ := connect(t, srv, "org-acc", knit.CategoryAccounting)
	acct := srv.LedgerAccountRecords()[20].Info.ID

	fails(t, post(t, srv, "accounting.invoice.create", integ, map[string]any{"lineItems": []any{}}), 400)
	fails(t, post(t, srv, "accounting.invoice.create", integ, map[string]any{"contactId": "ACON001"}), 400)
	fails(t, post(t, srv, "accounting.invoice.create", integ, map[string]any{"contactId": "ACON001", "type": "RECEIPT", "lineItems": []any{map[string]any{"accountId": acct, "amount": 1}}}), 400)
	fails(t, post(t, srv, "accounting.invoice.create", integ, map[string]any{"contactId": "ACON001", "lineItems": []any{map[string]any{"accountId": "nope", "amount": 1}}}), 400)
	fails(t, post(t, srv, "accounting.invoice.create", integ, map[string]any{"contactId": "ACON001", "lineItems": []any{map[string]any{"accountId": acct}}}), 400)

	var out struct {
		InvoiceID string `json:"invoiceId"`
	}
	ok(t, post(t, srv, "accounting.invoice.create", integ, map[string]any{
		"contactId": "ACON001", "currency": "USD", "totalTax": "8.00",
		"lineItems": []any{map[string]any{"accountId": acct, "quantity": 2, "unitRate": "50.00", "description": "Seats"}},
	}), &out)
	invs := srv.InvoiceRecords()
	last := invs[len(invs)-1]
	assert.Equal(t, out.InvoiceID, last.Info.ID)
	assert.Equal(t, "108", last.Info.TotalAmount.String(), "2 × 50.00 + 8.00 tax, exact")
	assert.Equal(t, "DRAFT", last.Info.Status)
}
