package knit_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/option"
)

// The aliases in errors.go list their fields so that `go doc knit.Error`
// shows them; a field added to apierror without a line here fails.
func TestErrorAliasDocsListEveryField(t *testing.T) {
	t.Parallel()
	f, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, parser.ParseComments)
	require.NoError(t, err)
	docs := map[string]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, s := range g.Specs {
			ts := s.(*ast.TypeSpec)
			docs[ts.Name.Name] = g.Doc.Text()
		}
	}
	for name, typ := range map[string]reflect.Type{
		"Error":      reflect.TypeFor[knit.Error](),
		"ParamError": reflect.TypeFor[knit.ParamError](),
		"Response":   reflect.TypeFor[knit.Response](),
	} {
		doc, ok := docs[name]
		require.True(t, ok, "errors.go declares %s", name)
		for i := range typ.NumField() {
			fld := typ.Field(i)
			if !fld.IsExported() {
				continue
			}
			typName := fld.Type.String()
			if fld.Type == reflect.TypeFor[[]byte]() {
				typName = "[]byte"
			}
			want := "- " + fld.Name + " " + typName
			assert.Contains(t, doc, want, "the doc of knit.%s lacks it", name)
		}
	}
}

func TestNewClientRefusesResponseInto(t *testing.T) {
	t.Parallel()
	var resp knit.Response
	_, err := knit.NewClient("k", option.WithResponseInto(&resp))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "option.WithResponseInto is a per-call option")
}
