package privacy

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMaskText(t *testing.T) {
	t.Parallel()
	assert.Empty(t, MaskText(""), "an empty value stays empty")
	assert.Equal(t, Redacted, MaskText("1990-04-01"))
}

func TestMaskNumber(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":             "",
		"1234567":      "****",     // 7: hidden entirely
		"12345678":     "****5678", // 8: the shortest that keeps 4
		"GB29NWBK6016": "****6016",
		"1234567äöüß":  "****äöüß", // the last 4 runes, not bytes
	} {
		assert.Equal(t, want, MaskNumber(in), "MaskNumber(%q)", in)
	}
}

func TestMaskEmail(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":                    "",
		"ann@example.com":     "****@example.com",
		"a@b@example.com":     "****@example.com", // the last @
		"@example.com":        "****@example.com", // @ first
		"not an address":      "****",
		"ann.lee@example.org": "****@example.org",
	} {
		assert.Equal(t, want, MaskEmail(in), "MaskEmail(%q)", in)
	}
}

func TestMaskRaw(t *testing.T) {
	t.Parallel()
	assert.Empty(t, MaskRaw(nil))
	assert.Empty(t, MaskRaw([]byte{}))
	assert.Equal(t, `"[REDACTED]"`, string(MaskRaw([]byte(`{"salary":100000}`))))
}

type view struct {
	Name  string
	Score int
}

type formatted view

func (v formatted) Format(f fmt.State, verb rune) { Format(f, verb, "pkg.Thing", view(v)) }

func TestFormat(t *testing.T) {
	t.Parallel()
	v := formatted{Name: "Ann", Score: 3}
	for verb, want := range map[string]string{
		"%v":  "{Ann 3}",
		"%+v": "{Name:Ann Score:3}",
		"%s":  "{Name:Ann Score:3}",
		"%#v": `pkg.Thing{Name:"Ann", Score:3}`,
		"%d":  "%!d(pkg.Thing)",
		"%q":  "%!q(pkg.Thing)",
	} {
		assert.Equal(t, want, fmt.Sprintf(verb, v), verb)
	}
}

func TestSlice(t *testing.T) {
	t.Parallel()
	assert.Nil(t, Slice[string](nil, MaskText))
	in := []string{"a", "", "c"}
	out := Slice(in, MaskText)
	assert.Equal(t, []string{Redacted, "", Redacted}, out)
	assert.Equal(t, []string{"a", "", "c"}, in, "the input is not changed")
	assert.NotNil(t, Slice([]string{}, MaskText), "empty stays empty, not nil")
}
