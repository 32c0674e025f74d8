package basemodel

// NotSpecified is Knit's catch-all enum value, used by every enum.
const NotSpecified = "NOT_SPECIFIED"

// EmailType classifies an Email.
type EmailType string

// Email types, as they appear in Knit's documented examples.
const (
	EmailTypeWork         EmailType = "WORK"
	EmailTypePersonal     EmailType = "PERSONAL"
	EmailTypeNotSpecified EmailType = NotSpecified
)

// Email is Knit's base email model.
type Email struct {
	Type  EmailType `json:"type,omitempty"`
	Email string    `json:"email"`
}

// PhoneType classifies a Phone.
type PhoneType string

// Phone types, as they appear in Knit's documented examples.
const (
	PhoneTypeWork         PhoneType = "WORK"
	PhoneTypePersonal     PhoneType = "PERSONAL"
	PhoneTypeHome         PhoneType = "HOME"
	PhoneTypeSkype        PhoneType = "SKYPE"
	PhoneTypeNotSpecified PhoneType = NotSpecified
)

// Phone is Knit's base phone model, {"type", "phoneNumber"}, as Knit
// documents it. Third-party code calling Knit reads HRIS contact info as
// {"number", "type"} instead; Phone decodes both and Number returns
// whichever was sent.
type Phone struct {
	Type        PhoneType `json:"type,omitempty"`
	PhoneNumber string    `json:"phoneNumber,omitempty"`
	// AltNumber holds the HRIS spelling "number", seen in third-party code
	// calling Knit.
	AltNumber string `json:"number,omitempty"`
}

// Number returns the phone number whichever key carried it.
func (p Phone) Number() string {
	if p.PhoneNumber != "" {
		return p.PhoneNumber
	}
	return p.AltNumber
}

// AddressType classifies an Address.
type AddressType string

// Address types, as seen in third-party code calling Knit (Knit's docs do
// not list them).
const (
	AddressTypeWork          AddressType = "WORK"
	AddressTypeHomePresent   AddressType = "HOME_PRESENT"
	AddressTypeHomePermanent AddressType = "HOME_PERMANENT"
	AddressTypeNotSpecified  AddressType = NotSpecified
)

// Address is Knit's base address model. Country is sometimes an ISO alpha-2
// code ("IN") and sometimes a full name; Knit passes through what the app
// sends. Some apps (Workday) need ISO 3166-1 alpha-3 on writes.
type Address struct {
	// ID is set on some write payloads (e.g. hr.employee.create workAddress.id).
	ID           string      `json:"id,omitempty"`
	AddressLine1 string      `json:"addressLine1,omitempty"`
	AddressLine2 string      `json:"addressLine2,omitempty"`
	City         string      `json:"city,omitempty"`
	State        string      `json:"state,omitempty"`
	Country      string      `json:"country,omitempty"`
	ZipCode      string      `json:"zipCode,omitempty"`
	AddressType  AddressType `json:"addressType,omitempty"`
}

// User is Knit's base user model (ATS owners, hiring managers, CRM owners).
type User struct {
	ID         string `json:"id,omitempty"`
	Email      string `json:"email,omitempty"`
	EmployeeID string `json:"employeeId,omitempty"`
}
