package knit

// Knit wire names of the account-level API, in one place so that a
// correction from Knit's docs or a live account is a one-line change. The
// category packages keep theirs in their own methods.go / wire.go.
const (
	// auth.createSession, documented by Knit
	// (https://developers.getknit.dev/reference/auth-session-creation-api).
	methodCreateSession = "auth.createSession"
	// magicLinkRequestKey is the body flag that asks auth.createSession for
	// a magic link. Knit documents that the API "will return a token or
	// magicLink" but not the flag's name: this one is the SDK's guess. So
	// is the response key, "magicLink", the json tag of
	// AuthSession.MagicLink.
	magicLinkRequestKey = "generateMagicLink"

	// Integration management: not in Knit's public docs; seen in a
	// third-party client calling Knit that says it checked them against
	// Knit's docs.
	methodIntegrationDetails    = "integration.details"
	methodIntegrationDeactivate = "integration.deactivate"

	// Syncs, documented by Knit
	// (https://developers.getknit.dev/reference/start-a-sync,
	// https://developers.getknit.dev/docs/custom-sync-any-api).
	methodSyncStart       = "sync.start"
	methodSyncCustomStart = "sync.custom.start"

	// Passthrough: seen in four independent third-party code bases calling
	// Knit; no Knit docs page for it is known.
	methodPassthrough = "passthrough"
)

// integrationDetailsQuery is the query of integration.details; the `url`
// tag is the wire name.
type integrationDetailsQuery struct {
	OriginOrgID string `url:"originOrgId"`
}
