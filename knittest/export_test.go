package knittest

import (
	"net/http"
	"time"
)

// AttendanceFor exposes the attendance generator to the external tests.
func AttendanceFor(e *Employee, day time.Time) (Attendance, bool) { return attendanceFor(e, day) }

// Record exposes the request log's append to the external tests, which
// fill it past its bounds without 10,000 HTTP round trips.
func (s *Server) Record(method string, r *http.Request, body []byte) { s.record(method, r, body) }
