package hris_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/option"
)

// exampleServer stands in for Knit: it answers method with body.
func exampleServer(method, body string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/"+method || r.Header.Get("X-Knit-Integration-Id") != "int_1" {
			http.Error(w, `{"success":false,"error":{"msg":"unexpected call"}}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}))
}

func ExampleLeaveService_Balances() {
	srv := exampleServer("hr.employees.leave.balance", `{"success":true,"data":{"balances":[
		{"leaveType":{"id":"lt_vac","name":"Vacation","type":"VACATION"},"unit":"DAYS","balance":12.5,"used":7.5},
		{"leaveType":{"id":"lt_sick","name":"Sick Leave","type":"SICK"},"unit":"HOURS","balance":40,"used":0}]}}`)
	defer srv.Close()

	client, err := knit.NewClient("your-api-key", option.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	in := client.Integration("int_1")

	bal, err := in.HRIS.Leave.Balances(context.Background(), "emp_1234", nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range bal.Balances {
		fmt.Printf("%s (%s): %g %s left, %g used\n", b.LeaveType.Name, b.LeaveType.Type, b.Balance, b.Unit, b.Used)
	}
	// Output:
	// Vacation (VACATION): 12.5 DAYS left, 7.5 used
	// Sick Leave (SICK): 40 HOURS left, 0 used
}

func ExamplePayrollService_Get() {
	srv := exampleServer("hr.employees.payroll.get", `{"success":true,"data":{"employeeId":"emp_1234",
		"grossPay":15416.67,"netPay":11020.5,"earnings":[{"type":"BASIC","amount":10000}],
		"payPeriodStartDate":"2024-05-01","payPeriodEndDate":"2024-05-31"}}`)
	defer srv.Close()

	client, err := knit.NewClient("your-api-key", option.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	p, err := client.Integration("int_1").HRIS.Payroll.Get(context.Background(), "emp_1234", "2024-05")
	if err != nil {
		log.Fatal(err)
	}
	end, _ := p.PayPeriodEndDate.Time()
	fmt.Printf("net pay %s for the period ending %s\n", p.NetPay, end.Format("2 Jan 2006"))
	fmt.Printf("%+v\n", p) // amounts are masked when printed
	// Output:
	// net pay 11020.5 for the period ending 31 May 2024
	// {EmployeeID:emp_1234 GrossPay:[REDACTED] NetPay:[REDACTED] Earnings:[BASIC] Contributions:[] Deductions:[] ProcessedDate: PayDate: PayPeriodStartDate:2024-05-01 PayPeriodEndDate:2024-05-31}
}

func ExampleDecodeEmployee() {
	// eventData of a record.new webhook event for the employee sync.
	eventData := []byte(`{
		"profile": {"id": "emp_1234", "firstName": "John", "lastName": "Doe", "birthDate": "1990-07-15"},
		"contactInfo": {"phones": [{"number": "+91 98450 12345", "type": "PERSONAL"}]},
		"bankAccounts": [{"accountNumber": "123456789012", "bankName": "State Bank"}]
	}`)
	emp, err := hris.DecodeEmployee(eventData)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(emp.ID(), emp.Profile.FirstName, emp.ContactInfo.Phones[0].Number())
	fmt.Println(emp.BankAccounts[0].AccountNumber) // the real value, for storage
	fmt.Println(emp.BankAccounts[0])               // masked when printed
	fmt.Printf("%+v\n", *emp.Profile)
	// Output:
	// emp_1234 John +91 98450 12345
	// 123456789012
	// {****9012  State Bank [] []}
	// {ID:emp_1234 FirstName:John LastName:Doe EmployeeNumber: WorkEmail: StartDate: BirthDate:[REDACTED] TerminationDate: EmploymentStatus: MaritalStatus: Gender: EmploymentType:}
}
