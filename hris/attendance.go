package hris

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/knitjson"
	"github.com/knit-sdk/knit-go/internal/transport"
	"github.com/knit-sdk/knit-go/option"
)

// DateRangeParams select the period of AttendanceService.List and
// TimesheetService.List.
type DateRangeParams struct {
	// StartDate and EndDate are required; use basemodel.NewDate for a
	// date-only value.
	StartDate basemodel.DateTime `url:"startDate"`
	EndDate   basemodel.DateTime `url:"endDate"`
	// EmployeeID narrows the call to one employee; sent as employeeId when
	// set (Knit does not document it for these calls).
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

// AttendanceRecord is one day of attendance.
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

// AttendanceList is the answer of AttendanceService.List.
type AttendanceList struct {
	// Records holds the records when data is a list or wraps one under
	// "attendance" (the wrapper is not documented).
	Records []AttendanceRecord
	// Raw is the whole data value.
	Raw json.RawMessage
}

// UnmarshalJSON fills Records and keeps the whole value in Raw.
func (l *AttendanceList) UnmarshalJSON(b []byte) error {
	*l = AttendanceList{Raw: cloneRaw(b)}
	if list, ok := listIn(l.Raw, keyAttendance); ok {
		if err := knitjson.Unmarshal(list, &l.Records); err != nil {
			return fmt.Errorf("hris: decoding attendance: %w", err)
		}
	}
	return nil
}

// AttendanceService lists attendance: in.HRIS.Attendance.List.
type AttendanceService struct{ service }

// List returns the attendance records of a date range. A nil params or
// empty StartDate/EndDate is an error matching knit.ErrInvalidParams.
//
// Knit method GET hr.employees.attendance, seen in third-party code; not in Knit's docs.
//
//knit:operation GET hr.employees.attendance observed
func (s *AttendanceService) List(ctx context.Context, params *DateRangeParams, opts ...option.RequestOption) (*AttendanceList, error) {
	const op = "HRIS.Attendance.List"
	if err := params.validate(op); err != nil {
		return nil, err
	}
	var out AttendanceList
	if err := s.get(ctx, op, "hr.employees.attendance", params, params.Extra, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// TimesheetList is the answer of TimesheetService.List.
type TimesheetList struct {
	// Timesheets holds data.timesheets; Knit does not document the fields
	// of one timesheet, so each is kept as sent.
	Timesheets []json.RawMessage
	// Raw is the whole data value.
	Raw json.RawMessage
}

// UnmarshalJSON fills Timesheets and keeps the whole value in Raw.
func (l *TimesheetList) UnmarshalJSON(b []byte) error {
	*l = TimesheetList{Raw: cloneRaw(b)}
	if list, ok := listIn(l.Raw, keyTimesheets); ok {
		if err := knitjson.Unmarshal(list, &l.Timesheets); err != nil {
			return fmt.Errorf("hris: decoding timesheets: %w", err)
		}
	}
	return nil
}

// TimesheetService lists timesheets: in.HRIS.Timesheets.List.
type TimesheetService struct{ service }

// List returns the timesheets of a date range. A nil params or empty
// StartDate/EndDate is an error matching knit.ErrInvalidParams.
//
// Knit method GET hr.employees.timesheets, documented by Knit: https://getknit.dev/solutions-use-cases/get-timesheet-and-attendance-data-from-hris
//
//knit:operation GET hr.employees.timesheets documented
func (s *TimesheetService) List(ctx context.Context, params *DateRangeParams, opts ...option.RequestOption) (*TimesheetList, error) {
	const op = "HRIS.Timesheets.List"
	if err := params.validate(op); err != nil {
		return nil, err
	}
	var out TimesheetList
	if err := s.get(ctx, op, "hr.employees.timesheets", params, params.Extra, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}
