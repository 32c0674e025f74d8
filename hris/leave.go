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

// LeaveType is the leave type of a request or balance: the app's own ID
// and name plus Knit's unified kind.
type LeaveType struct {
	ID   string    `json:"id,omitempty"`
	Name string    `json:"name,omitempty"`
	Type LeaveKind `json:"type,omitempty"`
}

// LeaveRequest is one leave (time-off) request, as returned by
// LeaveService.Requests and delivered in Employee.LeaveRequests.
type LeaveRequest struct {
	ID          string             `json:"id,omitempty"`
	StartDate   basemodel.DateTime `json:"startDate,omitempty"`
	EndDate     basemodel.DateTime `json:"endDate,omitempty"`
	RequestedOn basemodel.DateTime `json:"requestedOn,omitempty"`
	Note        string             `json:"note,omitempty"`
	Status      LeaveStatus        `json:"status,omitempty"`
	LeaveType   LeaveType          `json:"leaveType"`
	Unit        LeaveUnit          `json:"unit,omitempty"`
	// Amount is the length of the leave in Unit (days or hours), not money,
	// so it stays a float64.
	Amount float64 `json:"amount,omitempty"`
	// IsPaid is a string enum (TRUE/FALSE/NOT_SPECIFIED), not a JSON bool.
	IsPaid TriState `json:"isPaid,omitempty"`
}

// LeaveBalance is one leave type's balance for the current year.
type LeaveBalance struct {
	LeaveType  LeaveType `json:"leaveType"`
	Unit       LeaveUnit `json:"unit,omitempty"`
	Balance    float64   `json:"balance"`
	Used       float64   `json:"used"`
	IsPaid     TriState  `json:"isPaid,omitempty"`
	IsEligible TriState  `json:"isEligible,omitempty"`
}

// LeaveBalanceList is the answer of LeaveService.Balances.
type LeaveBalanceList struct {
	// Balances holds data.balances (or data itself when Knit sends a bare list).
	Balances []LeaveBalance
	// Raw is the whole data value, including the app's origin data when
	// LeaveBalanceParams.OriginData was set (its key is not documented).
	Raw json.RawMessage
}

// UnmarshalJSON fills Balances and keeps the whole value in Raw.
func (l *LeaveBalanceList) UnmarshalJSON(b []byte) error {
	*l = LeaveBalanceList{Raw: cloneRaw(b)}
	if list, ok := listIn(l.Raw, keyBalances); ok {
		if err := knitjson.Unmarshal(list, &l.Balances); err != nil {
			return fmt.Errorf("hris: decoding leave balances: %w", err)
		}
	}
	return nil
}

// LeaveBalanceParams are the optional inputs of LeaveService.Balances.
type LeaveBalanceParams struct {
	// OriginData asks Knit to include the app's own API response (default
	// false).
	OriginData bool
}

type leaveBalanceQuery struct {
	EmployeeID string `url:"employeeId"`
	OriginData bool   `url:"originData,omitempty"`
}

// LeaveService reads leave balances and requests and files leave requests:
// in.HRIS.Leave.Balances, Requests and Create.
type LeaveService struct{ service }

// Balances returns an employee's leave balances for the current year, one
// per leave type. params may be nil. An empty employeeID is an error
// matching knit.ErrInvalidParams; apps without leave balances answer an
// error matching knit.ErrNotSupported.
//
// Knit method GET hr.employees.leave.balance, documented by Knit: https://developers.getknit.dev/reference/leave-balance-api
//
//knit:operation GET hr.employees.leave.balance documented
func (s *LeaveService) Balances(ctx context.Context, employeeID string, params *LeaveBalanceParams, opts ...option.RequestOption) (*LeaveBalanceList, error) {
	const op = "HRIS.Leave.Balances"
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	q := leaveBalanceQuery{EmployeeID: employeeID}
	if params != nil {
		q.OriginData = params.OriginData
	}
	var out LeaveBalanceList
	if err := s.get(ctx, op, "hr.employees.leave.balance", q, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// LeaveRequestListParams are the optional inputs of LeaveService.Requests.
type LeaveRequestListParams struct {
	// OriginData asks Knit to include the app's own response.
	OriginData bool `url:"originData,omitempty"`
	// Extra holds further query parameters (e.g. a date filter) by wire
	// name; Knit does not document them.
	Extra url.Values `url:"-"`
}

type leaveRequestQuery struct {
	EmployeeID string `url:"employeeId"`
	*LeaveRequestListParams
}

// LeaveRequestList is the answer of LeaveService.Requests.
type LeaveRequestList struct {
	// Requests holds the leave requests when data is a list or wraps one
	// under "leaveRequests" or "requests" (the wrapper is not documented).
	Requests []LeaveRequest
	// Raw is the whole data value.
	Raw json.RawMessage
}

// UnmarshalJSON fills Requests and keeps the whole value in Raw.
func (l *LeaveRequestList) UnmarshalJSON(b []byte) error {
	*l = LeaveRequestList{Raw: cloneRaw(b)}
	if list, ok := listIn(l.Raw, keyLeaveRequests, keyRequests); ok {
		if err := knitjson.Unmarshal(list, &l.Requests); err != nil {
			return fmt.Errorf("hris: decoding leave requests: %w", err)
		}
	}
	return nil
}

// Requests lists an employee's leave requests; the employee is sent as the
// employeeId query parameter. params may be nil. An empty employeeID is an
// error matching knit.ErrInvalidParams.
//
// Knit method GET hr.employees.leave.requests, seen in third-party code; not in Knit's docs.
//
//knit:operation GET hr.employees.leave.requests observed
func (s *LeaveService) Requests(ctx context.Context, employeeID string, params *LeaveRequestListParams, opts ...option.RequestOption) (*LeaveRequestList, error) {
	const op = "HRIS.Leave.Requests"
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	if params == nil {
		params = &LeaveRequestListParams{}
	}
	var out LeaveRequestList
	if err := s.get(ctx, op, "hr.employees.leave.requests", leaveRequestQuery{employeeID, params}, params.Extra, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// LeaveRequestCreateParams is the body of LeaveService.Create. Knit does
// not document it: the typed fields take their names from the leave request
// model; Extra is merged into the body for anything else.
type LeaveRequestCreateParams struct {
	// EmployeeID is required.
	EmployeeID  string             `json:"employeeId"`
	LeaveTypeID string             `json:"leaveTypeId,omitempty"`
	StartDate   basemodel.DateTime `json:"startDate,omitempty"`
	EndDate     basemodel.DateTime `json:"endDate,omitempty"`
	Unit        LeaveUnit          `json:"unit,omitempty"`
	// Amount is the length of the leave in Unit (days or hours), not money.
	Amount float64 `json:"amount,omitempty"`
	Note   string  `json:"note,omitempty"`
	// Extra holds further body fields by wire name; a key that a typed
	// field already set is an error.
	Extra map[string]any `json:"-"`
}

// Create files a leave request for an employee. Knit does not document the
// body: the typed fields of params follow the leave request model and
// params.Extra is merged into the body. The answer is kept whole in
// Result.Raw. A nil params or empty EmployeeID is an error matching
// knit.ErrInvalidParams.
//
// Knit method POST hr.employees.leave.create, seen in third-party code; not in Knit's docs.
//
//knit:operation POST hr.employees.leave.create observed
func (s *LeaveService) Create(ctx context.Context, params *LeaveRequestCreateParams, opts ...option.RequestOption) (*Result, error) {
	const op = "HRIS.Leave.Create"
	if params == nil {
		return nil, transport.Required(op, "params")
	}
	if err := requireID(op, "EmployeeID", params.EmployeeID); err != nil {
		return nil, err
	}
	return s.post(ctx, op, "hr.employees.leave.create", params, params.Extra, opts)
}
