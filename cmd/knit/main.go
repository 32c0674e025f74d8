// Command knit is the command-line tool of the Knit Go SDK: the playground
// (`knit mock`) as a server for any language, signed test deliveries
// (`knit trigger`), a verifying webhook listener (`knit listen`), replay,
// signing, the Knit API from a shell, and a PostgreSQL mirror of synced
// data (`knit mirror`). Run `knit --help`.
//
// Install it with
//
//	go install github.com/knit-sdk/knit-go/cmd/knit@latest
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
