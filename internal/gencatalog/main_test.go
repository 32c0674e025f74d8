package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The package guides' tables of Knit methods are what gencatalog makes of
// the //knit:operation lines.
func TestGuidesAreGenerated(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	if err := run(filepath.Join("..", ".."), false, &out); err != nil {
		t.Fatalf("%s%v", out.String(), err)
	}
}

// A new method's directive becomes a row of its service, next to the
// service's other rows; a stale guide is reported with the command.
func TestGenerateAddsARow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, p := range packages {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, p.dir), 0o750))
		require.NoError(t, os.WriteFile(filepath.Join(dir, p.dir, "doc.go"), []byte("// Each method calls one Knit method:\n//\n//\told\n//\n// More.\npackage x\n"), 0o600))
	}
	src := `package x

type Client struct {
	Leave *LeaveService
	Payroll *PayrollService
}

//knit:operation GET hr.employees.payroll.get documented
func (s *PayrollService) Get() {}

//knit:operation GET hr.employees.leave.balance documented
func (s *LeaveService) Balances() {}

//knit:operation POST hr.employees.leave.create documented
func (s *LeaveService) Create() {}
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "hris", "x.go"), []byte(src), 0o600))
	// The other packages need one method each.
	for _, p := range []string{".", "ats", "accounting"} {
		one := "package x\n\ntype Client struct{ S *S }\n\n//knit:operation GET a.b observed\nfunc (s *S) M() {}\n"
		require.NoError(t, os.WriteFile(filepath.Join(dir, p, "x.go"), []byte(one), 0o600))
	}

	var out strings.Builder
	require.Error(t, run(dir, false, &out))
	assert.Contains(t, out.String(), "run go generate .")

	require.NoError(t, run(dir, true, &out))
	got, err := os.ReadFile(filepath.Join(dir, "hris", "doc.go"))
	require.NoError(t, err)
	assert.Equal(t, "// Each method calls one Knit method:\n//\n"+
		"//\tin.HRIS.Leave.Balances  GET  hr.employees.leave.balance\n"+
		"//\tin.HRIS.Leave.Create    POST hr.employees.leave.create\n"+
		"//\tin.HRIS.Payroll.Get     GET  hr.employees.payroll.get\n"+
		"//\n// More.\npackage x\n", string(got))
	got, err = os.ReadFile(filepath.Join(dir, "doc.go"))
	require.NoError(t, err)
	assert.Contains(t, string(got), "//\tS.M  GET  a.b\n", "root methods are named by receiver type")
	require.NoError(t, run(dir, false, &out), "up to date after -w")
}
