package knittest

import (
	"encoding/json"

	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/crm"
	"github.com/knit-sdk/knit-go/hris"
)

// The playground's records spell Knit's JSON keys a second time, on purpose
// independently of the SDK's models, so that one misspelt key cannot hide in
// both places. Every record type that the server sends and the SDK has a
// model for converts to that model with a Model method: Model returns what
// the SDK decodes when it receives the record from the server, field for
// field (the package's round-trip test holds the two to that).
//
// Model copies Go fields; it does not go through JSON, except for the SDK
// fields that keep JSON as sent (Raw, json.RawMessage sections, RawValues,
// CustomFields), which it fills with the record's own encoding. It cannot
// fail: every value of a record is representable in the SDK model. Fields
// the record has no data for stay empty (for example hris.Employee.KYC or
// ats.CandidateInfo.Tags).

// Model returns the employee as the SDK's hris.Employee, as a sync delivers
// it (eventData keyed by model).
func (e employee) Model() hris.Employee {
	p := e.Profile
	out := hris.Employee{
		Profile: &hris.Profile{
			ID: p.ID, FirstName: p.FirstName, LastName: p.LastName, EmployeeNumber: p.EmployeeNumber, WorkEmail: p.WorkEmail,
			StartDate: basemodel.DateTime(p.StartDate), BirthDate: basemodel.DateTime(p.BirthDate), TerminationDate: dateTime(p.TerminationDate),
			EmploymentStatus: hris.EmploymentStatus(p.EmploymentStatus), MaritalStatus: hris.MaritalStatus(p.MaritalStatus),
			Gender: hris.Gender(p.Gender), EmploymentType: hris.EmploymentType(p.EmploymentType),
		},
		ContactInfo: &hris.ContactInfo{
			PersonalEmails: e.ContactInfo.PersonalEmails,
			Phones: convert(e.ContactInfo.Phones, func(ph employeePhone) basemodel.Phone {
				return basemodel.Phone{Type: basemodel.PhoneType(ph.Type), AltNumber: ph.Number}
			}),
		},
		OrgStructure: &hris.OrgStructure{Designation: e.OrgStructure.Designation, Department: e.OrgStructure.Department},
		Locations: &hris.Locations{
			WorkAddress: addressPtr(e.Locations.WorkAddress), PermanentAddress: addressPtr(e.Locations.PermanentAddress),
			PresentAddress: addressPtr(e.Locations.PresentAddress),
		},
		Identifications: convert(e.Identification, func(id identification) hris.Identification {
			return hris.Identification{Type: hris.IDType(id.Type), SubType: id.SubType, IdentificationNumber: id.IdentificationNumber}
		}),
		Compensation:  &hris.Compensation{Raw: rawJSON(e.Compensation)},
		Company:       ptr(e.Company.Model()),
		RawValues:     rawStrings(e.RawValues),
		LeaveRequests: convert(e.LeaveRequests, leaveRequest.Model),
		CustomFields:  rawStrings(e.CustomFields),
	}
	if m := e.OrgStructure.Manager; m != nil {
		out.OrgStructure.Manager = &hris.Manager{ID: m.ID, WorkEmail: m.WorkEmail}
	}
	// Assigned as plain slices, so the fields may be named slice types.
	out.Dependents = convert(e.Dependents, func(d dependent) hris.Dependent {
		return hris.Dependent{ID: d.ID, FirstName: d.FirstName, LastName: d.LastName, Relation: hris.Relation(d.Relation),
			BirthDate: basemodel.DateTime(d.BirthDate), Gender: hris.Gender(d.Gender)}
	})
	out.BankAccounts = convert(e.BankAccounts, func(b bankAccount) hris.BankAccount {
		return hris.BankAccount{
			AccountNumber: b.AccountNumber, AccountType: hris.AccountType(b.AccountType), BankName: b.BankName,
			RoutingInfo: convert(b.RoutingInfo, func(r routingInfo) hris.RoutingInfo {
				return hris.RoutingInfo{Type: hris.RoutingType(r.Type), Number: r.Number}
			}),
			PayTypes: convert(b.PayTypes, func(s string) hris.PayType { return hris.PayType(s) }),
		}
	})
	return out
}

// Model returns the company as the SDK's hris.Company (Raw is the company's
// JSON).
func (c company) Model() hris.Company {
	return hris.Company{ID: c.ID, Name: c.Name, Raw: rawJSON(c)}
}

// Model returns the leave type as the SDK's hris.LeaveType.
func (t leaveType) Model() hris.LeaveType {
	return hris.LeaveType{ID: t.ID, Name: t.Name, Type: hris.LeaveKind(t.Type)}
}

// Model returns the leave request as the SDK's hris.LeaveRequest.
func (r leaveRequest) Model() hris.LeaveRequest {
	return hris.LeaveRequest{
		ID: r.ID, StartDate: basemodel.DateTime(r.StartDate), EndDate: basemodel.DateTime(r.EndDate),
		RequestedOn: basemodel.DateTime(r.RequestedOn), Note: r.Note, Status: hris.LeaveStatus(r.Status),
		LeaveType: r.LeaveType.Model(), Unit: hris.LeaveUnit(r.Unit), Amount: r.Amount, IsPaid: hris.TriState(r.IsPaid),
	}
}

// Model returns the balance as the SDK's hris.LeaveBalance.
func (b leaveBalance) Model() hris.LeaveBalance {
	return hris.LeaveBalance{
		LeaveType: b.LeaveType.Model(), Unit: hris.LeaveUnit(b.Unit), Balance: b.Balance, Used: b.Used,
		IsPaid: hris.TriState(b.IsPaid), IsEligible: hris.TriState(b.IsEligible),
	}
}

// Model returns the pay run as the SDK's hris.Payroll (Raw is the pay run's
// JSON, as hr.employees.payroll.get sends it).
func (p payroll) Model() hris.Payroll {
	return hris.Payroll{
		EmployeeID: p.EmployeeID, GrossPay: p.GrossPay, NetPay: p.NetPay,
		Earnings: convert(p.Earnings, payItem.Model), Contributions: convert(p.Contributions, payItem.Model),
		Deductions: convert(p.Deductions, payItem.Model), ProcessedDate: basemodel.DateTime(p.ProcessedDate),
		PayDate: basemodel.DateTime(p.PayDate), PayPeriodStartDate: basemodel.DateTime(p.PayPeriodStartDate),
		PayPeriodEndDate: basemodel.DateTime(p.PayPeriodEndDate), Raw: rawJSON(p),
	}
}

// Model returns the line as the SDK's hris.PayItem.
func (i payItem) Model() hris.PayItem {
	return hris.PayItem{Type: hris.PayItemType(i.Type), Amount: i.Amount}
}

// Model returns the day as the SDK's hris.AttendanceRecord. The SDK's
// record has no employee ID: EmployeeID has no counterpart.
func (a attendance) Model() hris.AttendanceRecord {
	return hris.AttendanceRecord{
		Date: basemodel.DateTime(a.Date), ShiftStartTime: basemodel.DateTime(a.ShiftStartTime), ShiftEndTime: basemodel.DateTime(a.ShiftEndTime),
		TotalHours: a.TotalHours, BreakHours: a.BreakHours, EffectiveHours: a.EffectiveHours,
		FirstInTime: basemodel.DateTime(a.FirstInTime), LastOutTime: basemodel.DateTime(a.LastOutTime), Status: hris.AttendanceStatus(a.Status),
	}
}

// Model returns the job as the SDK's ats.Job.
func (j job) Model() ats.Job {
	i := j.Info
	return ats.Job{
		Info: ats.JobInfo{
			ID: i.ID, Title: i.Title, Description: i.Description, CreatedAt: basemodel.DateTime(i.CreatedAt),
			UpdatedAt: basemodel.DateTime(i.UpdatedAt), ClosedAt: dateTime(i.ClosedAt), Status: ats.JobStatus(i.Status),
			Confidential: ptr(i.Confidential), InfoURL: i.InfoURL, ApplyURL: i.ApplyURL,
		},
		Departments: convert(j.Departments, func(d idName) ats.Department { return ats.Department{ID: d.ID, Name: d.Name} }),
		Offices: convert(j.Offices, func(o office) ats.Office {
			return ats.Office{ID: o.ID, Name: o.Name, Location: o.Location, Address: deref(addressPtr(o.Address))}
		}),
		HiringManagers: convert(j.HiringManagers, user.model),
		Recruiters:     convert(j.Recruiters, user.model),
		Stages:         convert(j.Stages, stage.model),
		CustomFields:   rawStrings(j.CustomFields),
	}
}

// Model returns the candidate as the SDK's ats.CandidateInfo, as
// ats.candidates.search and applications send it.
func (c candidate) Model() ats.CandidateInfo {
	return ats.CandidateInfo{
		ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Phones: convert(c.Phones, phone.model),
		Emails: convert(c.Emails, email.model), Links: c.Links, Location: c.Location,
	}
}

// Model returns the candidate as the SDK's ats.Candidate, as an
// ats_candidates sync delivers it.
func (c candidateRecord) Model() ats.Candidate {
	return ats.Candidate{
		Info: c.Info.Model(),
		Education: convert(c.Education, func(e education) ats.Education {
			return ats.Education{ID: e.ID, Degree: e.Degree, Major: e.Major, Institute: e.Institute, CurrentlyPursuing: ptr(e.CurrentlyPursuing)}
		}),
		Locations: rawJSON(c.Locations), Skills: rawJSON(c.Skills), Experiences: rawJSON(c.Experiences),
		Attachments: convert(c.Attachments, rawJSON[attachment]),
	}
}

// Model returns the application as the SDK's ats.Application.
func (a application) Model() ats.Application {
	i := a.Info
	out := ats.Application{
		Info: ats.ApplicationInfo{
			ID: i.ID, Status: ats.ApplicationStatus(i.Status), Candidate: i.Candidate.Model(), Origin: ats.Origin(i.Origin),
			AppliedAt: basemodel.DateTime(i.AppliedAt), UpdatedAt: basemodel.DateTime(i.UpdatedAt), JobID: i.JobID,
		},
		Interviews: convert(a.Interviews, func(v interview) ats.Interview {
			return ats.Interview{
				ID: v.ID, Subject: v.Subject, ScheduledStart: basemodel.DateTime(v.ScheduledStart), ScheduledEnd: basemodel.DateTime(v.ScheduledEnd),
				Status:       ats.InterviewStatus(v.Status),
				Interviewers: convert(v.Interviewers, func(u user) ats.Interviewer { return ats.Interviewer{User: u.model()} }),
			}
		}),
		Offers: convert(a.Offers, func(o offer) ats.Offer {
			return ats.Offer{ID: o.ID, ApplicationID: o.ApplicationID, Status: ats.OfferStatus(o.Status), StartDate: basemodel.DateTime(o.StartDate),
				OfferDate: basemodel.DateTime(o.OfferDate), SentAt: basemodel.DateTime(o.SentAt)}
		}),
		Attachments: convert(a.Attachments, rawJSON[attachment]),
	}
	if i.Owner != nil {
		out.Info.Owner = i.Owner.model()
	}
	if i.CreditedTo != nil {
		out.Info.CreditedTo = i.CreditedTo.model()
	}
	if a.CurrentStage != nil {
		out.CurrentStage = a.CurrentStage.model()
	}
	if r := a.Rejection; r != nil {
		out.Rejection = ats.Rejection{ID: r.ID, Text: r.Text, RejectedAt: basemodel.DateTime(r.RejectedAt)}
	}
	return out
}

// Model returns the ledger account as the SDK's accounting.Account.
func (a ledgerAccount) Model() accounting.Account {
	i := a.Info
	return accounting.Account{Info: accounting.AccountInfo{
		ID: i.ID, Name: i.Name, Category: accounting.AccountCategory(i.Category), Type: accountType(i.Type),
		Description: i.Description, AccountNumber: i.AccountNumber, Status: accounting.AccountStatus(i.Status),
		CurrentBalance: i.CurrentBalance, CompanyID: i.CompanyID, LinkedCompanyIDs: i.LinkedCompanyIDs, Currency: i.Currency,
		ParentAccountID: deref(i.ParentAccountID), CreatedAt: basemodel.DateTime(i.CreatedAt), UpdatedAt: basemodel.DateTime(i.UpdatedAt),
	}}
}

// Model returns the invoice or bill as the SDK's accounting.Invoice. Each
// line item's Raw is the line's JSON.
func (inv invoice) Model() accounting.Invoice {
	i := inv.Info
	return accounting.Invoice{
		Info: accounting.InvoiceInfo{
			ID: i.ID, InvoiceNumber: i.InvoiceNumber, CreatedAt: basemodel.DateTime(i.CreatedAt), UpdatedAt: basemodel.DateTime(i.UpdatedAt),
			Type: accounting.InvoiceType(i.Type), IssueDate: basemodel.DateTime(i.IssueDate), DueDate: basemodel.DateTime(i.DueDate),
			PaidOnDate: dateTime(i.PaidOnDate), TotalAmount: i.TotalAmount, RemainingAmount: i.RemainingAmount,
			TotalDiscount: i.TotalDiscount, TotalTax: i.TotalTax, ContactID: i.ContactID, CompanyID: i.CompanyID,
			LinkedCompanyIDs: i.LinkedCompanyIDs, Description: i.Description, Currency: i.Currency, ExchangeRate: i.ExchangeRate,
			Status: accounting.InvoiceStatus(i.Status),
		},
		LineItems: convert(inv.LineItems, func(l lineItem) accounting.LineItem {
			return accounting.LineItem{
				LineItemID: l.LineItemID, ItemID: l.ItemID, ItemCode: l.ItemCode, ItemName: l.ItemName, Description: l.Description,
				Quantity: l.Quantity, UnitRate: l.UnitRate, Amount: l.Amount, AccountID: l.AccountID, DiscountRate: l.DiscountRate,
				Raw: rawJSON(l),
			}
		}),
		Addresses: convert(inv.Addresses, address.model),
		Payments: convert(inv.Payments, func(p payment) accounting.Payment {
			return accounting.Payment{ID: p.ID, Date: basemodel.DateTime(p.Date), Amount: p.Amount, Mode: accounting.PaymentMode(p.Mode),
				ReferenceNumber: p.ReferenceNumber, InvoiceID: p.InvoiceID, PaymentLinkedTo: accounting.PaymentLinkedTo(p.PaymentLinkedTo)}
		}),
	}
}

// Model returns the contact as the SDK's accounting.Contact.
func (c accountingContact) Model() accounting.Contact {
	i := c.Info
	return accounting.Contact{
		Info: accounting.ContactInfo{
			ID: i.ID, Name: i.Name, ContactType: accounting.ContactType(i.ContactType), CreatedAt: basemodel.DateTime(i.CreatedAt),
			UpdatedAt: basemodel.DateTime(i.UpdatedAt), Status: accounting.ContactStatus(i.Status), AccountNumber: i.AccountNumber,
			CompanyID: i.CompanyID, LinkedCompanyIDs: i.LinkedCompanyIDs, Currency: i.Currency, TaxNumber: i.TaxNumber, URLs: i.URLs,
		},
		Addresses: convert(c.Addresses, address.model),
		Phones:    convert(c.Phones, phone.model),
		Emails:    convert(c.Emails, email.model),
		Users:     convert(c.Users, user.model),
	}
}

// Model returns the journal entry as the SDK's accounting.JournalEntry.
func (j journalEntry) Model() accounting.JournalEntry {
	i := j.Info
	return accounting.JournalEntry{
		Info: accounting.JournalEntryInfo{
			ID: i.ID, Name: i.Name, Date: basemodel.DateTime(i.Date), Status: accounting.JournalEntryStatus(i.Status),
			CreatedAt: basemodel.DateTime(i.CreatedAt), UpdatedAt: basemodel.DateTime(i.UpdatedAt), Description: i.Description,
			CompanyID: i.CompanyID, LinkedCompanyIDs: i.LinkedCompanyIDs, Currency: i.Currency, ExchangeRate: i.ExchangeRate,
			ReferenceNumber: i.ReferenceNumber,
		},
		LineItems: convert(j.LineItems, func(l journalLine) accounting.JournalLine {
			return accounting.JournalLine{ID: l.ID, AccountID: l.AccountID, ContactID: l.ContactID, Amount: l.Amount,
				Type: accounting.JournalLineType(l.Type), Description: l.Description}
		}),
	}
}

// Model returns the contact as the SDK's crm.Contact.
func (c contact) Model() crm.Contact {
	i := c.Info
	return crm.Contact{
		Info: crm.ContactInfo{
			ID: i.ID, FirstName: i.FirstName, LastName: i.LastName, Description: i.Description, Industry: i.Industry,
			JobTitle: i.JobTitle, Owner: i.Owner.model(), CreatedBy: i.CreatedBy.model(), UpdatedAt: basemodel.DateTime(i.UpdatedAt),
			CreatedAt: basemodel.DateTime(i.CreatedAt), LastActivityAt: basemodel.DateTime(i.LastActivityAt), AccountID: i.Account,
		},
		Addresses:    convert(c.Addresses, address.model),
		Phones:       convert(c.Phones, phone.model),
		Emails:       convert(c.Emails, email.model),
		CustomFields: crm.CustomFields{Fields: rawStrings(c.CustomFields)},
	}
}

// Model returns the account as the SDK's crm.Account.
func (a account) Model() crm.Account {
	i := a.Info
	return crm.Account{
		Info: crm.AccountInfo{
			ID: i.ID, Name: i.Name, Description: i.Description, Industry: i.Industry, Website: i.Website,
			NumberOfEmployees: i.NumberOfEmployees, Owner: i.Owner.model(), CreatedBy: i.CreatedBy.model(),
			SocialMediaLinks: i.SocialMediaLinks, UpdatedAt: basemodel.DateTime(i.UpdatedAt), CreatedAt: basemodel.DateTime(i.CreatedAt),
			LastActivityAt: basemodel.DateTime(i.LastActivityAt), IsPersonAccount: crm.PersonAccount(i.IsPersonAccount),
		},
		Addresses:    convert(a.Addresses, address.model),
		Phones:       convert(a.Phones, phone.model),
		Contacts:     a.Contacts,
		CustomFields: crm.CustomFields{Fields: rawStrings(a.CustomFields.Fields)},
	}
}

// Model returns the deal as the SDK's crm.Deal.
func (d deal) Model() crm.Deal {
	i := d.Info
	return crm.Deal{
		Info: crm.DealInfo{
			ID: i.ID, Name: i.Name, Description: i.Description, Amount: i.Amount, Currency: i.Currency,
			Owner: i.Owner.model(), CreatedBy: i.CreatedBy.model(), Status: crm.DealStatus(i.Status),
			CreatedAt: basemodel.DateTime(i.CreatedAt), LastActivityAt: basemodel.DateTime(i.LastActivityAt),
		},
		Stage:    crm.DealStage{StageID: d.Stage.StageID, StageName: d.Stage.StageName, PipelineID: d.Stage.PipelineID, PipelineName: d.Stage.PipelineName},
		Accounts: d.Accounts,
		Contacts: d.Contacts,
	}
}

// Conversions of the shared parts.

// accountType is the SDK's reading of an account type: Knit documents the
// liability value as "LIBALITY" (sic), which the SDK decodes as
// accounting.AccountTypeLiability.
func accountType(s string) accounting.AccountType {
	if s == "LIBALITY" {
		return accounting.AccountTypeLiability
	}
	return accounting.AccountType(s)
}

func (a address) model() basemodel.Address {
	return basemodel.Address{AddressLine1: a.AddressLine1, AddressLine2: a.AddressLine2, City: a.City, State: a.State,
		Country: a.Country, ZipCode: a.ZipCode, AddressType: basemodel.AddressType(a.AddressType)}
}

func addressPtr(a *address) *basemodel.Address {
	if a == nil {
		return nil
	}
	return ptr(a.model())
}

func (p phone) model() basemodel.Phone {
	return basemodel.Phone{Type: basemodel.PhoneType(p.Type), PhoneNumber: p.PhoneNumber}
}

func (e email) model() basemodel.Email {
	return basemodel.Email{Type: basemodel.EmailType(e.Type), Email: e.Email}
}

func (u user) model() basemodel.User {
	return basemodel.User{ID: u.ID, Email: u.Email, EmployeeID: u.EmployeeID}
}

func (s stage) model() ats.Stage { return ats.Stage{ID: s.ID, Text: s.Text} }

// model converts a CRM user; nil (Knit's null) is the zero User.
func (u *crmUser) model() basemodel.User {
	if u == nil {
		return basemodel.User{}
	}
	return basemodel.User{ID: u.ID, Email: u.Email}
}

// convert maps a slice, keeping nil as nil (null on the wire) and empty as
// empty ([] on the wire).
func convert[T, U any](in []T, f func(T) U) []U {
	if in == nil {
		return nil
	}
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	var v T
	if p != nil {
		v = *p
	}
	return v
}

// dateTime converts an optional date; nil (null) is the empty DateTime.
func dateTime(s *string) basemodel.DateTime { return basemodel.DateTime(deref(s)) }

// rawJSON returns v's JSON, the bytes the server sends for it. Records hold
// only strings, numbers, booleans and Decimals made by basemodel's
// constructors, which always encode.
func rawJSON[T any](v T) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic("knittest: encoding a record: " + err.Error()) // unreachable, see above
	}
	return b
}

// rawStrings returns m with each value as its JSON string; nil stays nil.
func rawStrings(m map[string]string) map[string]json.RawMessage {
	if m == nil {
		return nil
	}
	out := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		out[k] = rawJSON(v)
	}
	return out
}
