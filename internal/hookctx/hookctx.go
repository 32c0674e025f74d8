// Package hookctx holds the context key under which the transport publishes
// the attempt in flight, so that package hook can read it without the
// transport exporting a setter.
package hookctx

// AttemptKey is the context key of a *hook.Attempt.
type AttemptKey struct{}
