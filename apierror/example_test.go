package apierror_test

import (
	"context"
	"errors"
	"fmt"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/apierror"
	"github.com/knit-sdk/knit-go/knittest"
)

// Classify a failed call with errors.Is and read its details with
// errors.As; knit.Error is apierror.Error.
func ExampleError() {
	srv := knittest.NewServer()
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		fmt.Println(err)
		return
	}
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "acme", Category: knit.CategoryHRIS})
	if err != nil {
		fmt.Println(err)
		return
	}

	_, err = client.Integration(id).HRIS.Leave.Balances(context.Background(), "no-such-employee", nil)
	fmt.Println(errors.Is(err, apierror.ErrNotFound))
	var kerr *apierror.Error
	if errors.As(err, &kerr) {
		fmt.Println(kerr.StatusCode, kerr.Method, kerr.ExecutionID != "")
	}

	_, err = client.Integration(id).HRIS.Leave.Balances(context.Background(), "", nil)
	var perr *apierror.ParamError
	fmt.Println(errors.Is(err, apierror.ErrInvalidParams), errors.As(err, &perr) && perr.Field == "employeeID")
	// Output:
	// true
	// 404 hr.employees.leave.balance true
	// true true
}
