package webhook

import "github.com/knit-sdk/knit-go/hris"

// Employee decodes the event's employee record (sync data type
// hris.DataTypeEmployee, "employee") with hris.DecodeEmployee. Only the
// models you subscribed to are set. Errors: ErrDataTypeMismatch for another
// syncDataType, ErrNotRecordEvent for sync.*, app.* and bot.* events, and
// the decoder's error when eventData is not an employee object.
func (e *Event) Employee() (*hris.Employee, error) {
	return decodeRecord(e, "hris.Employee", hris.DataTypeEmployee, hris.DecodeEmployee)
}
