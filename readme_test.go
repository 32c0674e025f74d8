package knit_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// readmePrelude declares what README snippets take from their surroundings.
const readmePrelude = `package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"
	"time"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/ats"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/logmask"
	"github.com/knit-sdk/knit-go/webhook"
)

var (
	_ = slog.New
	_ = time.Second
	_ = logmask.ReplaceAttr
	_ = errors.Is
	_ = fmt.Sprint
	_ = json.Marshal
	_ = os.Getenv
	_ ats.Job
	_ hris.Employee
	_ webhook.Event
	_ = knit.NewClient
)

type employeeStore interface {
	SaveEmployee(ctx context.Context, integrationID string, t webhook.EventType, e *hris.Employee) error
	RemoveEmployee(ctx context.Context, integrationID, employeeID string) error
}

type integrationStore interface {
	SaveIntegration(ctx context.Context, originOrgID, integrationID string) error
}

func main() {}
`

// topLevelFunc finds a README block made of declarations.
var topLevelFunc = regexp.MustCompile(`(?m)^func [A-Za-z]`)

// TestReadmeSnippetsCompile builds every Go block of README.md, so the README
// cannot drift from the API.
//
// It runs the go command on a generated program, which rebuilds the SDK in
// a subprocess, so plain go test ./... skips it and .ci/run runs it with
// KNIT_CHECK_README=1.
func TestReadmeSnippetsCompile(t *testing.T) {
	if os.Getenv("KNIT_CHECK_README") != "1" {
		t.Skip("builds a program with the go command; set KNIT_CHECK_README=1 to run it (.ci/run does)")
	}
	t.Parallel()
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```go\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	require.NotEmpty(t, blocks)

	var src strings.Builder
	src.WriteString(readmePrelude)
	for i, b := range blocks {
		// A block of declarations (handlers, helpers) stays at top level.
		if strings.HasPrefix(strings.TrimLeft(b[1], "/ \n"), "func ") || topLevelFunc.MatchString(b[1]) {
			src.WriteString("\n" + b[1])
			continue
		}
		fmt.Fprintf(&src, "\nfunc snippet%d(ctx context.Context, w http.ResponseWriter, r *http.Request, apiKey string, store employeeStore) {\n", i)
		src.WriteString("\t_, _, _, _, _ = ctx, w, r, apiKey, store\n")
		// A snippet may use the client and integration handle that an
		// earlier snippet created.
		if !strings.Contains(b[1], "client, err :=") {
			src.WriteString("\tvar client *knit.Client\n\t_ = client\n")
		}
		if !strings.Contains(b[1], "in := ") {
			src.WriteString("\tvar in *knit.IntegrationClient\n\t_ = in\n")
		}
		src.WriteString(b[1])
		src.WriteString("\t_, _ = client, in\n}\n")
	}
	// Inside the module so the SDK resolves; "_" keeps it out of ./... .
	dir, err := os.MkdirTemp(".", "_readme_check_")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte(src.String()), 0o600))

	goBin, err := exec.LookPath("go")
	require.NoError(t, err, "the go command is needed to build the README snippets")
	out, err := exec.CommandContext(t.Context(), goBin, "vet", "./"+filepath.Base(dir)).CombinedOutput()
	require.NoError(t, err, "README snippets do not compile:\n%s\n--- generated source ---\n%s", out, src.String())
}
