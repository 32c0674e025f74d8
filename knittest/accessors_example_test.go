package knittest_test

import (
	"context"
	"fmt"
	"reflect"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/knittest"
)

// A test compares what the SDK fetched with what the playground holds,
// which its accessors return as the SDK's models. Money is exact: GrossPay
// and NetPay are basemodel.Decimal on both sides.
func ExampleServer_Payroll() {
	ctx := context.Background()
	srv := knittest.NewServer(knittest.WithSeed(1))
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

	runs := srv.Payroll("EMP1001")
	got, err := client.Integration(id).HRIS.Payroll.Get(ctx, "EMP1001", string(runs[0].PayPeriodStartDate)[:7])
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("same as the playground:", reflect.DeepEqual(runs[0], *got))
	fmt.Println("period:", got.PayPeriodStartDate, "to", got.PayPeriodEndDate)
	fmt.Println("gross:", got.GrossPay, "net:", got.NetPay)
	// Output:
	// same as the playground: true
	// period: 2025-01-01 to 2025-01-31
	// gross: 800000 net: 719800
}

// The accessors return the SDK's models, for comparisons and for feeding
// your own code the values the SDK would deliver.
func ExampleServer_Employees() {
	srv := knittest.NewServer(knittest.WithSeed(1))
	defer srv.Close()

	e := srv.Employees()[0] // an hris.Employee
	fmt.Println(e.ID(), e.Profile.FirstName, e.Profile.LastName)
	fmt.Println(e.OrgStructure.Designation, "in", e.Locations.WorkAddress.City)
	fmt.Println("status:", e.Profile.EmploymentStatus, "start:", e.Profile.StartDate)
	// Output:
	// EMP1001 Tomás Garcia
	// Chief Executive Officer in Bengaluru
	// status: ACTIVE start: 2016-01-04
}
