// Package hris is Knit's unified HRIS API: employees, leave, payroll,
// attendance, documents, compensation and deductions of the HR system an
// end user connected (Workday, BambooHR, Darwinbox, Personio, Hibob...).
// Get a Client from an integration handle:
//
//	client, err := knit.NewClient(apiKey)
//	in := client.Integration(integrationID)
//	bal, err := in.HRIS.LeaveBalances(ctx, "emp_1234", nil)
//
// # Employees arrive through syncs
//
// Knit delivers employee records by sync, not by an on-demand list: start a
// sync of data type DataTypeEmployee with the models you need, and Knit
// pushes one webhook event per employee. record.new and record.modified
// carry eventData with one key per model; decode it with DecodeEmployee.
// record.deleted (an employee marked inactive, e.g. terminated, or gone
// from the HR system) carries only {"employeeId", "workEmail"}: decode it
// with DecodeDeletedEmployee, not DecodeEmployee.
//
//	_, err := in.Sync.Start(ctx, &knit.SyncStartParams{
//		DataType: hris.DataTypeEmployee,
//		Models:   []string{hris.ModelEmployeeProfile, hris.ModelEmployeeOrgStructure},
//	})
//	...
//	emp, err := hris.DecodeEmployee(event.EventData)
//	fmt.Println(emp.Profile.FirstName, emp.OrgStructure.Department)
//
// EmployeeModels lists all sixteen model IDs. A model you did not subscribe
// to leaves its Employee field nil; lists Knit sends as null decode as
// empty. Dates are basemodel.DateTime: kept as sent (ISO-8601, date-only or
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
// Leave (LeaveBalances, LeaveRequests, CreateLeaveRequest), Payroll,
// Attendance and Timesheets, CompensationPlans and UpdateCompensation,
// Documents, UploadDocument and DocumentCategories, CreateEmployee,
// UpdateEmployee, TerminateEmployee and TerminationReasons, FieldValues,
// Companies, and the deduction calls (Deductions, CreateDeduction,
// UpdateDeduction, EnrollDeduction, UnenrollDeduction,
// UpdateEmployeeDeduction) each call one Knit method, named in its
// documentation. Required IDs are checked before anything is sent
// (errors.Is(err, knit.ErrInvalidParams)); an app that lacks an operation
// answers an error matching knit.ErrNotSupported.
//
// Knit's pages also refer to a "Get Position Details" API (the source of
// Employment.PositionID for CreateEmployee) and an employee location API
// without giving their method names, so this package has no typed call for
// them: once Knit gives you the names, reach them with the integration's
// Do, as shown above.
//
// # Confidence labels
//
// Knit documents only part of its HRIS API. Each operation says how sure the
// SDK is of it:
//
//   - CONFIRMED: on a Knit docs page (leave balances, create employee, the
//     employee models and IDs).
//   - OBSERVED: seen in public third-party code calling Knit (most method
//     names and the inner shape of the employee models).
//   - INFERRED: a guess from Knit's conventions, used only for field names,
//     never for method names (e.g. employeeId in write bodies).
//   - UNKNOWN: not known at all. Request fields then go in the params'
//     Extra map (merged into the body; a clash with a typed field is an
//     error), and answers come back as a Result keeping the whole data in
//     Raw. Models with unknown fields (Compensation, Deductions, W4,
//     ProfilePicture) keep the whole value in Raw too: nothing is dropped.
//
// # Phone shapes
//
// Knit's base Phone is {type, phoneNumber} (CONFIRMED), but HRIS contact
// info was OBSERVED as {number, type}. Which one Knit sends for HRIS is not
// settled, so ContactInfo.Phones uses basemodel.Phone, which decodes both;
// read the number with Phone.Number.
//
// # Personal data and logs
//
// Bank accounts, identification and KYC numbers, birth dates,
// compensation, deductions, W-4 and payroll amounts print masked: Employee,
// Profile and those types implement fmt.Formatter (%v, %+v, %s, %#v),
// String, GoString and slog.LogValuer. Account and ID numbers keep their
// last four characters ("****6789"); the rest shows [REDACTED]. Custom
// fields and raw values print as their key names only, as they may hold
// anything. encoding/json is not affected, so records can be stored as
// received. Log an Employee (or its parts) as a value, e.g.
// slog.Any("employee", emp); a bare slice such as emp.BankAccounts handed
// to slog's JSON handler is marshalled with encoding/json and is not
// masked.
package hris
