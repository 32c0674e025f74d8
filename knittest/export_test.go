package knittest

import "time"

// AttendanceFor exposes the attendance generator to the external tests.
func AttendanceFor(e *Employee, day time.Time) (Attendance, bool) { return attendanceFor(e, day) }
