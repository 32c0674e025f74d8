package hris

import (
	"github.com/knit-sdk/knit-go/internal/eventdata"
	"github.com/knit-sdk/knit-go/internal/fastjson"
)

// An employee record's bulk is often its custom fields. Its hand-written
// decoder reads the record in one pass: the raw-field maps with
// basemodel.RawFields' decoder, the small models with encoding/json, the
// keys whose shape varies raw for employeeWire.finish. It gives exactly
// what DecodeEmployee's encoding/json path gives, or gives up:
// TestFastEmployeeMatchesEncodingJSON and FuzzFastEmployee compare the two
// and TestFastEmployeeFieldsCoverJSONTags fails when Employee gains a key
// the fast decoder does not know.

func init() {
	eventdata.RegisterFast(decodeEmployeeFast)
}

func decodeEmployeeFast(d *fastjson.Decoder) (*Employee, bool) {
	if d.Null() {
		return nil, false // encoding/json's path decides what null means
	}
	w := &employeeWire{employeePlain: new(employeePlain)}
	if !fastjson.Struct(d, w, employeeFields) {
		return nil, false
	}
	e, err := w.finish()
	return e, err == nil
}

// std is a field decoded by encoding/json.
func std[V any](get func(*employeeWire) *V) func(*fastjson.Decoder, *employeeWire) bool {
	return func(d *fastjson.Decoder, w *employeeWire) bool { return fastjson.Std(d, get(w)) }
}

var employeeFields = []fastjson.Field[employeeWire]{
	fastjson.F("profile", std(func(w *employeeWire) **Profile { return &w.Profile })),
	fastjson.F("contactInfo", std(func(w *employeeWire) **ContactInfo { return &w.ContactInfo })),
	fastjson.F("orgStructure", std(func(w *employeeWire) **OrgStructure { return &w.OrgStructure })),
	fastjson.F("locations", std(func(w *employeeWire) **Locations { return &w.Locations })),
	fastjson.F("employeeKYC", std(func(w *employeeWire) **KYC { return &w.KYC })),
	fastjson.F("employeeIdentificationData", std(func(w *employeeWire) *[]Identification { return &w.Identifications })),
	fastjson.F("employeeProfilePicture", std(func(w *employeeWire) **ProfilePicture { return &w.ProfilePicture })),
	fastjson.F("compensation", std(func(w *employeeWire) **Compensation { return &w.Compensation })),
	fastjson.F("deductions", std(func(w *employeeWire) **Deductions { return &w.Deductions })),
	fastjson.F("w4Data", std(func(w *employeeWire) **W4 { return &w.W4 })),
	fastjson.F("company", std(func(w *employeeWire) **Company { return &w.Company })),
	fastjson.F("leaveRequests", std(func(w *employeeWire) *[]LeaveRequest { return &w.LeaveRequests })),
	fastjson.F("rawValues", func(d *fastjson.Decoder, w *employeeWire) bool {
		return fastjson.Unmarshaler(d, &w.RawValues)
	}),
	fastjson.F("customFields", func(d *fastjson.Decoder, w *employeeWire) bool {
		return fastjson.Unmarshaler(d, &w.CustomFields)
	}),
	fastjson.F(keyDependents, func(d *fastjson.Decoder, w *employeeWire) bool {
		return fastjson.RawMessage(d, &w.Dependents)
	}),
	fastjson.F(keyBankAccounts, func(d *fastjson.Decoder, w *employeeWire) bool {
		return fastjson.RawMessage(d, &w.BankAccounts)
	}),
	fastjson.F(keyBankAccountDetails, func(d *fastjson.Decoder, w *employeeWire) bool {
		return fastjson.RawMessage(d, &w.BankAccountDetails)
	}),
}
