package logmask_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/logmask"
)

// pin is a slog.LogValuer that masks itself.
type pin string

func (pin) LogValue() slog.Value { return slog.StringValue("[masked pin]") }

// nest wraps leaf in n levels of []any.
func nest(leaf any, n int) any {
	v := leaf
	for range n {
		v = []any{v}
	}
	return v
}

// replaced returns what ReplaceAttr makes of v, as the JSON handler prints it.
func replaced(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: logmask.ReplaceAttr})).Info("x", "v", v)
	return buf.String()
}

// TestDepthLimit: the walk stops at 32 levels. Each []any level is two steps
// of the walk (the slice and the interface element), so a LogValuer inside
// 16 slices sits at level 32 and is masked; one inside 17 is cut off as too
// deep, and so is one in a struct field inside 16 (level 33); either way
// the secret itself never shows.
func TestDepthLimit(t *testing.T) {
	t.Parallel()
	shallow := replaced(t, nest(pin("4242"), 16))
	assert.Contains(t, shallow, "[masked pin]")
	assert.NotContains(t, shallow, "too deep")
	assert.NotContains(t, shallow, "4242")

	deep := replaced(t, nest(pin("4242"), 17))
	assert.Contains(t, deep, "[REDACTED: too deep]")
	assert.NotContains(t, deep, "[masked pin]")
	assert.NotContains(t, deep, "4242")

	// A struct field is one step more: level 33, cut off.
	odd := replaced(t, nest(struct{ PIN pin }{"4242"}, 16))
	assert.Contains(t, odd, "[REDACTED: too deep]")
	assert.NotContains(t, odd, "[masked pin]")
}

// link is a self-referencing value with personal data in it.
type link struct {
	Name string `json:"name"`
	PIN  pin    `json:"pin"`
	Next *link  `json:"next"`
}

// TestSelfReferenceEnds: a cycle that holds a LogValuer is walked down to the
// depth limit and no further (without the limit it recurses until the stack
// overflows), and every level above the cut keeps its harmless fields.
func TestSelfReferenceEnds(t *testing.T) {
	t.Parallel()
	l := &link{Name: "loop", PIN: "4242"}
	l.Next = l
	out := replaced(t, l)
	assert.NotContains(t, out, "4242")
	assert.Contains(t, out, "[REDACTED: too deep]")
	// Every link is two steps (pointer, struct): 16 links fit in 32 levels.
	assert.Equal(t, 16, strings.Count(out, `"name":"loop"`), out)
	assert.Equal(t, 16, strings.Count(out, "[masked pin]"), out)
}

// TestGroupDepthLimit: groups nested past 32 levels are cut off, the ones
// above keep every attribute.
func TestGroupDepthLimit(t *testing.T) {
	t.Parallel()
	group := func(n int) slog.Attr {
		a := slog.Any("pin", pin("4242"))
		for i := range n {
			a = slog.Group("g", slog.Int("depth", n-i), a)
		}
		return a
	}
	var buf bytes.Buffer
	slog.New(logmask.NewHandler(slog.NewJSONHandler(&buf, nil))).Info("x", group(32))
	out := buf.String()
	assert.Contains(t, out, "[masked pin]", "32 groups deep is still walked")
	assert.NotContains(t, out, "too deep")
	assert.Equal(t, 32, strings.Count(out, `"depth"`))

	buf.Reset()
	slog.New(logmask.NewHandler(slog.NewJSONHandler(&buf, nil))).Info("x", group(33))
	out = buf.String()
	assert.NotContains(t, out, "4242")
	assert.NotContains(t, out, "[masked pin]")
	assert.Contains(t, out, `"g":"[REDACTED: too deep]"`)
	assert.Equal(t, 32, strings.Count(out, `"depth"`), "the 32 groups above the cut are kept")
}

// TestHarmlessFieldsInGroupsKept: masking one value inside groups (through
// NewHandler, With and ReplaceAttr) keeps every other attribute and field
// exactly as the handler alone prints it.
func TestHarmlessFieldsInGroupsKept(t *testing.T) {
	t.Parallel()
	type office struct {
		City  string `json:"city"`
		Floor int    `json:"floor"`
		PIN   pin    `json:"pin"`
		Note  string `json:"-"`
	}
	v := map[string]any{"office": office{City: "Pune", Floor: 3, PIN: "4242", Note: "hidden"}, "count": 2}
	log := func(h slog.Handler) {
		slog.New(h).With("req", "r-1").WithGroup("outer").Info("x",
			slog.Group("inner", slog.String("plain", "kept"), slog.Int("n", 7), slog.Any("v", v)))
	}
	var viaHandler, viaReplace bytes.Buffer
	log(logmask.NewHandler(slog.NewJSONHandler(&viaHandler, nil)))
	log(slog.NewJSONHandler(&viaReplace, &slog.HandlerOptions{ReplaceAttr: logmask.ReplaceAttr}))
	want := map[string]any{
		"req": "r-1",
		"outer": map[string]any{"inner": map[string]any{
			"plain": "kept", "n": float64(7),
			"v": map[string]any{
				"count":  float64(2),
				"office": map[string]any{"city": "Pune", "floor": float64(3), "pin": "[masked pin]"},
			},
		}},
	}
	for name, buf := range map[string]*bytes.Buffer{"NewHandler": &viaHandler, "ReplaceAttr": &viaReplace} {
		var got map[string]any
		require.NoError(t, json.Unmarshal(buf.Bytes(), &got), name)
		delete(got, "time")
		delete(got, "level")
		delete(got, "msg")
		assert.Equal(t, want, got, name)
	}
}

// mirror is a LogValuer whose value holds itself, as a parent whose masked
// form lists its children whose masked form names their parent.
type mirror struct{ name string }

func (m mirror) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", m.name), slog.Any("self", m))
}

// TestSelfReferencingLogValuerEnds: the values a LogValuer resolves to are
// walked under the same depth limit; before, this recursed until the stack
// overflowed, which no recover can catch.
func TestSelfReferencingLogValuerEnds(t *testing.T) {
	t.Parallel()
	out := replaced(t, []any{mirror{"m"}})
	assert.Contains(t, out, "[REDACTED: too deep]")
	assert.Equal(t, 30, strings.Count(out, `"name":"m"`), out) // levels 3 to 32

	var buf bytes.Buffer
	slog.New(logmask.NewHandler(slog.NewJSONHandler(&buf, nil))).Info("x", slog.Group("g", "v", map[string]any{"m": mirror{"m"}}))
	assert.Contains(t, buf.String(), "[REDACTED: too deep]")
}

// TestCyclicMapEnds: a map that holds itself and a LogValuer stops at the
// depth limit (each level is two steps: the map and its interface value).
func TestCyclicMapEnds(t *testing.T) {
	t.Parallel()
	m := map[string]any{"pin": pin("4242")}
	m["self"] = m
	out := replaced(t, m)
	assert.NotContains(t, out, "4242")
	assert.Contains(t, out, "[REDACTED: too deep]")
	assert.Equal(t, 16, strings.Count(out, "[masked pin]"), out)
}

// echo is a LogValuer whose value is a container holding itself.
type echo struct{}

func (e echo) LogValue() slog.Value { return slog.AnyValue([]any{"e", e}) }

// inline is a LogValuer whose group inlines another group (empty key), as
// slog.Group("", ...) does.
type inline struct{}

func (inline) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", "x"), slog.Group("", slog.String("inlined", "y"), slog.Any("pin", pin("4242"))))
}

// inlineLoop is a LogValuer whose inline group holds itself.
type inlineLoop struct{}

func (inlineLoop) LogValue() slog.Value {
	return slog.GroupValue(slog.String("k", "v"), slog.Group("", slog.Any("self", inlineLoop{})))
}

// TestResolvedValues: what a LogValuer resolves to is walked too: a
// container holding the LogValuer ends at the depth limit, and an inline
// group's attributes are merged into the parent, masked.
func TestResolvedValues(t *testing.T) {
	t.Parallel()
	out := replaced(t, echo{})
	assert.Contains(t, out, "[REDACTED: too deep]")
	// Levels: echo 0, its value 1, the slice 2, each element 3, the inner
	// echo 4, ...: one echo every four levels, the ninth's elements cut.
	assert.Equal(t, 8, strings.Count(out, `"e"`), out)

	out = replaced(t, []any{inlineLoop{}})
	assert.Contains(t, out, "[REDACTED: too deep]")
	assert.NotContains(t, out, `"":`, "the inline group is merged into its parent")

	out = replaced(t, []any{inline{}}) // slog resolves a LogValuer at the top itself
	assert.Contains(t, out, `"v":[{"id":"x","inlined":"y","pin":"[masked pin]"}]`)
	assert.NotContains(t, out, "4242")
}
