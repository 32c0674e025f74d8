package hris

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/privacy"
)

// Personal data (bank accounts, identification and KYC numbers, birth
// dates, compensation, deductions, W-4 and payroll amounts) must not reach
// logs. Every type holding it implements fmt.Formatter (all verbs, incl.
// %#v), fmt.Stringer, fmt.GoStringer and slog.LogValuer with masked output;
// encoding/json is left alone so that records can be stored.
//
// Each Format prints a methodless "view" of a masked copy, so fmt's own
// struct printing is reused without recursing into Format again.

// Redacted replaces a value that is never shown, even partly.
const Redacted = privacy.Redacted

func maskDate(d basemodel.DateTime) basemodel.DateTime {
	return basemodel.DateTime(privacy.MaskText(string(d)))
}

// formatRedacted prints an opaque sensitive value.
func formatRedacted(f fmt.State, verb rune, typeName string, empty bool) {
	s := Redacted
	if empty {
		s = ""
	}
	if verb == 'v' && f.Flag('#') {
		_, _ = fmt.Fprintf(f, "%s{%s}", typeName, s)
		return
	}
	if verb != 'v' && verb != 's' {
		_, _ = fmt.Fprintf(f, "%%!%c(%s)", verb, typeName)
		return
	}
	_, _ = io.WriteString(f, s)
}

func redactedValue(empty bool) slog.Value {
	if empty {
		return slog.StringValue("")
	}
	return slog.StringValue(Redacted)
}

// ---- Profile

type profileView Profile

func (p Profile) masked() Profile {
	p.BirthDate = maskDate(p.BirthDate)
	return p
}

// Format prints p with BirthDate masked.
func (p Profile) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "hris.Profile", profileView(p.masked()))
}

// String returns p with BirthDate masked.
func (p Profile) String() string { return fmt.Sprint(p) }

// GoString returns p as Go syntax with BirthDate masked.
func (p Profile) GoString() string { return fmt.Sprintf("%#v", p) }

// LogValue returns p as a group with BirthDate masked.
func (p Profile) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("id", p.ID),
		slog.String("employeeNumber", p.EmployeeNumber),
		slog.String("firstName", p.FirstName),
		slog.String("lastName", p.LastName),
		slog.String("workEmail", p.WorkEmail),
		slog.String("startDate", string(p.StartDate)),
		slog.String("birthDate", privacy.MaskText(string(p.BirthDate))),
		slog.String("terminationDate", string(p.TerminationDate)),
		slog.String("employmentStatus", string(p.EmploymentStatus)),
		slog.String("employmentType", string(p.EmploymentType)),
		slog.String("maritalStatus", string(p.MaritalStatus)),
		slog.String("gender", string(p.Gender)),
	)
}

// ---- Dependent

type dependentView Dependent

func (d Dependent) masked() Dependent {
	d.BirthDate = maskDate(d.BirthDate)
	return d
}

// Format prints d with BirthDate masked.
func (d Dependent) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "hris.Dependent", dependentView(d.masked()))
}

// String returns d with BirthDate masked.
func (d Dependent) String() string { return fmt.Sprint(d) }

// GoString returns d as Go syntax with BirthDate masked.
func (d Dependent) GoString() string { return fmt.Sprintf("%#v", d) }

// LogValue returns d as a group with BirthDate masked.
func (d Dependent) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("id", d.ID),
		slog.String("firstName", d.FirstName),
		slog.String("lastName", d.LastName),
		slog.String("relation", string(d.Relation)),
		slog.String("birthDate", privacy.MaskText(string(d.BirthDate))),
		slog.String("gender", string(d.Gender)),
	)
}

// ---- RoutingInfo and BankAccount

type routingInfoView RoutingInfo

func (r RoutingInfo) masked() RoutingInfo {
	r.Number = privacy.MaskNumber(r.Number)
	return r
}

// Format prints r with Number masked.
func (r RoutingInfo) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "hris.RoutingInfo", routingInfoView(r.masked()))
}

// String returns r with Number masked.
func (r RoutingInfo) String() string { return fmt.Sprint(r) }

// GoString returns r as Go syntax with Number masked.
func (r RoutingInfo) GoString() string { return fmt.Sprintf("%#v", r) }

// LogValue returns r as a group with Number masked.
func (r RoutingInfo) LogValue() slog.Value {
	return slog.GroupValue(slog.String("type", string(r.Type)), slog.String("number", privacy.MaskNumber(r.Number)))
}

type bankAccountView BankAccount

func (b BankAccount) masked() BankAccount {
	b.AccountNumber = privacy.MaskNumber(b.AccountNumber)
	if b.RoutingInfo != nil {
		ri := make([]RoutingInfo, len(b.RoutingInfo))
		for i, r := range b.RoutingInfo {
			ri[i] = r.masked()
		}
		b.RoutingInfo = ri
	}
	return b
}

// Format prints b with the account and routing numbers masked.
func (b BankAccount) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "hris.BankAccount", bankAccountView(b.masked()))
}

// String returns b with the account and routing numbers masked.
func (b BankAccount) String() string { return fmt.Sprint(b) }

// GoString returns b as Go syntax with the numbers masked.
func (b BankAccount) GoString() string { return fmt.Sprintf("%#v", b) }

// LogValue returns b as a group with the account and routing numbers masked.
func (b BankAccount) LogValue() slog.Value {
	m := b.masked()
	return slog.GroupValue(
		slog.String("bankName", m.BankName),
		slog.String("accountType", string(m.AccountType)),
		slog.String("accountNumber", m.AccountNumber),
		slog.Any("routingInfo", m.RoutingInfo),
		slog.Any("payTypes", m.PayTypes),
	)
}

// ---- Identification

type identificationView Identification

func (i Identification) masked() Identification {
	i.IdentificationNumber = privacy.MaskNumber(i.IdentificationNumber)
	return i
}

// Format prints i with IdentificationNumber masked.
func (i Identification) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "hris.Identification", identificationView(i.masked()))
}

// String returns i with IdentificationNumber masked.
func (i Identification) String() string { return fmt.Sprint(i) }

// GoString returns i as Go syntax with IdentificationNumber masked.
func (i Identification) GoString() string { return fmt.Sprintf("%#v", i) }

// LogValue returns i as a group with IdentificationNumber masked.
func (i Identification) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("type", string(i.Type)),
		slog.String("subType", i.SubType),
		slog.String("identificationNumber", privacy.MaskNumber(i.IdentificationNumber)),
	)
}

// ---- KYC

type kycView KYC

func (k KYC) masked() KYC {
	return KYC{
		AadharNumber: privacy.MaskNumber(k.AadharNumber),
		AadharURL:    privacy.MaskText(k.AadharURL),
		PanNumber:    privacy.MaskNumber(k.PanNumber),
		PanURL:       privacy.MaskText(k.PanURL),
	}
}

// Format prints k with every number and document URL masked.
func (k KYC) Format(f fmt.State, verb rune) { privacy.Format(f, verb, "hris.KYC", kycView(k.masked())) }

// String returns k masked.
func (k KYC) String() string { return fmt.Sprint(k) }

// GoString returns k as Go syntax, masked.
func (k KYC) GoString() string { return fmt.Sprintf("%#v", k) }

// LogValue returns k as a group, masked.
func (k KYC) LogValue() slog.Value {
	m := k.masked()
	return slog.GroupValue(
		slog.String("aadharNumber", m.AadharNumber),
		slog.String("aadharURL", m.AadharURL),
		slog.String("panNumber", m.PanNumber),
		slog.String("panURL", m.PanURL),
	)
}

// ---- Compensation, Deductions, W4: opaque

// Format prints [REDACTED] (empty when there is no data).
func (c Compensation) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "hris.Compensation", len(c.Raw) == 0)
}

// String returns [REDACTED].
func (c Compensation) String() string { return fmt.Sprint(c) }

// GoString returns hris.Compensation{[REDACTED]}.
func (c Compensation) GoString() string { return fmt.Sprintf("%#v", c) }

// LogValue returns [REDACTED].
func (c Compensation) LogValue() slog.Value { return redactedValue(len(c.Raw) == 0) }

// Format prints [REDACTED] (empty when there is no data).
func (d Deductions) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "hris.Deductions", len(d.Raw) == 0)
}

// String returns [REDACTED].
func (d Deductions) String() string { return fmt.Sprint(d) }

// GoString returns hris.Deductions{[REDACTED]}.
func (d Deductions) GoString() string { return fmt.Sprintf("%#v", d) }

// LogValue returns [REDACTED].
func (d Deductions) LogValue() slog.Value { return redactedValue(len(d.Raw) == 0) }

// Format prints [REDACTED] (empty when there is no data).
func (w W4) Format(f fmt.State, verb rune) { formatRedacted(f, verb, "hris.W4", len(w.Raw) == 0) }

// String returns [REDACTED].
func (w W4) String() string { return fmt.Sprint(w) }

// GoString returns hris.W4{[REDACTED]}.
func (w W4) GoString() string { return fmt.Sprintf("%#v", w) }

// LogValue returns [REDACTED].
func (w W4) LogValue() slog.Value { return redactedValue(len(w.Raw) == 0) }

// ---- ContactInfo

type contactInfoView ContactInfo

// masked returns c with its personal e-mail addresses and phone numbers
// masked.
func (c ContactInfo) masked() ContactInfo {
	c.PersonalEmails = privacy.Slice(c.PersonalEmails, privacy.MaskEmail)
	c.Phones = privacy.Slice(c.Phones, basemodel.Phone.Masked)
	return c
}

// Format prints c with its personal e-mail addresses and phone numbers
// masked.
func (c ContactInfo) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "hris.ContactInfo", contactInfoView(c.masked()))
}

// String returns c masked (see Format).
func (c ContactInfo) String() string { return fmt.Sprint(c) }

// GoString returns c as Go syntax, masked (see Format).
func (c ContactInfo) GoString() string { return fmt.Sprintf("%#v", c) }

// LogValue returns c masked (see Format), as a value that slog's JSON
// handler, which marshals it with encoding/json, shows masked too.
func (c ContactInfo) LogValue() slog.Value { return slog.AnyValue(contactInfoView(c.masked())) }

// ---- Employee

// employeeView dereferences the pointers (fmt prints nested pointers as
// addresses) and hides free-form custom fields, which may hold anything.
type employeeView struct {
	Profile         any
	ContactInfo     any
	OrgStructure    any
	Dependents      []Dependent
	Locations       any
	BankAccounts    []BankAccount
	KYC             any
	Identifications []Identification
	ProfilePicture  any
	Compensation    any
	Deductions      any
	W4              any
	Company         any
	RawValues       []string
	LeaveRequests   []LeaveRequest
	CustomFields    []string
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// view builds the printable form: nested sensitive types mask themselves
// in their own Format; raw maps are reduced to their sorted keys.
func (e Employee) view() employeeView {
	v := employeeView{
		Profile: deref(e.Profile), ContactInfo: deref(e.ContactInfo), OrgStructure: deref(e.OrgStructure),
		Dependents: e.Dependents, Locations: deref(e.Locations), BankAccounts: e.BankAccounts,
		KYC: deref(e.KYC), Identifications: e.Identifications, Compensation: deref(e.Compensation),
		Deductions: deref(e.Deductions), W4: deref(e.W4),
		RawValues: slices.Sorted(maps.Keys(e.RawValues)), LeaveRequests: e.LeaveRequests,
		CustomFields: slices.Sorted(maps.Keys(e.CustomFields)),
	}
	if e.Company != nil {
		v.Company = struct{ ID, Name string }{e.Company.ID, e.Company.Name}
	}
	if e.ProfilePicture != nil {
		v.ProfilePicture = fmt.Sprintf("(%d bytes)", len(e.ProfilePicture.Raw))
	}
	return v
}

// Format prints e with personal data masked: birth dates, personal
// e-mail addresses and phone numbers, bank and identification numbers, KYC,
// compensation, deductions and W-4 data.
// Custom fields and raw values print as their key names only.
func (e Employee) Format(f fmt.State, verb rune) { privacy.Format(f, verb, "hris.Employee", e.view()) }

// String returns e masked (see Format).
func (e Employee) String() string { return fmt.Sprint(e) }

// GoString returns e as Go syntax, masked (see Format).
func (e Employee) GoString() string { return fmt.Sprintf("%#v", e) }

// LogValue returns e as a masked group. Nested values are masked copies,
// so slog's JSON handler (which marshals nested values with encoding/json)
// shows no personal data either. Custom fields and raw values are logged
// as their key names only.
func (e Employee) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("id", e.ID())}
	if e.Profile != nil {
		attrs = append(attrs, slog.Any("profile", *e.Profile))
	}
	if e.ContactInfo != nil {
		attrs = append(attrs, slog.Any("contactInfo", *e.ContactInfo))
	}
	if e.OrgStructure != nil {
		attrs = append(attrs, slog.Any("orgStructure", *e.OrgStructure))
	}
	if e.Dependents != nil {
		attrs = append(attrs, slog.Any("dependents", privacy.Slice(e.Dependents, Dependent.masked)))
	}
	if e.Locations != nil {
		attrs = append(attrs, slog.Any("locations", *e.Locations))
	}
	if e.BankAccounts != nil {
		attrs = append(attrs, slog.Any("bankAccounts", privacy.Slice(e.BankAccounts, BankAccount.masked)))
	}
	if e.KYC != nil {
		attrs = append(attrs, slog.Any("employeeKYC", *e.KYC))
	}
	if e.Identifications != nil {
		attrs = append(attrs, slog.Any("employeeIdentificationData", privacy.Slice(e.Identifications, Identification.masked)))
	}
	if e.ProfilePicture != nil {
		attrs = append(attrs, slog.Int("employeeProfilePictureBytes", len(e.ProfilePicture.Raw)))
	}
	if e.Compensation != nil {
		attrs = append(attrs, slog.Any("compensation", *e.Compensation))
	}
	if e.Deductions != nil {
		attrs = append(attrs, slog.Any("deductions", *e.Deductions))
	}
	if e.W4 != nil {
		attrs = append(attrs, slog.Any("w4Data", *e.W4))
	}
	if e.Company != nil {
		attrs = append(attrs, slog.Group("company", slog.String("id", e.Company.ID), slog.String("name", e.Company.Name)))
	}
	if e.RawValues != nil {
		attrs = append(attrs, slog.Any("rawValues", slices.Sorted(maps.Keys(e.RawValues))))
	}
	if e.LeaveRequests != nil {
		attrs = append(attrs, slog.Any("leaveRequests", e.LeaveRequests))
	}
	if e.CustomFields != nil {
		attrs = append(attrs, slog.Any("customFields", slices.Sorted(maps.Keys(e.CustomFields))))
	}
	return slog.GroupValue(attrs...)
}

// Compile-time checks.
var (
	_ fmt.Formatter  = Employee{}
	_ slog.LogValuer = Employee{}
	_ fmt.Formatter  = ContactInfo{}
	_ slog.LogValuer = ContactInfo{}
	_ fmt.Formatter  = Profile{}
	_ slog.LogValuer = Profile{}
	_ json.Marshaler = Compensation{}
)

// ---- PayItem

type payItemView struct {
	Type   PayItemType
	Amount string
}

// Format prints i with Amount masked (%v of Payroll.Earnings shows the item
// types only).
func (i PayItem) Format(f fmt.State, verb rune) {
	privacy.Format(f, verb, "hris.PayItem", payItemView{Type: i.Type, Amount: Redacted})
}

// String returns i with Amount masked.
func (i PayItem) String() string { return fmt.Sprint(i) }

// GoString returns i as Go syntax with Amount masked.
func (i PayItem) GoString() string { return fmt.Sprintf("%#v", i) }

// LogValue returns i as a group with Amount masked.
func (i PayItem) LogValue() slog.Value {
	return slog.GroupValue(slog.String("type", string(i.Type)), slog.String("amount", Redacted))
}

// ---- EmployeeCreateParams

type employeeCreateParamsView EmployeeCreateParams

// Format prints p with BirthDate masked, so a logged request body does not
// carry the new hire's birth date.
func (p EmployeeCreateParams) Format(f fmt.State, verb rune) {
	p.BirthDate = maskDate(p.BirthDate)
	privacy.Format(f, verb, "hris.EmployeeCreateParams", employeeCreateParamsView(p))
}

// String returns p with BirthDate masked.
func (p EmployeeCreateParams) String() string { return fmt.Sprint(p) }

// GoString returns p as Go syntax with BirthDate masked.
func (p EmployeeCreateParams) GoString() string { return fmt.Sprintf("%#v", p) }

// LogValue returns the fields that identify the request, BirthDate masked.
func (p EmployeeCreateParams) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("firstName", p.FirstName),
		slog.String("lastName", p.LastName),
		slog.String("workEmail", p.WorkEmail),
		slog.String("startDate", string(p.StartDate)),
		slog.String("birthDate", privacy.MaskText(string(p.BirthDate))),
		slog.String("employmentType", string(p.EmploymentType)),
	)
}
