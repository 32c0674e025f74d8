// Package logmask masks personal data nested inside the values you log with
// log/slog.
//
// The SDK's types that hold personal data (hris.Employee, hris.BankAccount,
// hris.Identification, hris.Payroll, webhook.Event, ...) mask themselves
// when printed with fmt and when logged as a value of their own
// (slog.LogValuer). But slog resolves LogValuer only for the value of an
// attribute itself: a []hris.Employee, a map or a struct of yours holding
// one is handed to the handler as is, and slog.NewJSONHandler marshals it
// with encoding/json, which prints every secret (encoding/json must stay
// complete, so that records can be stored). [ReplaceAttr] and [NewHandler]
// walk such containers and replace every nested slog.LogValuer with its
// masked value:
//
//	logger := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{
//		ReplaceAttr: logmask.ReplaceAttr,
//	}))
//	logger.Info("synced", "employees", employees) // []hris.Employee, masked
//
// or, around a handler you did not build yourself:
//
//	logger := slog.New(logmask.NewHandler(handler))
//
// A container without any slog.LogValuer inside is logged unchanged. One
// that has one is logged as plain maps and slices: struct fields under
// their JSON names, map keys as fmt prints them. Unexported struct fields
// cannot be inspected and are left out of a rewritten struct. Values
// nested deeper than 32 levels are replaced by "[REDACTED: too deep]".
package logmask

import (
	"context"
	"encoding"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
)

// maxDepth bounds the walk (and cuts reference cycles).
const maxDepth = 32

// tooDeep replaces values nested deeper than maxDepth.
const tooDeep = "[REDACTED: too deep]"

// ReplaceAttr is a slog.HandlerOptions.ReplaceAttr function that masks
// personal data nested in an attribute's value (see the package
// documentation). It leaves attributes without a nested slog.LogValuer
// unchanged. To combine it with a ReplaceAttr of your own, call it first:
//
//	ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
//		return mine(groups, logmask.ReplaceAttr(groups, a))
//	}
func ReplaceAttr(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() != slog.KindAny {
		return a
	}
	if v, changed := mask(reflect.ValueOf(a.Value.Any()), 0); changed {
		a.Value = slog.AnyValue(v)
	}
	return a
}

// NewHandler returns a handler that applies ReplaceAttr to every attribute
// (nested groups included) before passing the record to h.
func NewHandler(h slog.Handler) slog.Handler { return &handler{h: h} }

type handler struct{ h slog.Handler }

func (m *handler) Enabled(ctx context.Context, l slog.Level) bool { return m.h.Enabled(ctx, l) }

func (m *handler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(maskAttr(a, 0))
		return true
	})
	return m.h.Handle(ctx, out)
}

func (m *handler) WithAttrs(as []slog.Attr) slog.Handler {
	masked := make([]slog.Attr, len(as))
	for i, a := range as {
		masked[i] = maskAttr(a, 0)
	}
	return &handler{h: m.h.WithAttrs(masked)}
}

func (m *handler) WithGroup(name string) slog.Handler { return &handler{h: m.h.WithGroup(name)} }

func maskAttr(a slog.Attr, depth int) slog.Attr {
	a.Value = a.Value.Resolve()
	if a.Value.Kind() != slog.KindGroup {
		return ReplaceAttr(nil, a)
	}
	if depth >= maxDepth {
		return slog.String(a.Key, tooDeep)
	}
	group := a.Value.Group()
	out := make([]slog.Attr, len(group))
	for i, g := range group {
		out[i] = maskAttr(g, depth+1)
	}
	return slog.Attr{Key: a.Key, Value: slog.GroupValue(out...)}
}

var (
	logValuerType     = reflect.TypeFor[slog.LogValuer]()
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// mask returns a masked form of v and true when v holds a slog.LogValuer
// anywhere inside, or v's own value and false.
func mask(v reflect.Value, depth int) (any, bool) {
	if !v.IsValid() {
		return nil, false
	}
	if depth > maxDepth {
		return tooDeep, true
	}
	t := v.Type()
	if t.Implements(logValuerType) && v.CanInterface() {
		if (t.Kind() == reflect.Pointer || t.Kind() == reflect.Interface) && v.IsNil() {
			return nil, false
		}
		return valueToAny(slog.AnyValue(v.Interface()).Resolve(), depth+1), true
	}
	if t.Implements(jsonMarshalerType) || t.Implements(textMarshalerType) {
		return nil, false // a leaf that encodes itself (time.Time, json.RawMessage, decimals)
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil, false
		}
		return mask(v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil, false
		}
		var out []any
		for i := range v.Len() {
			m, changed := mask(v.Index(i), depth+1)
			if changed && out == nil {
				out = make([]any, v.Len())
				for j := range i {
					out[j] = iface(v.Index(j))
				}
			}
			if out != nil {
				if changed {
					out[i] = m
				} else {
					out[i] = iface(v.Index(i))
				}
			}
		}
		return out, out != nil
	case reflect.Map:
		var out map[string]any
		changedAny := false
		iter := v.MapRange()
		all := make(map[string]any, v.Len())
		for iter.Next() {
			k := fmt.Sprint(iface(iter.Key()))
			m, changed := mask(iter.Value(), depth+1)
			if changed {
				changedAny = true
				all[k] = m
			} else {
				all[k] = iface(iter.Value())
			}
		}
		if changedAny {
			out = all
		}
		return out, changedAny
	case reflect.Struct:
		changedAny := false
		out := make(map[string]any, t.NumField())
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, skip := jsonName(f)
			if skip {
				continue
			}
			m, changed := mask(v.Field(i), depth+1)
			if changed {
				changedAny = true
				out[name] = m
			} else {
				out[name] = iface(v.Field(i))
			}
		}
		if !changedAny {
			return nil, false
		}
		return out, true
	}
	return nil, false
}

// iface returns v as an interface value, or nil when it cannot be one.
func iface(v reflect.Value) any {
	if !v.IsValid() || !v.CanInterface() {
		return nil
	}
	return v.Interface()
}

// jsonName returns the name encoding/json would use for f.
func jsonName(f reflect.StructField) (string, bool) {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", true
	}
	if name, _, _ := strings.Cut(tag, ","); name != "" {
		return name, false
	}
	return f.Name, false
}

// valueToAny turns a resolved slog.Value into plain maps and values that
// both the JSON and the text handler print as they are.
func valueToAny(v slog.Value, depth int) any {
	switch v.Kind() {
	case slog.KindGroup:
		if depth > maxDepth {
			return tooDeep // a LogValuer whose value holds itself
		}
		out := make(map[string]any)
		for _, a := range v.Group() {
			val := a.Value.Resolve()
			if a.Key == "" && val.Kind() == slog.KindGroup {
				if inner, ok := valueToAny(val, depth+1).(map[string]any); ok {
					for k, x := range inner {
						out[k] = x
					}
				}
				continue
			}
			out[a.Key] = valueToAny(val, depth+1)
		}
		return out
	case slog.KindAny:
		x := v.Any()
		if m, changed := mask(reflect.ValueOf(x), depth+1); changed {
			return m
		}
		return x
	}
	return v.Any()
}
