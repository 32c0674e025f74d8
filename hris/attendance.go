package hris

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// DateRangeParams select the period of Attendance and Timesheets.
type DateRangeParams struct {
	// StartDate and EndDate are required (CONFIRMED on Knit's timesheet
	// and attendance page); use basemodel.NewDate for a date-only value.
	StartDate basemodel.DateTime `url:"startDate"`
	EndDate   basemodel.DateTime `url:"endDate"`
	// EmployeeID narrows the call to one employee; sent as employeeId when
	// set (INFERRED, not documented for these calls).
	EmployeeID string `url:"employeeId,omitempty"`
	// Extra holds further query parameters by wire name.
	Extra url.Values `url:"-"`
}

func (p *DateRangeParams) validate(op string) error {
	if p == nil {
		return transport.Required(op, "params")
	}
	if err := requireID(op, "StartDate", string(p.StartDate)); err != nil {
		return err
	}
	return requireID(op, "EndDate", string(p.EndDate))
}

// AttendanceRecord is one day of attendance (OBSERVED shape,
// govil-open/knit-integration model/attendance.go).
type AttendanceRecord struct {
	Date           basemodel.DateTime `json:"date,omitempty"`
	ShiftStartTime basemodel.DateTime `json:"shiftStartTime,omitempty"`
	ShiftEndTime   basemodel.DateTime `json:"shiftEndTime,omitempty"`
	TotalHours     float64            `json:"totalHours"`
	BreakHours     float64            `json:"breakHours"`
	EffectiveHours float64            `json:"effectiveHours"`
	FirstInTime    basemodel.DateTime `json:"firstInTime,omitempty"`
	LastOutTime    basemodel.DateTime `json:"lastOutTime,omitempty"`
	Status         AttendanceStatus   `json:"status,omitempty"`
}

// AttendanceList is the answer of Attendance.
type AttendanceList struct {
	// Records holds the records when data is a list or wraps one under
	// "attendance" (the wrapper is INFERRED, not documented).
	Records []AttendanceRecord
	// Raw is the whole data value.
	Raw json.RawMessage
}

// UnmarshalJSON fills Records and keeps the whole value in Raw.
func (l *AttendanceList) UnmarshalJSON(b []byte) error {
	*l = AttendanceList{Raw: cloneRaw(b)}
	if list, ok := listIn(l.Raw, keyAttendance); ok {
		if err := json.Unmarshal(list, &l.Records); err != nil {
			return fmt.Errorf("hris: decoding attendance: %w", err)
		}
	}
	return nil
}

// Attendance returns attendance records for a date range.
//
// Knit method hr.employees.attendance (GET), OBSERVED; the startDate and
// endDate query parameters are CONFIRMED on a Knit marketing page. A nil
// params or empty StartDate/EndDate is an error matching
// knit.ErrInvalidParams.
func (c *Client) Attendance(ctx context.Context, params *DateRangeParams, opts ...option.RequestOption) (*AttendanceList, error) {
	const op = "HRIS.Attendance"
	if err := params.validate(op); err != nil {
		return nil, err
	}
	var out AttendanceList
	if err := c.get(ctx, op, MethodAttendance, params, params.Extra, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// TimesheetList is the answer of Timesheets.
type TimesheetList struct {
	// Timesheets holds data.timesheets (CONFIRMED on a marketing page); the
	// fields of one timesheet are UNKNOWN, so each is kept as sent.
	Timesheets []json.RawMessage
	// Raw is the whole data value.
	Raw json.RawMessage
}

// UnmarshalJSON fills Timesheets and keeps the whole value in Raw.
func (l *TimesheetList) UnmarshalJSON(b []byte) error {
	*l = TimesheetList{Raw: cloneRaw(b)}
	if list, ok := listIn(l.Raw, keyTimesheets); ok {
		if err := json.Unmarshal(list, &l.Timesheets); err != nil {
			return fmt.Errorf("hris: decoding timesheets: %w", err)
		}
	}
	return nil
}

// Timesheets returns timesheets for a date range.
//
// Knit method hr.employees.timesheets (GET) with startDate and endDate and
// a "timesheets" list in the answer: CONFIRMED on a Knit marketing page
// (getknit.dev/solutions-use-cases/get-timesheet-and-attendance-data-from-hris).
// A nil params or empty StartDate/EndDate is an error matching
// knit.ErrInvalidParams.
func (c *Client) Timesheets(ctx context.Context, params *DateRangeParams, opts ...option.RequestOption) (*TimesheetList, error) {
	const op = "HRIS.Timesheets"
	if err := params.validate(op); err != nil {
		return nil, err
	}
	var out TimesheetList
	if err := c.get(ctx, op, MethodTimesheets, params, params.Extra, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}
