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

// LeaveType is the leave type of a request or balance: the app's own ID
// and name plus Knit's unified kind.
type LeaveType struct {
	ID   string    `json:"id,omitempty"`
	Name string    `json:"name,omitempty"`
	Type LeaveKind `json:"type,omitempty"`
}

// LeaveRequest is one leave (time-off) request, as returned by
// LeaveRequests and delivered in Employee.LeaveRequests (OBSERVED shape,
// govil-open/knit-integration model/leave.go).
type LeaveRequest struct {
	ID          string             `json:"id,omitempty"`
	StartDate   basemodel.DateTime `json:"startDate,omitempty"`
	EndDate     basemodel.DateTime `json:"endDate,omitempty"`
	RequestedOn basemodel.DateTime `json:"requestedOn,omitempty"`
	Note        string             `json:"note,omitempty"`
	Status      LeaveStatus        `json:"status,omitempty"`
	LeaveType   LeaveType          `json:"leaveType"`
	Unit        LeaveUnit          `json:"unit,omitempty"`
	Amount      float64            `json:"amount,omitempty"`
	// IsPaid is a string enum (TRUE/FALSE/NOT_SPECIFIED), not a JSON bool.
	IsPaid TriState `json:"isPaid,omitempty"`
}

// LeaveBalance is one leave type's balance for the current year.
// leaveType, unit, balance and used are CONFIRMED (leave-balance-api page);
// isPaid and isEligible are OBSERVED.
type LeaveBalance struct {
	LeaveType  LeaveType `json:"leaveType"`
	Unit       LeaveUnit `json:"unit,omitempty"`
	Balance    float64   `json:"balance"`
	Used       float64   `json:"used"`
	IsPaid     TriState  `json:"isPaid,omitempty"`
	IsEligible TriState  `json:"isEligible,omitempty"`
}

// LeaveBalanceList is the answer of LeaveBalances.
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
		if err := json.Unmarshal(list, &l.Balances); err != nil {
			return fmt.Errorf("hris: decoding leave balances: %w", err)
		}
	}
	return nil
}

// LeaveBalanceParams are the optional inputs of LeaveBalances.
type LeaveBalanceParams struct {
	// OriginData asks Knit to include the app's own API response (CONFIRMED,
	// default false).
	OriginData bool
}

type leaveBalanceQuery struct {
	EmployeeID string `url:"employeeId"`
	OriginData bool   `url:"originData,omitempty"`
}

// LeaveBalances returns an employee's leave balances for the current year,
// one per leave type.
//
// Knit method hr.employees.leave.balance (GET): the page and its query
// (employeeId required, originData) are CONFIRMED
// (developers.getknit.dev/reference/leave-balance-api); the path name is
// OBSERVED. params may be nil. An empty employeeID is an error matching
// knit.ErrInvalidParams; apps without leave balances answer an error
// matching knit.ErrNotSupported.
func (c *Client) LeaveBalances(ctx context.Context, employeeID string, params *LeaveBalanceParams, opts ...option.RequestOption) (*LeaveBalanceList, error) {
	const op = "HRIS.LeaveBalances"
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	q := leaveBalanceQuery{EmployeeID: employeeID}
	if params != nil {
		q.OriginData = params.OriginData
	}
	var out LeaveBalanceList
	if err := c.get(ctx, op, MethodLeaveBalance, q, nil, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// LeaveRequestListParams are the optional inputs of LeaveRequests.
type LeaveRequestListParams struct {
	// OriginData asks Knit to include the app's own response (INFERRED here).
	OriginData bool `url:"originData,omitempty"`
	// Extra holds further query parameters (e.g. a date filter) by wire
	// name; Knit does not document them.
	Extra url.Values `url:"-"`
}

type leaveRequestQuery struct {
	EmployeeID string `url:"employeeId"`
	*LeaveRequestListParams
}

// LeaveRequestList is the answer of LeaveRequests.
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
		if err := json.Unmarshal(list, &l.Requests); err != nil {
			return fmt.Errorf("hris: decoding leave requests: %w", err)
		}
	}
	return nil
}

// LeaveRequests lists an employee's leave requests.
//
// Knit method hr.employees.leave.requests (GET), OBSERVED; the employeeId
// query parameter is INFERRED and the item shape OBSERVED. params may be
// nil. An empty employeeID is an error matching knit.ErrInvalidParams.
func (c *Client) LeaveRequests(ctx context.Context, employeeID string, params *LeaveRequestListParams, opts ...option.RequestOption) (*LeaveRequestList, error) {
	const op = "HRIS.LeaveRequests"
	if err := requireID(op, "employeeID", employeeID); err != nil {
		return nil, err
	}
	if params == nil {
		params = &LeaveRequestListParams{}
	}
	var out LeaveRequestList
	if err := c.get(ctx, op, MethodLeaveRequests, leaveRequestQuery{employeeID, params}, params.Extra, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// LeaveRequestCreateParams is the body of CreateLeaveRequest. Knit does not
// document it: the typed fields are INFERRED names (from the leave request
// model); Extra is merged into the body for anything else, or to override
// nothing set here.
type LeaveRequestCreateParams struct {
	// EmployeeID is required.
	EmployeeID  string             `json:"employeeId"`
	LeaveTypeID string             `json:"leaveTypeId,omitempty"`
	StartDate   basemodel.DateTime `json:"startDate,omitempty"`
	EndDate     basemodel.DateTime `json:"endDate,omitempty"`
	Unit        LeaveUnit          `json:"unit,omitempty"`
	Amount      float64            `json:"amount,omitempty"`
	Note        string             `json:"note,omitempty"`
	// Extra holds further body fields by wire name; a key that a typed
	// field already set is an error.
	Extra map[string]any `json:"-"`
}

// CreateLeaveRequest files a leave request for an employee.
//
// Knit method hr.employees.leave.create (POST), OBSERVED. The request body
// is UNKNOWN in Knit's docs: the typed fields of params are INFERRED names
// and params.Extra is merged into the body (transport.MarshalWithExtra).
// The response shape is UNKNOWN and kept whole in Result.Raw. A nil params
// or empty EmployeeID is an error matching knit.ErrInvalidParams.
func (c *Client) CreateLeaveRequest(ctx context.Context, params *LeaveRequestCreateParams, opts ...option.RequestOption) (*Result, error) {
	const op = "HRIS.CreateLeaveRequest"
	if params == nil {
		return nil, transport.Required(op, "params")
	}
	if err := requireID(op, "EmployeeID", params.EmployeeID); err != nil {
		return nil, err
	}
	return c.post(ctx, op, MethodLeaveCreate, params, params.Extra, opts)
}
