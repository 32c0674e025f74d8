package ats_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/option"
)

// fakeKnit stands in for Knit's API: ats.job.list in two pages and
// ats.application.create echoing the IDs it would assign.
func fakeKnit() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/ats.job.list":
			if r.URL.Query().Get("pageToken") == "" {
				_, _ = io.WriteString(w, `{"success":true,"data":{"jobs":[
					{"info":{"id":"job-1","title":"Frontend Engineer","status":"OPEN"},"stages":[{"id":"s1","text":"Screen"}]},
					{"info":{"id":"job-2","title":"Data Engineer","status":"CLOSED"}}],
					"nextPageToken":"page-2"}}`)
				return
			}
			_, _ = io.WriteString(w, `{"success":true,"data":{"jobs":[
				{"info":{"id":"job-3","title":"Recruiter","status":"OPEN"}}],"nextPageToken":null}}`)
		case "/ats.application.create":
			var body struct {
				JobID     string          `json:"jobId"`
				MetaData  json.RawMessage `json:"metaData"`
				Candidate struct {
					FirstName string `json:"firstName"`
				} `json:"candidate"`
			}
			_ = json.NewDecoder(r.Body).Decode(&body)
			fmt.Printf("Knit received candidate %s for %s, metaData %s\n", body.Candidate.FirstName, body.JobID, body.MetaData)
			_, _ = fmt.Fprintf(w, `{"success":true,"data":{"applicationId":"app-100","candidateId":"cand-200","jobId":%q}}`, body.JobID)
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"success":false,"error":{"msg":"Tool not supported for this app"}}`)
		}
	}))
}

// Range over every job of every page; the next page is fetched only when the
// loop reaches it.
func ExampleJobService_All() {
	srv := fakeKnit()
	defer srv.Close()

	client, err := knit.NewClient("your-api-key", option.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	in := client.Integration("int_1")

	for job, err := range in.ATS.Jobs.All(context.Background(), nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(job.Info.ID, job.Info.Title, job.Info.Status)
	}
	// Output:
	// job-1 Frontend Engineer OPEN
	// job-2 Data Engineer CLOSED
	// job-3 Recruiter OPEN
}

// Knit has no single-job read: find a job by scanning All and stopping at it.
func ExampleJobService_All_findOne() {
	srv := fakeKnit()
	defer srv.Close()

	client, err := knit.NewClient("your-api-key", option.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	in := client.Integration("int_1")

	var found *ats.Job
	for job, err := range in.ATS.Jobs.All(context.Background(), nil) {
		if err != nil {
			log.Fatal(err)
		}
		if job.Info.ID == "job-1" {
			found = &job
			break // no further page is fetched
		}
	}
	fmt.Println(found.Info.Title, "first stage:", found.Stages[0].Text)
	// Output:
	// Frontend Engineer first stage: Screen
}

// Apply a new candidate to a job, with app-specific metaData.
func ExampleApplicationService_Create() {
	srv := fakeKnit()
	defer srv.Close()

	client, err := knit.NewClient("your-api-key", option.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	in := client.Integration("int_1")

	res, err := in.ATS.Applications.Create(context.Background(), &ats.ApplicationCreateParams{
		JobID:          "job-1",
		InitialStageID: "s1",
		Candidate: &ats.CandidateInput{
			FirstName: "Emily",
			LastName:  "Watson",
			Emails:    []basemodel.Email{{Type: basemodel.EmailTypePersonal, Email: "emily@example.com"}},
			Phones:    []basemodel.Phone{{Type: basemodel.PhoneTypePersonal, PhoneNumber: "+1-202-555-0100"}},
		},
		Answers: []ats.Answer{
			{ID: "q1", Type: ats.QuestionTypeYesNo, Question: "Work permit?", Answer: "true"},
		},
		MetaData: map[string]any{"countryCodeId": "USA"}, // sent as the metaData object
		Origin:   ats.OriginReferral,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("application", res.ApplicationID, "candidate", res.CandidateID)
	// Output:
	// Knit received candidate Emily for job-1, metaData {"countryCodeId":"USA"}
	// application app-100 candidate cand-200
}
