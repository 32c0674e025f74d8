package hris_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/hris"
)

func TestDecodeEmployeeFull(t *testing.T) {
	t.Parallel()
	e, err := hris.DecodeEmployee(readFile(t, "employee_event_data.json"))
	require.NoError(t, err)

	p := e.Profile
	require.NotNil(t, p)
	assert.Equal(t, "emp_1234", e.ID())
	assert.Equal(t, "John", p.FirstName)
	assert.Equal(t, "E-0042", p.EmployeeNumber)
	assert.Equal(t, hris.EmploymentStatusActive, p.EmploymentStatus)
	assert.Equal(t, hris.MaritalStatusMarried, p.MaritalStatus)
	assert.Equal(t, hris.GenderMale, p.Gender)
	assert.Equal(t, hris.EmploymentTypeFullTime, p.EmploymentType)
	assert.True(t, p.TerminationDate.IsZero(), "null termination date")
	start, isTime := p.StartDate.Time()
	require.True(t, isTime)
	assert.Equal(t, 2021, start.Year())
	birth, isTime := p.BirthDate.Time()
	require.True(t, isTime)
	assert.Equal(t, 15, birth.Day())

	require.NotNil(t, e.ContactInfo)
	assert.Equal(t, []string{"john.personal@example.com"}, e.ContactInfo.PersonalEmails)
	require.Len(t, e.ContactInfo.Phones, 2)
	assert.Equal(t, "+91 98450 12345", e.ContactInfo.Phones[0].Number(), "observed {number,type} shape")
	assert.Equal(t, "+1 415 555 0100", e.ContactInfo.Phones[1].Number(), "confirmed {type,phoneNumber} shape")

	require.NotNil(t, e.OrgStructure)
	assert.Equal(t, "Engineering", e.OrgStructure.Department)
	require.NotNil(t, e.OrgStructure.Manager)
	assert.Equal(t, "emp_0001", e.OrgStructure.Manager.ID)

	require.Len(t, e.Dependents, 1)
	assert.Equal(t, hris.RelationSpouse, e.Dependents[0].Relation)

	require.NotNil(t, e.Locations)
	require.NotNil(t, e.Locations.WorkAddress)
	assert.Equal(t, "San Francisco", e.Locations.WorkAddress.City)
	assert.Equal(t, basemodel.AddressTypeHomePermanent, e.Locations.PermanentAddress.AddressType)
	assert.Equal(t, "United States of America", e.Locations.PresentAddress.Country)

	require.Len(t, e.BankAccounts, 1)
	b := e.BankAccounts[0]
	assert.Equal(t, "123456789012", b.AccountNumber)
	assert.Equal(t, hris.AccountTypeSavings, b.AccountType)
	require.Len(t, b.RoutingInfo, 2)
	assert.Equal(t, hris.RoutingTypeIFSCCode, b.RoutingInfo[0].Type)
	assert.Equal(t, []hris.PayType{hris.PayTypeRegular, hris.PayTypeBonus}, b.PayTypes)

	require.NotNil(t, e.KYC)
	assert.Equal(t, "ABCDE1234F", e.KYC.PanNumber)
	require.Len(t, e.Identifications, 2)
	assert.Equal(t, hris.IDTypePassport, e.Identifications[0].Type)
	assert.Equal(t, "123-45-6789", e.Identifications[1].IdentificationNumber)

	require.NotNil(t, e.ProfilePicture)
	var pic struct {
		PictureURL string `json:"pictureURL"`
	}
	require.NoError(t, e.ProfilePicture.Decode(&pic))
	assert.Contains(t, pic.PictureURL, "emp_1234.png")

	require.NotNil(t, e.Compensation)
	var comp struct {
		Fixed []struct {
			Amount float64 `json:"amount"`
		} `json:"fixed"`
	}
	require.NoError(t, e.Compensation.Decode(&comp))
	require.Len(t, comp.Fixed, 1)
	assert.InDelta(t, 185000.0, comp.Fixed[0].Amount, 1e-9)
	require.NotNil(t, e.Deductions)
	assert.Contains(t, string(e.Deductions.Raw), "401k")
	require.NotNil(t, e.W4)
	assert.Contains(t, string(e.W4.Raw), "MARRIED_FILING_JOINTLY")

	require.NotNil(t, e.Company)
	assert.Equal(t, "co_1", e.Company.ID)
	assert.Equal(t, "Acme Corp", e.Company.Name)

	assert.JSONEq(t, `"Regular Full-Time"`, string(e.RawValues["employmentType"]))
	require.Len(t, e.LeaveRequests, 1)
	assert.Equal(t, hris.LeaveKindVacation, e.LeaveRequests[0].LeaveType.Type)
	assert.JSONEq(t, `{"code":"CC-9"}`, string(e.CustomFields["costCenter"]))
}

// TestDecodeEmployeeSparse: null lists and models, unknown enum values,
// missing optional fields, extra keys and epoch dates all decode.
func TestDecodeEmployeeSparse(t *testing.T) {
	t.Parallel()
	e, err := hris.DecodeEmployee(readFile(t, "employee_sparse.json"))
	require.NoError(t, err)
	require.NotNil(t, e.Profile)
	assert.Equal(t, hris.EmploymentStatus("ON_LEAVE"), e.Profile.EmploymentStatus)
	assert.Equal(t, hris.Gender("PREFER_NOT_TO_SAY"), e.Profile.Gender)
	assert.Equal(t, hris.EmploymentType("INTERN"), e.Profile.EmploymentType)
	assert.Equal(t, hris.MaritalStatusNotSpecified, e.Profile.MaritalStatus)
	assert.Empty(t, e.Profile.LastName)
	assert.True(t, e.Profile.BirthDate.IsZero())
	start, isTime := e.Profile.StartDate.Time()
	require.True(t, isTime, "epoch milliseconds")
	assert.Equal(t, 2021, start.Year())

	require.NotNil(t, e.ContactInfo)
	assert.Empty(t, e.ContactInfo.Phones)
	assert.Empty(t, e.Dependents)
	assert.Empty(t, e.Identifications)
	assert.Empty(t, e.LeaveRequests)
	assert.Nil(t, e.Compensation)
	assert.Nil(t, e.W4)
	assert.Nil(t, e.Company)
	assert.Nil(t, e.OrgStructure, "model not subscribed")
	require.Len(t, e.BankAccounts, 1)
	assert.Equal(t, hris.AccountType("MONEY_MARKET"), e.BankAccounts[0].AccountType)
}

func TestDecodeEmployeeErrors(t *testing.T) {
	t.Parallel()
	for _, in := range []string{``, `null`, `[]`, `"profile"`, `42`, `{"profile":`, `{"profile":[1]}`, `{"bankAccounts":"x"}`, `{"dependents":7}`, `{"bankAccountDetails":[1]}`} {
		e, err := hris.DecodeEmployee([]byte(in))
		assert.Nil(t, e, in)
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), "hris.Employee", in)
	}
	e, err := hris.DecodeEmployee([]byte(` {} `))
	require.NoError(t, err)
	assert.Empty(t, e.ID())
	var nilEmployee *hris.Employee
	assert.Empty(t, nilEmployee.ID())
}

// TestEmployeeJSONKeepsRealValues: storing a record keeps everything,
// including the data that prints masked.
func TestEmployeeJSONKeepsRealValues(t *testing.T) {
	t.Parallel()
	in := readFile(t, "employee_event_data.json")
	e, err := hris.DecodeEmployee(in)
	require.NoError(t, err)
	out, err := json.Marshal(e)
	require.NoError(t, err)
	// Everything survives except the explicit null, which is omitted.
	var want map[string]any
	require.NoError(t, json.Unmarshal(in, &want))
	profile, isObject := want["profile"].(map[string]any)
	require.True(t, isObject)
	delete(profile, "terminationDate")
	wantJSON, err := json.Marshal(want)
	require.NoError(t, err)
	assert.JSONEq(t, string(wantJSON), string(out))

	again, err := hris.DecodeEmployee(out)
	require.NoError(t, err)
	out2, err := json.Marshal(again)
	require.NoError(t, err)
	assert.JSONEq(t, string(out), string(out2))
	assert.Equal(t, e.BankAccounts, again.BankAccounts)
	assert.Equal(t, e.Profile, again.Profile)
}

func TestCompanyBuiltInCode(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(hris.Company{ID: "co_9", Name: "Acme"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"co_9","name":"Acme"}`, string(b))

	var c hris.Company
	require.NoError(t, json.Unmarshal([]byte(`{"id":42,"name":{"en":"x"}}`), &c))
	assert.Equal(t, "42", c.ID)
	assert.Empty(t, c.Name)
}

func TestEmployeeModels(t *testing.T) {
	t.Parallel()
	m := hris.EmployeeModels()
	assert.Len(t, m, 16)
	assert.Contains(t, m, hris.ModelEmployeeProfile)
	assert.Contains(t, m, hris.ModelCustomFields)
	m[0] = "changed"
	assert.Equal(t, hris.ModelEmployeeProfile, hris.EmployeeModels()[0])
}

func TestTriState(t *testing.T) {
	t.Parallel()
	for in, want := range map[hris.TriState][2]bool{
		hris.TriStateTrue: {true, true}, hris.TriStateFalse: {false, true},
		hris.TriStateNotSpecified: {false, false}, "": {false, false}, "YES": {false, false},
	} {
		v, known := in.Bool()
		assert.Equal(t, want, [2]bool{v, known}, string(in))
	}
}

// Knit's employee sync guide (developers.getknit.dev/docs/starting-a-employee-data-sync)
// writes "dependents": {} and "bankAccountDetails" where the model table
// (employee-data-model-4) says a dependents list and bankAccounts.
func TestDecodeEmployeeKnitSpellings(t *testing.T) {
	t.Parallel()
	skeleton := `{"profile":{},"orgStructure":{},"locations":{},"dependents":{},"contactInfo":{},"bankAccountDetails":{}}`
	e, err := hris.DecodeEmployee([]byte(skeleton))
	require.NoError(t, err)
	assert.NotNil(t, e.Profile)
	assert.Nil(t, e.Dependents)
	assert.Nil(t, e.BankAccounts)

	e, err = hris.DecodeEmployee([]byte(`{"bankAccountDetails":[{"accountNumber":"1","bankName":"B"}],"dependents":{"id":"d1","relation":"SPOUSE"}}`))
	require.NoError(t, err)
	require.Len(t, e.BankAccounts, 1)
	assert.Equal(t, "B", e.BankAccounts[0].BankName)
	require.Len(t, e.Dependents, 1, "a non-empty object is one dependent")
	assert.Equal(t, hris.RelationSpouse, e.Dependents[0].Relation)

	e, err = hris.DecodeEmployee([]byte(`{"bankAccountDetails":{"accountNumber":"2"},"bankAccounts":[{"accountNumber":"1"}]}`))
	require.NoError(t, err)
	require.Len(t, e.BankAccounts, 1)
	assert.Equal(t, "1", e.BankAccounts[0].AccountNumber, "the model table's key wins")

	e, err = hris.DecodeEmployee([]byte(`{"bankAccounts":null,"bankAccountDetails":{"accountNumber":"2"},"dependents":{"unmodelled":true}}`))
	require.NoError(t, err)
	require.Len(t, e.BankAccounts, 1)
	assert.Equal(t, "2", e.BankAccounts[0].AccountNumber)
	assert.Nil(t, e.Dependents, "an object of unmodelled keys is no dependent")

	out, err := json.Marshal(e)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"bankAccounts":[{"accountNumber":"2"`)
	assert.NotContains(t, string(out), "bankAccountDetails")
}

// DecodeEmployee decodes through the SDK's one-pass wire form; a user's own
// json.Unmarshal goes through Employee.UnmarshalJSON. Both must agree.
func TestEmployeeUnmarshalMatchesDecode(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		string(readFile(t, "employee_event_data.json")),
		`{"profile":{},"orgStructure":{},"locations":{},"dependents":{},"contactInfo":{},"bankAccountDetails":{}}`,
		`{"bankAccountDetails":[{"accountNumber":"1","bankName":"B"}],"dependents":{"id":"d1","relation":"SPOUSE"}}`,
		`{"bankAccountDetails":{"accountNumber":"2"},"bankAccounts":[{"accountNumber":"1"}]}`,
	} {
		want, err := hris.DecodeEmployee([]byte(in))
		require.NoError(t, err, in)
		var got hris.Employee
		require.NoError(t, json.Unmarshal([]byte(in), &got), in)
		assert.Equal(t, want, &got, in)
	}
	var e hris.Employee
	require.ErrorContains(t, json.Unmarshal([]byte(`{"dependents":7}`), &e), "dependents")
	_, err := hris.DecodeEmployee([]byte(`{"dependents":7}`))
	require.ErrorContains(t, err, "dependents")
}

// TestDecodeIntoCallersType: Decode reads Raw into the caller's own type as
// encoding/json does, so a json.Number amount keeps its digits in every
// build (go-json-experiment alone rejects a number there).
func TestDecodeIntoCallersType(t *testing.T) {
	t.Parallel()
	var e hris.Employee
	require.NoError(t, json.Unmarshal([]byte(`{"compensation":{"fixed":[{"amount":185000.10,"currency":"USD","rate":"0.25","extra":{"n":7}}]}}`), &e))
	require.NotNil(t, e.Compensation)
	type comp struct {
		Fixed []struct {
			Amount json.Number    `json:"amount"`
			Rate   float64        `json:"rate,string"`
			Extra  map[string]any `json:"extra"`
		} `json:"fixed"`
	}
	var got, want comp
	require.NoError(t, e.Compensation.Decode(&got))
	require.Len(t, got.Fixed, 1)
	assert.Equal(t, "185000.10", got.Fixed[0].Amount.String())
	require.NoError(t, json.Unmarshal(e.Compensation.Raw, &want))
	assert.Equal(t, want, got, "the same as encoding/json")

	err := e.Compensation.Decode(&struct {
		Fixed []struct {
			Currency json.Number `json:"currency"`
		} `json:"fixed"`
	}{})
	require.Error(t, err, "\"USD\" is no number")
	assert.Contains(t, err.Error(), "hris.Compensation")
	assert.Contains(t, err.Error(), "fixed.0.currency")
}
