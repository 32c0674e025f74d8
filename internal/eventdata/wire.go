package eventdata

import "reflect"

// A record type whose UnmarshalJSON reads keys the struct cannot hold
// (hris.Employee accepts "bankAccountDetails" for BankAccounts) costs
// encoding/json extra passes over the record: it finds the value's end,
// then the method unmarshals it again, validating it once more. For a
// record of tens of KiB that doubles the decode. The SDK's own decoders
// avoid it by decoding into a registered wire type, a struct without that
// method, and finishing the record from it.

// wire is one registered record type's wire form.
type wire struct {
	newTarget func() any
	finish    func(target any) (any, error)
}

// wires is written only by RegisterWire from package init functions, so
// reads need no lock.
var wires = map[reflect.Type]wire{}

// RegisterWire registers W as the wire form of T: newW returns a W ready to
// be decoded into and finish turns a decoded W into the T. Call it from
// the init function of T's package.
func RegisterWire[T, W any](newW func() *W, finish func(*W) (*T, error)) {
	wires[reflect.TypeFor[T]()] = wire{
		newTarget: func() any { return newW() },
		finish:    func(target any) (any, error) { return finish(target.(*W)) },
	}
}

// Target returns the value to decode a T's JSON into, in one pass of
// encoding/json, and the function that returns the decoded T. Without a
// registered wire form the target is a *T. When the JSON is null the
// target should be dropped, not finished.
func Target[T any]() (target any, finish func() (*T, error)) {
	w, ok := wires[reflect.TypeFor[T]()]
	if !ok {
		v := new(T)
		return v, func() (*T, error) { return v, nil }
	}
	t := w.newTarget()
	return t, func() (*T, error) {
		v, err := w.finish(t)
		if err != nil {
			return nil, err
		}
		return v.(*T), nil
	}
}
