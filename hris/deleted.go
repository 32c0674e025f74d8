package hris

import "github.com/knit-sdk/knit-go/internal/eventdata"

// DeletedEmployee is the eventData of a record.deleted employee event. Knit
// sends no models for a deletion, only the employee's identifiers, as its
// employee sync guide shows
// (https://developers.getknit.dev/docs/starting-a-employee-data-sync):
//
//	{"employeeId": "omLAR353IjXZ4Mt", "workEmail": "..."}
//
// Knit sends record.deleted when an employee is marked inactive (for example
// terminated) or is no longer present in the HR system.
type DeletedEmployee struct {
	// EmployeeID is the employee's ID in the origin system, the ID
	// Profile.ID held in the record events.
	EmployeeID string `json:"employeeId"`
	// WorkEmail is the employee's work email, if Knit sent it.
	WorkEmail string `json:"workEmail,omitempty"`
}

// DecodeDeletedEmployee decodes the eventData of a record.deleted employee
// event. Unknown keys are ignored; input that is not a JSON object is an
// error naming hris.DeletedEmployee. It does not require EmployeeID: the
// event's recordId carries the same ID.
func DecodeDeletedEmployee(eventData []byte) (*DeletedEmployee, error) {
	return eventdata.Decode[DeletedEmployee]("hris.DeletedEmployee", eventData)
}
