package main

import (
	"context"
	"log/slog"
	"strings"

	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/webhook"
)

// newRouter dispatches Knit's events to small callbacks that decode the
// record with its typed accessor and log a line about it. A real receiver
// would store or enqueue the record here and return nil only once it is safe:
// an error makes the handler answer 500 and Knit redeliver the event later.
func newRouter(logger *slog.Logger) *webhook.Router {
	r := webhook.NewRouter()
	r.OnRecord(hris.DataTypeEmployee, func(ctx context.Context, ev *webhook.Event) error {
		emp, err := ev.Employee()
		if err != nil {
			return err
		}
		attrs := eventAttrs(ev, slog.String("employee_id", emp.ID()))
		if p := emp.Profile; p != nil {
			attrs = append(attrs, slog.String("name", strings.TrimSpace(p.FirstName+" "+p.LastName)))
		}
		if o := emp.OrgStructure; o != nil && o.Department != "" {
			attrs = append(attrs, slog.String("department", o.Department))
		}
		logger.LogAttrs(ctx, slog.LevelInfo, "employee record", attrs...)
		return nil
	})
	r.OnRecord(ats.DataTypeJobs, func(ctx context.Context, ev *webhook.Event) error {
		job, err := ev.Job()
		if err != nil {
			return err
		}
		logger.LogAttrs(ctx, slog.LevelInfo, "job record", eventAttrs(ev,
			slog.String("job_id", job.Info.ID),
			slog.String("title", job.Info.Title),
			slog.String("status", string(job.Info.Status)))...)
		return nil
	})
	r.OnRecord(ats.DataTypeApplications, func(ctx context.Context, ev *webhook.Event) error {
		app, err := ev.Application()
		if err != nil {
			return err
		}
		logger.LogAttrs(ctx, slog.LevelInfo, "application record", eventAttrs(ev,
			slog.String("application_id", app.Info.ID),
			slog.String("job_id", app.Info.JobID),
			slog.String("candidate_id", app.Info.Candidate.ID),
			slog.String("stage", app.CurrentStage.Text),
			slog.String("status", string(app.Info.Status)))...)
		return nil
	})
	r.OnRecord(ats.DataTypeCandidates, func(ctx context.Context, ev *webhook.Event) error {
		c, err := ev.Candidate()
		if err != nil {
			return err
		}
		logger.LogAttrs(ctx, slog.LevelInfo, "candidate record", eventAttrs(ev,
			slog.String("candidate_id", c.Info.ID),
			slog.String("name", strings.TrimSpace(c.Info.FirstName+" "+c.Info.LastName)))...)
		return nil
	})
	r.OnRecord(accounting.DataTypeInvoices, func(ctx context.Context, ev *webhook.Event) error {
		inv, err := ev.Invoice()
		if err != nil {
			return err
		}
		logger.LogAttrs(ctx, slog.LevelInfo, "invoice record", eventAttrs(ev,
			slog.String("invoice_id", inv.Info.ID),
			slog.String("number", inv.Info.InvoiceNumber),
			slog.String("type", string(inv.Info.Type)))...)
		return nil
	})
	// record.deleted carries identifiers only, so deletions get their own
	// routes; ev.Job() and ev.Application() refuse them.
	r.OnDeleted(ats.DataTypeJobs, func(ctx context.Context, ev *webhook.Event) error {
		del, err := ev.DeletedJob()
		if err != nil {
			return err
		}
		id := del.JobID
		if id == "" {
			id = ev.RecordID
		}
		logger.LogAttrs(ctx, slog.LevelInfo, "job deleted", eventAttrs(ev, slog.String("job_id", id))...)
		return nil
	})
	r.OnDeleted(ats.DataTypeApplications, func(ctx context.Context, ev *webhook.Event) error {
		del, err := ev.DeletedApplication()
		if err != nil {
			return err
		}
		logger.LogAttrs(ctx, slog.LevelInfo, "application deleted", eventAttrs(ev,
			slog.String("application_id", del.ApplicationID),
			slog.String("job_id", del.JobID))...)
		return nil
	})
	r.OnEvent(webhook.EventSyncEventsProcessed, func(ctx context.Context, ev *webhook.Event) error {
		run, err := ev.SyncRun()
		if err != nil {
			return err
		}
		logger.LogAttrs(ctx, slog.LevelInfo, "sync run processed", eventAttrs(ev,
			slog.Int64("processed", run.Processed),
			slog.Int64("emitted", run.Emitted))...)
		return nil
	})
	r.OnEvent(webhook.EventSyncEventsAllConsumed, func(ctx context.Context, ev *webhook.Event) error {
		run, err := ev.SyncRun()
		if err != nil {
			return err
		}
		logger.LogAttrs(ctx, slog.LevelInfo, "sync run consumed", eventAttrs(ev, slog.Int64("consumed", run.Consumed))...)
		return nil
	})
	// Everything else (CRM records, app.integration.activate, event types
	// Knit adds later) is acknowledged and logged without its data.
	r.Default(func(ctx context.Context, ev *webhook.Event) error {
		logger.LogAttrs(ctx, slog.LevelInfo, "other event", eventAttrs(ev, slog.String("record_id", ev.RecordID))...)
		return nil
	})
	return r
}

// eventAttrs returns the envelope attributes every log line carries,
// followed by extra.
func eventAttrs(ev *webhook.Event, extra ...slog.Attr) []slog.Attr {
	attrs := []slog.Attr{
		slog.String("event_id", ev.EventID),
		slog.String("event_type", string(ev.EventType)),
		slog.String("data_type", ev.SyncDataType),
		slog.String("integration_id", ev.IntegrationID),
		slog.String("sync_run_id", ev.SyncRunID),
	}
	return append(attrs, extra...)
}
