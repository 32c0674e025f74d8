package hris_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/knittest"
)

// knitCreateExample decodes Knit's documented hr.employee.create body into
// EmployeeCreateParams, refusing any key no typed field reads.
func knitCreateExample(t *testing.T) (*hris.EmployeeCreateParams, []byte) {
	t.Helper()
	doc := readFile(t, "employee_create_request.json")
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	var p hris.EmployeeCreateParams
	require.NoError(t, dec.Decode(&p), "a key of Knit's example has no typed field")
	return &p, doc
}

// TestEmployeeCreateParamsTypesKnitsExample: every key of Knit's example
// body has a typed field, and the typed params encode back to the same body.
func TestEmployeeCreateParamsTypesKnitsExample(t *testing.T) {
	t.Parallel()
	p, doc := knitCreateExample(t)
	assert.Equal(t, "Vivek", p.FirstName)
	assert.Equal(t, hris.EmploymentType("Contingent Worker"), p.EmploymentType)
	assert.Equal(t, hris.GenderMale, p.Gender)
	assert.Equal(t, basemodel.DateTime("2025-10-10"), p.StartDate)
	assert.Equal(t, "demoDesignation", p.Employment.Designation)
	assert.Equal(t, basemodel.PhoneTypeWork, p.Phones[0].Type)
	require.NotNil(t, p.PresentAddress)
	assert.Equal(t, "US-CA", p.PresentAddress.State)
	got, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, string(doc), string(got))

	// The Oracle HCM guide's keys beyond the Workday example.
	p.CompanyID, p.EmployeeNumber = "3", "E-77"
	got, err = json.Marshal(p)
	require.NoError(t, err)
	var keys map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(got, &keys))
	assert.JSONEq(t, `"3"`, string(keys["companyId"]))
	assert.JSONEq(t, `"E-77"`, string(keys["employeeNumber"]))
}

// TestEmployeeCreateKnitsExampleAgainstPlayground sends Knit's example
// through the SDK to the playground, which keeps what it was sent.
func TestEmployeeCreateKnitsExampleAgainstPlayground(t *testing.T) {
	t.Parallel()
	p, _ := knitCreateExample(t)
	p.EmployeeNumber = "E-77"
	srv := knittest.NewServer(knittest.WithT(t))
	client, err := srv.Client()
	require.NoError(t, err)
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "org-create", Category: knit.CategoryHRIS})
	require.NoError(t, err)
	res, err := client.Integration(id).HRIS.Employees.Create(context.Background(), p)
	require.NoError(t, err)
	var created struct {
		EmployeeID string `json:"employeeId"`
	}
	require.NoError(t, json.Unmarshal(res.Raw, &created))

	var got *hris.Employee
	for _, e := range srv.Employees() {
		if e.Profile.ID == created.EmployeeID {
			got = &e
		}
	}
	require.NotNil(t, got, "employee %s not in the playground", created.EmployeeID)
	assert.Equal(t, "Vivek", got.Profile.FirstName)
	assert.Equal(t, "Knit", got.Profile.LastName)
	assert.Equal(t, "E-77", got.Profile.EmployeeNumber)
	assert.Equal(t, "vivek.work@example.com", got.Profile.WorkEmail)
	assert.Equal(t, basemodel.DateTime("1991-12-31"), got.Profile.BirthDate)
	assert.Equal(t, basemodel.DateTime("2025-10-10"), got.Profile.StartDate)
	assert.Equal(t, hris.EmploymentType("Contingent Worker"), got.Profile.EmploymentType)
	assert.Equal(t, hris.MaritalStatus("Single_USA"), got.Profile.MaritalStatus)
	assert.Equal(t, "demoDesignation", got.OrgStructure.Designation)
	assert.Equal(t, []string{"vivek.personal@example.com"}, got.ContactInfo.PersonalEmails)
	require.Len(t, got.ContactInfo.Phones, 2)
	assert.Equal(t, basemodel.Phone{Type: "PERSONAL", AltNumber: "8765432222"}, got.ContactInfo.Phones[1])
	require.NotNil(t, got.Locations.PresentAddress)
	assert.Equal(t, "Street003", got.Locations.PresentAddress.AddressLine1)
	require.NotNil(t, got.Locations.WorkAddress)
	assert.Equal(t, "94102", got.Locations.WorkAddress.ZipCode)
}

func TestEmployeeCreateParamsMasksBirthDate(t *testing.T) {
	t.Parallel()
	p, _ := knitCreateExample(t)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, *p)
		assert.NotContains(t, out, "1991-12-31", verb)
		assert.Contains(t, out, "Vivek", verb)
	}
}
