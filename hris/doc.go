// Package hris is Knit's unified HRIS API: employees, leave, payroll,
// attendance, documents, compensation and deductions of the HR system an
// end user connected (Workday, BambooHR, Darwinbox, Personio, Hibob...).
// Get a [Client] from an integration handle:
//
//	client, err := knit.NewClient(apiKey)
//	in := client.Integration(integrationID)
//	bal, err := in.HRIS.Leave.Balances(ctx, "emp_1234", nil)
//
// # Employees arrive through syncs
//
// Knit delivers employee records by sync, not by an on-demand list: start a
// sync of data type [DataTypeEmployee] with the models you need, and Knit
// pushes one webhook event per employee. record.new and record.modified
// carry eventData with one key per model; decode it with [DecodeEmployee].
// record.deleted (an employee marked inactive, e.g. terminated, or gone
// from the HR system) carries only {"employeeId", "workEmail"}: decode it
// with [DecodeDeletedEmployee], not DecodeEmployee.
//
//	_, err := in.Sync.Start(ctx, &knit.SyncStartParams{
//		DataType: hris.DataTypeEmployee,
//		Models:   []string{hris.ModelEmployeeProfile, hris.ModelEmployeeOrgStructure},
//	})
//	...
//	emp, err := hris.DecodeEmployee(event.EventData)
//	fmt.Println(emp.Profile.FirstName, emp.OrgStructure.Department)
//
// [EmployeeModels] lists all sixteen model IDs. A model you did not subscribe
// to leaves its [Employee] field nil; lists Knit sends as null decode as
// empty. Dates are [basemodel.DateTime]: kept as sent (ISO-8601, date-only or
// epoch milliseconds) and parsed on demand with Time.
//
// An on-demand employee list or get endpoint exists in Knit's product but
// its method name is not documented, so this package has none. Such
// methods, and any other Knit method without a typed wrapper, are reachable
// through the integration's generic call:
//
//	var out json.RawMessage
//	err := in.Do(ctx, http.MethodGet, "hr.some.method", url.Values{"employeeId": {"emp_1"}}, &out)
//
// # On-demand calls
//
// The client holds one service per resource (in.HRIS.Employees,
// in.HRIS.Leave, in.HRIS.Payroll, ...), with the same verbs as the other
// categories (List one page, Get one record, Create, Update).
// Each method calls one Knit method:
//
//	in.HRIS.Employees.Create              POST hr.employee.create
//	in.HRIS.Employees.Update              POST hr.employee.update
//	in.HRIS.Employees.Terminate           POST hr.employee.terminate
//	in.HRIS.Employees.TerminationReasons  GET  hr.termination.reasons
//	in.HRIS.Employees.FieldValues         GET  hr.employees.field.values
//	in.HRIS.Leave.Balances                GET  hr.employees.leave.balance
//	in.HRIS.Leave.Requests                GET  hr.employees.leave.requests
//	in.HRIS.Leave.Create                  POST hr.employees.leave.create
//	in.HRIS.Payroll.Get                   GET  hr.employees.payroll.get
//	in.HRIS.Attendance.List               GET  hr.employees.attendance
//	in.HRIS.Timesheets.List               GET  hr.employees.timesheets
//	in.HRIS.Compensation.Plans            GET  hr.compensation.plans
//	in.HRIS.Compensation.Update           POST hr.employee.compensation.update
//	in.HRIS.Documents.List                GET  hr.employees.documents
//	in.HRIS.Documents.Upload              POST hr.employees.document.upload
//	in.HRIS.Documents.Categories          GET  hr.documents.categories
//	in.HRIS.Companies.List                GET  hr.companies.list
//	in.HRIS.Deductions.List               GET  hr.deductions.list
//	in.HRIS.Deductions.Create             POST hr.deductions.create
//	in.HRIS.Deductions.Update             POST hr.deductions.update
//	in.HRIS.Deductions.Enroll             POST hr.employee.deductions.enroll
//	in.HRIS.Deductions.Unenroll           POST hr.employee.deductions.unenroll
//	in.HRIS.Deductions.UpdateEnrollment   POST hr.employee.deductions.update
//
// Required IDs are checked before anything is sent (errors.Is(err,
// knit.ErrInvalidParams)); an app that lacks an operation answers an error
// matching knit.ErrNotSupported.
//
// Knit's pages also refer to a "Get Position Details" API (the source of
// [Employment.PositionID] for Employees.Create) and an employee location API
// without giving their method names, so this package has no typed call for
// them: once Knit gives you the names, reach them with the integration's
// Do, as shown above.
//
// # What Knit documents
//
// Knit documents only part of its HRIS API: the leave-balance, add-employee
// and timesheet pages, and the employee sync models. The other method names
// were seen in public third-party code calling Knit; each method's
// documentation says which is the case in one line. Where Knit does not
// document a request field, the params type has an Extra map (merged into
// the body or query; a clash with a typed field is an error), and where it
// does not document an answer, the method returns a [Result] keeping the whole
// data in Raw. Models whose fields are not documented ([Compensation],
// [Deductions], [W4], [ProfilePicture]) keep the whole value in Raw too: nothing
// is dropped.
//
// Models and enums say where their names come from in the same way. "Knit
// documents" means a page of developers.getknit.dev (or one of Knit's
// use-case pages on getknit.dev, less exact). "Seen in third-party code
// calling Knit" means public code that works against the live API uses the
// name: likely right, but not Knit's promise, and an app may send a value
// the SDK has no constant for (it is kept as sent).
//
// # Phone shapes
//
// Knit's base Phone is {type, phoneNumber}, but HRIS contact info was seen
// as {number, type} in third-party code. Which one Knit sends for HRIS is not
// settled, so [ContactInfo.Phones] uses [basemodel.Phone], which decodes both;
// read the number with Phone.Number.
//
// # Personal data and logs
//
// Bank accounts, identification and [KYC] numbers, birth dates,
// compensation, deductions, W-4 and payroll amounts print masked: Employee,
// [Profile] and those types implement fmt.Formatter (%v, %+v, %s, %#v),
// String, GoString and slog.LogValuer. Account and ID numbers keep their
// last four characters ("****6789"); the rest shows [REDACTED]. Custom
// fields and raw values print as their key names only, as they may hold
// anything. encoding/json is not affected, so records can be stored as
// received. Log an Employee (or its parts) as a value, e.g.
// slog.Any("employee", emp); a bare slice such as emp.BankAccounts handed
// to slog's JSON handler is marshalled with encoding/json and is not
// masked.
package hris
