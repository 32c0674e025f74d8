package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/option"
	"github.com/knit-sdk/knit-go/webhook"
)

// The customer (your user's organisation) the quickstart connects.
const (
	orgID     = "acme-42"
	orgName   = "Acme Corp"
	userEmail = "ada@acme.example"
	userName  = "Ada Ops"
)

func runPlayground(ctx context.Context, out io.Writer) error {
	// Ten records a page (Knit's page size is its own), so that Jobs.All
	// below really pages: the playground's 25 jobs come in three pages.
	srv := knittest.NewServer(knittest.WithPageSize(10))
	defer srv.Close()
	fmt.Fprintln(out, "knit-go quickstart: playground mode (in-process fake Knit API, no key needed)")

	// Your backend builds one client per process, from the API key.
	client, err := knit.NewClient(srv.APIKey(), option.WithBaseURL(srv.URL()))
	if err != nil {
		return err
	}

	// 1. Connect a Test ATS account and a Test HRIS account.
	atsID, err := connect(ctx, client, srv, knit.CategoryATS, "workable")
	if err != nil {
		return err
	}
	hrisID, err := connect(ctx, client, srv, knit.CategoryHRIS, "bamboohr")
	if err != nil {
		return err
	}

	// 2. List the org's integrations.
	apps, err := client.Integrations.List(ctx, orgID)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "integrations of %s:\n", orgID)
	for _, a := range apps {
		fmt.Fprintf(out, "  %-10s %-9s %s active=%t\n", a.Category, a.AppID, a.IntegrationID, a.IsActive)
	}

	// 3. Page through every job.
	jobs, titles := 0, []string{}
	for job, err := range client.Integration(atsID).ATS.Jobs.All(ctx, nil) {
		if err != nil {
			return fmt.Errorf("listing jobs: %w", err)
		}
		jobs++
		if len(titles) < 3 {
			titles = append(titles, job.Info.Title)
		}
	}
	fmt.Fprintf(out, "jobs: %d in %d pages, e.g. %s\n", jobs, len(srv.RequestsFor("ats.job.list")), quoteAll(titles))

	// 4. Start an employee sync; Knit pushes each record to our webhook.
	rec, stopReceiver, err := startReceiver(ctx, srv.APIKey())
	if err != nil {
		return err
	}
	defer stopReceiver()
	if err := srv.SetWebhookURL(knit.CategoryHRIS, rec.url); err != nil {
		return err
	}
	in := client.Integration(hrisID)
	job, err := in.Sync.Start(ctx, &knit.SyncStartParams{
		DataType: hris.DataTypeEmployee,
		Models:   []string{hris.ModelEmployeeProfile, hris.ModelEmployeeOrgStructure},
	})
	if err != nil {
		return err
	}
	if err := srv.WaitForSync(ctx, job.SyncRunID); err != nil {
		return fmt.Errorf("waiting for sync %s: %w", job.SyncRunID, err)
	}
	got := rec.snapshot()
	fmt.Fprintf(out, "employee sync %s: %d record.new events verified and decoded; then %s\n",
		job.SyncRunID, len(got.employees), strings.Join(got.bookkeeping, ", "))

	// 5. Leave balances of the first three synced employees.
	fmt.Fprintln(out, "leave balances:")
	for _, e := range got.employees[:min(3, len(got.employees))] {
		bal, err := in.HRIS.Leave.Balances(ctx, e.id, nil)
		if err != nil {
			return fmt.Errorf("leave balances of %s: %w", e.id, err)
		}
		fmt.Fprintf(out, "  %-22s %s\n", e.name, formatBalances(bal.Balances))
	}

	fmt.Fprintf(out, "summary: 2 Test accounts for %s (ATS %s, HRIS %s), %d jobs, %d employees synced\n",
		orgID, atsID, hrisID, jobs, len(got.employees))
	return nil
}

// connect does what your backend and your user do together: the backend
// creates an auth session, the user connects an app in Knit's UI (here the
// playground completes the session for them), and the backend confirms the
// integration details the UI component handed to the browser.
func connect(ctx context.Context, client *knit.Client, srv *knittest.Server, cat knit.Category, app string) (string, error) {
	test := true
	sess, err := client.AuthSessions.Create(ctx, &knit.AuthSessionParams{
		OriginOrgID:     orgID,
		OriginOrgName:   orgName,
		OriginUserEmail: userEmail,
		OriginUserName:  userName,
		Filters:         []knit.CategoryFilter{{Category: cat, Apps: []string{app}}},
		TestAccount:     &test,
	})
	if err != nil {
		return "", fmt.Errorf("creating a %s auth session: %w", cat, err)
	}
	id, err := srv.CompleteSession(sess.Token, app)
	if err != nil {
		return "", fmt.Errorf("connecting %s: %w", app, err)
	}
	// onFinish in the browser gives these details; never store them unchecked.
	details := &knit.IntegrationDetails{IntegrationID: id, AppID: app, CategoryID: string(cat), OriginOrgID: orgID, Success: true}
	if _, err := client.Integrations.Confirm(ctx, details); err != nil {
		return "", err
	}
	return id, nil
}

type employeeSeen struct{ id, name string }

type received struct {
	employees   []employeeSeen
	bookkeeping []string
}

// receiver is a local webhook endpoint built on webhook.NewHandler.
type receiver struct {
	url string
	mu  sync.Mutex
	got received
}

func (r *receiver) snapshot() received {
	r.mu.Lock()
	defer r.mu.Unlock()
	got := r.got
	got.employees = append([]employeeSeen(nil), r.got.employees...)
	sort.Slice(got.employees, func(i, j int) bool { return got.employees[i].id < got.employees[j].id })
	return got
}

func startReceiver(ctx context.Context, apiKey string) (*receiver, func(), error) {
	rec := &receiver{}
	router := webhook.NewRouter()
	router.OnRecord(hris.DataTypeEmployee, func(_ context.Context, ev *webhook.Event) error {
		emp, err := ev.Employee()
		if err != nil {
			return err
		}
		if emp.Profile == nil {
			return errors.New("employee event without a profile")
		}
		rec.mu.Lock()
		defer rec.mu.Unlock()
		rec.got.employees = append(rec.got.employees, employeeSeen{id: emp.Profile.ID, name: emp.Profile.FirstName + " " + emp.Profile.LastName})
		return nil
	})
	bookkeeping := func(_ context.Context, ev *webhook.Event) error {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		rec.got.bookkeeping = append(rec.got.bookkeeping, string(ev.EventType))
		return nil
	}
	router.OnEvent(webhook.EventSyncEventsProcessed, bookkeeping)
	router.OnEvent(webhook.EventSyncEventsAllConsumed, bookkeeping)

	l, err := (&net.ListenConfig{}).Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/knit/webhook", webhook.NewHandler([]string{apiKey}, router.Handle))
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second}
	go func() { _ = hs.Serve(l) }()
	rec.url = "http://" + l.Addr().String() + "/knit/webhook"
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(ctx)
	}
	return rec, stop, nil
}

func formatBalances(bs []hris.LeaveBalance) string {
	if len(bs) == 0 {
		return "no balances"
	}
	parts := make([]string, 0, len(bs))
	for _, b := range bs {
		name := b.LeaveType.Name
		if name == "" {
			name = string(b.LeaveType.Type)
		}
		parts = append(parts, fmt.Sprintf("%s %g %s", name, b.Balance, strings.ToLower(string(b.Unit))))
	}
	return strings.Join(parts, ", ")
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
