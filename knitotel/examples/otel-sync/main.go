// Command otel-sync prints the OpenTelemetry spans of one employee sync
// against the knittest playground (no network, no API key): the INTERNAL
// span of each SDK call with a CLIENT span per HTTP attempt under it (the
// playground rate-limits the first sync.start attempt, so you see a resend),
// and one span per webhook delivery, parenting the callback's own span.
//
//	cd knitotel && go run ./examples/otel-sync
//
// Spans are written by OpenTelemetry's stdout exporter, one JSON object per
// span as it ends. The two lines that instrument the SDK are marked below;
// everything else is the playground and the exporter.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/knitotel"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/webhook"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "otel-sync:", err)
		os.Exit(1)
	}
}

// run writes the spans to spans and a one-line summary to summary.
func run(ctx context.Context, spans, summary io.Writer) (err error) {
	exp, err := stdouttrace.New(stdouttrace.WithWriter(spans), stdouttrace.WithoutTimestamps())
	if err != nil {
		return err
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	defer func() { err = errors.Join(err, tp.Shutdown(context.Background())) }()
	otel.SetTracerProvider(tp) // knitotel uses the global providers by default
	tracer := tp.Tracer("otel-sync")

	srv := knittest.NewServer(knittest.WithSeed(1))
	defer srv.Close()
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "acme", Category: knit.CategoryHRIS})
	if err != nil {
		return err
	}

	// The receiver: each delivery gets a span; the callback's span is its child.
	var employees atomic.Int32
	process := func(ctx context.Context, ev *webhook.Event) error {
		_, span := tracer.Start(ctx, "store "+string(ev.EventType))
		defer span.End()
		// sync.events.processed and allConsumed carry the data type too:
		// only record events are employees.
		if ev.EventType.IsRecord() && ev.SyncDataType == hris.DataTypeEmployee {
			employees.Add(1)
		}
		return nil
	}
	handler := webhook.NewHandler([]string{srv.APIKey()}, process, knitotel.WebhookOption()) // line 1 of 2
	url, stop, err := serve(ctx, handler)
	if err != nil {
		return err
	}
	defer stop()
	if err := srv.SetWebhookURL(knit.CategoryHRIS, url); err != nil {
		return err
	}

	client, err := srv.Client(knitotel.ClientOption()) // line 2 of 2
	if err != nil {
		return err
	}
	srv.InjectRateLimit(1, 0)
	job, err := client.Integration(id).Sync.Start(ctx, &knit.SyncStartParams{
		DataType: hris.DataTypeEmployee,
		Models:   []string{hris.ModelEmployeeProfile},
	})
	if err != nil {
		return err
	}
	if err := srv.WaitForSync(ctx, job.SyncRunID); err != nil {
		return err
	}
	res, _ := srv.SyncResult(job.SyncRunID)
	_, err = fmt.Fprintf(summary, "sync run %s: %d events delivered, %d employees stored\n", job.SyncRunID, res.Delivered, employees.Load())
	return err
}

// serve runs h on a loopback port and returns its URL.
func serve(ctx context.Context, h http.Handler) (string, func(), error) {
	l, err := (&net.ListenConfig{}).Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = hs.Serve(l) }()
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(ctx)
	}
	return "http://" + l.Addr().String() + "/knit/webhook", stop, nil
}
